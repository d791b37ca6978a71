import { makeConsistent } from './consistent';
import { applyChanges, FileChange, Fix } from './edits';
import type { Engine } from './engine';
import { comparePositions } from './text';

/**
 * What `zk-ensemble fix` does: apply every preferred quick fix, again until nothing changes, then make each
 * ensemble consistent. Pure over the engine's texts: the caller writes the result. Fixes are idempotent, so a
 * second run finds nothing to do.
 */
export interface FixAllResult {
  /** Path → text before and after, for every file that changed or was created (before undefined). */
  readonly changed: ReadonlyMap<string, { readonly before: string | undefined; readonly after: string }>;
  /** The titles of the fixes applied, in order. */
  readonly applied: readonly string[];
  /** Files a fix wanted to create that exist already: left alone. */
  readonly refused: readonly string[];
}

const MAX_ROUNDS = 10;

export function fixAll(engine: Engine, read: (path: string) => string | undefined): FixAllResult {
  const original = new Map<string, string | undefined>();
  const current = new Map<string, string>();
  const applied: string[] = [];
  const refused: string[] = [];
  const textOf = (path: string) => current.get(path) ?? read(path);
  const apply = (fixes: readonly Fix[]) => {
    const result = applyChanges(fixes.flatMap((f) => f.changes), textOf);
    refused.push(...result.refused);
    for (const [path, text] of result.texts) {
      if (!original.has(path)) original.set(path, read(path));
      current.set(path, text);
      engine.setFile(path, text);
    }
    applied.push(...fixes.map((f) => f.title));
    return result.texts.size > 0;
  };

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const analysis = engine.analyze();
    const preferred = disjoint([...analysis.findings.values()].flat().flatMap((f) => f.fixes.filter((fix) => fix.isPreferred)));
    if (preferred.length > 0 && apply(preferred)) continue;
    const consistency = disjoint(analysis.ensembles.flatMap((e) => makeConsistent(e, { file: (p) => engine.model(p) }) ?? []));
    if (consistency.length === 0 || !apply(consistency)) break;
  }
  const changed = new Map<string, { before: string | undefined; after: string }>();
  for (const [path, after] of current) if (original.get(path) !== after) changed.set(path, { before: original.get(path), after });
  return { changed, applied, refused: [...new Set(refused)] };
}

/** Fixes whose changes touch no place another chosen fix touches; the rest wait for the next round. */
function disjoint(fixes: readonly Fix[]): Fix[] {
  const chosen: Fix[] = [];
  const taken: FileChange[] = [];
  for (const fix of fixes) {
    if (fix.changes.some((change) => taken.some((other) => overlaps(change, other)))) continue;
    chosen.push(fix);
    taken.push(...fix.changes);
  }
  return chosen;
}

function overlaps(a: FileChange, b: FileChange): boolean {
  if (a.path !== b.path) return false;
  if (a.kind === 'create' || b.kind === 'create') return true;
  // The same start is a clash even for two insertions: their order would be arbitrary.
  if (comparePositions(a.range.start, b.range.start) === 0) return true;
  return comparePositions(a.range.end, b.range.start) > 0 && comparePositions(b.range.end, a.range.start) > 0;
}
