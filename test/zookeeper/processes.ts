/**
 * Small helpers for tests that run real ZooKeeper servers: start JVMs with their output in log files, stop
 * exactly the processes started here (by PID: SIGTERM, then SIGKILL after a grace period), ask a server
 * a four-letter word, find free loopback ports.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';

export interface StartedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  readonly logPath: string;
  /** Set once the process has exited: its exit code, or the signal that ended it. */
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  readonly exited: Promise<void>;
}

/** Every process started here and not yet known to have exited; killed if the test runner itself exits. */
const running = new Set<StartedProcess>();
process.on('exit', () => {
  for (const started of running) {
    try {
      process.kill(started.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** Starts `command` with stdout and stderr appended to `logPath`. */
export function startProcess(name: string, command: string, args: readonly string[], logPath: string): StartedProcess {
  const fd = fs.openSync(logPath, 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, args, { stdio: ['ignore', fd, fd] });
  } finally {
    fs.closeSync(fd);
  }
  if (child.pid === undefined) throw new Error(`could not start ${name}: ${command}`);
  let resolveExit!: () => void;
  const started: StartedProcess = { name, child, pid: child.pid, logPath, exited: new Promise<void>((resolve) => (resolveExit = resolve)) };
  running.add(started);
  child.on('exit', (code, signal) => {
    started.exit = { code, signal };
    running.delete(started);
    resolveExit();
  });
  child.on('error', () => {
    started.exit ??= { code: null, signal: null };
    running.delete(started);
    resolveExit();
  });
  return started;
}

/** SIGTERM to each process by its PID, then SIGKILL to those still alive after `graceMs`. */
export async function stopProcesses(processes: readonly StartedProcess[], graceMs = 5000): Promise<void> {
  const alive = processes.filter((p) => p.exit === undefined);
  for (const p of alive) signal(p, 'SIGTERM');
  const timeout = sleep(graceMs).then(() => 'timeout' as const);
  for (const p of alive) {
    if ((await Promise.race([p.exited.then(() => 'exited' as const), timeout])) === 'timeout') break;
  }
  const stubborn = alive.filter((p) => p.exit === undefined);
  for (const p of stubborn) signal(p, 'SIGKILL');
  await Promise.all(stubborn.map((p) => Promise.race([p.exited, sleep(5000)])));
}

function signal(p: StartedProcess, name: NodeJS.Signals): void {
  try {
    process.kill(p.pid, name);
  } catch {
    // exited in between
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The answer to a four-letter word (connect, write it, read to the end), or undefined if the port does not answer. */
export function fourLetterWord(port: number, word: string, timeoutMs = 1500, host = '127.0.0.1'): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (answer: string | undefined) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(answer);
    };
    const socket = net.connect({ host, port }, () => socket.end(word));
    socket.setTimeout(timeoutMs, () => finish(undefined));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => finish(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', () => finish(chunks.length > 0 ? Buffer.concat(chunks).toString('utf8') : undefined));
  });
}

/** `Mode: leader|follower|observer|standalone` from a `srvr` answer; 'not serving' without a quorum; 'down' without an answer. */
export async function serverMode(port: number): Promise<string> {
  const answer = await fourLetterWord(port, 'srvr');
  if (answer === undefined) return 'down';
  const mode = /^Mode: (\w+)/m.exec(answer);
  if (mode) return mode[1];
  return /not currently serving/.test(answer) ? 'not serving' : `unexpected answer: ${answer.trim().slice(0, 80)}`;
}

/** True when nothing listens on 127.0.0.1:port and it can be bound. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The last `lines` lines of a log file ('' when it does not exist). */
export function logTail(logPath: string, lines = 40): string {
  if (!fs.existsSync(logPath)) return '';
  return fs.readFileSync(logPath, 'utf8').split('\n').slice(-lines - 1).join('\n');
}

/** Why `java` cannot run here, or undefined when it can. */
export function javaMissing(): string | undefined {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8', timeout: 30_000 });
  if (result.error) return `java is not on the PATH (${result.error.message})`;
  if (result.status !== 0) return `java -version exits with ${result.status}`;
  return undefined;
}
