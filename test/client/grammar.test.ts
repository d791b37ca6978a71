import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';

import { KEYS, lookupKey } from '../../server/src/core/keys';
import { zkVersion } from '../../server/src/core/version';
import { compileRegex, type Grammar, grammarRegexes, loadGrammar, type Token, Tokenizer } from './textmate';

const zoocfg = loadGrammar('zoocfg.tmLanguage.json');
const myid = loadGrammar('myid.tmLanguage.json');

function tokenize(grammar: Grammar, ...lines: string[]): Token[][] {
  return new Tokenizer(grammar).tokenizeLines(lines);
}

/** The innermost scope of the first token whose text is `text`. */
function scopeOf(tokens: readonly Token[], text: string): string {
  const token = tokens.find((candidate) => candidate.text === text);
  assert.ok(token, `no token ${JSON.stringify(text)} in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return token.scopes[token.scopes.length - 1];
}

function tokensOfLine(grammar: Grammar, line: string): Token[] {
  return tokenize(grammar, line)[0];
}

describe('grammars compile as JavaScript regexes', () => {
  for (const [file, grammar] of [['zoocfg', zoocfg], ['myid', myid]] as const) {
    for (const { where, source } of grammarRegexes(grammar)) {
      it(`${file} ${where}`, () => {
        assert.doesNotThrow(() => compileRegex(source));
      });
    }
  }

  it('rejects Oniguruma-only syntax', () => {
    assert.throws(() => compileRegex('\\Gfoo'));
    assert.throws(() => compileRegex('(?i:foo)'));
    assert.throws(() => compileRegex('(?>foo)'));
  });
});

describe('zoocfg grammar', () => {
  it('splits a server line into id, host, ports, role and client part', () => {
    const tokens = tokensOfLine(zoocfg, 'server.1=10.0.0.1:2888:3888:observer;2181');
    assert.deepEqual(
      tokens.map((token) => [token.text, token.scopes[token.scopes.length - 1]]),
      [
        ['server', 'support.type.property-name.zoocfg'],
        ['.', 'punctuation.separator.dot.zoocfg'],
        ['1', 'constant.numeric.server-id.zoocfg'],
        ['=', 'punctuation.separator.key-value.zoocfg'],
        ['10.0.0.1', 'entity.name.host.zoocfg'],
        [':', 'punctuation.separator.port.zoocfg'],
        ['2888', 'constant.numeric.port.zoocfg'],
        [':', 'punctuation.separator.port.zoocfg'],
        ['3888', 'constant.numeric.port.zoocfg'],
        [':', 'punctuation.separator.role.zoocfg'],
        ['observer', 'keyword.other.role.zoocfg'],
        [';', 'punctuation.separator.client.zoocfg'],
        ['2181', 'constant.numeric.port.zoocfg'],
      ],
    );
    assert.ok(tokens.every((token) => token.scopes.includes('meta.property.server.zoocfg')));
  });

  it('reads bracketed IPv6 hosts, a client host and multiple addresses', () => {
    const ipv6 = tokensOfLine(zoocfg, 'server.2=[2001:db8::1]:2888:3888;[::1]:2181');
    assert.equal(scopeOf(ipv6, '['), 'punctuation.definition.ipv6.begin.zoocfg');
    assert.equal(scopeOf(ipv6, '2001:db8::1'), 'entity.name.host.ipv6.zoocfg');
    assert.equal(scopeOf(ipv6, '::1'), 'entity.name.host.ipv6.zoocfg');
    assert.equal(scopeOf(ipv6, '2181'), 'constant.numeric.port.zoocfg');

    const multi = tokensOfLine(zoocfg, 'server.3=zoo3-net1:2888:3888|zoo3-net2:2889:3889;0.0.0.0:2181');
    assert.equal(scopeOf(multi, '|'), 'punctuation.separator.address.zoocfg');
    assert.equal(scopeOf(multi, 'zoo3-net2'), 'entity.name.host.zoocfg');
    assert.equal(scopeOf(multi, '0.0.0.0'), 'entity.name.host.zoocfg');
    assert.equal(scopeOf(multi, '3889'), 'constant.numeric.port.zoocfg');
  });

  it('accepts roles in any case and flags other roles and non-numeric ports', () => {
    assert.equal(scopeOf(tokensOfLine(zoocfg, 'server.4=zoo4:2888:3888:Participant'), 'Participant'), 'keyword.other.role.zoocfg');
    assert.equal(scopeOf(tokensOfLine(zoocfg, 'server.4=zoo4:2888:3888:leader'), 'leader'), 'invalid.illegal.role.zoocfg');
    assert.equal(scopeOf(tokensOfLine(zoocfg, 'server.4=zoo4:quorum:3888'), 'quorum'), 'invalid.illegal.port.zoocfg');
  });

  it('treats # and ! as comments only at the start of a line', () => {
    assert.equal(scopeOf(tokensOfLine(zoocfg, '# comment'), ' comment'), 'comment.line.number-sign.zoocfg');
    assert.equal(scopeOf(tokensOfLine(zoocfg, '# comment'), '#'), 'punctuation.definition.comment.zoocfg');
    assert.equal(scopeOf(tokensOfLine(zoocfg, '  !tickTime=1'), 'tickTime=1'), 'comment.line.exclamation.zoocfg');
    assert.equal(scopeOf(tokensOfLine(zoocfg, '#server.1=zoo1:2888:3888'), 'server.1=zoo1:2888:3888'), 'comment.line.number-sign.zoocfg');
  });

  it('scopes known keys, unknown keys, separators and values', () => {
    const tickTime = tokensOfLine(zoocfg, 'tickTime=2000');
    assert.equal(scopeOf(tickTime, 'tickTime'), 'support.type.property-name.zoocfg');
    assert.equal(scopeOf(tickTime, '2000'), 'constant.numeric.zoocfg');

    assert.equal(scopeOf(tokensOfLine(zoocfg, 'ticktime=2000'), 'ticktime'), 'variable.other.property.zoocfg');

    assert.equal(scopeOf(tokensOfLine(zoocfg, 'clientPort:2181'), ':'), 'punctuation.separator.key-value.zoocfg');
    const blankSeparated = tokensOfLine(zoocfg, 'clientPort   2181');
    assert.equal(scopeOf(blankSeparated, 'clientPort'), 'support.type.property-name.zoocfg');
    assert.equal(scopeOf(blankSeparated, '2181'), 'constant.numeric.zoocfg');

    assert.equal(scopeOf(tokensOfLine(zoocfg, 'reconfigEnabled=True'), 'True'), 'constant.language.boolean.zoocfg');
    const path = tokensOfLine(zoocfg, 'dataDir=/opt/zookeeper-3.4.9/data');
    assert.equal(scopeOf(path, '/opt/zookeeper-3.4.9/data'), 'meta.property.zoocfg');
  });

  it('flags a trailing # comment after a value', () => {
    const clientPort = tokensOfLine(zoocfg, 'clientPort=2181 # client');
    assert.equal(scopeOf(clientPort, '2181'), 'constant.numeric.zoocfg');
    assert.equal(scopeOf(clientPort, '# client'), 'invalid.illegal.inline-comment.zoocfg');

    const server = tokensOfLine(zoocfg, 'server.1=zoo1:2888:3888 # old host');
    assert.equal(scopeOf(server, '# old host'), 'invalid.illegal.inline-comment.zoocfg');

    const glued = tokensOfLine(zoocfg, 'ssl.keyStore.password=se#cret');
    assert.ok(glued.every((token) => !token.scopes.some((scope) => scope.startsWith('invalid.'))));
  });

  it('continues a value on the next line after a trailing backslash', () => {
    const [first, second] = tokenize(zoocfg, '4lw.commands.whitelist=srvr,\\', '  mntr');
    assert.equal(scopeOf(first, '\\'), 'constant.character.escape.line-continuation.zoocfg');
    assert.equal(scopeOf(second, '  mntr'), 'meta.property.zoocfg');

    const [, afterComment] = tokenize(zoocfg, '# a comment does not continue \\', 'tickTime=2000');
    assert.equal(scopeOf(afterComment, 'tickTime'), 'support.type.property-name.zoocfg');
  });
});

describe('zoocfg grammar knows the keys the server knows', () => {
  const knownKeyScope = 'support.type.property-name.zoocfg';
  const keyScope = (key: string): string => scopeOf(tokensOfLine(zoocfg, `${key}=1`), key);
  /** Known in at least one ZooKeeper version: the grammar does not depend on the configured version. */
  const serverKnows = (key: string): boolean => ['known', 'not-in-version'].includes(lookupKey(key, zkVersion('3.8')).kind);
  const familyExamples: Record<string, string> = {
    'group.N': 'group.1',
    'weight.N': 'weight.2',
    'authProvider.N': 'authProvider.sasl',
    'metricsProvider.*': 'metricsProvider.custom',
  };

  it('scopes every key of the server key table as known', () => {
    for (const { key } of KEYS) {
      if (key === 'server.N') continue; // has its own rule, tested above
      assert.equal(keyScope(familyExamples[key] ?? key), knownKeyScope, key);
    }
  });

  it('knows no key the server does not', () => {
    const begin = zoocfg.repository?.['known-property'].begin ?? '';
    const alternation = /^\^\[ \\t\\f\]\*\((.*)\)\(\?!/.exec(begin)?.[1];
    assert.ok(alternation, `unexpected known-property begin: ${begin}`);
    const alternatives = alternation.split('|');
    assert.ok(alternatives.length > 100);
    for (const alternative of alternatives) {
      // Families become an example member; literal keys only have their dots escaped.
      const key = alternative.replace('[+-]?\\d+', '7').replace('[^\\s=:\\\\]+', 'custom').replaceAll('\\.', '.');
      assert.match(key, /^[\w.\-]+$/, `alternative ${alternative} is neither a key nor a known family`);
      assert.ok(serverKnows(key), `the grammar highlights ${key} as known but the server does not know it`);
    }
  });

  it('scopes keys that do nothing in zoo.cfg as unknown, like the server', () => {
    for (const key of ['ticktime', 'zookeeper.snapCount', 'jute.maxbuffer', 'connectionMaxTokens', 'clientPortX', 'server.x', 'group.a']) {
      assert.ok(!serverKnows(key), key);
      assert.equal(keyScope(key), 'variable.other.property.zoocfg', key);
    }
  });
});

describe('myid grammar', () => {
  it('scopes the server id on the first line and marks anything else on it invalid', () => {
    assert.equal(scopeOf(tokensOfLine(myid, '1'), '1'), 'constant.numeric.server-id.zookeeper-myid');
    const trailingBlank = tokensOfLine(myid, '12 ');
    assert.equal(scopeOf(trailingBlank, '12'), 'constant.numeric.server-id.zookeeper-myid');
    assert.equal(scopeOf(trailingBlank, ' '), 'invalid.illegal.not-a-number.zookeeper-myid');
    assert.equal(scopeOf(tokensOfLine(myid, ' 1'), ' 1'), 'invalid.illegal.not-a-number.zookeeper-myid');
    assert.equal(scopeOf(tokensOfLine(myid, 'one'), 'one'), 'invalid.illegal.not-a-number.zookeeper-myid');
  });

  it('dims the lines ZooKeeper never reads', () => {
    const [, second] = tokenize(myid, '1', '2');
    assert.equal(scopeOf(second, '2'), 'comment.block.ignored.zookeeper-myid');
  });
});
