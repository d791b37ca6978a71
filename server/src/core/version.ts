/**
 * ZooKeeper release lines the rule book covers (3.4 to 3.9, plus master as 3.10).
 * Rules compare versions to decide which grammar and checks apply.
 */
export interface ZkVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

export const DEFAULT_ZOOKEEPER_VERSION = '3.8';

/** Parses "3.8", "3.4.13", "3.9.2-debian"; undefined when the text names no 3.x version. */
export function parseZkVersion(text: string): ZkVersion | undefined {
  const match = /^\s*v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: match[3] === undefined ? 0 : Number(match[3]) };
}

/** A version as a threshold: "3.5" means 3.5.0 (keys, grammar changes: "since 3.5"). */
export function zkVersion(text: string): ZkVersion {
  const parsed = parseZkVersion(text) ?? parseZkVersion(DEFAULT_ZOOKEEPER_VERSION);
  return parsed as ZkVersion;
}

/** Stands for "the latest patch" when a release line is named without one. */
const LATEST_PATCH = 999;

/**
 * A version someone runs: "3.4" (a setting, an image tag) means the latest 3.4 release, so keys added in
 * 3.4.10 count as known.
 */
export function releaseVersion(text: string): ZkVersion {
  const explicitPatch = /^\s*v?\d+\.\d+\.\d+/.test(text);
  const version = zkVersion(text);
  return explicitPatch ? version : { ...version, patch: LATEST_PATCH };
}

export function compareVersions(a: ZkVersion, b: ZkVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** Parsed thresholds: `minimum` is always a literal of the rule book ("3.5"), asked for on every server line. */
const thresholds = new Map<string, ZkVersion>();

/** True when `version` is at least `minimum` ("3.5", "3.5.5"). */
export function atLeast(version: ZkVersion, minimum: string): boolean {
  let threshold = thresholds.get(minimum);
  if (!threshold) thresholds.set(minimum, (threshold = zkVersion(minimum)));
  return compareVersions(version, threshold) >= 0;
}

/** A version as an exact map key ('3.8.999' for "the latest 3.8"). */
export function versionKey(version: ZkVersion): string {
  return `${version.major}.${version.minor}.${version.patch}`;
}

/**
 * A version as an exact memo key built without a string (a string built per call, then hashed, was most of a memo
 * hit): a number for parts below 1,000, as every real version has; versionKey's string otherwise.
 */
export function versionId(version: ZkVersion): number | string {
  const { major, minor, patch } = version;
  return major < 1000 && minor < 1000 && patch < 1000 ? (major * 1000 + minor) * 1000 + patch : versionKey(version);
}

export function formatVersion(v: ZkVersion): string {
  return v.patch && v.patch !== LATEST_PATCH ? `${v.major}.${v.minor}.${v.patch}` : `${v.major}.${v.minor}`;
}
