import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../core/findings';
import { RULES } from '../core/rules';
import { summarizeEnsembles } from '../core/summary';
import { formatPosition } from '../core/text';
import { formatVersion, parseZkVersion } from '../core/version';
import { loadWorkspace } from '../workspace/load';
import { displayPath, existingPaths, oneOf, readArguments, UsageError } from './args';
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

interface Options {
  paths: string[];
  format: 'text' | 'json';
  zookeeperVersion?: string;
  rules: Record<string, 'off' | Finding['severity']>;
  dryRun: boolean;
}

const RULE_SETTINGS = ['off', 'error', 'warning', 'information', 'hint'] as const;

/** The options of check, fix and rules; a flag a command does not take is a usage error there. */
function parseOptions(args: readonly string[], command: 'check' | 'fix' | 'rules'): Options {
  const values = command === 'rules' ? ['--format'] : command === 'fix' ? ['--zookeeper-version', '--rule'] : ['--format', '--zookeeper-version', '--rule'];
  const read = readArguments(args, { values, switches: command === 'fix' ? ['--dry-run'] : [], noPositional: command === 'rules' ? 'rules takes no path' : undefined });
  const version = read.values.get('--zookeeper-version');
  if (version !== undefined && !parseZkVersion(version)) throw new UsageError(`--zookeeper-version takes a version such as 3.8 or 3.4.13, not '${version}'`);
  const rules: Options['rules'] = {};
  for (const [, value] of read.all.filter(([flag]) => flag === '--rule')) {
    const [id, setting] = value.split('=');
    if (!RULES.some((rule) => rule.id === id)) throw new UsageError(`unknown rule '${id}' (see zk-ensemble rules)`);
    rules[id] = oneOf(`--rule ${id}=`, setting ?? '', RULE_SETTINGS);
  }
  return {
    paths: command === 'rules' ? [] : existingPaths(read.positional),
    format: oneOf('--format', read.values.get('--format') ?? 'text', ['text', 'json'] as const),
    zookeeperVersion: version,
    rules,
    dryRun: read.switches.has('--dry-run'),
  };
}

function check(options: Options): number {
  const { engine, skipped } = loadWorkspace(options.paths, { zookeeperVersion: options.zookeeperVersion, rules: options.rules });
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
    if (command === 'check') return check(parseOptions(rest, 'check'));
    if (command === 'rules') return listRules(parseOptions(rest, 'rules'));
    if (command === 'generate') return generate(rest);
    if (command === 'status') return await status(rest);
    if (command === 'fix') {
      const options = parseOptions(rest, 'fix');
      return fix(options.paths, { zookeeperVersion: options.zookeeperVersion, rules: options.rules }, options.dryRun);
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
