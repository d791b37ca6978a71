/**
 * The extension in a real editor, on a copy of examples/seed-3-hosts, where node1's `server.2=10.150.19.15`
 * disagrees with everyone else's `10.100.19.15`. The tests run in order and share the workspace's state.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  allServerErrors,
  codeOf,
  describeDiagnostics,
  diagnosticsWhere,
  EXTENSION_ID,
  hoverText,
  replaceInDocument,
  serverDiagnostics,
  waitFor,
  workspaceFile,
} from '../util';

const NODE1 = 'node1/zoo.cfg';
const NODE3 = 'node3/zoo.cfg';
/** 0-based line of `server.2=...` in the seed's zoo.cfg files (line 33 in an editor). */
const SERVER2_LINE = 32;
const WRONG = '10.150.19.15';
const RIGHT = '10.100.19.15';

const isMismatchOnServer2 = (d: vscode.Diagnostic) => codeOf(d) === 'server-mismatch' && d.range.start.line === SERVER2_LINE;
const hasMismatch = (diagnostics: vscode.Diagnostic[]) => diagnostics.some(isMismatchOnServer2);
const noMismatch = (diagnostics: vscode.Diagnostic[]) => !diagnostics.some((d) => codeOf(d) === 'server-mismatch');

suite('zk-ensemble in VS Code', () => {
  let extension: vscode.Extension<unknown>;
  let node1: vscode.TextDocument;

  suiteTeardown(async () => {
    // Leave the documents as they are on disk: the edits below were never saved. (A command VS Code has only
    // while it runs extension tests.)
    await vscode.commands.executeCommand('_workbench.revertAllDirty');
  });

  test('activates by itself because the workspace holds a zoo.cfg', async () => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not installed in this editor`);
    extension = found;
    assert.ok((extension.packageJSON.activationEvents as string[]).includes('workspaceContains:**/zoo*.cfg'));
    // Nothing here opens a file or runs a command: only the workspaceContains activation event can start it.
    await waitFor('the extension to activate', () => (extension.isActive ? true : undefined), { pollMs: 50 });
    const expectedUnder = process.env.ZK_TEST_EXTENSION_UNDER;
    if (expectedUnder) {
      const relative = path.relative(path.resolve(expectedUnder), extension.extensionPath);
      assert.ok(!relative.startsWith('..') && !path.isAbsolute(relative), `the extension runs from ${extension.extensionPath}, not from below ${expectedUnder}`);
    }
  });

  test('reports the seed mismatch on node1/zoo.cfg, a file never opened', async () => {
    const uri = workspaceFile(NODE1);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'node1/zoo.cfg is open already');
    const diagnostics = await diagnosticsWhere(uri, 'the server.2 mismatch', hasMismatch);
    const mismatch = diagnostics.find(isMismatchOnServer2)!;
    assert.equal(mismatch.severity, vscode.DiagnosticSeverity.Error);
    assert.match(mismatch.message, /server\.2 differs between nodes/);
    assert.ok(
      mismatch.relatedInformation?.some((r) => r.location.uri.toString() === workspaceFile(NODE3).toString()),
      'the diagnostic points at node3/zoo.cfg, which says otherwise',
    );
    await diagnosticsWhere(workspaceFile(NODE3), 'the mismatch on node3 too', hasMismatch);
    // Still never opened: the server reads the workspace from disk.
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()));
    const imageWarnings = vscode.languages
      .getDiagnostics()
      .flatMap(([, list]) => list)
      .filter((d) => codeOf(d) === 'image-mismatch' && d.severity === vscode.DiagnosticSeverity.Warning);
    assert.equal(imageWarnings.length, 3, 'one image-mismatch warning per docker-compose.yml');
  });

  test('opens zoo.cfg as the zoocfg language', async () => {
    node1 = await vscode.workspace.openTextDocument(workspaceFile(NODE1));
    await vscode.window.showTextDocument(node1);
    assert.equal(node1.languageId, 'zoocfg');
    assert.ok((await vscode.languages.getLanguages()).includes('zookeeper-myid'));
  });

  test("clears the mismatch when node1's server.2 is corrected in the editor, and brings it back when undone", async () => {
    await replaceInDocument(node1, `server.2=${WRONG}`, `server.2=${RIGHT}`);
    await diagnosticsWhere(node1.uri, 'node1 without the mismatch', noMismatch);
    await diagnosticsWhere(workspaceFile(NODE3), 'node3 without the mismatch', noMismatch);
    assert.deepEqual(allServerErrors(), [], 'no error left anywhere');

    await replaceInDocument(node1, `server.2=${RIGHT}`, `server.2=${WRONG}`);
    await diagnosticsWhere(node1.uri, 'the mismatch back on node1', hasMismatch);
  });

  test("offers 'Make ensemble consistent' on the mismatch, and applying it leaves no error", async () => {
    const mismatch = serverDiagnostics(node1.uri).find(isMismatchOnServer2);
    assert.ok(mismatch, describeDiagnostics(node1.uri));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', node1.uri, mismatch.range);
    const titles = actions.map((a) => a.title);
    const consistent = actions.find((a) => /^Make ensemble '.+' consistent/.test(a.title));
    assert.ok(consistent, `no make-consistent action among ${JSON.stringify(titles)}`);
    assert.match(consistent.title, /^Make ensemble 'seed-3-hosts' consistent \(1 change in 1 file\)$/);
    assert.ok(consistent.edit, 'the action carries its edit');
    assert.equal(consistent.edit.size, 1, 'one file changes');
    await applyWithPreview(consistent.edit);

    assert.match(node1.lineAt(SERVER2_LINE).text, new RegExp(`^server\\.2=${RIGHT.replace(/\./g, '\\.')}:2888:3888$`));
    await diagnosticsWhere(node1.uri, 'node1 without the mismatch', noMismatch);
    await diagnosticsWhere(workspaceFile(NODE3), 'node3 without the mismatch', noMismatch);
    await waitFor('no error anywhere', () => (allServerErrors().length === 0 ? true : undefined), {
      events: [vscode.languages.onDidChangeDiagnostics],
      describe: () => allServerErrors().join(', '),
    });
  });

  test('shows the docs of tickTime on hover', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', node1.uri, new vscode.Position(1, 3));
    const text = hoverText(hovers);
    assert.match(text, /\*\*tickTime\*\*/);
    assert.match(text, /heartbeats/);
  });

  test('completes initLimit', async () => {
    // In the key of `initLimit=10`: the key slot, where every key the file may take is offered.
    const line = node1.getText().split(/\r?\n/).findIndex((l) => l.startsWith('initLimit='));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', node1.uri, new vscode.Position(line, 4));
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(labels.includes('initLimit'), `initLimit is not among ${labels.length} items: ${labels.slice(0, 20).join(', ')}`);
    const initLimit = list.items.find((item) => (typeof item.label === 'string' ? item.label : item.label.label) === 'initLimit')!;
    assert.equal(initLimit.kind, vscode.CompletionItemKind.Property);
  });

  test('contributes the zoocfg grammar, and the editor tokenizes zoo.cfg with it', async () => {
    const grammars = extension.packageJSON.contributes.grammars as { language: string; scopeName: string; path: string }[];
    const zoocfg = grammars.find((g) => g.language === 'zoocfg');
    assert.ok(zoocfg, 'no grammar contributed for zoocfg');
    const file = vscode.Uri.joinPath(extension.extensionUri, zoocfg.path);
    const grammar = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as { scopeName: string };
    assert.equal(grammar.scopeName, zoocfg.scopeName);

    // The workbench's own TextMate tokenizer for the document's language: it throws "Cannot resolve tokenizer"
    // unless a grammar is registered for zoocfg, and tokenizes every line of node1/zoo.cfg with it.
    // getCommands(true) would leave out these internal (underscore) commands.
    const commands = new Set(await vscode.commands.getCommands());
    if (commands.has('_workbench.colorizeTextMateTokens')) {
      const timing = await vscode.commands.executeCommand<{ tokenizeTime: number }>('_workbench.colorizeTextMateTokens', node1.uri);
      assert.equal(typeof timing?.tokenizeTime, 'number');
    }
    // Desktop VS Code also has the command its own colorizer tests use, which returns the scopes of each token.
    if (commands.has('_workbench.captureSyntaxTokens')) {
      const tokens = await vscode.commands.executeCommand<{ c: string; t: string }[]>('_workbench.captureSyntaxTokens', node1.uri);
      const serverLine = tokens.findIndex((token, i) => token.c === 'server' && tokens[i + 2]?.c === '1');
      assert.ok(serverLine >= 0, `no server.1 line among ${tokens.length} tokens`);
      const scopes = (i: number) => tokens[serverLine + i].t.split(' ');
      assert.ok(scopes(0).includes('support.type.property-name.zoocfg'), tokens[serverLine].t);
      assert.ok(scopes(2).includes('constant.numeric.server-id.zoocfg'), tokens[serverLine + 2].t);
      const host = tokens.slice(serverLine).find((token) => token.c === '0.0.0.0');
      assert.ok(host?.t.split(' ').includes('entity.name.host.zoocfg'), JSON.stringify(host));
    }
    assert.ok(
      commands.has('_workbench.colorizeTextMateTokens') || commands.has('_workbench.captureSyntaxTokens'),
      'this editor has neither tokenizer command: the grammar was only checked in the manifest',
    );
  });
});

/**
 * Applies an edit whose changes carry a change annotation asking for confirmation (the make-consistent rewrite):
 * where VS Code answers that with its Refactor Preview, this presses "Apply" in it (a no-op where no preview is
 * up; code-server 4.139 applies the edit directly).
 */
async function applyWithPreview(edit: vscode.WorkspaceEdit): Promise<void> {
  let settled: boolean | undefined;
  const applying = vscode.workspace.applyEdit(edit).then((ok) => (settled = ok));
  await waitFor(
    'the edit to apply (through the Refactor Preview)',
    async () => {
      if (settled !== undefined) return settled;
      await vscode.commands.executeCommand('refactorPreview.apply');
      return settled;
    },
    { pollMs: 200 },
  );
  assert.equal(await applying, true, 'VS Code did not apply the edit');
}
