import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { EnsembleSummary } from '../core/summary';
import type { CheckOptions } from './check';
import { DEFAULT_STATUS_TIMEOUT_MS } from './probe';
import type { StatusReport } from './types';
import type { StatusWorkerData } from './worker';

/**
 * `checkEnsembles` for synchronous callers: the CLI's `main` returns its exit code synchronously (the bin sets
 * `process.exitCode` from it), so the sockets run in a worker thread while this thread waits for its answer.
 */
export function checkEnsemblesSync(ensembles: readonly EnsembleSummary[], options: CheckOptions = {}): StatusReport {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const workerData: StatusWorkerData = { ensembles, options, port: port2, signal };
  const worker = new Worker(path.join(__dirname, 'worker.js'), { workerData, transferList: [port2] });
  try {
    // Every probe ends by its own timeout (twice: srvr, then mntr); the margin covers the worker's start.
    const limitMs = 2 * (options.timeoutMs ?? DEFAULT_STATUS_TIMEOUT_MS) + 10_000;
    if (Atomics.wait(signal, 0, 0, limitMs) === 'timed-out') throw new Error(`the status check did not finish within ${limitMs} ms`);
    const message = receiveMessageOnPort(port1)?.message as { report?: StatusReport; error?: string } | undefined;
    if (!message?.report) throw new Error(`the status check failed: ${message?.error ?? 'no answer from its worker'}`);
    return message.report;
  } finally {
    port1.close();
    void worker.terminate();
  }
}
