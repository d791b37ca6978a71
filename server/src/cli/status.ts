import { summarizeEnsembles } from '../core/summary';
import { formatVersion } from '../core/version';
import { loadWorkspace } from '../workspace/load';
import { displayPath, existingPaths, oneOf, readArguments, wholeNumber } from './args';
import { checkEnsembles } from '../status/check';
import { DEFAULT_STATUS_TIMEOUT_MS, StatusProber } from '../status/probe';
import type { StatusReport } from '../status/types';

/**
 * `zk-ensemble status`: asks every node of the ensembles found below PATH (at the host and client port its
 * files give) what it is doing, with `srvr`. Exit codes: 0 when every ensemble has exactly one leader and all
 * its other nodes follow or observe (a one-node ensemble: standalone), 1 otherwise (also when no ensemble is
 * found), 2 bad usage, 3 internal error (from main).
 */

export const STATUS_USAGE = '  zk-ensemble status [PATH...] [--timeout MS] [--format text|json]';

export const STATUS_HELP = `status   asks each node of the ensembles below PATH (default: .) for its mode with the srvr four-letter word,
         at the host:clientPort its files give, and prints one row per node (ensemble, id, address, mode, zxid).
         Exit 0 when every ensemble has exactly one leader and all other nodes follow or observe, else 1.
         --timeout is per node, in milliseconds (default ${DEFAULT_STATUS_TIMEOUT_MS}).`;

const MAX_TIMEOUT_MS = 600_000;

interface StatusArguments {
  paths: string[];
  timeoutMs: number;
  format: 'text' | 'json';
}

function parseArguments(args: readonly string[]): StatusArguments {
  const read = readArguments(args, { values: ['--timeout', '--format'] });
  const timeout = read.values.get('--timeout');
  return {
    paths: existingPaths(read.positional),
    timeoutMs: timeout === undefined ? DEFAULT_STATUS_TIMEOUT_MS : wholeNumber('--timeout', timeout, 1, MAX_TIMEOUT_MS),
    format: oneOf('--format', read.values.get('--format') ?? 'text', ['text', 'json'] as const),
  };
}

export async function status(args: readonly string[]): Promise<number> {
  const parsed = parseArguments(args);
  const paths = parsed.paths;
  const { engine } = loadWorkspace(paths, {});
  const ensembles = summarizeEnsembles(engine.analyze().ensembles, formatVersion);
  const report = await checkEnsembles(ensembles, new StatusProber(), { timeoutMs: parsed.timeoutMs });
  const healthy = report.ensembles.length > 0 && report.ensembles.every((e) => e.healthy);
  process.stdout.write(parsed.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : formatText(report, paths));
  return healthy ? 0 : 1;
}

/** One row per node, then one line per ensemble with its verdict and problems. */
export function formatText(report: StatusReport, paths: readonly string[] = ['.']): string {
  if (report.ensembles.length === 0) return `No ZooKeeper ensemble found (searched ${paths.map((p) => displayPath(p)).join(', ')}).\n`;
  const header = ['ENSEMBLE', 'ID', 'ADDRESS', 'MODE', 'ZXID'];
  const rows = report.ensembles.flatMap((ensemble) =>
    ensemble.nodes.map((node) => [ensemble.name, node.id === null ? node.label : String(node.id), node.address ?? '-', node.state, node.zxid ?? '-']),
  );
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ') + '\n';
  let text = line(header) + rows.map(line).join('');
  for (const ensemble of report.ensembles) {
    text += `${ensemble.name}: ${ensemble.healthy ? 'healthy' : 'NOT healthy'}: ${ensemble.summary}\n`;
    for (const problem of ensemble.problems) text += `  ${problem}\n`;
  }
  return text;
}
