import { strict as assert } from 'node:assert';
import { PassThrough, Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { BatchedWritable } from '../../server/src/lsp/batchedWritable';

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

const write = (stream: Writable, data: string) => new Promise<void>((resolve, reject) => stream.write(data, (error) => (error ? reject(error) : resolve())));

describe('the batched protocol output', () => {
  it('acknowledges writes at once and hands one turn of writes to stdout as one write, in order', async () => {
    const { target, writes } = recordingTarget();
    const batched = new BatchedWritable(target);
    // As vscode-jsonrpc writes: header, then body, each awaited before the next.
    for (let i = 0; i < 100; i++) {
      await write(batched, `Content-Length: ${String(i).length}\r\n\r\n`);
      await write(batched, String(i));
    }
    assert.equal(writes.length, 0, 'nothing reaches the target before the event loop turns');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(writes.length, 1);
    const expected = Array.from({ length: 100 }, (_, i) => `Content-Length: ${String(i).length}\r\n\r\n${i}`).join('');
    assert.equal(writes[0], expected);
  });

  it('keeps the order across turns and flushes what is pending when it ends', async () => {
    const { target, writes } = recordingTarget();
    const batched = new BatchedWritable(target);
    await write(batched, 'a');
    await new Promise((resolve) => setImmediate(resolve));
    await write(batched, 'b');
    await write(batched, 'c');
    await new Promise<void>((resolve) => batched.end(resolve));
    assert.deepEqual(writes, ['a', 'bc']);
  });

  it('fails with the error of the target (the editor went away)', async () => {
    const target = new PassThrough();
    const batched = new BatchedWritable(target);
    const failed = new Promise<Error>((resolve) => batched.once('error', resolve));
    target.destroy(new Error('EPIPE'));
    assert.equal((await failed).message, 'EPIPE');
  });
});
