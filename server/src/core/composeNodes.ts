import type { ComposeFile, ComposeService } from './compose/compose';
import type { ComposeModel, ConfigModel, FileModel } from './files';
import { configNode, LISTENER_SETTINGS, MemberEntry, myidOf, NodeContainer, NodeContext, NodeSetting, SHARED_SETTINGS, ZkNode } from './nodes';
import { dirname, isInside } from './paths';
import { parseServerValue, Span } from './serverLine';
import type { Range } from './text';
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
  return nodes;
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

  const environmentMyid = facts.myid
    ? { value: facts.myid.value, at: { path: facts.myid.path ?? file.path, range: facts.myid.range ?? service.nameRange }, source: 'environment' as const, ...(facts.myid.isDefault && { isDefault: true }) }
    : undefined;
  if (mountedConfig?.kind === 'zoocfg') {
    const node = configNode(mountedConfig as ConfigModel, version, fromImage, context);
    // The image writes ZOO_MY_ID into /data/myid whenever no myid is there, mounted zoo.cfg or not (rule book §4.1).
    const myid = node.myid ?? (mountedMyid?.kind === 'myid' ? myidOf(mountedMyid) : environmentMyid);
    const files = [...node.files, ...(myid && !node.files.includes(myid.at.path) ? [myid.at.path] : []), file.path];
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

  const members = (facts.servers ?? []).flatMap((entry): MemberEntry[] => {
    if (entry.id === undefined) return [];
    const parsed = parseServerValue(entry.value, version, { sid: entry.id });
    return [{
      id: entry.id,
      spec: parsed.problems.some((p) => p.fatal) ? undefined : parsed.spec,
      text: entry.value,
      at: { path: entry.path, range: entry.range },
      valueAt: { path: entry.path, range: entrySubrange(entry.range, entry.value, { start: 0, end: entry.value.length }) },
      rangeOf: (span) => entrySubrange(entry.range, entry.value, span),
    }];
  });
  const settingsFor = (keys: readonly string[]) => {
    const settings = new Map<string, NodeSetting>();
    for (const setting of facts.settings) {
      if (keys.includes(setting.key)) settings.set(setting.key, { value: setting.value, at: setting.path && setting.range ? { path: setting.path, range: setting.range } : undefined });
    }
    return settings;
  };
  const settings = settingsFor([...SHARED_SETTINGS.keys()]);
  for (const [key, fallback] of SHARED_SETTINGS) if (!settings.has(key) && fallback !== undefined) settings.set(key, { value: fallback });
  const firstServer = facts.servers?.[0];
  return {
    key: `${file.path}#${service.name}`,
    label: service.name,
    version,
    versionFromImage: fromImage,
    files: [file.path, ...(mountedMyid ? [mountedMyid.path] : [])],
    container,
    myid: mountedMyid?.kind === 'myid' ? myidOf(mountedMyid) : environmentMyid,
    myidExpected,
    members: facts.servers ? members.sort((a, b) => a.id - b.id) : undefined,
    membersAt: firstServer ? { path: firstServer.path, range: firstServer.range } : undefined,
    settings,
    listenerSettings: settingsFor(LISTENER_SETTINGS),
  };
}

function containerOf(compose: ComposeFile, service: ComposeService): NodeContainer {
  const volume = service.zookeeper?.dataVolume;
  return {
    composePath: compose.path,
    serviceName: service.name,
    imageFamily: service.zookeeper?.family ?? 'other',
    at: { path: compose.path, range: service.nameRange },
    dockerHost: dirname(compose.path),
    hostNetwork: service.networkMode?.value === 'host',
    publishedPorts: service.ports.flatMap((port) =>
      port.hostPort === undefined ? [] : [{ hostPort: port.hostPort, containerPort: port.containerPort, at: { path: compose.path, range: port.hostPortRange ?? port.range } }],
    ),
    // Named volumes belong to their compose project: the same name in two projects is two volumes.
    dataVolume: volume?.source
      ? { source: volume.kind === 'volume' ? `${compose.project}_${volume.source}` : volume.source, written: writtenSource(service, volume.range) ?? volume.source, at: { path: compose.path, range: volume.range } }
      : undefined,
    names: [service.name, service.hostname?.value, service.containerName?.value, ...service.networkAliases.map((a) => a.value)].filter((n): n is string => !!n),
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
  const at = (offset: number) => ({ line: entry.start.line, character: Math.min(entry.end.character, valueStart + offset) });
  return { start: at(span.start), end: at(span.end) };
}
