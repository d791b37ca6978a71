import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';

import { type Diagnostic, DiagnosticSeverity, FileChangeType } from 'vscode-languageserver/node';
import { withServer } from './harness';

/** A standalone zoo.cfg that no rule objects to. */
const CLEAN = 'tickTime=2000\ndataDir=/var/lib/zookeeper\nclientPort=2181\n';
const WITH_TYPO = 'tickTim=2000\ndataDir=/var/lib/zookeeper\nclientPort=2181\n';

const unknownKeys = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.code === 'unknown-key');
const hasUnknownKey = (diagnostics: readonly Diagnostic[]) => unknownKeys(diagnostics).length > 0;
const isEmpty = (diagnostics: readonly Diagnostic[]) => diagnostics.length === 0;

describe('diagnostics', () => {
  it('are pushed after initialize for files on disk that were never opened', async () => {
    await withServer({ 'typo/zoo.cfg': `# node 1\n${WITH_TYPO}`, 'clean/zoo.cfg': CLEAN }, async (server) => {
      const [diagnostic] = unknownKeys(await server.waitForDiagnostics(server.uri('typo/zoo.cfg'), hasUnknownKey));
      assert.deepEqual(diagnostic.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 7 } });
      assert.equal(diagnostic.source, 'zk-ensemble');
      assert.equal(diagnostic.severity, DiagnosticSeverity.Warning);
      assert.match(String(diagnostic.message), /tickTime/);
      assert.deepEqual(await server.waitForAnyDiagnostics(server.uri('clean/zoo.cfg')), []);
      assert.equal(server.diagnostics(server.uri('clean/zoo.cfg')), undefined, 'a file that never had findings gets no message');
    });
  });

  it('follow the editor: open overrides the disk, incremental changes re-publish, close goes back to the disk', async () => {
    await withServer({ 'zoo.cfg': `${CLEAN}initLimt=5\n` }, async (server) => {
      const uri = server.uri('zoo.cfg');
      await server.waitForDiagnostics(uri, (d) => unknownKeys(d).some((u) => u.range.start.line === 3));

      await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'zoocfg', version: 1, text: WITH_TYPO } });
      const opened = await server.waitForDiagnostics(uri, (d) => unknownKeys(d).some((u) => u.range.start.line === 0));
      assert.equal(unknownKeys(opened).length, 1, 'the disk text no longer counts');

      // Typing the missing 'e' of tickTim fixes the only problem.
      const insertE = { range: { start: { line: 0, character: 7 }, end: { line: 0, character: 7 } }, text: 'e' };
      await server.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [insertE] });
      await server.waitForDiagnostics(uri, isEmpty);

      await server.notify('textDocument/didClose', { textDocument: { uri } });
      await server.waitForDiagnostics(uri, (d) => unknownKeys(d).some((u) => u.range.start.line === 3));
    });
  });

  it('follow watched-file events: a created zoo.cfg is checked, a deleted one is cleared', async () => {
    await withServer({ 'node1/zoo.cfg': CLEAN }, async (server) => {
      await server.waitForAnyDiagnostics(server.uri('node1/zoo.cfg'));
      const globs = server.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles').flatMap((r) => (r.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern));
      assert.ok(globs.includes('**/zoo*.cfg') && globs.includes('**/myid'), `watchers: ${globs.join(', ')}`);

      const created = server.write('node2/zoo.cfg', WITH_TYPO);
      await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: created, type: FileChangeType.Created }] });
      await server.waitForDiagnostics(created, hasUnknownKey);

      server.write('node2/zoo.cfg', CLEAN);
      await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: created, type: FileChangeType.Changed }] });
      await server.waitForDiagnostics(created, isEmpty);

      server.write('node2/zoo.cfg', WITH_TYPO);
      await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: created, type: FileChangeType.Changed }] });
      await server.waitForDiagnostics(created, hasUnknownKey);
      server.remove('node2/zoo.cfg');
      await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: created, type: FileChangeType.Deleted }] });
      await server.waitForDiagnostics(created, isEmpty);
    });
  });

  it('follow workspace folders as they are added and removed', async () => {
    await withServer(
      { 'a/zoo.cfg': WITH_TYPO, 'b/zoo.cfg': WITH_TYPO },
      async (server) => {
        const [a, b] = [server.uri('a/zoo.cfg'), server.uri('b/zoo.cfg')];
        await server.waitForDiagnostics(a, hasUnknownKey);
        assert.equal(server.diagnostics(b), undefined, 'b is not in the workspace yet');

        await server.notify('workspace/didChangeWorkspaceFolders', { event: { added: [server.folder('b')], removed: [server.folder('a')] } });
        await server.waitForDiagnostics(b, hasUnknownKey);
        await server.waitForDiagnostics(a, isEmpty);
      },
      { folders: ['a'] },
    );
  });

  it('publish only what changed', async () => {
    await withServer({ 'a/zoo.cfg': WITH_TYPO, 'b/zoo.cfg': CLEAN }, async (server) => {
      const [a, b] = [server.uri('a/zoo.cfg'), server.uri('b/zoo.cfg')];
      await server.waitForDiagnostics(a, hasUnknownKey);
      await server.waitForAnyDiagnostics(b);
      const before = server.publications.length;

      await server.notify('textDocument/didOpen', { textDocument: { uri: a, languageId: 'zoocfg', version: 1, text: CLEAN } });
      await server.waitForDiagnostics(a, isEmpty);
      assert.deepEqual(server.publications.slice(before).map((p) => p.uri), [a], 'b is unchanged and not sent again');
    });
  });

  it('take the rule settings pulled from the editor, and re-pull them on a change', async () => {
    const capabilities = { workspace: { configuration: true, workspaceFolders: true } };
    await withServer(
      { 'zoo.cfg': WITH_TYPO },
      async (server) => {
        const uri = server.uri('zoo.cfg');
        const [diagnostic] = unknownKeys(await server.waitForDiagnostics(uri, hasUnknownKey));
        assert.equal(diagnostic.severity, DiagnosticSeverity.Error);

        server.settings = { rules: { 'unknown-key': 'off' } };
        await server.notify('workspace/didChangeConfiguration', { settings: null });
        await server.waitForDiagnostics(uri, isEmpty);
      },
      { capabilities, settings: { version: '3.8', rules: { 'unknown-key': 'error' } } },
    );
  });

  it('report related locations as file URIs', async () => {
    // Two nodes that disagree on server.2's port: the finding on one points at the other.
    const node = (id: number, port: number) => `${CLEAN}initLimit=10\nsyncLimit=5\nserver.1=zoo1:2888:3888\nserver.2=zoo2:${port}:3888\nserver.3=zoo3:2888:3888\n# node ${id}\n`;
    await withServer({ 'ens/node1/zoo.cfg': node(1, 2888), 'ens/node2/zoo.cfg': node(2, 2889), 'ens/node1/myid': '1\n', 'ens/node2/myid': '2\n' }, async (server) => {
      const diagnostics = await server.waitForDiagnostics(server.uri('ens/node1/zoo.cfg'), (d) => d.some((x) => (x.relatedInformation ?? []).length > 0));
      const related = diagnostics.flatMap((d) => d.relatedInformation ?? []);
      assert.ok(related.some((r) => r.location.uri === server.uri('ens/node2/zoo.cfg')), JSON.stringify(related));
    });
  });
});
