import { dynamicConfigPath, effectiveValue, memberLines, ServerLine, serverLines } from './config';
import type { ConfigModel, FileModel, MyidModel } from './files';
import { basename, dirname, isInside, join, resolvePath } from './paths';
import type { ParsedServerValue, ServerSpec, Span } from './serverLine';
import type { Range } from './text';
import { trimmed } from './arrays';
import type { ZkVersion } from './version';

/** A place in a file. */
export interface Located {
  readonly path: string;
  readonly range: Range;
}

/** One `server.N` as one node writes it, wherever it is written (zoo.cfg line, ZOO_SERVERS entry). */
export interface MemberEntry {
  readonly id: number;
  /** Undefined when the entry does not parse (server-syntax reports why). */
  readonly spec: ServerSpec | undefined;
  /** The value as written, trimmed: what a reader compares by eye. */
  readonly text: string;
  /** The whole entry: where a mismatch is reported. */
  readonly at: Located;
  /** Where the value is written: what a fix replaces. */
  readonly valueAt: Located;
  /** Document range of a part of the value. */
  rangeOf(span: Span): Range;
}

/** A setting as a node has it: written in a file, or an image's default (no location). */
export interface NodeSetting {
  readonly value: string;
  readonly at?: Located;
}

export interface NodeMyid {
  /** The id ZooKeeper would read; undefined when the file cannot be read as an id (myid-invalid says why). */
  readonly value: number | undefined;
  readonly at: Located;
  /** Where the id comes from: a myid file, an environment variable, or a position in a server list. */
  readonly source: 'file' | 'environment' | 'position';
  /** The image's default id, written nowhere: `at` is then the service's name, which a fix must not overwrite. */
  readonly isDefault?: boolean;
}

/** Facts a compose service adds to a node: which Docker host it runs on and what it publishes there. */
export interface NodeContainer {
  readonly composePath: string;
  readonly serviceName: string;
  /** The image family: which syntax its environment takes ('official', 'bitnami', 'confluent', ...). */
  readonly imageFamily: string;
  readonly at: Located;
  /** One Docker host per compose project (its folder): published ports of its services share it. */
  readonly dockerHost: string;
  readonly hostNetwork: boolean;
  readonly publishedPorts: readonly { readonly hostPort: number; readonly containerPort: number; readonly at: Located }[];
  /** A named volume or host folder mounted as the data directory: two nodes sharing one share a myid. */
  readonly dataVolume?: { readonly source: string; readonly written: string; readonly at: Located };
  /** The names peers may use for it: service name, hostname, container_name, network aliases. */
  readonly names: readonly string[];
}

/** One ZooKeeper server as the workspace describes it. */
export interface ZkNode {
  /** Stable identity: the zoo.cfg path, or the compose path and service name. */
  readonly key: string;
  /** A short name for people: the zoo.cfg's folder, or the service name. */
  readonly label: string;
  readonly version: ZkVersion;
  readonly versionFromImage: boolean;
  /** Every file that describes this node, the main one first. */
  readonly files: readonly string[];
  readonly config?: ConfigModel;
  readonly container?: NodeContainer;
  readonly myid?: NodeMyid;
  /** Where a myid file should be found in the workspace but is not, and why it should be there. */
  readonly myidExpected?: { readonly path: string; readonly at: Located; readonly reason: string };
  /**
   * The member list this node holds, sorted by id (lines of one id in file order); undefined when it lives somewhere
   * the workspace does not have.
   */
  readonly members: readonly MemberEntry[] | undefined;
  /** Where the member list is written (for findings about the list as a whole). */
  readonly membersAt?: Located;
  /** The effective settings that matter across nodes (tickTime, initLimit, sslQuorum, ...). */
  readonly settings: ReadonlyMap<string, NodeSetting>;
  /** The settings that open listeners on the node's machine (LISTENER_SETTINGS), as written or generated. */
  readonly listenerSettings: ReadonlyMap<string, NodeSetting>;
}

export interface NodeContext {
  readonly roots: readonly string[];
  readonly defaultVersion: ZkVersion;
  file(path: string): FileModel | undefined;
}

/**
 * Settings whose values every node must share (rule book §3.4 X10), with ZooKeeper's defaults. A default is one
 * NodeSetting shared by every node that does not write the key: thousands of nodes need not hold a copy each.
 */
export const SHARED_SETTINGS: ReadonlyMap<string, NodeSetting | undefined> = new Map(
  (
    [
      ['tickTime', '3000'],
      ['initLimit', undefined],
      ['syncLimit', undefined],
      ['electionAlg', '3'],
      ['standaloneEnabled', 'true'],
      ['reconfigEnabled', 'false'],
      ['sslQuorum', 'false'],
      ['multiAddress.enabled', 'false'],
      ['quorum.auth.enableSasl', 'false'],
      ['quorum.auth.serverRequireSasl', 'false'],
      ['quorum.auth.learnerRequireSasl', 'false'],
      ['quorumListenOnAllIPs', 'false'],
    ] as const
  ).map(([key, value]) => [key, value === undefined ? undefined : { value }]),
);

/**
 * Settings that open ports: what port-clash needs, whether they come from zoo.cfg or an image's environment. No
 * defaults here: port-clash knows which apply.
 */
export const LISTENER_SETTINGS: ReadonlyMap<string, NodeSetting | undefined> = new Map(
  ['clientPort', 'admin.enableServer', 'admin.serverPort', 'metricsProvider.className', 'metricsProvider.httpPort'].map((key) => [key, undefined]),
);

export function memberEntriesOf(lines: readonly ServerLine[], path: string): MemberEntry[] {
  const entries: MemberEntry[] = [];
  for (const line of lines) {
    if (line.id === undefined) continue;
    entries.push({
      id: line.id,
      spec: usableSpec(line.parsed),
      text: line.entry.value.trim(),
      at: { path, range: line.entry.range },
      valueAt: { path, range: line.entry.valueRange },
      rangeOf: line.rangeOf,
    });
  }
  return sortedMembers(entries);
}

/**
 * Members by id (lines of one id in file order, as the stable sort keeps them), in an exact-size array. Lists are
 * nearly always written in id order, and a sort allocates its work arrays even then (~3.4 MB of a cold pass at
 * 1,000 ensembles), so an ordered list is only checked.
 */
export function sortedMembers(entries: MemberEntry[]): MemberEntry[] {
  for (let i = 1; i < entries.length; i++) if (entries[i - 1].id > entries[i].id) return trimmed(entries.sort(byId));
  return trimmed(entries);
}

function byId(a: MemberEntry, b: MemberEntry): number {
  return a.id - b.id;
}

/** The spec ZooKeeper runs with: none when it refuses the value (server-syntax reports why). */
export function usableSpec(parsed: ParsedServerValue): ServerSpec | undefined {
  for (const problem of parsed.problems) if (problem.fatal) return undefined;
  return parsed.spec;
}

/** A node for a zoo.cfg: its members (static or dynamic file), its myid, its settings. */
export function configNode(config: ConfigModel, version: ZkVersion, versionFromImage: boolean, context: NodeContext): ZkNode {
  const files = [config.path];
  const dynamicPath = findDynamicFile(config, context);
  const dynamic = dynamicPath ? context.file(dynamicPath) : undefined;
  const memberSource = dynamic?.kind === 'dynamic' ? dynamic : config;
  if (dynamicPath) files.push(dynamicPath);
  const lines = memberSource === config ? memberLines(config, version, () => undefined) : serverLines(memberSource, version);
  const myidLookup = findMyid(config, context);
  if (myidLookup.myid) files.push(myidLookup.myid.path);
  const firstLine = lines?.[0];
  return {
    key: config.path,
    label: labelFor(config.path),
    version,
    versionFromImage,
    files: trimmed(files),
    config,
    myid: myidLookup.myid ? myidOf(myidLookup.myid) : undefined,
    myidExpected: myidLookup.myid ? undefined : myidLookup.expected,
    members: lines ? memberEntriesOf(lines, memberSource.path) : undefined,
    membersAt: firstLine ? { path: memberSource.path, range: firstLine.entry.range } : undefined,
    settings: configSettings(config, SHARED_SETTINGS),
    listenerSettings: configSettings(config, LISTENER_SETTINGS),
  };
}

export function myidOf(model: MyidModel): NodeMyid {
  return { value: model.myid.id, at: { path: model.path, range: model.myid.firstLineRange }, source: 'file' };
}

/** The effective value of each key, or its default (when it has one) without a location. */
function configSettings(config: ConfigModel, keys: ReadonlyMap<string, NodeSetting | undefined>): Map<string, NodeSetting> {
  const settings = new Map<string, NodeSetting>();
  // forEach, not `for (const [key, fallback] of keys)`: cold, that allocates an entry and a result per key.
  keys.forEach((fallback, key) => {
    const entry = config.properties.effective.get(key);
    if (entry) settings.set(key, { value: entry.value.trim(), at: { path: config.path, range: entry.valueRange } });
    else if (fallback !== undefined) settings.set(key, fallback);
  });
  return settings;
}

/** dynamicConfigFile as written, or, for a path outside the workspace (a container path), the file of that name beside zoo.cfg. */
function findDynamicFile(config: ConfigModel, context: NodeContext): string | undefined {
  const written = dynamicConfigPath(config);
  if (!written) return undefined;
  for (const candidate of [written, join(dirname(config.path), basename(written))]) {
    if (context.file(candidate)?.kind === 'dynamic') return candidate;
  }
  return undefined;
}

const WINDOWS_PATH = /^([a-zA-Z]:|\\\\)/;

/**
 * ZooKeeper reads `dataDir/myid`. When dataDir lies in the workspace that is where the file must be; otherwise
 * (a container path) the convention is a myid beside zoo.cfg, mounted into the container.
 */
function findMyid(config: ConfigModel, context: NodeContext): { myid?: MyidModel; expected?: ZkNode['myidExpected'] } {
  const dataDir = effectiveValue(config, 'dataDir');
  const dataDirEntry = config.properties.effective.get('dataDir');
  // A file ZooKeeper cannot load, or a Windows path, says nothing reliable about where the data lives.
  const loadable = config.properties.problems.every((p) => p.kind === 'byte-order-mark');
  if (dataDir && dataDirEntry && loadable && !WINDOWS_PATH.test(dataDir)) {
    const resolved = resolvePath(dirname(config.path), dataDir);
    if (context.roots.some((root) => isInside(root, resolved))) {
      const path = join(resolved, 'myid');
      const model = context.file(path);
      if (model?.kind === 'myid') return { myid: model };
      return { expected: { path, at: { path: config.path, range: dataDirEntry.valueRange }, reason: `dataDir ${dataDir} lies in the workspace` } };
    }
  }
  const beside = context.file(join(dirname(config.path), 'myid'));
  return beside?.kind === 'myid' ? { myid: beside } : {};
}

/** 'node1/zoo.cfg' reads better as 'node1'; a zoo.cfg in a 'conf' folder is named after the folder above. */
function labelFor(configPath: string): string {
  let folder = dirname(configPath);
  if (basename(folder) === 'conf') folder = dirname(folder);
  const name = basename(configPath);
  return name === 'zoo.cfg' ? basename(folder) : `${basename(folder)}/${name}`;
}
