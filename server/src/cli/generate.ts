import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DEFAULT_NODES,
  defaultSpec,
  GeneratedFile,
  GenerateOptions,
  generateFiles,
  Layout,
  LAYOUTS,
  validateGenerateOptions,
} from '../core/generate';
import { isInside } from '../core/paths';
import { toCorePath } from '../workspace/scan';
import { displayPath, readArguments, UsageError, wholeNumber } from './args';

/**
 * `zk-ensemble generate`: the Node side of the generator. The core computes the files; this parses the
 * arguments, refuses to write outside --out or over existing files (unless --force), then writes.
 * Exit codes: 0 written, 1 nothing written because a target exists or is unsafe (or writing failed),
 * 2 bad usage, 3 internal error (from main).
 */

export const GENERATE_USAGE = `  zk-ensemble generate --layout hosts|compose|local --out DIR [--nodes N] [--hosts a,b,c]
                       [--client-port N] [--quorum-port N] [--election-port N] [--zookeeper-version V] [--force]`;

export const GENERATE_HELP = `generate writes the files of a new ensemble (default 3 nodes, ZooKeeper 3.8) below --out and lists them:
         hosts   one folder per host with zoo.cfg, myid and docker-compose.yml (official image);
         compose one docker-compose.yml running every node on one Docker host;
         local   one folder per node with zoo.cfg and data/myid, all on 127.0.0.1, for local JVMs.
         Refuses (exit 1, writing nothing) when a file exists, unless --force.`;

interface GenerateArguments {
  options: GenerateOptions;
  force: boolean;
}

function parseArguments(args: readonly string[]): GenerateArguments {
  const read = readArguments(args, {
    values: ['--nodes', '--layout', '--out', '--hosts', '--client-port', '--quorum-port', '--election-port', '--zookeeper-version'],
    switches: ['--force'],
    noPositional: 'name the folder with --out',
  });
  const value = (flag: string) => read.values.get(flag);
  const number = (flag: string) => (value(flag) === undefined ? undefined : wholeNumber(flag, value(flag)!));
  const layout = value('--layout');
  const out = value('--out');
  if (layout === undefined) throw new UsageError(`--layout is required: ${LAYOUTS.join(', ')}`);
  if (out === undefined || out === '') throw new UsageError('--out is required: the folder to write the files to');
  const optional = {
    hosts: value('--hosts')?.split(',').map((host) => host.trim()),
    clientPort: number('--client-port'),
    quorumPort: number('--quorum-port'),
    electionPort: number('--election-port'),
    zookeeperVersion: value('--zookeeper-version'),
  };
  const options: GenerateOptions = {
    nodes: number('--nodes') ?? DEFAULT_NODES,
    layout: layout as Layout,
    outDir: toCorePath(out),
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
  return { options, force: read.switches.has('--force') };
}

function nativePath(corePath: string): string {
  return corePath.split('/').join(path.sep);
}

function lstatOrUndefined(native: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(native);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/**
 * Why writing `files` below `outNative` would leave it, or undefined. The nearest existing ancestor of --out
 * (or --out itself) must resolve to itself or somewhere below it, so no symbolic link on the way takes the
 * files elsewhere; below --out nothing that exists may be a link, and every existing target must be a file.
 */
function unsafeTarget(outNative: string, outCore: string, files: readonly GeneratedFile[]): string | undefined {
  let existing = outNative;
  while (lstatOrUndefined(existing) === undefined) {
    const parent = path.dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  const real = fs.realpathSync(existing);
  if (real !== existing && !real.startsWith(existing.endsWith(path.sep) ? existing : existing + path.sep)) {
    return `${existing} is a symbolic link (or goes through one) to ${real}: name the real folder with --out`;
  }
  const outStat = lstatOrUndefined(outNative);
  if (outStat && !outStat.isDirectory()) return `${outNative} exists and is not a folder`;
  for (const file of files) {
    if (!isInside(outCore, file.path)) return `${file.path} lies outside ${outCore}`;
    const relative = path.relative(outNative, nativePath(file.path));
    let current = outNative;
    for (const segment of relative.split(path.sep)) {
      current = path.join(current, segment);
      const stat = lstatOrUndefined(current);
      if (!stat) break;
      if (stat.isSymbolicLink()) return `${current} is a symbolic link: refusing to write through it`;
      if (current !== nativePath(file.path) && !stat.isDirectory()) return `${current} exists and is not a folder`;
      if (current === nativePath(file.path) && !stat.isFile()) return `${current} exists and is not a file`;
    }
  }
  return undefined;
}

/** Exit 2 with the generator's own messages, which can be several. */
function usage(messages: readonly string[]): number {
  process.stderr.write(messages.map((m) => `zk-ensemble: ${m}\n`).join('') + `\nUsage:\n${GENERATE_USAGE}\n\n${GENERATE_HELP}\n`);
  return 2;
}

export function generate(args: readonly string[]): number {
  const parsed = parseArguments(args);
  const messages = validateGenerateOptions(parsed.options);
  if (messages.length > 0) return usage(messages);
  const { options, force } = parsed;
  const files = generateFiles(defaultSpec(options));
  const outNative = nativePath(options.outDir);

  const unsafe = unsafeTarget(outNative, options.outDir, files);
  if (unsafe) {
    process.stderr.write(`zk-ensemble: nothing written: ${unsafe}\n`);
    return 1;
  }
  const existing = files.filter((file) => lstatOrUndefined(nativePath(file.path)) !== undefined);
  if (existing.length > 0 && !force) {
    process.stderr.write(
      `zk-ensemble: nothing written: ${existing.length} of the ${files.length} files exist already (use --force to overwrite them):\n` +
        existing.map((file) => `  ${displayPath(file.path)}\n`).join(''),
    );
    return 1;
  }
  for (const file of files) {
    const target = nativePath(file.path);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, file.text);
    } catch (error) {
      process.stderr.write(`zk-ensemble: could not write ${displayPath(file.path)}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  }
  process.stdout.write(files.map((file) => `${displayPath(file.path)}\n`).join(''));
  if (options.nodes > 1 && options.nodes % 2 === 0) {
    process.stderr.write(`zk-ensemble: note: ${options.nodes} nodes tolerate no more failures than ${options.nodes - 1}; zk-ensemble check warns about even ensembles.\n`);
  }
  return 0;
}
