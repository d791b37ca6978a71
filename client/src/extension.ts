/**
 * The VS Code side of zk-ensemble: it starts the language server and forwards editor events to it.
 * All checking happens in the server, so the CLI and other editors get the same findings.
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';

/** What `activate` returns, so integration tests can reach the running client. */
export interface ZooKeeperExtensionApi {
  readonly client: LanguageClient;
}

/** Also the settings prefix: the client reads its trace level from `zookeeper.trace.server`. */
const CLIENT_ID = 'zookeeper';
const CLIENT_NAME = 'ZooKeeper Ensemble';
const SERVER_MODULE = 'out/server/src/lsp/main.js';
const DEBUG_PORT = 6009;

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ZooKeeperExtensionApi> {
  // Created here rather than by the client so it outlives restarts and "Show Output" works before the server is up.
  const outputChannel = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  const languageClient = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions(context), clientOptions(outputChannel));
  client = languageClient;
  context.subscriptions.push(
    outputChannel,
    vscode.commands.registerCommand('zookeeper.restartServer', () => startOrRestart(languageClient)),
    vscode.commands.registerCommand('zookeeper.showOutput', () => outputChannel.show(true)),
  );
  await startOrRestart(languageClient);
  return { client: languageClient };
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
    documentSelector: [
      { scheme: 'file', language: 'zoocfg' },
      { scheme: 'file', language: 'zookeeper-myid' },
      // Compose files keep their built-in language; only the ones named like compose files concern the server.
      { scheme: 'file', pattern: '**/{docker-compose,compose}*.{yml,yaml}' },
    ],
    outputChannel,
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
