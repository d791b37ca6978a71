/**
 * `zk-ensemble status` against real ZooKeeper 3.8 (Debian's, rule book §7.1): a 3-node `local` ensemble from the
 * core generator on loopback ports of its own (42181+, 42888+, 43888+), then: one leader and two followers
 * (exit 0); the leader killed by PID, a new leader within 30 s and the old one unreachable (exit 1); the old
 * one restarted, back as a follower (exit 0). Every JVM started here is stopped by PID, also on failure.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import test, { type TestContext } from 'node:test';
import { defaultSpec, generateFiles } from '../../server/src/core/generate';
import type { StatusReport } from '../../server/src/status/types';
import { javaMissing, logTail, portIsFree, sleep, type StartedProcess, startProcess, stopProcesses } from '../zookeeper/processes';

const REPO = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(REPO, 'bin', 'zk-ensemble.js');
/** Debian's ZooKeeper logs nothing without an SLF4J binding on the class path (§7.1). */
const CLASSPATH = ['/usr/share/java/zookeeper.jar', '/usr/share/java/slf4j-log4j12.jar', '/usr/share/java/log4j-1.2.jar'];
const JVM_OPTIONS = ['-Xmx128m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1'];
const LOG4J = ['log4j.rootLogger=INFO, CONSOLE', 'log4j.appender.CONSOLE=org.apache.log4j.ConsoleAppender', 'log4j.appender.CONSOLE.layout=org.apache.log4j.PatternLayout', 'log4j.appender.CONSOLE.layout.ConversionPattern=%d{ISO8601} [myid:%X{myid}] - %-5p - %m%n', ''].join('\n');
const NODES = 3;
const FORM_TIMEOUT_MS = 90_000;
const FAILOVER_TIMEOUT_MS = 30_000;
const REJOIN_TIMEOUT_MS = 60_000;
const POLL_MS = 500;

interface Bases {
  client: number;
  quorum: number;
  election: number;
}

/** The first bases from 42181/42888/43888 on (steps of 10) whose ports are all free on loopback. */
async function freeBases(): Promise<Bases> {
  for (let shift = 0; shift < 200; shift += 10) {
    const bases = { client: 42181 + shift, quorum: 42888 + shift, election: 43888 + shift };
    const ports = [bases.client, bases.quorum, bases.election].flatMap((base) => Array.from({ length: NODES }, (_, i) => base + i));
    if ((await Promise.all(ports.map(portIsFree))).every(Boolean)) return bases;
  }
  throw new Error('no free loopback ports from 42181/42888/43888 on');
}

interface StatusRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runStatus(args: readonly string[]): Promise<StatusRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'status', ...args], { encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

interface Observation {
  code: number | null;
  report: StatusReport;
  /** Node id → state. */
  modes: Map<number, string>;
}

async function observe(outDir: string): Promise<Observation> {
  const run = await runStatus([outDir, '--format', 'json', '--timeout', '1000']);
  assert.ok(run.code === 0 || run.code === 1, `status exited ${run.code}: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as StatusReport;
  assert.equal(report.ensembles.length, 1, run.stdout);
  return { code: run.code, report, modes: new Map(report.ensembles[0].nodes.map((n) => [n.id!, n.state])) };
}

function describe(observation: Observation | undefined): string {
  return observation ? `exit ${observation.code}: ${[...observation.modes].map(([id, mode]) => `server.${id} ${mode}`).join(', ')}` : 'no observation';
}

function unavailable(): string | undefined {
  const missing = CLASSPATH.find((jar) => !fs.existsSync(jar));
  return missing ? `${missing} is missing (apt-get install -y --no-install-recommends zookeeper)` : javaMissing();
}

test('zk-ensemble status follows a real 3-node ensemble through a leader failure', { timeout: 300_000 }, async (t: TestContext) => {
  const missing = unavailable();
  if (missing) {
    t.skip(`real ZooKeeper unavailable: ${missing}`);
    return;
  }
  const bases = await freeBases();
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zk-status-')));
  const outDir = path.join(root, 'ensemble');
  const log4j = path.join(root, 'log4j.properties');
  fs.writeFileSync(log4j, LOG4J);
  for (const file of generateFiles(defaultSpec({ nodes: NODES, layout: 'local', outDir, clientPort: bases.client, quorumPort: bases.quorum, electionPort: bases.election }))) {
    fs.mkdirSync(path.dirname(file.path), { recursive: true });
    fs.writeFileSync(file.path, file.text);
  }
  const processes: StartedProcess[] = [];
  const start = (id: number, run: number) => {
    const args = [...JVM_OPTIONS, '-cp', CLASSPATH.join(':'), `-Dlog4j.configuration=file:${log4j}`, 'org.apache.zookeeper.server.quorum.QuorumPeerMain', path.join(outDir, `node${id}`, 'zoo.cfg')];
    const started = startProcess(`node${id}#${run}`, 'java', args, path.join(root, `node${id}-${run}.log`));
    processes.push(started);
    return started;
  };
  const failure = (message: string) =>
    new Error(`${message}\n` + processes.map((p) => `--- ${p.name} (pid ${p.pid}${p.exit ? `, exited ${p.exit.code ?? p.exit.signal}` : ''}):\n${logTail(p.logPath, 25)}`).join('\n'));
  /** Polls `status` until `done` holds, or fails after `timeoutMs`. */
  const until = async (what: string, timeoutMs: number, done: (o: Observation) => boolean): Promise<{ observation: Observation; ms: number }> => {
    const begun = performance.now();
    let last: Observation | undefined;
    for (;;) {
      last = await observe(outDir);
      if (done(last)) return { observation: last, ms: performance.now() - begun };
      if (performance.now() - begun > timeoutMs) throw failure(`${what}: not within ${timeoutMs / 1000} s; last ${describe(last)}`);
      await sleep(POLL_MS);
    }
  };
  const count = (o: Observation, mode: string) => [...o.modes.values()].filter((m) => m === mode).length;

  try {
    const nodes = new Map<number, StartedProcess>();
    for (let id = 1; id <= NODES; id++) nodes.set(id, start(id, 1));

    // 1. Formed: one leader, two followers, exit 0.
    const formed = await until('the ensemble forms', FORM_TIMEOUT_MS, (o) => o.code === 0);
    assert.equal(count(formed.observation, 'leader'), 1);
    assert.equal(count(formed.observation, 'follower'), 2);
    const leaderId = [...formed.observation.modes].find(([, mode]) => mode === 'leader')![0];
    t.diagnostic(`formed after ${(formed.ms / 1000).toFixed(1)} s; leader server.${leaderId}`);
    const text = await runStatus([outDir]);
    assert.equal(text.code, 0, text.stdout + text.stderr);
    const lines = text.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^ENSEMBLE\s+ID\s+ADDRESS\s+MODE\s+ZXID$/);
    for (let id = 1; id <= NODES; id++) {
      const mode = id === leaderId ? 'leader' : 'follower';
      assert.ok(lines.some((line) => new RegExp(`^\\S+\\s+${id}\\s+127\\.0\\.0\\.1:${bases.client + id - 1}\\s+${mode}\\s+0x[0-9a-f]+$`).test(line)), `${mode} row for ${id} in\n${text.stdout}`);
    }
    assert.match(lines[lines.length - 1], /: healthy: /);

    // 2. The leader killed by its PID: a new leader within 30 s, the old one unreachable, exit 1.
    const leader = nodes.get(leaderId)!;
    process.kill(leader.pid, 'SIGKILL');
    await leader.exited;
    const failover = await until('a new leader after the leader is killed', FAILOVER_TIMEOUT_MS, (o) => count(o, 'leader') === 1 && o.modes.get(leaderId) === 'unreachable');
    assert.equal(failover.observation.code, 1);
    assert.notEqual(failover.observation.modes.get(leaderId), 'leader');
    assert.equal(count(failover.observation, 'follower'), 1);
    assert.match(failover.observation.report.ensembles[0].problems.join(' '), new RegExp(`server\\.${leaderId} .* is unreachable: connection refused`));
    t.diagnostic(`new leader after ${(failover.ms / 1000).toFixed(1)} s`);

    // 3. Restarted, it rejoins as a follower: exit 0 again.
    nodes.set(leaderId, start(leaderId, 2));
    const rejoined = await until('the old leader rejoins', REJOIN_TIMEOUT_MS, (o) => o.code === 0);
    assert.equal(rejoined.observation.modes.get(leaderId), 'follower');
    t.diagnostic(`rejoined as follower after ${(rejoined.ms / 1000).toFixed(1)} s`);
  } finally {
    await stopProcesses(processes);
    const survivors = processes.filter((p) => p.exit === undefined);
    fs.rmSync(root, { recursive: true, force: true });
    assert.deepEqual(survivors.map((p) => p.pid), [], 'every JVM started here has stopped');
  }
});
