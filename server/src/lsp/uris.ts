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

export function corePathToUri(path: string): string {
  return pathToFileURL(path).href;
}
