import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { EnsembleSummary } from '../core/summary';
import { checkEnsembles } from '../status/check';
import { DEFAULT_STATUS_TIMEOUT_MS, StatusProber } from '../status/probe';
import type { StatusReport } from '../status/types';

/**
 * Live status over LSP. `zookeeper/status { ensembleKey?, timeoutMs? }` asks the nodes of the workspace's
 * ensembles (all, or one) for their mode and answers a StatusReport. It opens network connections, to the
 * addresses the workspace's files name, so it is refused unless the editor said the workspace is trusted:
 * `initializationOptions.trusted: true`, or later `zookeeper/trustChanged { trusted }`.
 */

export const STATUS_REQUEST = 'zookeeper/status';
export const TRUST_CHANGED_NOTIFICATION = 'zookeeper/trustChanged';

export interface StatusParams {
  readonly ensembleKey?: string;
  readonly timeoutMs?: number;
}

/** The `data` of the error answered in an untrusted workspace, so clients can tell it from other failures. */
export const UNTRUSTED_ERROR_DATA = { reason: 'untrusted' } as const;

const MAX_TIMEOUT_MS = 60_000;

export class StatusService {
  private trusted = false;
  /** Long-lived, so that overlapping requests (a poll and a click) share each node's probe. */
  private readonly prober = new StatusProber();

  /** From `initializationOptions.trusted`; anything but `true` is untrusted. */
  initialize(initializationOptions: unknown): void {
    this.trusted = readTrusted(initializationOptions);
  }

  trustChanged(params: unknown): void {
    this.trusted = readTrusted(params);
  }

  get isTrusted(): boolean {
    return this.trusted;
  }

  async status(params: unknown, ensembles: () => readonly EnsembleSummary[]): Promise<StatusReport> {
    if (!this.trusted) {
      throw new ResponseError(
        LSPErrorCodes.RequestFailed,
        'Live status is off because the workspace is not trusted: it would connect to the hosts and ports its files name. ' +
          'Trust the workspace (the editor then sends zookeeper/trustChanged { trusted: true }) to check status.',
        UNTRUSTED_ERROR_DATA,
      );
    }
    const { ensembleKey, timeoutMs } = readParams(params);
    const all = ensembles();
    if (ensembleKey !== undefined && !all.some((e) => e.key === ensembleKey)) {
      throw new ResponseError(LSPErrorCodes.RequestFailed, `No ensemble has the key '${ensembleKey}' (any more): ask zookeeper/ensembles again.`);
    }
    return checkEnsembles(all, this.prober, { ensembleKey, timeoutMs });
  }
}

function readTrusted(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && (raw as { trusted?: unknown }).trusted === true;
}

function readParams(raw: unknown): { ensembleKey?: string; timeoutMs: number } {
  const params = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const key = params.ensembleKey;
  const timeout = params.timeoutMs;
  return {
    ...(typeof key === 'string' && { ensembleKey: key }),
    timeoutMs: typeof timeout === 'number' && Number.isFinite(timeout) && timeout >= 1 ? Math.min(timeout, MAX_TIMEOUT_MS) : DEFAULT_STATUS_TIMEOUT_MS,
  };
}
