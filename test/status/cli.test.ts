/**
 * `zk-ensemble status` as a process, against fake nodes on loopback that answer with real ZooKeeper text (the
 * real thing is in zookeeper.test.ts, where Java is available).
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { StatusReport } from '../../server/src/status/types';
import { closedPort, type FakeNode, fakeNode, fixture } from './fixtures';

const CLI = path.resolve(__dirname, '..', '..', '..', 'bin', 'zk-ensemble.js');

function run(args: readonly string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

/** A workspace of three zoo.cfg + myid on loopback, with these client ports. */
function workspace(clientPorts: readonly number[]): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zk-status-cli-')));
  const servers = clientPorts.map((port, i) => `server.${i + 1}=127.0.0.1:${41888 + i}:${42888 + i};${port}`);
  clientPorts.forEach((port, i) => {
    const folder = path.join(root, 'cluster', `node${i + 1}`);
    fs.mkdirSync(path.join(folder, 'data'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'zoo.cfg'), ['tickTime=2000', 'initLimit=10', 'syncLimit=5', 'admin.enableServer=false', 'dataDir=data', `clientPort=${port}`, ...servers, ''].join('\n'));
    fs.writeFileSync(path.join(folder, 'data', 'myid'), `${i + 1}\n`);
  });
  return root;
}

const fakes: FakeNode[] = [];
const roots: string[] = [];
after(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
});

async function nodes(...answers: ('leader' | 'follower' | 'not serving')[]): Promise<FakeNode[]> {
  const started = await Promise.all(answers.map((a) => fakeNode(a === 'not serving' ? { srvr: fixture('srvr-not-serving.txt') } : { srvr: fixture(`srvr-${a}.txt`), mntr: fixture(`mntr-${a}.txt`) })));
  fakes.push(...started);
  return started;
}

describe('zk-ensemble status', () => {
  it('one leader, two followers: a row per node, healthy, exit 0', async () => {
    const [a, b, c] = await nodes('follower', 'leader', 'follower');
    const root = workspace([a.port, b.port, c.port]);
    roots.push(root);
    const { code, stdout, stderr } = await run(['status', 'cluster'], root);
    assert.equal(code, 0, stderr);
    assert.deepEqual(stdout.split('\n'), [
      `ENSEMBLE  ID  ADDRESS          MODE      ZXID`,
      `cluster   1   127.0.0.1:${a.port}  follower  0x0`,
      `cluster   2   127.0.0.1:${b.port}  leader    0x100000000`,
      `cluster   3   127.0.0.1:${c.port}  follower  0x0`,
      'cluster: healthy: 2 followers, 1 leader',
      '',
    ]);
  });

  it('a node down and one without quorum: exit 1, saying why; --format json', async () => {
    const [a, b] = await nodes('leader', 'not serving');
    const down = await closedPort();
    const root = workspace([a.port, b.port, down]);
    roots.push(root);
    const text = await run(['status', '--timeout', '2000'], root);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /cluster: NOT healthy: 1 leader, 1 not serving, 1 unreachable\n/);
    assert.match(text.stdout, new RegExp(`server\\.3 \\(127\\.0\\.0\\.1:${down}\\) is unreachable: connection refused`));
    const json = await run(['status', 'cluster', '--format=json'], root);
    assert.equal(json.code, 1);
    const report = JSON.parse(json.stdout) as StatusReport;
    assert.deepEqual(report.ensembles[0].nodes.map((n) => n.state), ['leader', 'not serving', 'unreachable']);
    assert.equal(report.ensembles[0].nodes[0].mntr?.zk_server_state, 'leader');
    assert.equal(report.timeoutMs, 3000);
  });

  it('no ensemble: exit 1; bad usage: exit 2', async () => {
    const empty = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zk-status-cli-')));
    roots.push(empty);
    const none = await run(['status'], empty);
    assert.deepEqual([none.code, none.stdout], [1, 'No ZooKeeper ensemble found (searched .).\n']);
    for (const args of [['status', 'missing'], ['status', '--timeout', '0'], ['status', '--timeout'], ['status', '--format', 'xml'], ['status', '--nodes', '3']]) {
      const result = await run(args, empty);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, /zk-ensemble status \[PATH\.\.\.\] \[--timeout MS\] \[--format text\|json\]/);
    }
    const help = await run(['--help'], empty);
    assert.match(help.stdout, /zk-ensemble status \[PATH\.\.\.\]/);
  });
});
