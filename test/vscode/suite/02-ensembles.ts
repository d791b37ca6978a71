/**
 * The "Ensembles" view and "ZooKeeper: Generate Ensemble..." in a real editor. Runs after 01-editor: the seed is
 * one ensemble of three nodes; the generator then adds a second one below the workspace.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhere, EXTENSION_ID, serverDiagnostics, waitFor, workspaceFile } from '../util';

/** The wire form of `zookeeper/ensembles` (server/src/core/summary.ts), as far as the tests read it. */
interface EnsembleSummary {
  readonly key: string;
  readonly name: string;
  readonly participants: number;
  readonly nodes: readonly { readonly id: number | null; readonly files: readonly string[] }[];
}

/** The view's item model (client/src/tree/model.ts), as far as the tests read it. */
interface TreeItemModel {
  readonly kind: 'ensemble' | 'node' | 'file';
  readonly label: string;
  readonly description: string;
  readonly children: readonly TreeItemModel[];
}

/** What `activate` returns (client/src/extension.ts); `ensemblesView` only once the extension exports it. */
interface Api {
  readonly client: { sendRequest<R>(method: string, params?: unknown): Promise<R> };
  readonly ensemblesView?: { getChildren(element?: TreeItemModel): TreeItemModel[] | Promise<TreeItemModel[]> };
}

const VIEW_ID = 'zookeeper.ensembles';

suite('Ensembles view and generator', () => {
  let api: Api;

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    assert.ok(api?.client, 'activate() returns { client }');
  });

  async function ensembles(): Promise<readonly EnsembleSummary[]> {
    return (await api.client.sendRequest<{ ensembles: EnsembleSummary[] }>('zookeeper/ensembles', {})).ensembles;
  }

  test('contributes the Ensembles view, which opens', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const views = (manifest.contributes.views.zookeeper as { id: string }[]).map((v) => v.id);
    assert.deepEqual(views, [VIEW_ID]);
    // The view's own focus command exists only when the workbench registered the contributed view.
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  });

  test('finds one ensemble of three nodes in the seed', async () => {
    const [ensemble, ...others] = await waitFor('the seed ensemble', async () => {
      const list = await ensembles();
      return list.length > 0 ? list : undefined;
    }, { pollMs: 100 });
    assert.equal(others.length, 0, `one ensemble, not ${others.length + 1}`);
    assert.equal(ensemble.name, 'seed-3-hosts');
    assert.equal(ensemble.participants, 3);
    assert.deepEqual(ensemble.nodes.map((n) => n.id).sort(), [1, 2, 3]);
  });

  test('the view lists that ensemble with its three nodes', async function () {
    // The tree provider is reachable only through the extension's API; until it is exported this test is pending.
    const view = api.ensemblesView;
    if (!view) return this.skip();
    const roots = await waitFor('the view to show an ensemble', async () => {
      const items = await view.getChildren();
      return items.length > 0 ? items : undefined;
    }, { pollMs: 100 });
    assert.equal(roots.length, 1);
    assert.equal(roots[0].kind, 'ensemble');
    assert.equal(roots[0].label, 'seed-3-hosts');
    const nodes = await view.getChildren(roots[0]);
    assert.deepEqual(nodes.map((n) => n.label).sort(), ['server.1', 'server.2', 'server.3']);
  });

  test('Generate Ensemble with prepared inputs writes files that validate clean', async () => {
    const outDir = workspaceFile('generated').fsPath;
    const result = await vscode.commands.executeCommand<{ files?: string[]; firstFile?: string; errors?: string[] }>(
      'zookeeper.generateEnsemble',
      { nodes: 3, layout: 'local', outDir },
    );
    assert.ok(result, 'the command returns its outcome');
    assert.deepEqual(result.errors, undefined);
    const files = (result.files ?? []).map((file) => vscode.Uri.parse(file));
    assert.ok(files.length >= 6, `expected a zoo.cfg and a myid per node, got ${files.map((f) => f.fsPath).join(', ')}`);
    for (const file of files) {
      await vscode.workspace.fs.stat(file); // on disk, not only in an editor
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString());
      assert.ok(!document?.isDirty, `${file.fsPath} is saved`);
    }
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), result.firstFile, 'the first zoo.cfg is open');

    // The server reports an analysis's diagnostics before its ensembles, so once the new ensemble is there,
    // so are the findings on its files, if any.
    const generated = await waitFor('the generated ensemble', async () => {
      const list = await ensembles();
      return list.find((e) => e.nodes.some((n) => n.files.some((f) => f.startsWith(outDir.split('\\').join('/')))));
    }, { pollMs: 100 });
    assert.equal(generated.participants, 3);
    assert.deepEqual(generated.nodes.map((n) => n.id).sort(), [1, 2, 3]);
    for (const file of files) assert.deepEqual(serverDiagnostics(file).map((d) => d.message), [], vscode.workspace.asRelativePath(file));
    await diagnosticsWhere(files[0], 'no finding on the generated files', (d) => d.length === 0);
    assert.equal((await ensembles()).length, 2, 'the seed and the generated ensemble');
  });

  test('refuses to overwrite the generated files without asking', async () => {
    const outDir = workspaceFile('generated').fsPath;
    const result = await vscode.commands.executeCommand<{ files?: string[]; errors?: string[] }>('zookeeper.generateEnsemble', { nodes: 3, layout: 'local', outDir });
    assert.ok(result?.errors && result.errors.length > 0, JSON.stringify(result));
    assert.match(result.errors.join(' '), /exist already/);
  });
});
