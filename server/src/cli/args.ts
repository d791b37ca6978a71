import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * What every zk-ensemble command shares: reading `--flag value`, `--flag=value` and switches, the usage error
 * that means exit 2, and how paths are shown (relative to the current directory, '/'-separated).
 */
export class UsageError extends Error {}

export interface ArgumentSpec {
  /** Flags that take a value. */
  readonly values: readonly string[];
  /** Flags that take none. */
  readonly switches?: readonly string[];
  /** The message for a positional argument, when the command takes none. */
  readonly noPositional?: string;
}

export interface Arguments {
  /** The last value given for each flag; repeated flags are in `all`. */
  readonly values: ReadonlyMap<string, string>;
  readonly all: readonly (readonly [flag: string, value: string])[];
  readonly switches: ReadonlySet<string>;
  readonly positional: readonly string[];
}

export function readArguments(args: readonly string[], spec: ArgumentSpec): Arguments {
  const values = new Map<string, string>();
  const all: [string, string][] = [];
  const switches = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (spec.values.includes(flag)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value`);
      values.set(flag, value);
      all.push([flag, value]);
    } else if (spec.switches?.includes(flag)) {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value`);
      switches.add(flag);
    } else if (flag.startsWith('-') && flag !== '-') {
      throw new UsageError(`unknown option '${flag}'`);
    } else if (spec.noPositional) {
      throw new UsageError(`unexpected argument '${arg}' (${spec.noPositional})`);
    } else {
      positional.push(arg);
    }
  }
  return { values, all, switches, positional };
}

/** A whole number from a flag's value, within limits. */
export function wholeNumber(flag: string, text: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`${flag} takes a whole number${max < Number.MAX_SAFE_INTEGER ? ` from ${min} to ${max}` : ''}, not '${text}'`);
  }
  return Number(text);
}

export function oneOf<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) throw new UsageError(`${flag} takes ${choices.join(' or ')}, not '${text}'`);
  return text as T;
}

/** The paths to read, '.' by default; each must exist. */
export function existingPaths(positional: readonly string[]): string[] {
  const paths = positional.length > 0 ? [...positional] : ['.'];
  for (const p of paths) if (!fs.existsSync(p)) throw new UsageError(`no such file or folder: ${p}`);
  return paths;
}

/** Paths as the user's shell sees them: relative to the current directory, '/'-separated. */
export function displayPath(corePath: string): string {
  const relative = path.relative(process.cwd(), corePath.split('/').join(path.sep)) || '.';
  return relative.split(path.sep).join('/');
}
