import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../core/findings';
import { RULES } from '../core/rules';
import { summarizeEnsembles } from '../core/summary';
import { formatPosition } from '../core/text';
import { formatVersion, parseZkVersion } from '../core/version';
import { loadWorkspace } from '../workspace/load';
import { fix } from './fix';
import { generate, GENERATE_HELP, GENERATE_USAGE } from './generate';
import { status, STATUS_HELP, STATUS_USAGE } from './status';

/**
 * zk-ensemble: the engine for terminals and CI. Exit codes are a public contract:
 * 0 no error, 1 at least one error, 2 bad usage or a path that does not exist, 3 an internal error.
 */

const USAGE = `Usage:
  zk-ensemble check [PATH...] [--format text|json] [--zookeeper-version V] [--rule ID=off|error|warning|information|hint]...
  zk-ensemble rules [--format text|json]
  zk-ensemble fix [PATH...] [--dry-run] [--zookeeper-version V] [--rule ID=...]...
${GENERATE_USAGE}
${STATUS_USAGE}
  zk-ensemble --help | --version

check    reads every zoo.cfg, zoo.cfg.dynamic*, myid and docker-compose file below PATH (default: .),
         groups them into ensembles and reports what ZooKeeper would refuse or silently get wrong.
         Exit 0 when there is no error, 1 when there is, 2 on bad usage.
rules    lists the rules with their ids, default severities and what they report.
fix      applies the preferred quick fixes, then makes each ensemble consistent (the majority value per
         member and setting); prints what changed, or with --dry-run a unified diff, writing nothing.
         Exit 0 when no error remains, 1 when some do.
${GENERATE_HELP}
${STATUS_HELP}`;

class UsageError extends Error {}

interface Options {
  paths: string[];
  format: 'text' | 'json';
  zookeeperVersion?: string;
  rules: Record<string, 'off' | Finding['severity']>;
  dryRun: boolean;
}

const RULE_SETTINGS = new Set(['off', 'error', 'warning', 'information', 'hint']);

function parseOptions(args: string[]): Options {
  const options: Options = { paths: [], format: 'text', rules: {}, dryRun: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const next = inline ?? args[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    if (flag === '--format') {
      const format = value();
      if (format !== 'text' && format !== 'json') throw new UsageError(`--format takes text or json, not '${format}'`);
      options.format = format;
    } else if (flag === '--zookeeper-version') {
      const version = value();
      if (!parseZkVersion(version)) throw new UsageError(`--zookeeper-version takes a version such as 3.8 or 3.4.13, not '${version}'`);
      options.zookeeperVersion = version;
    } else if (flag === '--rule') {
      const [id, setting] = value().split('=');
      if (!RULES.some((rule) => rule.id === id)) throw new UsageError(`unknown rule '${id}' (see zk-ensemble rules)`);
      if (!RULE_SETTINGS.has(setting)) throw new UsageError(`--rule ${id}= takes off, error, warning, information or hint`);
      options.rules[id] = setting as Options['rules'][string];
    } else if (flag === '--dry-run') {
      options.dryRun = true;
    } else if (flag.startsWith('-') && flag !== '-') {
      throw new UsageError(`unknown option '${flag}'`);
    } else {
      options.paths.push(arg);
    }
  }
  return options;
}

/** Paths as the user's shell sees them: relative to the current directory, '/'-separated. */
function displayPath(corePath: string): string {
  const relative = path.relative(process.cwd(), corePath.split('/').join(path.sep)) || '.';
  return relative.split(path.sep).join('/');
}

function existingPaths(options: Options): string[] {
  const paths = options.paths.length > 0 ? options.paths : ['.'];
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new UsageError(`no such file or folder: ${p}`);
  }
  return paths;
}

function check(options: Options): number {
  if (options.dryRun) throw new UsageError('--dry-run goes with fix');
  const paths = existingPaths(options);
  const { engine, skipped } = loadWorkspace(paths, { zookeeperVersion: options.zookeeperVersion, rules: options.rules });
  const analysis = engine.analyze();
  const findings = [...analysis.findings.values()].flat();
  const errors = findings.filter((f) => f.severity === 'error').length;

  if (options.format === 'json') {
    const report = {
      diagnostics: findings.map((f) => ({
        file: displayPath(f.path),
        range: f.range,
        severity: f.severity,
        code: f.ruleId,
        message: f.message,
        related: f.related.map((r) => ({ file: displayPath(r.path), range: r.range, message: r.message })),
      })),
      ensembles: summarizeEnsembles(analysis.ensembles, formatVersion).map((ensemble) => ({
        ...ensemble,
        nodes: ensemble.nodes.map((node) => ({ ...node, files: node.files.map(displayPath) })),
      })),
      skipped: skipped.map((s) => ({ file: displayPath(s.path), reason: s.reason })),
    };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    const lines: string[] = [];
    for (const s of skipped) lines.push(`${displayPath(s.path)}: skipped: ${s.reason}`);
    for (const f of findings) {
      lines.push(`${displayPath(f.path)}:${formatPosition(f.range.start)}: ${f.severity} ${f.ruleId} ${f.message}`);
      for (const r of f.related) lines.push(`    ${displayPath(r.path)}:${formatPosition(r.range.start)}: ${r.message}`);
    }
    const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
    const files = new Set(findings.map((f) => f.path)).size;
    const nodes = analysis.ensembles.reduce((sum, e) => sum + e.nodes.length, 0);
    lines.push(
      `${analysis.findings.size} files, ${analysis.ensembles.length} ensemble${analysis.ensembles.length === 1 ? '' : 's'}, ${nodes} node${nodes === 1 ? '' : 's'}: ` +
        `${count('error')} error${count('error') === 1 ? '' : 's'}, ${count('warning')} warning${count('warning') === 1 ? '' : 's'}, ${count('information') + count('hint')} note(s) in ${files} file${files === 1 ? '' : 's'}`,
    );
    process.stdout.write(lines.join('\n') + '\n');
  }
  return errors > 0 ? 1 : 0;
}

function listRules(options: Options): number {
  if (options.format === 'json') {
    process.stdout.write(JSON.stringify({ rules: RULES.map((r) => ({ id: r.id, scope: r.scope, defaultSeverity: r.defaultSeverity, ...r.docs })) }, null, 2) + '\n');
  } else {
    for (const rule of RULES) process.stdout.write(`${rule.id.padEnd(22)} ${rule.defaultSeverity.padEnd(8)} ${rule.docs.summary}\n`);
  }
  return 0;
}

export async function main(args: string[]): Promise<number> {
  try {
    const [command, ...rest] = args;
    if (command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (command === '--version') {
      const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'));
      process.stdout.write(`${manifest.version}\n`);
      return 0;
    }
    if (command === 'check') return check(parseOptions(rest));
    if (command === 'rules') return listRules(parseOptions(rest));
    if (command === 'generate') return generate(rest);
    if (command === 'status') return await status(rest);
    if (command === 'fix') {
      const options = parseOptions(rest);
      return fix(existingPaths(options), { zookeeperVersion: options.zookeeperVersion, rules: options.rules }, options.dryRun, displayPath);
    }
    throw new UsageError(command === undefined ? 'missing command' : `unknown command '${command}'`);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`zk-ensemble: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`zk-ensemble: internal error (please report it): ${error instanceof Error ? error.message : String(error)}\n`);
    return 3;
  }
}

if (require.main === module) void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
