import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixAll } from '../core/fixAll';
import type { EngineSettings } from '../core/engine';
import { loadWorkspace } from '../workspace/load';
import { readCandidateFile, toCorePath } from '../workspace/scan';
import { displayPath } from './args';
import { unifiedDiff } from './diff';

/**
 * zk-ensemble fix: applies the preferred quick fixes and the make-consistent rewrite below PATH, and says what
 * changed; with --dry-run prints a unified diff and writes nothing. Files are written only below the checked
 * paths, and a file a fix would create is never written over. Exit 0 when no error remains, 1 otherwise.
 */
export function fix(paths: readonly string[], settings: Partial<EngineSettings>, dryRun: boolean): number {
  const { engine } = loadWorkspace(paths, settings);
  const roots = engine.currentSettings.roots;
  const result = fixAll(engine, (p) => readIfExists(p));
  const lines: string[] = [];
  const written = new Map<string, string>();
  for (const [corePath, { before, after }] of result.changed) {
    const refusal = writeRefusal(corePath, before, roots, paths);
    if (refusal) {
      lines.push(`${displayPath(corePath)}: not written: ${refusal}`);
      continue;
    }
    if (dryRun) {
      lines.push(unifiedDiff(displayPath(corePath), before, after).trimEnd());
      written.set(corePath, after);
    } else {
      try {
        fs.mkdirSync(path.dirname(corePath), { recursive: true });
        fs.writeFileSync(corePath, after, { flag: before === undefined ? 'wx' : 'w' });
        lines.push(`${before === undefined ? 'created' : 'fixed'} ${displayPath(corePath)}`);
        written.set(corePath, after);
      } catch (error) {
        lines.push(`${displayPath(corePath)}: not written: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  for (const refused of result.refused) lines.push(`${displayPath(refused)}: exists, not overwritten`);
  if (result.applied.length > 0) lines.push(...result.applied.map((title) => `  applied: ${title}`));
  // Changes that were not written leave their errors: count on what the files are (or would be) after this run.
  let after = engine;
  if (written.size < result.changed.size) {
    after = loadWorkspace(paths, settings).engine;
    for (const [corePath, text] of written) after.setFile(corePath, text);
  }
  const remaining = [...after.analyze().findings.values()].flat().filter((f) => f.severity === 'error').length;
  lines.push(`${written.size} file${written.size === 1 ? '' : 's'} ${dryRun ? 'would change' : 'changed'}; ${remaining} error${remaining === 1 ? '' : 's'} ${dryRun ? 'would remain' : 'remain'}`);
  process.stdout.write(lines.join('\n') + '\n');
  return remaining > 0 ? 1 : 0;
}

function isBelow(root: string, corePath: string): boolean {
  return corePath === root || corePath.startsWith(root.endsWith('/') ? root : root + '/');
}

/** Where a path really lands: the real path of its longest existing part, plus the rest. */
function realLocation(corePath: string): string {
  const rest: string[] = [];
  let current = corePath;
  for (;;) {
    try {
      return toCorePath(path.join(fs.realpathSync(current), ...rest));
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return corePath;
      rest.unshift(path.basename(current));
      current = parent;
    }
  }
}

/**
 * Why a changed file must not be written: it lies outside the checked paths, or leads out of them through a
 * symbolic link (a linked dataDir), or its bytes are not what was read (not valid UTF-8, or changed meanwhile), so
 * writing the text back would change more than the fix.
 */
function writeRefusal(corePath: string, before: string | undefined, roots: readonly string[], paths: readonly string[]): string | undefined {
  if (!roots.some((root) => isBelow(root, corePath))) return `outside ${paths.join(', ')}`;
  const real = realLocation(corePath);
  if (!roots.some((root) => isBelow(realLocation(root), real))) return `it leads to ${displayPath(real)} through a symbolic link, outside ${paths.join(', ')}`;
  if (before !== undefined) {
    let bytes: Buffer | undefined;
    try {
      bytes = fs.readFileSync(corePath);
    } catch {
      bytes = undefined;
    }
    if (!bytes || !bytes.equals(Buffer.from(before, 'utf8'))) return 'its bytes are not valid UTF-8 (or it changed meanwhile): writing it back would change more than the fix';
  }
  return undefined;
}

/** The text of a file a fix touches; '' for something that exists but is no readable config (a FIFO), so that nothing is created over it. */
function readIfExists(corePath: string): string | undefined {
  const read = readCandidateFile(corePath);
  if ('text' in read) return read.text;
  return fs.lstatSync(corePath, { throwIfNoEntry: false }) ? '' : undefined;
}
