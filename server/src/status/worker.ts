import { MessagePort, workerData } from 'node:worker_threads';
import type { EnsembleSummary } from '../core/summary';
import { checkEnsembles, CheckOptions } from './check';
import { StatusProber } from './probe';

/**
 * The worker thread behind `checkEnsemblesSync`: runs the asynchronous check, posts the report (or the
 * error) on `port`, then wakes the waiting thread through `signal`.
 */

export interface StatusWorkerData {
  readonly ensembles: readonly EnsembleSummary[];
  readonly options: CheckOptions;
  readonly port: MessagePort;
  /** Set to 1, and notified, when the message is posted. */
  readonly signal: Int32Array;
}

const data = workerData as StatusWorkerData;

checkEnsembles(data.ensembles, new StatusProber(), data.options)
  .then(
    (report) => data.port.postMessage({ report }),
    (error: unknown) => data.port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  )
  .finally(() => {
    Atomics.store(data.signal, 0, 1);
    Atomics.notify(data.signal, 0);
  });
