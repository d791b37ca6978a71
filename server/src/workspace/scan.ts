import * as fs from 'node:fs';
import * as path from 'node:path';
import { classifyPath } from '../core/files';
import { normalize } from '../core/paths';

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
  // An absolute POSIX path only needs normalizing, which returns it as it is when it is clean (every path a walk finds
  // below a clean root): path.resolve built each one anew (~10 ms in a CPU profile of a walk at 1,000 ensembles).
  if (path.sep === '/' && nativePath.startsWith('/')) return normalize(nativePath);
  const absolute = path.resolve(nativePath);
  return absolute.split(path.sep).join('/');
}

/** The real paths of `roots` (those that exist), to tell where a symbolic link leads. */
/** The last roots resolved: a scan reads thousands of files below the same few roots. */
let resolvedRoots: { readonly key: string; readonly real: string[] } | undefined;

function realRoots(roots: readonly string[]): string[] {
  const key = roots.join('\u0000');
  if (resolvedRoots?.key === key) return resolvedRoots.real;
  const real = roots.flatMap((root) => {
    try {
      return [fs.realpathSync(root)];
    } catch {
      return [];
    }
  });
  resolvedRoots = { key, real };
  return real;
}

function isBelowAny(realRootPaths: readonly string[], realPath: string): boolean {
  return realRootPaths.some((root) => realPath === root || realPath.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
}

function outsideReason(realPath: string): string {
  return `symbolic link to ${toCorePath(realPath)}, outside the checked folders: not read`;
}

/**
 * Walks `roots` (files or folders) and returns the files worth reading; never follows symlinked folders, nor
 * symlinked files that lead out of the roots (a hostile workspace could link zoo.cfg to any file of the machine).
 */
export function findCandidateFiles(roots: readonly string[]): ScanResult {
  const paths: string[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Set<string>();
  const realRootPaths = realRoots(roots);
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
      // A link to a file inside the roots is read like the file; a link to a folder could loop, so it is not walked.
      let real: string;
      let target: fs.Stats;
      try {
        real = fs.realpathSync(native);
        target = fs.statSync(real);
      } catch (error) {
        skipped.push({ path: toCorePath(native), reason: `broken link: ${describeError(error)}` });
        return;
      }
      if (target.isDirectory()) skipped.push({ path: toCorePath(native), reason: 'symbolic link to a folder: not followed' });
      else if (classifyPath(toCorePath(native)) === undefined) return;
      else if (!isBelowAny(realRootPaths, real)) skipped.push({ path: toCorePath(native), reason: outsideReason(real) });
      else if (!target.isFile()) skipped.push({ path: toCorePath(native), reason: 'not a regular file' });
      else addFile(native);
      return;
    }
    if (stat.isFile()) return addFile(native);
    if (!stat.isDirectory()) {
      // A FIFO or device named zoo.cfg would block or never end a read.
      if (classifyPath(toCorePath(native)) !== undefined) skipped.push({ path: toCorePath(native), reason: 'not a regular file' });
      return;
    }
    walkFolder(native, depth);
  };
  const walkFolder = (native: string, depth: number) => {
    if (depth > 64) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(native, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      skipped.push({ path: toCorePath(native), reason: describeError(error) });
      return;
    }
    for (const entry of entries) {
      // An entry says what it is (Node stats it when the file system does not): files and folders need no stat of
      // their own (3,186 folders at 1,000 ensembles: ~25 ms in a CPU profile); links and the unusual get one in visit.
      if (entry.isFile()) {
        if (classifyPath(entry.name) !== undefined) addFile(path.join(native, entry.name));
      } else if (SKIPPED_FOLDERS.has(entry.name)) {
        continue;
      } else if (entry.isDirectory()) {
        walkFolder(path.join(native, entry.name), depth + 1);
      } else {
        visit(path.join(native, entry.name), depth + 1);
      }
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

/**
 * Reads a file as UTF-8 text, refusing what is too large to be a config and what is not a regular file (a FIFO
 * would block the reader, a device never end). With `roots`, a path that resolves outside them (a symbolic link
 * created after the scan) is refused too.
 */
export function readCandidateFile(corePath: string, roots?: readonly string[]): ReadResult {
  let fd: number | undefined;
  try {
    if (roots) {
      // One realpath(3) call, where the JavaScript implementation looks at every folder of the path.
      const real = fs.realpathSync.native(corePath);
      if (!isBelowAny(realRoots(roots), real)) return { skipped: outsideReason(real) };
    }
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it changes nothing for regular files.
    fd = fs.openSync(corePath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { skipped: 'not a regular file' };
    if (stat.size > MAX_FILE_BYTES) return { skipped: `${stat.size} bytes is larger than the ${MAX_FILE_BYTES}-byte limit for a configuration file` };
    // The size is only a hint (the file may grow while read; /proc files say 0): never read past the limit.
    let buffer = Buffer.allocUnsafe(stat.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > MAX_FILE_BYTES) return { skipped: `more than ${MAX_FILE_BYTES} bytes (it grew while read): larger than the limit for a configuration file` };
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_FILE_BYTES + 1));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return { text: buffer.toString('utf8', 0, length) };
  } catch (error) {
    return { skipped: describeError(error) };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file (deleted while reading?)';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return error instanceof Error ? error.message : String(error);
}
