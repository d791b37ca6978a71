/**
 * "ZooKeeper: Generate Ensemble..." (`zookeeper.generateEnsemble`): asks size, layout, hosts, ports and folder,
 * validating every input box with the server (`zookeeper/validateGenerateOptions`), then applies the edit the
 * server builds (`zookeeper/generate`), saves the new files and opens the first zoo.cfg. Existing files are
 * overwritten only after a modal confirmation.
 *
 * Test hook: executed with an options object (`{ nodes, layout, outDir?, hosts?, clientPort?, quorumPort?,
 * electionPort?, zookeeperVersion? }`, as the server's `zookeeper/generate` takes them), it shows no input box
 * and no confirmation: it refuses to touch existing files, and returns `{ files, firstFile }` (URIs) or
 * `{ errors }`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { WorkspaceEdit } from 'vscode-languageclient/node';

export const GENERATE_COMMAND = 'zookeeper.generateEnsemble';
const GENERATE_REQUEST = 'zookeeper/generate';
const VALIDATE_REQUEST = 'zookeeper/validateGenerateOptions';
const TITLE = 'Generate ZooKeeper Ensemble';

/** Options as typed: the server reads digit strings as numbers and a comma-separated host list. */
type GenerateInput = Record<string, unknown>;

type GenerateResult = { errors: string[] } | { edit: WorkspaceEdit; firstFile: string; files: string[]; existing: string[] };

export type GenerateOutcome = { readonly files: readonly string[]; readonly firstFile: string } | { readonly errors: readonly string[] };

const LAYOUT_ITEMS: readonly (vscode.QuickPickItem & { layout: string })[] = [
  { layout: 'local', label: 'local', description: 'every node on this machine', detail: 'One folder per node with zoo.cfg and data/myid, all on 127.0.0.1 with consecutive ports, for local JVMs.' },
  { layout: 'hosts', label: 'hosts', description: 'one machine per node', detail: 'One folder per host with zoo.cfg, myid and a docker-compose.yml running the official image.' },
  { layout: 'compose', label: 'compose', description: 'every node on one Docker host', detail: 'One docker-compose.yml with a service per node, configured through the image\'s variables.' },
];

export async function generateEnsemble(client: LanguageClient, argument: unknown): Promise<GenerateOutcome | undefined> {
  if (!client.isRunning()) {
    void vscode.window.showErrorMessage('The ZooKeeper language server is not running: restart it to generate an ensemble.');
    return undefined;
  }
  if (isOptions(argument)) return generateWithoutAsking(client, argument);
  const options = await ask(client);
  if (!options) return undefined;
  let result = await client.sendRequest<GenerateResult>(GENERATE_REQUEST, { options });
  if ('errors' in result) return fail(result.errors, true);
  if (result.existing.length > 0) {
    const names = result.existing.map((uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri))).join(', ');
    const overwrite = 'Overwrite';
    const choice = await vscode.window.showWarningMessage(
      `${result.existing.length} of the ${result.files.length} files exist already: ${names}. Overwrite them?`,
      { modal: true, detail: 'Their current content is replaced; Undo restores it until the files are closed.' },
      overwrite,
    );
    if (choice !== overwrite) return undefined;
    result = await client.sendRequest<GenerateResult>(GENERATE_REQUEST, { options, overwrite: true });
    if ('errors' in result) return fail(result.errors, true);
  }
  return apply(client, result, true);
}

async function generateWithoutAsking(client: LanguageClient, options: GenerateInput): Promise<GenerateOutcome> {
  const withFolder = { zookeeperVersion: configuredVersion(), ...options, outDir: options.outDir ?? defaultFolder() };
  const result = await client.sendRequest<GenerateResult>(GENERATE_REQUEST, { options: withFolder });
  if ('errors' in result) return fail(result.errors, false);
  if (result.existing.length > 0) return fail([`Nothing generated: ${result.existing.length} of the files exist already (${result.existing.join(', ')}).`], false);
  return apply(client, result, false);
}

async function apply(client: LanguageClient, result: Extract<GenerateResult, { edit: unknown }>, interactive: boolean): Promise<GenerateOutcome> {
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  if (!(await vscode.workspace.applyEdit(edit))) return fail(['VS Code did not apply the edit (a file may have appeared meanwhile); nothing was generated.'], interactive);
  // The edit leaves the new files open and unsaved; the ensemble exists once they are on disk.
  for (const uri of result.files) {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    if (document.isDirty) await document.save();
  }
  await vscode.window.showTextDocument(vscode.Uri.parse(result.firstFile), { preview: false });
  if (interactive) void vscode.window.showInformationMessage(`Generated ${result.files.length} files for the ensemble.`);
  return { files: result.files, firstFile: result.firstFile };
}

function fail(errors: readonly string[], interactive: boolean): GenerateOutcome {
  if (interactive) void vscode.window.showErrorMessage(`Cannot generate the ensemble: ${errors.join(' ')}`);
  return { errors };
}

/** The input boxes, in order; undefined when the user cancels. */
async function ask(client: LanguageClient): Promise<GenerateInput | undefined> {
  const options: GenerateInput = { zookeeperVersion: configuredVersion() };
  const validate = (field: string) => async (text: string) => {
    const messages = await client.sendRequest<string[]>(VALIDATE_REQUEST, { options: { ...options, [field]: text } });
    return messages.length > 0 ? messages.join(' ') : undefined;
  };
  const total = 7;
  let nodesText = '3';
  for (;;) {
    const answer = await vscode.window.showInputBox({
      title: `${TITLE} (1/${total})`,
      prompt: 'How many nodes? An odd number: 3 tolerate 1 failure, 5 tolerate 2.',
      value: nodesText,
      validateInput: validate('nodes'),
      ignoreFocusOut: true,
    });
    if (answer === undefined) return undefined;
    nodesText = answer.trim();
    const nodes = Number(nodesText);
    if (nodes <= 1 || nodes % 2 === 1) break;
    // An even ensemble is allowed, after saying what it costs (the even-ensemble rule warns about it too).
    const keep = `Use ${nodes} Nodes`;
    const choice = await vscode.window.showWarningMessage(
      `${nodes} nodes tolerate ${Math.floor((nodes - 1) / 2)} failure${Math.floor((nodes - 1) / 2) === 1 ? '' : 's'}, no more than ${nodes - 1} would.`,
      { modal: true, detail: 'A majority of an even ensemble is just as large as that of the next odd size: the extra node adds load and a failure point, not tolerance.' },
      keep,
    );
    if (choice === keep) break;
  }
  options.nodes = nodesText;

  const layout = await vscode.window.showQuickPick(LAYOUT_ITEMS, { title: `${TITLE} (2/${total})`, placeHolder: 'Where do the nodes run?', ignoreFocusOut: true });
  if (!layout) return undefined;
  options.layout = layout.layout;

  if (layout.layout !== 'local') {
    const count = Number(nodesText);
    const hosts = await vscode.window.showInputBox({
      title: `${TITLE} (3/${total})`,
      prompt: layout.layout === 'compose' ? 'Service names (also the containers\' host names), comma-separated' : 'The host of each node (name or IP others reach it at), comma-separated',
      value: Array.from({ length: count }, (_, i) => `zoo${i + 1}`).join(','),
      validateInput: validate('hosts'),
      ignoreFocusOut: true,
    });
    if (hosts === undefined) return undefined;
    options.hosts = hosts;
  }

  const ports: [field: string, what: string, value: string, step: number][] = [
    ['clientPort', layout.layout === 'compose' ? 'First client port published on the Docker host (node i gets it + i - 1)' : layout.layout === 'local' ? 'First client port (node i gets it + i - 1)' : 'Client port', '2181', 4],
    ['quorumPort', layout.layout === 'local' ? 'First quorum port (node i gets it + i - 1)' : 'Quorum port', '2888', 5],
    ['electionPort', layout.layout === 'local' ? 'First election port (node i gets it + i - 1)' : 'Election port', '3888', 6],
  ];
  for (const [field, prompt, value, step] of ports) {
    const port = await vscode.window.showInputBox({ title: `${TITLE} (${step}/${total})`, prompt, value, validateInput: validate(field), ignoreFocusOut: true });
    if (port === undefined) return undefined;
    options[field] = port;
  }

  const outDir = await vscode.window.showInputBox({
    title: `${TITLE} (7/${total})`,
    prompt: 'The folder to write the files to (an absolute path)',
    value: defaultFolder() ?? '',
    validateInput: validate('outDir'),
    ignoreFocusOut: true,
  });
  if (outDir === undefined) return undefined;
  options.outDir = outDir;
  return options;
}

/** The workspace folder (of the active file, else the first) + '/zookeeper'. */
function defaultFolder(): string | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder && folder.uri.scheme === 'file' ? path.join(folder.uri.fsPath, 'zookeeper') : undefined;
}

/** The version the workspace is checked with, so that the generated files pass that check. */
function configuredVersion(): string {
  return vscode.workspace.getConfiguration('zookeeper').get<string>('version', '3.8');
}

function isOptions(argument: unknown): argument is GenerateInput {
  return typeof argument === 'object' && argument !== null && !Array.isArray(argument) && ('layout' in argument || 'nodes' in argument);
}
