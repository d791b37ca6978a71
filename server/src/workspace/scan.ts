import * as fs from 'node:fs';
import * as path from 'node:path';
import { classifyPath } from '../core/files';

/**
 * Finds and reads the files the engine understands, below some folders on disk. Shared by the CLI and the
 * language server: the only place that walks the file system.
 */

/** Folders never worth walking: dependencies, VCS data, build output of other tools. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', '.venv', '__pycache__']);

/** A zoo.cfg is a few KiB; anything far larger is not one we should hold in memory. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}

export interface ScanResult {
  /** Absolute, '/'-separated paths of candidate files. */
  readonly paths: string[];
  readonly skipped: SkippedFile[];
}

/** Converts a native path to the '/'-separated absolute form the core uses. */
export function toCorePath(nativePath: string): string {
  const absolute = path.resolve(nativePath);
  return absolute.split(path.sep).join('/');
}

/** Walks `roots` (files or folders) and returns the files worth reading; never follows symlinked folders. */
export function findCandidateFiles(roots: readonly string[]): ScanResult {
  const paths: string[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Set<string>();
  const visit = (native: string, depth: number) => {
    let stat: fs.Stats;
    try {
      // A root the user named is followed even when it is a link (macOS /tmp); links below it are not.
      stat = depth === 0 ? fs.statSync(native) : fs.lstatSync(native);
    } catch (error) {
      skipped.push({ path: toCorePath(native), reason: describeError(error) });
      return;
    }
    if (stat.isSymbolicLink()) {
      // A link to a file is read like the file; a link to a folder could loop, so it is not walked.
      try {
        if (fs.statSync(native).isFile()) addFile(native);
      } catch (error) {
        skipped.push({ path: toCorePath(native), reason: `broken link: ${describeError(error)}` });
      }
      return;
    }
    if (stat.isFile()) return addFile(native);
    if (!stat.isDirectory() || depth > 64) return;
    let names: string[];
    try {
      names = fs.readdirSync(native).sort();
    } catch (error) {
      skipped.push({ path: toCorePath(native), reason: describeError(error) });
      return;
    }
    for (const name of names) {
      if (!SKIPPED_FOLDERS.has(name)) visit(path.join(native, name), depth + 1);
    }
  };
  const addFile = (native: string) => {
    const corePath = toCorePath(native);
    if (seen.has(corePath) || classifyPath(corePath) === undefined) return;
    seen.add(corePath);
    paths.push(corePath);
  };
  for (const root of roots) visit(root, 0);
  return { paths, skipped };
}

export type ReadResult = { readonly text: string } | { readonly skipped: string };

/** Reads a file as UTF-8 text, refusing what is too large to be a config. */
export function readCandidateFile(corePath: string): ReadResult {
  try {
    const size = fs.statSync(corePath).size;
    if (size > MAX_FILE_BYTES) return { skipped: `${size} bytes is larger than the ${MAX_FILE_BYTES}-byte limit for a configuration file` };
    return { text: fs.readFileSync(corePath, 'utf8') };
  } catch (error) {
    return { skipped: describeError(error) };
  }
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file (deleted while reading?)';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return error instanceof Error ? error.message : String(error);
}
