import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { createMessageConnection, MessageType, StreamMessageReader, StreamMessageWriter, type LogMessageParams } from 'vscode-languageserver/node';
import { SERVER_MAIN } from './harness';

describe('the stdio transport', () => {
  it("sends a stray console.log to the editor's log, never onto the protocol's stdout", async () => {
    // Preloaded, the timer fires once main.ts has set up the connection: as a library's stray logging would.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-stdio-'));
    const preload = path.join(folder, 'stray-console.js');
    fs.writeFileSync(preload, "setTimeout(() => { console.log('stray %s', 'output'); console.error('stray error'); }, 0);\n");
    const child = spawn(process.execPath, ['--require', preload, SERVER_MAIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const logged: LogMessageParams[] = [];
    const bothLogged = new Promise<void>((resolve) =>
      connection.onNotification('window/logMessage', (params: LogMessageParams) => {
        logged.push(params);
        if (logged.length === 2) resolve();
      }),
    );
    connection.listen();
    try {
      await Promise.race([bothLogged, failAfter(5000, () => `logged so far: ${JSON.stringify(logged)}`)]);
      assert.deepEqual(logged, [
        { type: MessageType.Log, message: 'stray output' },
        { type: MessageType.Error, message: 'stray error' },
      ]);
      // The protocol is intact: the server still answers.
      const result = await Promise.race([connection.sendRequest<{ serverInfo?: { name: string } }>('initialize', { processId: process.pid, rootUri: null, capabilities: {} }), failAfter(5000, () => 'no answer to initialize')]);
      assert.equal(result.serverInfo?.name, 'zk-ensemble');
    } finally {
      connection.dispose();
      child.kill();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

function failAfter(ms: number, describe: () => string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${describe()}`)), ms).unref());
}
