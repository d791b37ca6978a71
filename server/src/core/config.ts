import type { ConfigModel, FileModel } from './files';
import { dirname, resolvePath } from './paths';
import type { PropertyEntry } from './properties';
import { ParsedServerValue, parseMemberKey, parseServerValue, Span } from './serverLine';
import { javaTrimBounds } from './java';
import type { Range } from './text';
import { trimmed } from './arrays';
import { atLeast, versionId, ZkVersion } from './version';

/**
 * What a zoo.cfg means once ZooKeeper has read it: the effective (last) value of each key, trimmed as
 * QuorumPeerConfig trims them, and the `server.N` lines parsed with the grammar of one version.
 */

/** QuorumPeerConfig.parseProperties trims keys and values (rule book §0.2). */
export function effectiveValue(config: ConfigModel, key: string): string | undefined {
  const value = config.properties.effective.get(key)?.value;
  if (value === undefined) return undefined;
  const { start, end } = javaTrimBounds(value);
  return value.slice(start, end);
}

export interface ServerLine {
  readonly entry: PropertyEntry;
  /** The id in `server.N`; undefined when N is not a number. */
  readonly id: number | undefined;
  readonly keyProblem?: { readonly message: string; readonly span: Span };
  readonly parsed: ParsedServerValue;
  /** Document range of a part of the value. */
  rangeOf(span: Span): Range;
}

const cache = new WeakMap<ConfigModel, Map<number | string, readonly ServerLine[]>>();

/** The `server.N` lines ZooKeeper keeps (the last of each key), parsed for `version`. */
export function serverLines(config: ConfigModel, version: ZkVersion): readonly ServerLine[] {
  let byVersion = cache.get(config);
  if (!byVersion) cache.set(config, (byVersion = new Map()));
  const cached = byVersion.get(versionId(version));
  if (cached) return cached;
  const lines: ServerLine[] = [];
  for (const entry of config.properties.effective.values()) {
    const keyText = entry.key.trim();
    if (!keyText.startsWith('server.')) continue;
    const key = parseMemberKey(keyText);
    // The multiAddress.enabled key alone does not allow '|': ZooKeeper reads the JVM flag (rule book §1.1).
    const parsed = parseServerValue(entry.value, version, { multiAddressEnabled: false, sid: key.id });
    lines.push({
      entry,
      id: key.id,
      keyProblem: key.problem,
      parsed,
      rangeOf: (span) => entry.valueSubrange(span.start, span.end),
    });
  }
  const kept = trimmed(lines);
  byVersion.set(versionId(version), kept);
  return kept;
}

/** The file that holds the member list: the dynamic file when `dynamicConfigFile` names one we have. */
export function dynamicConfigPath(config: ConfigModel): string | undefined {
  const value = effectiveValue(config, 'dynamicConfigFile');
  return value ? resolvePath(dirname(config.path), value) : undefined;
}

/**
 * Whether ZooKeeper runs this config as a quorum peer (rule book §0.6): 3.4 when more than one server is
 * listed; 3.5+ when more than one participant is listed, or any with standaloneEnabled=false.
 */
export function isDistributed(config: ConfigModel, members: readonly ServerLine[], version: ZkVersion): boolean {
  if (!atLeast(version, '3.5')) return members.length > 1;
  const participants = members.filter((m) => (m.parsed.spec?.role ?? 'participant') === 'participant').length;
  const standaloneEnabled = effectiveValue(config, 'standaloneEnabled')?.toLowerCase() !== 'false';
  return participants > 1 || (!standaloneEnabled && participants > 0);
}

/** The member list in effect; undefined when it lives in a dynamic file the workspace does not hold. */
export function memberLines(
  config: ConfigModel,
  version: ZkVersion,
  file: (path: string) => FileModel | undefined,
): readonly ServerLine[] | undefined {
  const dynamicPath = atLeast(version, '3.5') ? dynamicConfigPath(config) : undefined;
  if (!dynamicPath) return serverLines(config, version);
  const dynamic = file(dynamicPath);
  return dynamic && dynamic.kind === 'dynamic' ? serverLines(dynamic, version) : undefined;
}
