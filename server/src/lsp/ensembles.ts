import type { Ensemble } from '../core/ensembles';
import { EnsembleSummary, summarizeEnsembles } from '../core/summary';
import { formatVersion } from '../core/version';

/**
 * The plain JSON the `zookeeper/ensembles` request returns and `zookeeper/ensemblesChanged` carries: what a
 * sidebar shows, the same summary the CLI prints with --format json (file paths absolute). Unknown values are null.
 */

export const ENSEMBLES_REQUEST = 'zookeeper/ensembles';
export const ENSEMBLES_CHANGED_NOTIFICATION = 'zookeeper/ensemblesChanged';

export interface EnsemblesJson {
  readonly ensembles: readonly EnsembleSummary[];
}

export function ensemblesToJson(ensembles: readonly Ensemble[]): EnsemblesJson {
  return { ensembles: summarizeEnsembles(ensembles, formatVersion) };
}
