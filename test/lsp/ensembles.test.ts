import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { type CodeAction, type Diagnostic, FileChangeType } from 'vscode-languageserver/node';
import { seedFiles } from '../seed';
import { withServer } from './harness';

const mismatches = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.code === 'server-mismatch');
const hasMismatch = (diagnostics: readonly Diagnostic[]) => mismatches(diagnostics).length > 0;
const noMismatch = (diagnostics: readonly Diagnostic[]) => mismatches(diagnostics).length === 0;

/** node1's server.2 line (0-based line 32) as the seed writes it, and as the other nodes do. */
const WRONG = 'server.2=10.150.19.15:2888:3888';
const RIGHT = 'server.2=10.100.19.15:2888:3888';

describe('ensembles across files, over LSP', () => {
  it('report the seed mismatch on files never opened, related to the other node', async () => {
    await withServer(seedFiles(), async (server) => {
      const [onNode1] = mismatches(await server.waitForDiagnostics(server.uri('node1/zoo.cfg'), hasMismatch));
      const [onNode3] = mismatches(await server.waitForDiagnostics(server.uri('node3/zoo.cfg'), hasMismatch));
      assert.equal(onNode1.range.start.line, 32);
      assert.equal(onNode3.range.start.line, 32);
      assert.deepEqual(onNode1.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]), [[server.uri('node3/zoo.cfg'), 32]]);
      assert.deepEqual(noMismatch(await server.waitForAnyDiagnostics(server.uri('node2/zoo.cfg'))), true);
    });
  });

  it('clear another node\'s diagnostics when one node is fixed in the editor, and bring them back', async () => {
    await withServer(seedFiles(), async (server) => {
      const node1 = server.uri('node1/zoo.cfg');
      const node3 = server.uri('node3/zoo.cfg');
      await server.waitForDiagnostics(node3, hasMismatch);
      const text = seedFiles()['node1/zoo.cfg'];
      await server.notify('textDocument/didOpen', { textDocument: { uri: node1, languageId: 'zoocfg', version: 1, text } });
      const fixLine = { range: { start: { line: 32, character: 0 }, end: { line: 32, character: WRONG.length } }, text: RIGHT };
      await server.notify('textDocument/didChange', { textDocument: { uri: node1, version: 2 }, contentChanges: [fixLine] });
      await server.waitForDiagnostics(node3, noMismatch);
      await server.waitForDiagnostics(node1, noMismatch);

      const breakLine = { range: { start: { line: 32, character: 0 }, end: { line: 32, character: RIGHT.length } }, text: WRONG };
      await server.notify('textDocument/didChange', { textDocument: { uri: node1, version: 3 }, contentChanges: [breakLine] });
      await server.waitForDiagnostics(node3, hasMismatch);
    });
  });

  it('follow files changed and deleted on disk', async () => {
    await withServer(seedFiles(), async (server) => {
      const node2 = server.uri('node2/zoo.cfg');
      const node3 = server.uri('node3/zoo.cfg');
      await server.waitForDiagnostics(node3, hasMismatch);

      // node2 changes server.3's election port on disk: the majority now says node2 is the odd one out.
      const changed = seedFiles()['node2/zoo.cfg'].replace('server.3=10.100.124.217:2888:3888', 'server.3=10.100.124.217:2888:3999');
      server.write('node2/zoo.cfg', changed);
      await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: node2, type: FileChangeType.Changed }] });
      const onNode2 = mismatches(await server.waitForDiagnostics(node2, hasMismatch));
      assert.match(String(onNode2[0].message), /server\.3/);

      // Deleting node3 removes its diagnostics and its vote.
      server.remove('node3/zoo.cfg');
      await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: node3, type: FileChangeType.Deleted }] });
      await server.waitForDiagnostics(node3, (d) => d.length === 0);
    });
  });
});

describe('fixes over LSP', () => {
  it('offer "make ensemble consistent" on the seed mismatch; applied, it changes one line and clears every error', async () => {
    await withServer(seedFiles(), async (server) => {
      const node1 = server.uri('node1/zoo.cfg');
      const [diagnostic] = mismatches(await server.waitForDiagnostics(node1, hasMismatch));
      const actions = await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: node1 }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
      const consistent = actions.find((a) => a.title.startsWith('Make ensemble'));
      assert.ok(consistent?.edit, `actions: ${actions.map((a) => a.title).join(' | ')}`);
      assert.match(consistent.title, /^Make ensemble '.+' consistent \(1 change in 1 file\)$/);
      assert.deepEqual(consistent.diagnostics, [diagnostic]);
      assert.ok(consistent.edit.changeAnnotations, 'a rewrite across nodes asks for a preview');

      const before = seedFiles();
      for (const uri of server.applyToDisk(consistent.edit)) {
        await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: FileChangeType.Changed }] });
      }
      await server.waitForDiagnostics(node1, (d) => !d.some((x) => x.severity === 1));
      await server.waitForDiagnostics(server.uri('node3/zoo.cfg'), (d) => !d.some((x) => x.severity === 1));
      const after = server.read('node1/zoo.cfg').split('\n');
      const changed = before['node1/zoo.cfg'].split('\n').flatMap((line, i) => (line === after[i] ? [] : [`${line} -> ${after[i]}`]));
      assert.deepEqual(changed, [`${WRONG} -> ${RIGHT}`]);
    });
  });

  it('make the ensemble consistent on command, through workspace/applyEdit', async () => {
    await withServer(seedFiles(), async (server) => {
      const node3 = server.uri('node3/zoo.cfg');
      await server.waitForDiagnostics(node3, hasMismatch);
      await server.request('workspace/executeCommand', { command: 'zookeeper.makeConsistent', arguments: [node3] });
      assert.equal(server.appliedEdits.length, 1);
      assert.equal(server.read('node1/zoo.cfg').split('\n')[32], RIGHT);
    });
  });
});
