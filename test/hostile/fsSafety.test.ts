/**
 * File system safety. What a workspace names outside itself is never read: compose mounts of host paths outside
 * the workspace (`../outside/zoo.cfg`, `/etc/passwd` as zoo.cfg), `env_file`s there, symbolic links leading out.
 * `generate --out` refuses a path through a symbolic link, and `fix` writes only below the checked paths, also when a
 * folder below them is a symbolic link leading out, and never blocks on (or writes over) a FIFO.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver/node';
import { BIN, run, tempWorkspace } from '../cli/run';
import { type ServerUnderTest, withServer } from '../lsp/harness';

const MARKER = 'MARKER_OUTSIDE_7f3a9c';
const PASSWD_LINE = /^root:[^:\n]*:0:0:/m;
const CFG = 'tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=data\nclientPort=2181\nserver.1=10.0.0.1:2888:3888\nserver.2=10.0.0.2:2888:3888\nserver.3=10.0.0.3:2888:3888\n';

/** A folder outside any workspace holding files with the marker: a zoo.cfg, a myid, an env file. */
function outsideFolder(): string {
  const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zk-outside-')));
  fs.writeFileSync(path.join(folder, 'zoo.cfg'), `# ${MARKER}\n${MARKER}=1\ntickTime=${MARKER}\nserver.1=${MARKER}.example:2888:3888\nserver.2=zoo2:2888:3888\n`);
  fs.writeFileSync(path.join(folder, 'myid'), '7\n');
  fs.writeFileSync(path.join(folder, 'secret.env'), `ZOO_MY_ID=${MARKER}\nZOO_SERVERS=server.1=${MARKER}:2888:3888;2181\n`);
  return folder;
}

/** A compose file whose services mount the outside folder's files (relative and absolute) and system files. */
function hostileCompose(outside: string, workspace: string): string {
  const relative = path.relative(workspace, outside).split(path.sep).join('/');
  return [
    'services:',
    '  zoo1:',
    '    image: zookeeper:3.8',
    `    env_file: ${relative}/secret.env`,
    '    volumes:',
    `      - ${relative}/zoo.cfg:/conf/zoo.cfg`,
    `      - ${relative}/myid:/data/myid`,
    '  zoo2:',
    '    image: zookeeper:3.8',
    '    env_file:',
    `      - path: ${outside}/secret.env`,
    '    volumes:',
    `      - ${outside}/zoo.cfg:/conf/zoo.cfg:ro`,
    '  zoo3:',
    '    image: zookeeper:3.8',
    '    volumes:',
    `      - ${'../'.repeat(12)}etc/passwd:/conf/zoo.cfg`,
    '      - /etc/hostname:/data/myid',
    '  zoo4:',
    '    image: zookeeper:3.8',
    '    volumes:',
    '      - type: bind',
    '        source: /etc/passwd',
    '        target: /conf/zoo.cfg',
    '',
  ].join('\n');
}

function assertNothingFromOutside(text: string, what: string): void {
  assert.ok(!text.includes(MARKER), `${what} mentions nothing the outside files hold`);
  assert.doesNotMatch(text, PASSWD_LINE, `${what} shows nothing of /etc/passwd`);
}

describe('file system safety', () => {
  it('compose mounts and env files outside the workspace, and links leading out, are never read (CLI)', () => {
    const outside = outsideFolder();
    const root = tempWorkspace({ 'good/zoo.cfg': CFG });
    try {
      fs.writeFileSync(path.join(root, 'docker-compose.yml'), hostileCompose(outside, root));
      fs.mkdirSync(path.join(root, 'linked'));
      fs.symlinkSync(path.join(outside, 'zoo.cfg'), path.join(root, 'linked', 'zoo.cfg'));
      fs.symlinkSync(outside, path.join(root, 'linkdir'));
      const before = fs.readdirSync(outside).map((f) => fs.readFileSync(path.join(outside, f), 'utf8'));

      const check = run(['check', '--format', 'json'], root);
      assert.ok(check.code === 0 || check.code === 1, check.stderr);
      assertNothingFromOutside(check.stdout + check.stderr, 'check --format json');
      const report = JSON.parse(check.stdout) as { skipped: { file: string; reason: string }[] };
      assert.match(report.skipped.find((s) => s.file === 'linked/zoo.cfg')?.reason ?? '', /outside the checked folders: not read$/);
      assert.equal(report.skipped.find((s) => s.file === 'linkdir')?.reason, 'symbolic link to a folder: not followed');

      const text = run(['check'], root);
      assertNothingFromOutside(text.stdout + text.stderr, 'check');
      const fix = run(['fix'], root);
      assertNothingFromOutside(fix.stdout + fix.stderr, 'fix');
      assert.deepEqual(fs.readdirSync(outside).map((f) => fs.readFileSync(path.join(outside, f), 'utf8')), before, 'nothing outside was written');
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  /** The server on a workspace with the hostile compose file and a link leading out, found by a scan. */
  async function serverCase(body: (server: ServerUnderTest, compose: string) => Promise<void>): Promise<void> {
    const outside = outsideFolder();
    try {
      await withServer({ 'good/zoo.cfg': CFG, 'good/myid': '1\n' }, async (server) => {
        await server.waitForAnyDiagnostics(server.uri('good/zoo.cfg'));
        const compose = server.write('docker-compose.yml', hostileCompose(outside, server.root));
        fs.mkdirSync(path.join(server.root, 'linked'));
        fs.symlinkSync(path.join(outside, 'zoo.cfg'), path.join(server.root, 'linked', 'zoo.cfg'));
        // A scan (the folder removed and added back) finds both.
        await server.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [server.folder('')] } });
        await server.notify('workspace/didChangeWorkspaceFolders', { event: { added: [server.folder('')], removed: [] } });
        await server.waitForAnyDiagnostics(compose);
        await body(server, compose);
      });
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  }

  async function assertServerReadNothingOutside(server: ServerUnderTest, compose: string): Promise<void> {
    const diagnostics = server.diagnostics(compose) ?? [];
    const ensembles = await server.request<unknown>('zookeeper/ensembles', {});
    const actions = await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: compose }, range: { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } }, context: { diagnostics } });
    const everything = JSON.stringify({ publications: server.publications, notifications: server.notifications, ensembles, actions, edits: server.appliedEdits });
    assertNothingFromOutside(everything, 'diagnostics, ensembles and code actions');
    assertNothingFromOutside(server.logs.join('\n'), 'the server log');
  }

  it('compose mounts and env files outside the workspace, and links leading out, are never read (language server scan)', async () => {
    await serverCase(async (server, compose) => {
      assert.match(server.logs.join('\n'), /Skipped .*\/linked\/zoo\.cfg: symbolic link to .*, outside the checked folders: not read/);
      await assertServerReadNothingOutside(server, compose);
    });
  });

  it(
    'a link leading out is not read on a watcher event either (language server)',
    async () => {
      await serverCase(async (server, compose) => {
        await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: server.uri('linked/zoo.cfg'), type: 1 }] });
        await server.request('textDocument/hover', { textDocument: { uri: server.uri('good/zoo.cfg') }, position: { line: 0, character: 0 } });
        await assertServerReadNothingOutside(server, compose);
      });
    },
  );

  it('generate --out refuses a symbolic link leading out, named directly (through one: test/generate)', () => {
    const root = tempWorkspace({});
    const elsewhere = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zk-elsewhere-')));
    try {
      fs.symlinkSync(elsewhere, path.join(root, 'link'));
      const result = run(['generate', '--layout', 'hosts', '--out', 'link'], root);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /symbolic link/);
      assert.deepEqual(fs.readdirSync(elsewhere), []);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('fix does not create a myid through a dataDir that is a symbolic link leading out of the checked path', () => {
    const elsewhere = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zk-elsewhere-')));
    const root = tempWorkspace({ 'node1/zoo.cfg': CFG, 'node1/data/myid': '1\n', 'node2/zoo.cfg': CFG, 'node2/data/myid': '2\n', 'node3/zoo.cfg': CFG });
    try {
      fs.symlinkSync(elsewhere, path.join(root, 'node3', 'data'));
      const dry = run(['fix', '--dry-run'], root);
      assert.match(dry.stdout, /^node3\/data\/myid: not written: it leads to .+ through a symbolic link, outside \.$/m, dry.stdout);
      const result = run(['fix'], root);
      assert.match(result.stdout, /^node3\/data\/myid: not written: it leads to .+ through a symbolic link, outside \.$/m, result.stdout);
      assert.match(result.stdout, /^0 files changed; 1 error remain/m);
      assert.equal(result.code, 1, 'the missing myid is still an error');
      assert.deepEqual(fs.readdirSync(elsewhere), [], 'nothing written outside');
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('fix neither blocks on nor writes over a FIFO where it would create a myid', (t) => {
    const root = tempWorkspace({ 'node1/zoo.cfg': CFG, 'node1/data/myid': '1\n', 'node2/zoo.cfg': CFG, 'node2/data/myid': '2\n', 'node3/zoo.cfg': CFG });
    fs.mkdirSync(path.join(root, 'node3', 'data'));
    if (spawnSync('mkfifo', [path.join(root, 'node3', 'data', 'myid')]).status !== 0) return t.skip('mkfifo is not available');
    const result = spawnSync(process.execPath, [BIN, 'fix'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    assert.equal(result.error, undefined, 'fix finished');
    assert.match(result.stdout, /^node3\/data\/myid: exists, not overwritten$/m, result.stdout + result.stderr);
    assert.ok(fs.lstatSync(path.join(root, 'node3', 'data', 'myid')).isFIFO(), 'still the FIFO');
  });
});
