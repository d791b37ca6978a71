/**
 * Entry point of the language server. The transport comes from the command line (--stdio, --node-ipc,
 * --socket=N, --pipe=NAME), as vscode-languageserver reads it; over stdio the output is batched.
 */
import { format } from 'node:util';
import { Connection, createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { BatchedMessageWriter } from './batchedMessageWriter';
import { startServer } from './server';

const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);

/**
 * Over stdio with batched output. stdin stays a stream, so that vscode-languageserver still exits when the
 * editor closes it; the writer is ours (the typings know a pair of streams or a pair of reader and writer, the
 * library takes either on each side). Given the streams, the library no longer routes `console` to the editor's
 * log as it does for --stdio; done here, since a stray console.log on stdout would corrupt the protocol.
 */
function stdioConnection(): Connection {
  const writer = new BatchedMessageWriter(process.stdout) as unknown as NodeJS.WritableStream;
  const created = createConnection(ProposedFeatures.all, process.stdin, writer);
  const toLog = (log: (message: string) => void) => (...args: unknown[]) => log(format(...args));
  console.log = console.info = toLog((message) => created.console.log(message));
  console.debug = toLog((message) => created.console.log(message));
  console.warn = toLog((message) => created.console.warn(message));
  console.error = toLog((message) => created.console.error(message));
  return created;
}

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
