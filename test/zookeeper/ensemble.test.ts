/**
 * Proof on real ZooKeeper (Debian's 3.8.0, rule book §7.1): `zk-ensemble generate --layout local` writes an
 * ensemble that actually forms. One JVM per node on loopback ports of its own; `srvr` on every client port
 * until exactly one leader and the rest followers, then again a few seconds later (a node can die after the
 * quorum formed). Every process started here is stopped by PID, also when the test fails.
 */
import test, { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { javaMissing, logTail, portIsFree, serverMode, sleep, StartedProcess, startProcess, stopProcesses } from './processes';

const REPO = path.join(__dirname, '..', '..', '..');
const CLI = path.join(REPO, 'bin', 'zk-ensemble.js');
/** Debian's ZooKeeper logs nothing without an SLF4J binding on the class path (§7.1). */
const CLASSPATH = ['/usr/share/java/zookeeper.jar', '/usr/share/java/slf4j-log4j12.jar', '/usr/share/java/log4j-1.2.jar'];
const JVM_OPTIONS = ['-Xmx128m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1'];
const QUORUM_TIMEOUT_MS = 90_000;
const RECHECK_AFTER_MS = 5_000;
const POLL_MS = 250;

const LOG4J = [
  'log4j.rootLogger=INFO, CONSOLE',
  'log4j.appender.CONSOLE=org.apache.log4j.ConsoleAppender',
  'log4j.appender.CONSOLE.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.CONSOLE.layout.ConversionPattern=%d{ISO8601} [myid:%X{myid}] - %-5p [%t:%C{1}@%L] - %m%n',
  '',
].join('\n');

function unavailable(): string | undefined {
  const missingJar = CLASSPATH.find((jar) => !fs.existsSync(jar));
  if (missingJar) return `${missingJar} is missing (apt-get install -y --no-install-recommends zookeeper)`;
  return javaMissing();
}

interface Ports {
  client: number;
  quorum: number;
  election: number;
}

/** The first of `attempts` port bases, 10 apart, whose client, quorum and election ranges are all free on loopback. */
async function freeBases(preferred: Ports, nodes: number, attempts = 20): Promise<Ports> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const shift = attempt * 10;
    const bases = { client: preferred.client + shift, quorum: preferred.quorum + shift, election: preferred.election + shift };
    const ports = [bases.client, bases.quorum, bases.election].flatMap((base) => Array.from({ length: nodes }, (_, i) => base + i));
    const free = await Promise.all(ports.map(portIsFree));
    if (free.every(Boolean)) return bases;
  }
  throw new Error(`no free loopback ports near ${JSON.stringify(preferred)}`);
}

function describeModes(modes: readonly string[]): string {
  return modes.map((mode, i) => `node${i + 1}: ${mode}`).join(', ');
}

function formed(modes: readonly string[]): boolean {
  return modes.filter((m) => m === 'leader').length === 1 && modes.filter((m) => m === 'follower').length === modes.length - 1;
}

async function runEnsemble(t: TestContext, nodes: number, preferred: Ports): Promise<void> {
  const missing = unavailable();
  if (missing) {
    t.skip(`real ZooKeeper unavailable: ${missing}`);
    return;
  }
  const bases = await freeBases(preferred, nodes);
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `zk-ensemble-${nodes}-`)));
  const out = path.join(root, 'ensemble');
  const log4j = path.join(root, 'log4j.properties');
  fs.writeFileSync(log4j, LOG4J);
  const processes: StartedProcess[] = [];
  try {
    const generated = spawnSync(
      process.execPath,
      [CLI, 'generate', '--layout', 'local', '--nodes', String(nodes), '--out', out, '--client-port', String(bases.client), '--quorum-port', String(bases.quorum), '--election-port', String(bases.election)],
      { encoding: 'utf8' },
    );
    assert.equal(generated.status, 0, generated.stderr);
    const checked = spawnSync(process.execPath, [CLI, 'check', out], { encoding: 'utf8' });
    assert.equal(checked.status, 0, checked.stdout);
    assert.match(checked.stdout, / 0 errors, 0 warnings/);

    const clientPorts = Array.from({ length: nodes }, (_, i) => bases.client + i);
    const launched = performance.now();
    for (let id = 1; id <= nodes; id++) {
      const args = [...JVM_OPTIONS, '-cp', CLASSPATH.join(':'), `-Dlog4j.configuration=file:${log4j}`, 'org.apache.zookeeper.server.quorum.QuorumPeerMain', path.join(out, `node${id}`, 'zoo.cfg')];
      processes.push(startProcess(`node${id}`, 'java', args, path.join(root, `node${id}.log`)));
    }
    const failure = (message: string) =>
      new Error(`${message}\n` + processes.map((p) => `--- ${p.name} (pid ${p.pid}${p.exit ? `, exited ${p.exit.code ?? p.exit.signal}` : ''}), last lines of its log:\n${logTail(p.logPath)}`).join('\n'));

    let modes: string[] = [];
    let firstLeaderAt: number | undefined;
    for (;;) {
      const dead = processes.find((p) => p.exit !== undefined);
      if (dead) throw failure(`${dead.name} exited (${dead.exit!.code ?? dead.exit!.signal}) before the quorum formed`);
      modes = await Promise.all(clientPorts.map(serverMode));
      if (firstLeaderAt === undefined && modes.includes('leader')) firstLeaderAt = performance.now();
      if (formed(modes)) break;
      if (performance.now() - launched > QUORUM_TIMEOUT_MS) throw failure(`no quorum after ${QUORUM_TIMEOUT_MS / 1000} s: ${describeModes(modes)}`);
      await sleep(POLL_MS);
    }
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const allServing = performance.now() - launched;
    t.diagnostic(
      `${nodes} nodes (client ${clientPorts[0]}-${clientPorts[nodes - 1]}): first leader after ${seconds(firstLeaderAt! - launched)}, ` +
        `all serving after ${seconds(allServing)}; leader is node${modes.indexOf('leader') + 1}`,
    );

    await sleep(RECHECK_AFTER_MS);
    const again = await Promise.all(clientPorts.map(serverMode));
    const dead = processes.find((p) => p.exit !== undefined);
    if (dead) throw failure(`${dead.name} exited (${dead.exit!.code ?? dead.exit!.signal}) after the quorum formed`);
    if (!formed(again)) throw failure(`the quorum did not hold: ${describeModes(again)}`);
    assert.equal(again.indexOf('leader'), modes.indexOf('leader'), 'the same leader a few seconds later');
  } finally {
    await stopProcesses(processes);
    const survivors = processes.filter((p) => p.exit === undefined);
    fs.rmSync(root, { recursive: true, force: true });
    assert.deepEqual(survivors.map((p) => p.pid), [], 'every JVM started here has stopped');
  }
}

test('a generated 3-node local ensemble elects a leader on real ZooKeeper', { timeout: 180_000 }, async (t) => {
  await runEnsemble(t, 3, { client: 22181, quorum: 22888, election: 23888 });
});

test('a generated 5-node local ensemble elects a leader on real ZooKeeper', { timeout: 180_000 }, async (t) => {
  await runEnsemble(t, 5, { client: 32181, quorum: 32888, election: 33888 });
});
