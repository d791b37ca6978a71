import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';

import { type CompletionItem, completionsAt } from '../../server/src/core/completion';
import { completableKeys } from '../../server/src/core/keys';
import { readProperties } from '../../server/src/core/properties';
import { zkVersion } from '../../server/src/core/version';
import { atCursor, rangeOfText } from '../lsp/cursor';

function complete(marked: string, version = '3.8', fileKind: 'zoocfg' | 'dynamic' = 'zoocfg'): { items: CompletionItem[]; text: string } {
  const { text, position } = atCursor(marked);
  return { items: completionsAt(readProperties(text), position, zkVersion(version), fileKind), text };
}

function item(items: readonly CompletionItem[], label: string): CompletionItem {
  const found = items.find((candidate) => candidate.label === label);
  assert.ok(found, `no item ${label} among ${items.map((i) => i.label).join(', ')}`);
  return found;
}

/** Compares only the fields `expected` names. */
function assertFields(actual: CompletionItem, expected: Partial<CompletionItem>): void {
  const picked = Object.fromEntries(Object.keys(expected).map((key) => [key, actual[key as keyof CompletionItem]]));
  assert.deepEqual(picked, expected);
}

const labels = (items: readonly CompletionItem[]) => items.map((i) => i.label);
const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });

describe('completionsAt: keys', () => {
  it('offers every key of the version and the next server on a blank line', () => {
    const { items } = complete('¦');
    const expected = [...completableKeys(zkVersion('3.8')).map((info) => info.key), 'server.1'];
    assert.deepEqual(labels(items).sort(), expected.sort());
    assertFields(item(items, 'initLimit'), { kind: 'key', insertText: 'initLimit=', replace: at(0, 0) });
    assert.match(item(items, 'initLimit').documentation ?? '', /\*\*initLimit\*\* \(int\)/);
  });

  it('leaves out keys already set', () => {
    const { items } = complete('tickTime=2000\ninitLimit=10\n¦\n');
    assert.ok(!labels(items).includes('tickTime'));
    assert.ok(!labels(items).includes('initLimit'));
    assert.ok(labels(items).includes('syncLimit'));
  });

  it('leaves out keys of other versions', () => {
    const { items } = complete('¦', '3.5');
    assert.ok(!labels(items).includes('oraclePath'));
    assert.ok(labels(items).includes('dynamicConfigFile'));
  });

  const SERVERS: readonly (readonly [name: string, marked: string, version: string, snippet: string])[] = [
    ['the first server', '¦', '3.8', 'server.1=${1:zoo1}:${2:2888}:${3:3888};${4:2181}'],
    ['after the highest id, gaps left alone', 'server.1=a:1:2\nserver.3=b:1:2\n¦', '3.8', 'server.4=${1:zoo4}:${2:2888}:${3:3888};${4:2181}'],
    ['without a client part on 3.4', 'server.1=a:1:2\n¦', '3.4', 'server.2=${1:zoo2}:${2:2888}:${3:3888}'],
  ];
  for (const [name, marked, version, snippet] of SERVERS) {
    it(`offers a server.N snippet: ${name}`, () => {
      const server = complete(marked, version).items.find((i) => i.label.startsWith('server.'));
      assert.equal(server?.kind, 'snippet');
      assert.equal(server?.insertText, snippet);
    });
  }

  it('replaces the key typed so far and adds the separator when nothing follows', () => {
    const { items, text } = complete('tickTime=2000\ninitL¦');
    assertFields(item(items, 'initLimit'), { insertText: 'initLimit=', replace: rangeOfText(text, 'initL') });
  });

  it('offers the key being edited even though it is "set" by that very line', () => {
    const { items } = complete('tick¦Time=2000\n');
    assert.equal(item(items, 'tickTime').insertText, 'tickTime');
  });

  it('adds no separator when a value follows, and offers server.N as a plain key', () => {
    const { items, text } = complete('server.1=a:1:2\nser¦ver.9=zoo2:2888:3888\n');
    assertFields(item(items, 'server.2'), { kind: 'key', insertText: 'server.2', replace: rangeOfText(text, 'server.9') });
  });

  it('offers only server.N in a dynamic file', () => {
    assert.deepEqual(labels(complete('server.1=a:1:2\n¦', '3.8', 'dynamic').items), ['server.2']);
  });
});

describe('completionsAt: values', () => {
  const VALUES: readonly (readonly [name: string, marked: string, expected: readonly string[]])[] = [
    ['enum values', 'peerType=¦', ['observer', 'participant']],
    ['strict booleans', 'sslQuorum=¦', ['true', 'false']],
    ['Boolean.parseBoolean booleans', 'metricsProvider.exportJvmInfo=¦', ['true', 'false']],
    ['yes/no system properties', 'forceSync=¦', ['yes', 'no']],
    ['the default of other keys', 'tickTime=¦', ['3000']],
    ['values after a blank separator', 'peerType ¦', ['observer', 'participant']],
    ['nothing for a key without default', 'dataDir=¦', []],
    ['nothing for an unknown key', 'tickTim=¦', []],
  ];
  for (const [name, marked, expected] of VALUES) {
    it(name, () => {
      assert.deepEqual(labels(complete(marked).items), expected);
    });
  }

  it('marks the default and replaces the whole value', () => {
    const { items, text } = complete('peerType=obs¦erv\n');
    assert.deepEqual(item(items, 'participant'), { label: 'participant', kind: 'value', detail: 'default', insertText: 'participant', replace: rangeOfText(text, 'observ') });
    assert.equal(item(items, 'observer').detail, undefined);
  });

  it('offers a server value snippet for its id', () => {
    const { items } = complete('server.2=¦');
    assert.deepEqual(items.map((i) => [i.kind, i.insertText]), [['snippet', '${1:zoo2}:${2:2888}:${3:3888};${4:2181}']]);
  });
});

describe('completionsAt: nothing', () => {
  const NOTHING: readonly (readonly [name: string, marked: string])[] = [
    ['in a comment', '# tick¦'],
    ['between a key and its separator', 'tickTime ¦= 2000'],
    ['in front of a key', ' ¦ tickTime=2000'],
  ];
  for (const [name, marked] of NOTHING) {
    it(name, () => {
      assert.deepEqual(complete(marked).items, []);
    });
  }
});
