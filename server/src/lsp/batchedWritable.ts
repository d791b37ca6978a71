import { Writable } from 'node:stream';

/**
 * The protocol's output, written in batches. vscode-jsonrpc writes every message as two writes and waits until
 * each has reached the pipe before it starts the next: publishing the diagnostics of 4,500 files cost 9,000
 * round trips through the event loop, and the editor got the last ones about 250 ms after they were sent. This
 * stream takes writes at once and hands what one turn of the event loop wrote to `target` as one write, in
 * order; an error of `target` (the editor went away) becomes this stream's.
 */
export class BatchedWritable extends Writable {
  private pending: Buffer[] = [];
  private scheduled = false;

  constructor(private readonly target: NodeJS.WritableStream) {
    super({ decodeStrings: true });
    target.on('error', (error: Error) => this.destroy(error));
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.pending.push(chunk);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.flush();
    callback();
  }

  private flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const data = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
    this.pending = [];
    this.target.write(data);
  }
}
