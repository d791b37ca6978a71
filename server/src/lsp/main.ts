/**
 * Entry point of the language server. The transport comes from the command line (--stdio, --node-ipc,
 * --socket=N, --pipe=NAME), as vscode-languageserver reads it.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);

// Whatever escapes the handlers' own guards is logged; the server keeps serving.
const report = (kind: string) => (error: unknown) => {
  try {
    connection.console.error(`${kind}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } catch {
    // The connection itself is gone; nothing left to tell.
  }
};
process.on('uncaughtException', report('Uncaught exception'));
process.on('unhandledRejection', report('Unhandled rejection'));

startServer(connection);
connection.listen();
