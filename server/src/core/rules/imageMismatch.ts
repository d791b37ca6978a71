import type { ComposeService } from '../compose/compose';
import { isInside } from '../paths';
import { atLeast, formatVersion } from '../version';
import type { FileRule, Report, RuleContext } from './rule';

export const imageMismatch: FileRule = {
  id: 'image-mismatch',
  scope: 'file',
  defaultSeverity: 'warning',
  docs: {
    summary: "A compose service and its image disagree: a zoo.cfg, myid or data directory mounted where the image does not look, variables the image ignores or needs, or a 3.5+ node without any client port.",
    why: "The images read fixed paths: wurstmeister/zookeeper reads /opt/zookeeper-<its version>/conf/zoo.cfg, so a mount under another version's folder is silently ignored and the image's sample config runs instead. The official image ignores ZOO_PORT since 2019 and every ZOO_* variable once a zoo.cfg is mounted; cp-zookeeper exits without ZOOKEEPER_CLIENT_PORT. A 3.5+ node whose server lines carry no ';2181' and no clientPort starts without a client listener.",
    reference: '§3.4 X11 X19, §4',
  },
  check(file, context) {
    if (file.kind !== 'compose') return [];
    const reports: Report[] = [];
    for (const problem of file.compose.problems) {
      if (problem.kind === 'ignored-env') reports.push({ path: problem.path, range: problem.range, message: problem.message });
      if (problem.kind === 'missing-env') reports.push({ path: problem.path, range: problem.range, message: problem.message, severity: 'error' });
    }
    for (const service of file.compose.services) reports.push(...mountMismatch(file.path, service), ...noClientPort(service, context, file.path));
    return reports;
  },
};

/** One finding per service, on its image: the fix is to pin the image or move the mounts, both named there. */
function mountMismatch(path: string, service: ComposeService): Report[] {
  const facts = service.zookeeper;
  const image = service.image;
  if (!facts || !image) return [];
  const mounts = [
    facts.mountedConfig?.matchesImagePath === false ? { what: 'zoo.cfg', mount: facts.mountedConfig, expected: facts.expectedConfigPath } : undefined,
    facts.mountedMyid?.matchesImagePath === false ? { what: 'myid', mount: facts.mountedMyid, expected: facts.expectedMyidPath } : undefined,
    facts.dataVolume && facts.expectedDataDir && !isInside(facts.dataVolume.containerPath, facts.expectedDataDir) && !facts.mountedMyid?.matchesImagePath
      ? { what: 'the data directory', mount: facts.dataVolume, expected: facts.expectedDataDir }
      : undefined,
  ].filter((m): m is NonNullable<typeof m> => m !== undefined && m.expected !== undefined);
  if (mounts.length === 0) return [];
  const version = facts.version ? formatVersion(facts.version) : 'another version';
  const tag = image.tag ? `'${image.value}'` : `The untagged '${image.value}' (today ZooKeeper ${version})`;
  return [{
    path,
    range: image.range,
    message: `${tag} reads ${mounts.map((m) => `${m.what} at ${m.expected}`).join(', ')}, but this service mounts ${mounts.map((m) => m.mount.containerPath).join(', ')}: the image ignores those files and runs its own defaults. Pin the image tag that matches the paths, or mount where the image reads.`,
    related: mounts.map((m) => ({ path, range: m.mount.range, message: `${m.what} mounted at ${m.mount.containerPath}; the image reads ${m.expected}` })),
  }];
}

function noClientPort(service: ComposeService, context: RuleContext, path: string): Report[] {
  const facts = service.zookeeper;
  if (!facts || facts.configFrom !== 'environment' || !facts.servers || facts.servers.length === 0) return [];
  const version = facts.version ?? context.versionOf(path);
  if (!atLeast(version, '3.5')) return [];
  const hasClientPort = facts.settings.some((s) => s.key === 'clientPort') || facts.servers.some((s) => s.value.includes(';'));
  if (hasClientPort) return [];
  const first = facts.servers[0];
  return [{
    path: first.path,
    range: first.range,
    severity: 'error',
    message: `ZooKeeper ${formatVersion(version)} gets its client port from the ';2181' part of the server lines here, and none has one: the node starts without a client listener. Write server.N=host:2888:3888;2181.`,
  }];
}
