import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixAll } from '../core/fixAll';
import type { EngineSettings } from '../core/engine';
import { loadWorkspace } from '../workspace/load';
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
  for (const [corePath, { before, after }] of result.changed) {
    if (!roots.some((root) => corePath === root || corePath.startsWith(root.endsWith('/') ? root : root + '/'))) {
      lines.push(`${displayPath(corePath)}: not written: outside ${paths.join(', ')}`);
      continue;
    }
    if (dryRun) lines.push(unifiedDiff(displayPath(corePath), before, after).trimEnd());
    else {
      fs.mkdirSync(path.dirname(corePath), { recursive: true });
      fs.writeFileSync(corePath, after, { flag: before === undefined ? 'wx' : 'w' });
      lines.push(`${before === undefined ? 'created' : 'fixed'} ${displayPath(corePath)}`);
    }
  }
  for (const refused of result.refused) lines.push(`${displayPath(refused)}: exists, not overwritten`);
  if (result.applied.length > 0) lines.push(...result.applied.map((title) => `  applied: ${title}`));
  const remaining = [...engine.analyze().findings.values()].flat().filter((f) => f.severity === 'error').length;
  lines.push(`${result.changed.size} file${result.changed.size === 1 ? '' : 's'} ${dryRun ? 'would change' : 'changed'}; ${remaining} error${remaining === 1 ? '' : 's'} ${dryRun ? 'would remain' : 'remain'}`);
  process.stdout.write(lines.join('\n') + '\n');
  return remaining > 0 ? 1 : 0;
}

function readIfExists(corePath: string): string | undefined {
  try {
    return fs.readFileSync(corePath, 'utf8');
  } catch {
    return undefined;
  }
}
