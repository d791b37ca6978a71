/**
 * The language server and the CLI survive a hostile workspace. After each scenario the server still answers a hover
 * within a second, its memory (VmRSS of the child, from /proc) stays bounded, its log says what it skipped and why,
 * and nothing crashed (no unhandled rejection, no handler failure, no stack trace). The CLI on the same files
 * finishes, exits 0 or 1 with a parseable JSON report and prints no stack trace.
 */
import { strict as assert } from 'node:assert';
import { type ChildProcess, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver/node';
import { MAX_FILE_BYTES } from '../../server/src/workspace/scan';
import { BIN } from '../cli/run';
import { type ServerUnderTest, withServer } from '../lsp/harness';
import { noise } from '../noise';

const IS_ROOT = process.getuid?.() === 0;
const HAS_PROC = fs.existsSync('/proc/self/status');
const GOOD = 'tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=/var/lib/zookeeper\nclientPort=2181\n';
/** The server idles at ~60 MiB and peaks at ~140 MiB in these scenarios (10,000 server lines). */
const RSS_LIMIT_MIB = 300;


function rssMiB(server: ServerUnderTest): number | undefined {
  const pid = (server as unknown as { child: ChildProcess }).child.pid;
  if (!HAS_PROC || pid === undefined) return undefined;
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : undefined;
}

/** Makes the server scan its folder again (the folder removed, then added back), and waits until it has. */
async function rescan(server: ServerUnderTest): Promise<void> {
  const folder = server.folder('');
  await server.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder] } });
  await server.notify('workspace/didChangeWorkspaceFolders', { event: { added: [folder], removed: [] } });
  await server.waitForAnyDiagnostics(server.uri('good/zoo.cfg'));
  await hoverGood(server);
}

async function hoverGood(server: ServerUnderTest, timeoutMs = 5000): Promise<Hover | null> {
  return server.request<Hover | null>('textDocument/hover', { textDocument: { uri: server.uri('good/zoo.cfg') }, position: { line: 0, character: 2 } }, timeoutMs);
}

/** A hover within a second, bounded memory, a log without crashes, and the skips the scenario expects. */
async function assertHealthy(server: ServerUnderTest, skips: readonly RegExp[] = [], rssLimitMiB = RSS_LIMIT_MIB): Promise<void> {
  const started = Date.now();
  const hover = await hoverGood(server, 1000);
  assert.ok(Date.now() - started < 1000, 'hover answered within a second');
  assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /\*\*tickTime\*\*/);
  assert.ok(server.running, 'the server still runs');
  const rss = rssMiB(server);
  if (rss !== undefined) assert.ok(rss < rssLimitMiB, `VmRSS ${rss.toFixed(0)} MiB < ${rssLimitMiB} MiB`);
  const log = server.logs.join('\n');
  assert.doesNotMatch(log, /unhandled|uncaught|UnhandledPromiseRejection|Maximum call stack/i, 'no unhandled rejection or crash');
  assert.doesNotMatch(log, /\bfailed: /, 'no request or notification handler failed');
  assert.doesNotMatch(log, /^\s+at .+:\d+:\d+\)?$/m, 'no stack trace');
  for (const skip of skips) assert.match(log, skip, 'the log says what was skipped and why');
}

interface CliReport {
  readonly diagnostics: readonly { file: string; code: string; message: string }[];
  readonly ensembles: readonly unknown[];
  readonly skipped: readonly { file: string; reason: string }[];
}

/** zk-ensemble check --format json on `root`: it finishes, exits 0 or 1, prints JSON and no stack trace. */
function cliSurvives(root: string, options: { uid?: number; gid?: number } = {}): CliReport {
  const result = spawnSync(process.execPath, [BIN, 'check', '--format', 'json', '.'], { cwd: root, encoding: 'utf8', timeout: 120_000, maxBuffer: 512 * 1024 * 1024, ...options });
  assert.equal(result.error, undefined, `the CLI finished: ${String(result.error)}`);
  assert.ok(result.status === 0 || result.status === 1, `exit 0 or 1, not ${result.status}: ${result.stderr}`);
  assert.doesNotMatch(result.stderr, /^\s+at .+:\d+:\d+\)?$/m, 'no stack trace');
  assert.doesNotMatch(result.stderr, /internal error|unhandled/i);
  return JSON.parse(result.stdout) as CliReport;
}

function skippedBy(report: CliReport, file: string): string | undefined {
  return report.skipped.find((s) => s.file === file)?.reason;
}

const text = (message: string | MarkupContent) => (typeof message === 'string' ? message : message.value);
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('hostile workspace: the server and the CLI survive', () => {
  it('binary files named zoo.cfg and myid, and invalid UTF-8 in zoo.cfg, myid and compose files', async () => {
    const invalidUtf8 = (text: string) => Uint8Array.from([0xc3, 0x28, 0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80, 0xc0, 0xaf, 0xff, 0xfe, ...Buffer.from(text)]);
    const files = {
      'good/zoo.cfg': GOOD,
      'binary/zoo.cfg': noise(64 * 1024, 42),
      'binary/myid': noise(256, 7),
      'binary/zoo.cfg.dynamic.100000000': noise(1024, 9),
      'utf8/zoo.cfg': invalidUtf8('tickTime=2000\nserver.1=zoo\xff1:2888:3888\n'),
      'utf8/myid': invalidUtf8('1\n'),
      'utf8/docker-compose.yml': Buffer.concat([Buffer.from('services:\n  zoo'), Buffer.from([0xff, 0xc3]), Buffer.from(':\n    image: zookeeper:3.8\n    environment:\n      ZOO_MY_ID: '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('\n')]),
    };
    await withServer(files, async (server) => {
      for (const file of Object.keys(files)) await server.waitForAnyDiagnostics(server.uri(file));
      await assertHealthy(server);
      const report = cliSurvives(server.root);
      assert.ok(report.diagnostics.some((d) => d.file === 'binary/zoo.cfg'), 'the binary zoo.cfg is reported, not skipped');
    });
  });

  it(`a 20 MB zoo.cfg is skipped by the ${MAX_FILE_BYTES}-byte cap, and the log says so`, async () => {
    const size = 20 * 1024 * 1024;
    await withServer({ 'good/zoo.cfg': GOOD, 'big/zoo.cfg': Buffer.alloc(size, 'tickTime=2000\n') }, async (server) => {
      await server.waitForAnyDiagnostics(server.uri('good/zoo.cfg'));
      const skip = new RegExp(`Skipped ${escaped(server.root)}/big/zoo\\.cfg: ${size} bytes is larger than the ${MAX_FILE_BYTES}-byte limit`);
      await assertHealthy(server, [skip], 150);
      // Changed on disk: read again, skipped again.
      const before = server.logs.filter((line) => skip.test(line)).length;
      await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: server.uri('big/zoo.cfg'), type: 2 }] });
      await assertHealthy(server, [skip], 150);
      assert.equal(server.logs.filter((line) => skip.test(line)).length, before + 1, 'the watcher event is logged as skipped too');
      assert.equal(server.diagnostics(server.uri('big/zoo.cfg')), undefined, 'nothing published for it');
      assert.match(skippedBy(cliSurvives(server.root), 'big/zoo.cfg') ?? '', new RegExp(`^${size} bytes is larger than the ${MAX_FILE_BYTES}-byte limit`));
    });
  });

  it('a 5 MB zoo.cfg is read and analysed', async () => {
    const head = `${GOOD}server.1=zoo1:2888:3888\nserver.2=zoo2:2888:3888\nserver.3=zoo3:2888:3888\ntickTim=2000\n`;
    const lines: string[] = [head];
    let length = head.length;
    for (let i = 0; length < 5 * 1024 * 1024; i++) {
      const line = i % 500 === 0 ? `custom.key.${i}=value ${i}\n` : `# ${i}: padding of a very long generated zoo.cfg, as a hostile or careless workspace might hold\n`;
      lines.push(line);
      length += line.length;
    }
    await withServer({ 'good/zoo.cfg': GOOD, 'big/zoo.cfg': lines.join(''), 'big/myid': '1\n' }, async (server) => {
      const diagnostics = await server.waitForDiagnostics(server.uri('big/zoo.cfg'), (d) => d.some((x) => x.code === 'unknown-key'), 60_000);
      assert.ok(diagnostics.some((d) => /Did you mean 'tickTime'/.test(text(d.message))), 'the typo near the top is found');
      assert.ok(diagnostics.some((d) => /custom\.key\.10000/.test(text(d.message))), 'keys deep in the file are read');
      await assertHealthy(server);
      const started = Date.now();
      const hover = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri: server.uri('big/zoo.cfg') }, position: { line: 0, character: 2 } }, 1000);
      assert.ok(Date.now() - started < 1000 && hover !== null, 'hover in the big file within a second');
      assert.ok(cliSurvives(server.root).diagnostics.some((d) => d.file === 'big/zoo.cfg'));
    });
  });

  it('a YAML alias bomb ("billion laughs"), a merge-key bomb, and 5,000- to 1,000,000-deep nesting in compose files', async () => {
    const levels = 'abcdefghi';
    let bomb = 'x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < levels.length; i++) bomb += `x-${levels[i]}: &${levels[i]} [${Array(9).fill(`*${levels[i - 1]}`).join(',')}]\n`;
    bomb += 'services:\n  zoo:\n    image: zookeeper:3.8\n    environment:\n      ZOO_SERVERS: *i\n';
    const depth = 5000;
    const files = {
      'good/zoo.cfg': GOOD,
      'bomb/docker-compose.yml': bomb,
      'merge-bomb/docker-compose.yml': `x-0: &m0 {image: zookeeper}\n${Array.from({ length: 30 }, (_, i) => `x-${i + 1}: &m${i + 1}\n  <<: [*m${i}, *m${i}]\n  k${i}: 1\n`).join('')}services:\n  zoo:\n    <<: *m30\n`,
      'deep-flow/docker-compose.yml': `services:\n  zoo:\n    image: zookeeper:3.8\n    labels: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
      'deep-map/compose.yaml': `services:\n  zoo:\n    image: zookeeper:3.8\n    labels: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`,
      'deep-block/docker-compose.yml': `services:\n  zoo:\n    image: zookeeper:3.8\n    labels:\n      ${'- '.repeat(depth)}x\n`,
      // 2 MB of brackets: refused before parsing (the YAML parser would need seconds to fail on it).
      'deep-million/docker-compose.yml': `services:\n  zoo:\n    labels: ${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}\n`,
      'deep-indent/docker-compose.yml': `services:\n  zoo:\n    image: zookeeper:3.8\n    labels:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(6 + i)}k${i}:\n`).join('')}`,
    };
    await withServer(files, async (server) => {
      for (const file of Object.keys(files)) await server.waitForAnyDiagnostics(server.uri(file), 30_000);
      assert.ok(server.diagnostics(server.uri('bomb/docker-compose.yml'))?.some((d) => /alias/i.test(text(d.message))), 'the alias bomb is reported as one');
      assert.ok(server.diagnostics(server.uri('merge-bomb/docker-compose.yml'))?.some((d) => /alias/i.test(text(d.message))), 'the merge bomb is reported as one');
      for (const file of ['deep-flow/docker-compose.yml', 'deep-map/compose.yaml', 'deep-block/docker-compose.yml', 'deep-million/docker-compose.yml']) {
        assert.ok(server.diagnostics(server.uri(file))?.some((d) => /nested more than 1000 levels/.test(text(d.message))), `${file}: the nesting is reported`);
      }
      await assertHealthy(server);
      cliSurvives(server.root);
    });
  });

  it('symbolic link loops inside the workspace: a folder linking to its parent, a self link and two links to each other', async () => {
    await withServer({ 'good/zoo.cfg': GOOD, 'loop/inner/zoo.cfg': GOOD }, async (server) => {
      fs.symlinkSync('..', path.join(server.root, 'loop', 'inner', 'up'));
      fs.symlinkSync('zoo.cfg', path.join(server.root, 'loop', 'zoo.cfg'));
      fs.symlinkSync('../b/zoo.cfg', path.join(server.root, 'loop', 'inner', 'myid'));
      fs.mkdirSync(path.join(server.root, 'loop', 'b'));
      fs.symlinkSync('../inner/myid', path.join(server.root, 'loop', 'b', 'zoo.cfg'));
      await rescan(server);
      const root = escaped(server.root);
      await assertHealthy(server, [
        new RegExp(`Skipped ${root}/loop/inner/up: symbolic link to a folder: not followed`),
        new RegExp(`Skipped ${root}/loop/zoo\\.cfg: broken link: too many levels of symbolic links`),
        new RegExp(`Skipped ${root}/loop/b/zoo\\.cfg: broken link: too many levels of symbolic links`),
      ]);
      const report = cliSurvives(server.root);
      assert.equal(skippedBy(report, 'loop/inner/up'), 'symbolic link to a folder: not followed');
      assert.match(skippedBy(report, 'loop/zoo.cfg') ?? '', /too many levels of symbolic links/);
    });
  });

  it(
    IS_ROOT
      ? 'unreadable files (chmod 000): SKIPPED for the server, which runs as root here and root reads any file; the CLI case below runs as nobody'
      : 'unreadable files (chmod 000) are skipped and the log says permission denied',
    { skip: IS_ROOT ? 'running as root: chmod 000 does not stop root from reading, so there is no refusal to observe' : false },
    async () => {
      await withServer({ 'good/zoo.cfg': GOOD, 'locked/zoo.cfg': GOOD, 'locked/myid': '1\n', 'closed/zoo.cfg': GOOD }, async (server) => {
        fs.chmodSync(path.join(server.root, 'locked', 'zoo.cfg'), 0o000);
        fs.chmodSync(path.join(server.root, 'closed'), 0o000);
        try {
          await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: server.uri('locked/zoo.cfg'), type: 2 }] });
          await rescan(server);
          const root = escaped(server.root);
          await assertHealthy(server, [new RegExp(`Skipped ${root}/locked/zoo\\.cfg: permission denied`), new RegExp(`Skipped ${root}/closed: permission denied`)]);
          cliSurvives(server.root);
        } finally {
          fs.chmodSync(path.join(server.root, 'closed'), 0o755);
        }
      });
    },
  );

  it('the CLI skips unreadable files (chmod 000) and says permission denied (as nobody when the tests run as root)', (t) => {
    const nobody = IS_ROOT ? spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }) : undefined;
    const uid = nobody && nobody.status === 0 ? Number(nobody.stdout.trim()) : undefined;
    if (IS_ROOT && uid === undefined) return t.skip('running as root without a "nobody" user: chmod 000 does not stop root from reading');
    const root = fs.realpathSync(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'zk-hostile-')));
    try {
      for (const [file, text] of Object.entries({ 'good/zoo.cfg': GOOD, 'locked/zoo.cfg': GOOD, 'closed/zoo.cfg': GOOD })) {
        fs.mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
      }
      for (const folder of [root, path.join(root, 'good'), path.join(root, 'locked')]) fs.chmodSync(folder, 0o755);
      fs.chmodSync(path.join(root, 'good', 'zoo.cfg'), 0o644);
      fs.chmodSync(path.join(root, 'locked', 'zoo.cfg'), 0o000);
      fs.chmodSync(path.join(root, 'closed'), 0o000);
      const report = cliSurvives(root, uid === undefined ? {} : { uid, gid: uid });
      assert.equal(skippedBy(report, 'locked/zoo.cfg'), 'permission denied');
      assert.equal(skippedBy(report, 'closed'), 'permission denied');
      assert.ok(report.ensembles.length > 0 || report.diagnostics.length >= 0);
    } finally {
      fs.chmodSync(path.join(root, 'closed'), 0o755);
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('a file deleted between the watcher event and the read', async () => {
    await withServer({ 'good/zoo.cfg': GOOD, 'gone/zoo.cfg': 'tickTim=1\n' }, async (server) => {
      const gone = server.uri('gone/zoo.cfg');
      await server.waitForDiagnostics(gone, (d) => d.length > 0);
      fs.rmSync(path.join(server.root, 'gone', 'zoo.cfg'));
      // The event says "changed" (it was, before it went): the read finds nothing.
      await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: gone, type: 2 }, { uri: server.uri('never/zoo.cfg'), type: 1 }] });
      await server.waitForDiagnostics(gone, (d) => d.length === 0);
      const root = escaped(server.root);
      await assertHealthy(server, [
        new RegExp(`Skipped ${root}/gone/zoo\\.cfg: no such file \\(deleted while reading\\?\\)`),
        new RegExp(`Skipped ${root}/never/zoo\\.cfg: no such file \\(deleted while reading\\?\\)`),
      ]);
      cliSurvives(server.root);
    });
  });

  it('10,000 unrelated files', async () => {
    const files: Record<string, string> = { 'good/zoo.cfg': GOOD };
    for (let i = 0; i < 10_000; i++) files[`junk/d${i % 100}/f${i}.${i % 10 === 0 ? 'yml' : 'txt'}`] = i % 10 === 0 ? `name: x${i}\nitems: [${i}]\n` : `file ${i}\n`;
    await withServer(files, async (server) => {
      await server.waitForAnyDiagnostics(server.uri('good/zoo.cfg'), 30_000);
      await assertHealthy(server);
      const report = cliSurvives(server.root);
      assert.deepEqual(report.skipped, []);
    });
  });

  it('10,000 server.N lines', async () => {
    let text = `${GOOD}`;
    for (let i = 1; i <= 10_000; i++) text += `server.${i}=zoo${i}.example.com:2888:3888\n`;
    await withServer({ 'good/zoo.cfg': GOOD, 'many/zoo.cfg': text, 'many/myid': '1\n' }, async (server) => {
      await server.waitForAnyDiagnostics(server.uri('many/zoo.cfg'), 60_000);
      await assertHealthy(server);
      cliSurvives(server.root);
    });
  });

  it('a FIFO named zoo.cfg and a link to /dev/zero named zoo.cfg are skipped, not read (a read would block or never end)', async (t) => {
    await withServer({ 'good/zoo.cfg': GOOD }, async (server) => {
      const fifo = spawnSync('mkfifo', [path.join(server.root, 'fifo', 'zoo.cfg')].map((p) => (fs.mkdirSync(path.dirname(p), { recursive: true }), p)));
      if (fifo.status !== 0) return t.skip('mkfifo is not available');
      fs.mkdirSync(path.join(server.root, 'dev'));
      fs.symlinkSync('/dev/zero', path.join(server.root, 'dev', 'zoo.cfg'));
      await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: server.uri('fifo/zoo.cfg'), type: 1 }] });
      await rescan(server);
      const root = escaped(server.root);
      await assertHealthy(server, [new RegExp(`Skipped ${root}/fifo/zoo\\.cfg: not a regular file`), new RegExp(`Skipped ${root}/dev/zoo\\.cfg: symbolic link to /dev/zero, outside the checked folders`)]);
      const report = cliSurvives(server.root);
      assert.equal(skippedBy(report, 'fifo/zoo.cfg'), 'not a regular file');
      assert.match(skippedBy(report, 'dev/zoo.cfg') ?? '', /outside the checked folders/);
    });
  });
});
