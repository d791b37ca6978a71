import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';

import { hoverAt } from '../../server/src/core/hover';
import { readProperties } from '../../server/src/core/properties';
import { zkVersion } from '../../server/src/core/version';
import { atCursor, rangeOfText } from '../lsp/cursor';

interface HoverCase {
  readonly name: string;
  /** The file, with ¦ where the mouse is. */
  readonly text: string;
  readonly version?: string;
  /** Each must appear in the markdown. */
  readonly shows: readonly string[];
  /** The text the hover range must cover (first occurrence in the file). */
  readonly covers: string;
}

const HOVERS: readonly HoverCase[] = [
  {
    name: 'a known key shows its type, default, range, versions and rule-book section',
    text: 'tick¦Time=2000\n',
    shows: ['**tickTime** (int)', 'Basic time unit', 'Default: `3000`', 'Range: 1 to 2147483647', 'ZooKeeper 3.0.0 and later', 'Read by QuorumPeerConfig', 'Rule book §1.1'],
    covers: 'tickTime',
  },
  {
    name: 'an enum key lists its values',
    text: 'peer¦Type=observer\n',
    shows: ['Values: `observer`, `participant`', 'Default: `participant`'],
    covers: 'peerType',
  },
  {
    name: 'a yes/no system property says so',
    text: '¦forceSync=no\n',
    shows: ['Accepts: `yes` or `no`', 'system property `zookeeper.forceSync`'],
    covers: 'forceSync',
  },
  {
    name: 'strict booleans depend on the version: lenient before 3.7',
    text: 'sslQuo¦rum=true\n',
    version: '3.6',
    shows: ['any other value silently means `false` (before 3.7)'],
    covers: 'sslQuorum',
  },
  {
    name: 'strict booleans depend on the version: refused from 3.7',
    text: 'sslQuo¦rum=true\n',
    version: '3.8',
    shows: ['anything else stops the server (3.7+)'],
    covers: 'sslQuorum',
  },
  {
    name: 'a typo is called unknown, with the suggestion',
    text: '# comment\ntick¦Tim=2000\n',
    shows: ['Unknown key `tickTim`', 'Did you mean `tickTime`?'],
    covers: 'tickTim',
  },
  {
    name: 'a documented name that does nothing names its replacement',
    text: 'connection¦MaxTokens=10\n',
    shows: ['has no effect in zoo.cfg', 'Write `connection_throttle_tokens` instead.'],
    covers: 'connectionMaxTokens',
  },
  {
    name: 'a zookeeper.-prefixed key says what to write',
    text: 'zookeeper.super¦User=admin\n',
    shows: ['sets `zookeeper.zookeeper.superUser`', 'Write `superUser`.'],
    covers: 'zookeeper.superUser',
  },
  {
    name: 'a key of a later version says it is ignored',
    text: 'oracle¦Path=/data/oracle\n',
    version: '3.6',
    shows: ['ZooKeeper 3.6 does not read `oraclePath`', 'since 3.8.0', '**oraclePath** (path)'],
    covers: 'oraclePath',
  },
  {
    name: 'a server.N key shows the grammar of the version',
    text: 'ser¦ver.1=zoo1:2888:3888;2181\n',
    version: '3.8',
    shows: ['**server.N**', 'ZooKeeper 3.8: `server.N=host:quorumPort:electionPort[:participant|observer][|host:quorumPort:electionPort[:participant|observer]…][;[clientHost:]clientPort]`', 'multiAddress.enabled'],
    covers: 'server.1',
  },
  {
    name: 'on 3.4 the grammar has no client part',
    text: 'ser¦ver.1=zoo1:2888:3888\n',
    version: '3.4',
    shows: ['ZooKeeper 3.4: `server.N=host:quorumPort[:electionPort[:participant|observer]]`', 'set `clientPort` instead'],
    covers: 'server.1',
  },
  {
    name: 'master (3.10) adds the secure client part',
    text: 'ser¦ver.1=zoo1:2888:3888;2181;2281\n',
    version: '3.10',
    shows: ['[;[secureClientHost:]secureClientPort]'],
    covers: 'server.1',
  },
  {
    name: 'a non-numeric server id is explained',
    text: 'server.o¦ne=zoo1:2888:3888\n',
    shows: ['must be a number'],
    covers: 'server.one',
  },
  { name: 'server value: the host', text: 'server.1=zo¦o1:2888:3888;2181\n', shows: ['**host** of `server.1`', 'ZooKeeper 3.8: `server.N='], covers: 'zoo1' },
  { name: 'server value: the quorum port', text: 'server.1=zoo1:28¦88:3888;2181\n', shows: ['**quorum port**'], covers: '2888' },
  { name: 'server value: the election port', text: 'server.1=zoo1:2888:¦3888;2181\n', shows: ['**election port**'], covers: '3888' },
  { name: 'server value: the role', text: 'server.1=zoo1:2888:3888:obs¦erver;2181\n', shows: ['**role**'], covers: 'observer' },
  { name: 'server value: the client port', text: 'server.1=zoo1:2888:3888;21¦81\n', shows: ['**client port**'], covers: '2181' },
  { name: 'server value: the client host', text: 'server.1=zoo1:2888:3888;0.0.¦0.0:2181\n', shows: ['**client host**'], covers: '0.0.0.0' },
  { name: 'server value: a bracketed IPv6 host is one part', text: 'server.1=[::¦1]:2888:3888\n', shows: ['**host**'], covers: '[::1]' },
  { name: 'server value: the second of several addresses', text: 'server.2=a:1:2|b¦b:3:4;2181\n', shows: ['**host**'], covers: 'bb' },
  {
    name: 'server value: a client part on 3.4 is refused',
    text: 'server.1=zoo1:2888:3888;21¦81\n',
    version: '3.4',
    shows: ['**extra part**', 'ZooKeeper 3.4 does not accept'],
    covers: '2181',
  },
  { name: 'server value: a fifth field is extra', text: 'server.1=zoo1:2888:3888:observer:x¦x\n', shows: ['**extra field**'], covers: 'xx' },
  { name: 'server value across a continuation line', text: 'server.1=zoo1:2888:\\\n    38¦88\n', shows: ['**election port**'], covers: '3888' },
];

describe('hoverAt', () => {
  for (const c of HOVERS) {
    it(c.name, () => {
      const { text, position } = atCursor(c.text);
      const hover = hoverAt(readProperties(text), position, zkVersion(c.version ?? '3.8'));
      assert.ok(hover, 'expected a hover');
      for (const expected of c.shows) assert.ok(hover.markdown.includes(expected), `missing ${JSON.stringify(expected)} in:\n${hover.markdown}`);
      assert.deepEqual(hover.range, rangeOfText(text, c.covers));
    });
  }

  const NOTHING: readonly (readonly [name: string, text: string])[] = [
    ['a comment', '# tick¦Time=2000\n'],
    ['a blank line', 'tickTime=2000\n¦\n'],
    ["an ordinary key's value", 'tickTime=20¦00\n'],
    ['a binary file', 'tick¦Time\u0000=1\n'],
  ];
  for (const [name, marked] of NOTHING) {
    it(`shows nothing on ${name}`, () => {
      const { text, position } = atCursor(marked);
      assert.equal(hoverAt(readProperties(text), position, zkVersion('3.8')), undefined);
    });
  }
});
