import type { ComposeFile, ComposeService } from './compose/compose';
import type { ComposeServerEntry, ComposeSetting } from './compose/model';
import type { ComposeModel, ConfigModel, FileModel } from './files';
import { configNode, LISTENER_SETTINGS, MemberEntry, myidOf, NodeContainer, NodeMyid, NodeContext, NodeSetting, SHARED_SETTINGS, sortedMembers, usableSpec, ZkNode } from './nodes';
import { dirname, isInside } from './paths';
import { parseServerValue, Span } from './serverLine';
import type { Range } from './text';
import { trimmed } from './arrays';
import type { ZkVersion } from './version';

/**
 * Nodes described by docker-compose services. A service that mounts a zoo.cfg of the workspace is that
 * zoo.cfg's node (with the image's version and the container's facts); any other ZooKeeper service is a node
 * of its own, configured by its environment (rule book §4).
 */
export function composeNodes(files: readonly FileModel[], context: NodeContext): ZkNode[] {
  const nodes: ZkNode[] = [];
  for (const file of files) {
    if (file.kind !== 'compose') continue;
    for (const service of file.compose.services) {
      const node = serviceNode(file, service, context);
      if (node) nodes.push(node);
    }
  }
  return trimmed(nodes);
}

/** The version a service runs: its image tag where the rule book knows it, else the configured default. */
function serviceVersion(service: ComposeService, defaultVersion: ZkVersion): { version: ZkVersion; fromImage: boolean } {
  const version = service.zookeeper?.version;
  return version ? { version, fromImage: true } : { version: defaultVersion, fromImage: false };
}

function serviceNode(file: ComposeModel, service: ComposeService, context: NodeContext): ZkNode | undefined {
  const facts = service.zookeeper;
  if (!service.runsZooKeeper || !facts) return undefined;
  const { version, fromImage } = serviceVersion(service, context.defaultVersion);
  const container = containerOf(file.compose, service);
  const mountedConfig = facts.mountedConfig?.hostPath ? context.file(facts.mountedConfig.hostPath) : undefined;
  const mountedMyidPath = facts.mountedMyid?.hostPath;
  const mountedMyid = mountedMyidPath ? context.file(mountedMyidPath) : undefined;
  const myidExpected =
    facts.mountedMyid && mountedMyidPath && !mountedMyid && context.roots.some((root) => isInside(root, mountedMyidPath))
      ? { path: mountedMyidPath, at: { path: file.path, range: facts.mountedMyid.range }, reason: `${service.name} mounts it` }
      : undefined;

  // No conditional spread here (nor below): run once per service, each is a slow runtime call while code is cold.
  let environmentMyid: NodeMyid | undefined;
  if (facts.myid) {
    const at = { path: facts.myid.path ?? file.path, range: facts.myid.range ?? service.nameRange };
    environmentMyid = facts.myid.isDefault ? { value: facts.myid.value, at, source: 'environment', isDefault: true } : { value: facts.myid.value, at, source: 'environment' };
  }
  if (mountedConfig?.kind === 'zoocfg') {
    const node = configNode(mountedConfig as ConfigModel, version, fromImage, context);
    // The image writes ZOO_MY_ID into /data/myid whenever no myid is there, mounted zoo.cfg or not (rule book §4.1).
    const myid = node.myid ?? (mountedMyid?.kind === 'myid' ? myidOf(mountedMyid) : environmentMyid);
    const files = myid && !node.files.includes(myid.at.path) ? node.files.concat(myid.at.path, file.path) : node.files.concat(file.path);
    // One zoo.cfg may serve several services: each is a node of its own.
    const shared = file.compose.services.filter((other) => other.zookeeper?.mountedConfig?.hostPath === mountedConfig.path).length > 1;
    return {
      ...node,
      key: `${file.path}#${service.name}`,
      label: shared ? service.name : node.label,
      files,
      container,
      myid,
      myidExpected: myid ? undefined : (node.myidExpected ?? myidExpected),
    };
  }

  const members: MemberEntry[] = [];
  for (const entry of facts.servers ?? []) if (entry.id !== undefined) members.push(memberOf(entry, entry.id, version));
  const { settings, listenerSettings } = settingsOf(facts.settings);
  const firstServer = facts.servers?.[0];
  return {
    key: `${file.path}#${service.name}`,
    label: service.name,
    version,
    versionFromImage: fromImage,
    files: mountedMyid ? [file.path, mountedMyid.path] : [file.path],
    container,
    myid: mountedMyid?.kind === 'myid' ? myidOf(mountedMyid) : environmentMyid,
    myidExpected,
    members: facts.servers ? sortedMembers(members) : undefined,
    membersAt: firstServer ? { path: firstServer.path, range: firstServer.range } : undefined,
    settings,
    listenerSettings,
  };
}

function memberOf(entry: ComposeServerEntry, id: number, version: ZkVersion): MemberEntry {
  const parsed = parseServerValue(entry.value, version, { sid: id });
  return {
    id,
    spec: usableSpec(parsed),
    text: entry.value,
    at: { path: entry.path, range: entry.range },
    valueAt: { path: entry.path, range: entrySubrange(entry.range, entry.value, { start: 0, end: entry.value.length }) },
    rangeOf: memberRangeOf,
  };
}

/** One function for every compose member, not a closure each (thousands); the same shape as zoo.cfg members. */
function memberRangeOf(this: MemberEntry, span: Span): Range {
  return entrySubrange(this.at.range, this.text, span);
}

/** The written SHARED_SETTINGS (with ZooKeeper's defaults for the rest) and LISTENER_SETTINGS, in one pass. */
function settingsOf(written: readonly ComposeSetting[]): { settings: Map<string, NodeSetting>; listenerSettings: Map<string, NodeSetting> } {
  const settings = new Map<string, NodeSetting>();
  const listenerSettings = new Map<string, NodeSetting>();
  for (const setting of written) {
    const shared = SHARED_SETTINGS.has(setting.key);
    const listener = LISTENER_SETTINGS.has(setting.key);
    if (!shared && !listener) continue;
    const value: NodeSetting = { value: setting.value, at: setting.path && setting.range ? { path: setting.path, range: setting.range } : undefined };
    if (shared) settings.set(setting.key, value);
    if (listener) listenerSettings.set(setting.key, value);
  }
  SHARED_SETTINGS.forEach((fallback, key) => {
    if (fallback !== undefined && !settings.has(key)) settings.set(key, fallback);
  });
  return { settings, listenerSettings };
}

function containerOf(compose: ComposeFile, service: ComposeService): NodeContainer {
  const volume = service.zookeeper?.dataVolume;
  const publishedPorts: NodeContainer['publishedPorts'][number][] = [];
  for (const port of service.ports) {
    if (port.hostPort !== undefined) publishedPorts.push({ hostPort: port.hostPort, containerPort: port.containerPort, at: { path: compose.path, range: port.hostPortRange ?? port.range } });
  }
  const names: string[] = [];
  if (service.name) names.push(service.name);
  if (service.hostname?.value) names.push(service.hostname.value);
  if (service.containerName?.value) names.push(service.containerName.value);
  for (const alias of service.networkAliases) if (alias.value) names.push(alias.value);
  return {
    composePath: compose.path,
    serviceName: service.name,
    imageFamily: service.zookeeper?.family ?? 'other',
    at: { path: compose.path, range: service.nameRange },
    dockerHost: dirname(compose.path),
    hostNetwork: service.networkMode?.value === 'host',
    publishedPorts: trimmed(publishedPorts),
    // Named volumes belong to their compose project: the same name in two projects is two volumes.
    dataVolume: volume?.source
      ? { source: volume.kind === 'volume' ? `${compose.project}_${volume.source}` : volume.source, written: writtenSource(service, volume.range) ?? volume.source, at: { path: compose.path, range: volume.range } }
      : undefined,
    names: trimmed(names),
  };
}

/** The volume source as the user wrote it ('./data', 'zkdata'), found by the mount's range. */
function writtenSource(service: ComposeService, range: Range): string | undefined {
  return service.volumes.find((v) => v.range.start.line === range.start.line && v.range.start.character === range.start.character)?.sourceText;
}

/**
 * The range of a part of an entry's value. Official entries are written `server.N=<value>` on one line, so the value
 * ends where the entry ends; bitnami and confluent entries are the value itself, possibly with a suffix the image adds.
 */
export function entrySubrange(entry: Range, value: string, span: Span): Range {
  if (entry.start.line !== entry.end.line) return entry;
  const written = entry.end.character - entry.start.character;
  const valueStart = written >= value.length ? entry.end.character - value.length : entry.start.character;
  const start = Math.min(entry.end.character, valueStart + span.start);
  const end = Math.min(entry.end.character, valueStart + span.end);
  // Most often the whole value of a bitnami or confluent entry: the entry's own range.
  if (start === entry.start.character && end === entry.end.character) return entry;
  return { start: { line: entry.start.line, character: start }, end: { line: entry.start.line, character: end } };
}
