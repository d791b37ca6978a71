import { strict as assert } from 'node:assert';
import { PassThrough, Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createMessageConnection, type Message, type NotificationMessage } from 'vscode-languageserver/node';
import { BatchedMessageWriter } from '../../server/src/lsp/batchedMessageWriter';

/** A target that records each write it gets. */
function recordingTarget(): { target: Writable; writes: string[] } {
  const writes: string[] = [];
  const target = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writes.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { target, writes };
}

const notification = (i: number, text = `file ${i}`): NotificationMessage => ({ jsonrpc: '2.0', method: 'test/n', params: { i, text } });
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('the batched protocol writer', () => {
  it('writes what one turn of the event loop sent as one write, in order', async () => {
    const { target, writes } = recordingTarget();
    const writer = new BatchedMessageWriter(target);
    for (let i = 0; i < 100; i++) await writer.write(notification(i));
    assert.equal(writes.length, 0, 'nothing reaches the stream before the event loop turns');
    await nextTurn();
    assert.equal(writes.length, 1);
    await writer.write(notification(100));
    await nextTurn();
    assert.equal(writes.length, 2);
  });

  it('starts writing a burst larger than a pipe holds before the turn ends, in order', async () => {
    const { target, writes } = recordingTarget();
    const writer = new BatchedMessageWriter(target);
    for (let i = 0; i < 100; i++) await writer.write(notification(i, 'x'.repeat(2000)));
    assert.ok(writes.length >= 2, `${writes.length} writes before the turn ended`);
    await nextTurn();
    const framed = writes.join('');
    const order = [...framed.matchAll(/"i":(\d+)/g)].map((match) => Number(match[1]));
    assert.deepEqual(order, Array.from({ length: 100 }, (_, i) => i));
  });

  it('frames messages as vscode-jsonrpc reads them, multi-byte text included', async () => {
    const pipe = new PassThrough();
    const writer = new BatchedMessageWriter(pipe);
    const received: unknown[] = [];
    const reader = createMessageConnection(pipe, new PassThrough());
    reader.onNotification('test/n', (params: unknown) => void received.push(params));
    reader.listen();
    const sent = [notification(0), notification(1, 'zoo.cfg — ünïcödé 🦓'), notification(2, 'x'.repeat(100_000))];
    for (const message of sent) void writer.write(message as Message);
    await nextTurn();
    while (received.length < sent.length) await nextTurn();
    assert.deepEqual(received, sent.map((m) => m.params));
    reader.dispose();
  });

  it('reports the errors and the closing of the stream (the editor went away)', async () => {
    const target = new PassThrough();
    const writer = new BatchedMessageWriter(target);
    const failed = new Promise<Error>((resolve) => writer.onError(([error]) => resolve(error)));
    const closed = new Promise<void>((resolve) => writer.onClose(() => resolve()));
    target.destroy(new Error('EPIPE'));
    assert.equal((await failed).message, 'EPIPE');
    await closed;
  });
});
