import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import type { EnsembleSummary, NodeSummary } from '../../server/src/core/summary';
import { checkEnsembles, judgeEnsemble } from '../../server/src/status/check';
import { probeNode, StatusProber } from '../../server/src/status/probe';
import type { NodeStatus } from '../../server/src/status/types';
import { closedPort, type FakeNode, fakeNode, fixture, SRVR_NOT_WHITELISTED } from './fixtures';

const started: FakeNode[] = [];
after(async () => {
  await Promise.all(started.map((node) => node.close()));
});

async function node(answers: Readonly<Record<string, string>> | 'silent', delayMs = 0): Promise<FakeNode> {
  const fake = await fakeNode(answers, delayMs);
  started.push(fake);
  return fake;
}

describe('probeNode over TCP (fake nodes on loopback answering real ZooKeeper text)', () => {
  it('a leader: srvr, then mntr, one after the other', async () => {
    const leader = await node({ srvr: fixture('srvr-leader.txt'), mntr: fixture('mntr-leader.txt') });
    const result = await probeNode('127.0.0.1', leader.port, { timeoutMs: 2000 });
    assert.equal(result.state, 'leader');
    assert.equal(result.zxid, '0x100000000');
    assert.equal(result.mntr?.zk_synced_followers, '2');
    assert.deepEqual(leader.received, ['srvr', 'mntr']);
    assert.equal(leader.maxConcurrent(), 1);
  });

  it('mntr refused (not whitelisted): the srvr figures stay, mntr is null', async () => {
    const solo = await node({ srvr: fixture('srvr-standalone.txt'), mntr: fixture('mntr-not-whitelisted.txt') });
    const result = await probeNode('127.0.0.1', solo.port, { timeoutMs: 2000 });
    assert.deepEqual([result.state, result.mntr, result.connections], ['standalone', null, 1]);
  });

  it('not serving: mntr is not asked', async () => {
    const lonely = await node({ srvr: fixture('srvr-not-serving.txt') });
    const result = await probeNode('127.0.0.1', lonely.port, { timeoutMs: 2000 });
    assert.equal(result.state, 'not serving');
    assert.deepEqual(lonely.received, ['srvr']);
  });

  it('srvr refused: not whitelisted', async () => {
    const strict = await node({ srvr: SRVR_NOT_WHITELISTED });
    assert.equal((await probeNode('127.0.0.1', strict.port, { timeoutMs: 2000 })).state, 'not whitelisted');
  });

  it('connection refused: unreachable, saying so', async () => {
    const port = await closedPort();
    const result = await probeNode('127.0.0.1', port, { timeoutMs: 2000 });
    assert.equal(result.state, 'unreachable');
    assert.match(String(result.detail), /connection refused/);
  });

  it('no answer within the timeout: unreachable, in about the timeout', async () => {
    const silent = await node('silent');
    const begun = Date.now();
    const result = await probeNode('127.0.0.1', silent.port, { timeoutMs: 300 });
    assert.equal(result.state, 'unreachable');
    assert.match(String(result.detail), /no answer within 300 ms/);
    assert.ok(Date.now() - begun < 2000);
  });

  it('a host that does not resolve: unreachable', async () => {
    const result = await probeNode('zk-ensemble-no-such-host.invalid', 2181, { timeoutMs: 3000 });
    assert.equal(result.state, 'unreachable');
  });

  it('StatusProber: one probe per address at a time, shared by overlapping callers', async () => {
    const slow = await node({ srvr: fixture('srvr-follower.txt'), mntr: fixture('mntr-follower.txt') }, 150);
    const prober = new StatusProber();
    const results = await Promise.all([1, 2, 3, 4].map(() => prober.probe('127.0.0.1', slow.port, { timeoutMs: 3000 })));
    assert.ok(results.every((r) => r.state === 'follower'));
    assert.deepEqual(slow.received, ['srvr', 'mntr']);
    assert.equal(slow.maxConcurrent(), 1);
    // Once done, a new probe asks again.
    await prober.probe('127.0.0.1', slow.port, { timeoutMs: 3000 });
    assert.deepEqual(slow.received, ['srvr', 'mntr', 'srvr', 'mntr']);
  });
});

function summaryNode(id: number, port: number | null, host: string | null = '127.0.0.1'): NodeSummary {
  return { key: `/ws/node${id}/zoo.cfg`, id, label: `node${id}`, host, clientPort: port, quorumPort: 2888, electionPort: 3888, role: 'participant', version: '3.8', files: [`/ws/node${id}/zoo.cfg`] };
}

describe('checkEnsembles', () => {
  it('asks each address of the summaries once, and judges each ensemble', async () => {
    const leader = await node({ srvr: fixture('srvr-leader.txt'), mntr: fixture('mntr-leader.txt') });
    const follower = await node({ srvr: fixture('srvr-follower.txt'), mntr: fixture('mntr-follower.txt') });
    const down = await closedPort();
    const ensembles: EnsembleSummary[] = [
      { key: 'a', name: 'healthy', participants: 3, faultTolerance: 1, nodes: [summaryNode(1, follower.port), summaryNode(2, follower.port), summaryNode(3, leader.port)] },
      { key: 'b', name: 'broken', participants: 3, faultTolerance: 1, nodes: [summaryNode(1, leader.port), summaryNode(2, down), summaryNode(3, null)] },
    ];
    const report = await checkEnsembles(ensembles, new StatusProber(), { timeoutMs: 2000 });
    assert.equal(report.timeoutMs, 2000);
    assert.deepEqual(report.ensembles.map((e) => [e.name, e.healthy, e.summary]), [
      ['healthy', true, '2 followers, 1 leader'],
      ['broken', false, '1 leader, 1 unreachable, 1 no address'],
    ]);
    assert.deepEqual(report.ensembles[1].nodes.map((n) => [n.id, n.address, n.state]), [
      [1, `127.0.0.1:${leader.port}`, 'leader'],
      [2, `127.0.0.1:${down}`, 'unreachable'],
      [3, null, 'no address'],
    ]);
    // The leader's address is in both ensembles, the follower's twice in one: each was asked once.
    assert.deepEqual(leader.received, ['srvr', 'mntr']);
    assert.deepEqual(follower.received, ['srvr', 'mntr']);
    assert.deepEqual(await checkEnsembles(ensembles, new StatusProber(), { ensembleKey: 'b', timeoutMs: 2000 }).then((r) => r.ensembles.map((e) => e.key)), ['b']);
  });
});

describe('judgeEnsemble: exactly one leader, every other node following or observing', () => {
  const status = (id: number, state: NodeStatus['state']): NodeStatus => ({
    key: `k${id}`, id, label: `node${id}`, address: `127.0.0.1:${2180 + id}`, state, detail: state === 'unreachable' ? 'connection refused: nothing listens on 127.0.0.1:2183' : null,
    zxid: null, latency: null, connections: null, outstanding: null, nodeCount: null, version: null, mntr: null,
  });
  const cases: [name: string, states: NodeStatus['state'][], healthy: boolean, problems: RegExp[]][] = [
    ['one leader, two followers', ['follower', 'leader', 'follower'], true, []],
    ['one leader, a follower and an observer', ['leader', 'follower', 'observer'], true, []],
    ['a lone standalone server', ['standalone'], true, []],
    ['a dead node', ['leader', 'follower', 'unreachable'], false, [/server\.3 \(127\.0\.0\.1:2183\) is unreachable: connection refused/]],
    ['no quorum', ['not serving', 'not serving', 'unreachable'], false, [/No node is leader/, /server\.1 .* is not serving/]],
    ['two leaders', ['leader', 'leader', 'follower'], false, [/2 nodes are leader/]],
    ['a standalone node in a 3-node ensemble', ['leader', 'follower', 'standalone'], false, [/server\.3 .* runs standalone/]],
    ['srvr refused', ['leader', 'follower', 'not whitelisted'], false, [/server\.3 .* is not whitelisted: it refuses srvr; add srvr to its 4lw\.commands\.whitelist/]],
  ];
  for (const [name, states, healthy, problems] of cases) {
    it(name, () => {
      const judged = judgeEnsemble({ key: 'e', name: 'e' }, states.map((state, i) => status(i + 1, state)));
      assert.equal(judged.healthy, healthy, judged.problems.join(' '));
      assert.equal(judged.problems.length > 0, !healthy);
      for (const problem of problems) assert.ok(judged.problems.some((p) => problem.test(p)), `${problem} in ${JSON.stringify(judged.problems)}`);
    });
  }
});
