/**
 * The VS Code side of zk-ensemble: it starts the language server and forwards editor events to it, and shows
 * what the server finds (the "Ensembles" view, a language status item, live status, the generator's input
 * boxes). All checking and deciding happens in the server, so the CLI and other editors get the same results.
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { EnsemblesView } from './ensemblesView';
import { generateEnsemble } from './generateCommand';
import { createLanguageStatus } from './languageStatus';
import { LiveStatus } from './liveStatus';
import type { TreeItemModel } from './tree/model';

/** What `activate` returns, so integration tests can reach the running client. */
export interface ZooKeeperExtensionApi {
  readonly client: LanguageClient;
  /** The Ensembles view's provider: what the tree shows, for the extension tests. */
  readonly ensemblesView: EnsemblesView;
}

/** Also the settings prefix: the client reads its trace level from `zookeeper.trace.server`. */
const CLIENT_ID = 'zookeeper';
const CLIENT_NAME = 'ZooKeeper Ensemble';
const SERVER_MODULE = 'out/server/src/lsp/main.js';
const DEBUG_PORT = 6009;
/** The server's command (registered in VS Code by the language client) that rewrites an ensemble consistently. */
const SERVER_MAKE_CONSISTENT = 'zookeeper.makeConsistent';

const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'zoocfg' },
  { scheme: 'file', language: 'zookeeper-myid' },
  // Compose files keep their built-in language; only the ones named like compose files concern the server.
  { scheme: 'file', pattern: '**/{docker-compose,compose}*.{yml,yaml}' },
];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ZooKeeperExtensionApi> {
  // Created here rather than by the client so it outlives restarts and "Show Output" works before the server is up.
  const outputChannel = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  const languageClient = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions(context), clientOptions(outputChannel));
  client = languageClient;
  const liveStatus = new LiveStatus(languageClient);
  const view = new EnsemblesView(languageClient, liveStatus);
  context.subscriptions.push(
    outputChannel,
    liveStatus,
    view,
    createLanguageStatus(DOCUMENT_SELECTOR, view),
    vscode.commands.registerCommand('zookeeper.restartServer', () => startOrRestart(languageClient)),
    vscode.commands.registerCommand('zookeeper.showOutput', () => outputChannel.show(true)),
    vscode.commands.registerCommand('zookeeper.generateEnsemble', (options?: unknown) => generateEnsemble(languageClient, options)),
    vscode.commands.registerCommand('zookeeper.checkStatus', (item?: TreeItemModel) => liveStatus.check(item?.ensembleKey)),
    vscode.commands.registerCommand('zookeeper.refreshEnsembles', () => view.refresh()),
    vscode.commands.registerCommand('zookeeper.openZooCfg', (item?: TreeItemModel) => openOneOf(item?.files.zoocfg, 'zoo.cfg')),
    vscode.commands.registerCommand('zookeeper.openMyid', (item?: TreeItemModel) => openOneOf(item?.files.myid, 'myid')),
    vscode.commands.registerCommand('zookeeper.openCompose', (item?: TreeItemModel) => openOneOf(item?.files.compose, 'compose file')),
    vscode.commands.registerCommand('zookeeper.copyConnectionString', (item?: TreeItemModel) => copyConnectionString(item)),
    vscode.commands.registerCommand('zookeeper.makeEnsembleConsistent', (item?: TreeItemModel) => makeConsistent(languageClient, item)),
    vscode.commands.registerCommand('zookeeper.openFile', (file: string, line?: number) => openFile(file, line)),
    vscode.commands.registerCommand('zookeeper.revealInEnsembles', (id?: string) => (id ? view.reveal(id) : undefined)),
  );
  await startOrRestart(languageClient);
  return { client: languageClient, ensemblesView: view };
}

export async function deactivate(): Promise<void> {
  // stop() throws unless the server is running, e.g. after a failed start.
  if (client?.isRunning()) await client.stop();
}

function serverOptions(context: vscode.ExtensionContext): ServerOptions {
  const module = context.asAbsolutePath(SERVER_MODULE);
  return {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', `--inspect=${DEBUG_PORT}`] } },
  };
}

function clientOptions(outputChannel: vscode.LogOutputChannel): LanguageClientOptions {
  return {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel,
    // A function, so a restart sends the trust of the moment; later grants go as zookeeper/trustChanged.
    initializationOptions: () => ({ trusted: vscode.workspace.isTrusted }),
    // The server pulls settings with workspace/configuration; this only tells it when they change.
    synchronize: { configurationSection: CLIENT_ID },
  };
}

async function startOrRestart(languageClient: LanguageClient): Promise<void> {
  try {
    // restart() begins with stop(), which throws unless the server is running.
    await (languageClient.isRunning() ? languageClient.restart() : languageClient.start());
  } catch {
    // The client has already reported the failure in the output channel and a notification;
    // swallowing it keeps the extension active so the user can fix the cause and restart.
  }
}

async function openFile(file: string, line?: number): Promise<void> {
  const selection = line === undefined ? undefined : new vscode.Range(line, 0, line, 0);
  await vscode.window.showTextDocument(vscode.Uri.file(file), { selection, preview: true });
}

/** Opens the one file, or lets the user pick among several (an ensemble's zoo.cfg files). */
async function openOneOf(files: readonly string[] | undefined, what: string): Promise<void> {
  if (!files || files.length === 0) {
    void vscode.window.showInformationMessage(`No ${what} in the workspace for this item.`);
    return;
  }
  if (files.length === 1) return openFile(files[0]);
  const picked = await vscode.window.showQuickPick(
    files.map((file) => ({ label: vscode.workspace.asRelativePath(vscode.Uri.file(file)), file })),
    { placeHolder: `Open which ${what}?` },
  );
  if (picked) await openFile(picked.file);
}

async function copyConnectionString(item: TreeItemModel | undefined): Promise<void> {
  if (!item?.connectionString) {
    void vscode.window.showInformationMessage('The files give no host and client port for these nodes.');
    return;
  }
  await vscode.env.clipboard.writeText(item.connectionString);
  vscode.window.setStatusBarMessage(`$(clippy) Copied ${item.connectionString}`, 5000);
}

/** Runs the server's make-consistent rewrite with a file of the item's ensemble (or the active file's). */
async function makeConsistent(languageClient: LanguageClient, item: TreeItemModel | undefined): Promise<void> {
  const file = item ? Object.values(item.files).flat()[0] : undefined;
  const uri = file ? vscode.Uri.file(file) : vscode.window.activeTextEditor?.document.uri;
  if (!uri || uri.scheme !== 'file') {
    void vscode.window.showInformationMessage('Open a zoo.cfg, myid or compose file of the ensemble, or use the Ensembles view.');
    return;
  }
  if (!languageClient.isRunning()) {
    void vscode.window.showWarningMessage('The ZooKeeper language server is not running: restart it first.');
    return;
  }
  await vscode.commands.executeCommand(SERVER_MAKE_CONSISTENT, uri.toString());
}
