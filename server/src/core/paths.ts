/**
 * POSIX path arithmetic on '/'-separated absolute workspace paths. The core runs without Node's `path`
 * module, and every path it sees has already been converted to this form by the host.
 */

export function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}

/** A '.' or '..' segment, an empty one ('//'), or a trailing '/': what `normalize` changes. */
const NOT_NORMAL = /(^|\/)\.\.?(\/|$)|\/\/|\/$/;

/** Collapses '.', '..' and repeated or trailing '/'; '..' never climbs above the root of an absolute path. */
export function normalize(path: string): string {
  // Most paths are normal already (hosts hand over absolute, clean paths): no segment to drop, nothing to build.
  if (path !== '' && !NOT_NORMAL.test(path)) return path;
  const absolute = isAbsolute(path);
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length > 0 && segments[segments.length - 1] !== '..') segments.pop();
      else if (!absolute) segments.push('..');
      continue;
    }
    segments.push(segment);
  }
  const joined = segments.join('/');
  if (absolute) return '/' + joined;
  return joined === '' ? '.' : joined;
}

export function join(...parts: string[]): string {
  return normalize(parts.filter((part) => part !== '').join('/'));
}

/** `path` taken relative to `baseDirectory` unless it is already absolute. */
export function resolvePath(baseDirectory: string, path: string): string {
  return isAbsolute(path) ? normalize(path) : join(baseDirectory, path);
}

export function dirname(path: string): string {
  const normalized = normalize(path);
  const slash = normalized.lastIndexOf('/');
  if (slash < 0) return '.';
  return slash === 0 ? '/' : normalized.slice(0, slash);
}

export function basename(path: string): string {
  const normalized = normalize(path);
  return normalized.slice(normalized.lastIndexOf('/') + 1);
}

/** True when `path` is `root` itself or lies below it (both absolute). */
export function isInside(root: string, path: string): boolean {
  const normalizedRoot = normalize(root);
  const normalizedPath = normalize(path);
  if (normalizedRoot === '/') return isAbsolute(normalizedPath);
  return normalizedPath === normalizedRoot || normalizedPath.startsWith(normalizedRoot + '/');
}

/** `to` as seen from the folder `from` ('../data/myid'); both absolute. */
export function relativePath(from: string, to: string): string {
  const a = normalize(from).split('/').filter(Boolean);
  const b = normalize(to).split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const up = a.slice(common).map(() => '..');
  return [...up, ...b.slice(common)].join('/') || '.';
}
