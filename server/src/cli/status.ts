import * as fs from 'node:fs';
import * as path from 'node:path';
import { summarizeEnsembles } from '../core/summary';
import { formatVersion } from '../core/version';
import { loadWorkspace } from '../workspace/load';
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

class StatusUsageError extends Error {}

interface StatusArguments {
  paths: string[];
  timeoutMs: number;
  format: 'text' | 'json';
}

function parseArguments(args: readonly string[]): StatusArguments {
  const parsed: StatusArguments = { paths: [], timeoutMs: DEFAULT_STATUS_TIMEOUT_MS, format: 'text' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const next = inline ?? args[++i];
      if (next === undefined) throw new StatusUsageError(`${flag} needs a value`);
      return next;
    };
    if (flag === '--timeout') {
      const text = value();
      if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_TIMEOUT_MS) throw new StatusUsageError(`--timeout takes milliseconds from 1 to ${MAX_TIMEOUT_MS}, not '${text}'`);
      parsed.timeoutMs = Number(text);
    } else if (flag === '--format') {
      const format = value();
      if (format !== 'text' && format !== 'json') throw new StatusUsageError(`--format takes text or json, not '${format}'`);
      parsed.format = format;
    } else if (flag.startsWith('-') && flag !== '-') {
      throw new StatusUsageError(`unknown option '${flag}'`);
    } else {
      parsed.paths.push(arg);
    }
  }
  for (const p of parsed.paths) if (!fs.existsSync(p)) throw new StatusUsageError(`no such file or folder: ${p}`);
  return parsed;
}

function displayPath(corePath: string): string {
  const relative = path.relative(process.cwd(), corePath.split('/').join(path.sep)) || '.';
  return relative.split(path.sep).join('/');
}

export async function status(args: readonly string[]): Promise<number> {
  let parsed: StatusArguments;
  try {
    parsed = parseArguments(args);
  } catch (error) {
    if (!(error instanceof StatusUsageError)) throw error;
    process.stderr.write(`zk-ensemble: ${error.message}\n\nUsage:\n${STATUS_USAGE}\n\n${STATUS_HELP}\n`);
    return 2;
  }
  const paths = parsed.paths.length > 0 ? parsed.paths : ['.'];
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
