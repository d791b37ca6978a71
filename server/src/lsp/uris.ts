import { fileURLToPath, pathToFileURL } from 'node:url';
import { toCorePath } from '../workspace/scan';

/** Converts between editor URIs and the core's absolute '/'-separated paths (file: URIs only). */

export function uriToCorePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return toCorePath(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/** A POSIX path whose every segment is plain (no '.', '..', nothing to escape): its URI is 'file://' + path. */
const PLAIN_POSIX_PATH = /^(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)+$/;

export function corePathToUri(path: string): string {
  // pathToFileURL costs ~7 µs a call, and a cold start publishes every file of the workspace.
  if (process.platform !== 'win32' && PLAIN_POSIX_PATH.test(path)) return `file://${path}`;
  return pathToFileURL(path).href;
}
