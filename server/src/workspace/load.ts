import { Engine, EngineSettings } from '../core/engine';
import { findCandidateFiles, readCandidateFile, SkippedFile, toCorePath } from './scan';
import * as fs from 'node:fs';

/** An engine filled with every relevant file below `roots`, read from disk; what could not be read is listed. */
export function loadWorkspace(roots: readonly string[], settings: Partial<EngineSettings>): { engine: Engine; skipped: SkippedFile[] } {
  const coreRoots = roots.map((root) => {
    const corePath = toCorePath(root);
    return fs.statSync(root, { throwIfNoEntry: false })?.isDirectory() ? corePath : corePath.slice(0, corePath.lastIndexOf('/')) || '/';
  });
  const engine = new Engine({ ...settings, roots: coreRoots });
  const scan = findCandidateFiles(roots);
  const skipped = [...scan.skipped];
  for (const path of scan.paths) {
    const read = readCandidateFile(path, roots);
    if ('text' in read) engine.setFile(path, read.text);
    else skipped.push({ path, reason: read.skipped });
  }
  return { engine, skipped };
}
