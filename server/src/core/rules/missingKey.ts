import { effectiveValue, isDistributed, memberLines } from '../config';
import { parseJavaInt } from '../java';
import type { ConfigModel } from '../files';
import { atLeast, ZkVersion } from '../version';
import type { FileRule, Report } from './rule';

export const missingKey: FileRule = {
  id: 'missing-key',
  scope: 'file',
  defaultSeverity: 'error',
  docs: {
    summary: 'A key ZooKeeper needs is absent or empty: dataDir (also an empty dataDir or dataLogDir); initLimit and syncLimit when servers are listed; clientPort on 3.4; the partner of clientPortAddress or of a quorum.auth switch; authProvider.<scheme> for a non-x509 ssl.authProvider with secureClientPort; the Netty connection factory for secureClientPort (warning).',
    why: "ZooKeeper refuses to start with 'dataDir is not set', 'initLimit is not set', 'syncLimit is not set', 'clientPort is not set' (3.4), 'clientPortAddress is set but clientPort is not set', 'No auth provider configured for the SSL authentication scheme', or a SASL cross-check error; an empty dataDir or dataLogDir crashes 3.5+ in its relative-path check (StringIndexOutOfBoundsException). On 3.5+ a node without any client port starts but accepts no clients. secureClientPort needs serverCnxnFactory=org.apache.zookeeper.server.NettyServerCnxnFactory: the default NIO factory cannot serve TLS and the server fails at start. Limits: a provider or connection factory set with -Dzookeeper.… on the JVM is invisible to the workspace, and the provider class itself is not checked.",
    reference: '§1.1, §1.2, §3.1, §3.4 X11',
  },
  check(file, context) {
    if (file.kind !== 'zoocfg') return [];
    const version = context.versionOf(file.path);
    const reports: Report[] = [];
    // Where a missing key is reported (the first line): located only for a finding, as almost every file has its keys.
    const top = () => ({ path: file.path, range: firstLineRange(file) });
    const has = (key: string) => file.properties.effective.has(key);
    const zeroOrMissing = (key: string) => (parseJavaInt(effectiveValue(file, key) ?? '0') ?? 1) === 0;

    if (!has('dataDir')) reports.push({ ...top(), message: "dataDir is not set: ZooKeeper refuses to start. Add dataDir=<directory for snapshots and myid>." });
    for (const key of ['dataDir', 'dataLogDir']) {
      const entry = file.properties.effective.get(key);
      if (entry && effectiveValue(file, key) === '') {
        const consequence = atLeast(version, '3.5')
          ? 'ZooKeeper crashes reading it (StringIndexOutOfBoundsException in its relative-path check)'
          : 'ZooKeeper 3.4 takes it for the file system root';
        const purpose = key === 'dataDir' ? 'snapshots and myid' : 'transaction logs, or remove the line to keep them in dataDir';
        reports.push({ path: file.path, range: entry.range, message: `${key} is empty: ${consequence}. Set ${key}=<absolute directory for ${purpose}>.` });
      }
    }

    const members = memberLines(file, version, (path) => context.file(path));
    if (members && isDistributed(file, members, version)) {
      for (const key of ['initLimit', 'syncLimit']) {
        if (zeroOrMissing(key)) {
          const entry = file.properties.effective.get(key);
          reports.push({
            path: file.path,
            range: entry ? entry.valueRange : top().range,
            message: `${key} is not set: an ensemble needs it and ZooKeeper refuses to start ('${key} is not set'). Add ${key}=${key === 'initLimit' ? 10 : 5}.`,
          });
        }
      }
    }

    const clientPortSet = has('clientPort');
    if (!clientPortSet && !atLeast(version, '3.5')) {
      reports.push({ ...top(), message: "clientPort is not set: ZooKeeper 3.4 refuses to start ('clientPort is not set'). Add clientPort=2181." });
    }
    if (!clientPortSet && atLeast(version, '3.5') && members && !members.some((m) => m.parsed.spec?.clientPort !== undefined)) {
      reports.push({ ...top(), severity: 'warning', message: "No client port: neither clientPort nor a ';port' part on the server lines. ZooKeeper 3.5+ starts but accepts no clients (it only logs 'clientPort is not set'). Add clientPort=2181." });
    }
    const pairs: [string, string, string][] = [
      ['clientPortAddress', 'clientPort', 'clientPortAddress is set but clientPort is not set'],
      ['secureClientPortAddress', 'secureClientPort', 'secureClientPortAddress is set but secureClientPort is not set'],
    ];
    for (const [present, needed, zk] of pairs) {
      const entry = file.properties.effective.get(present);
      if (entry && !has(needed)) reports.push({ path: file.path, range: entry.keyRange, message: `${present} needs ${needed}: ZooKeeper refuses to start ('${zk}').` });
    }
    reports.push(...secureClientPortProblems(file, version));
    const enabled = (key: string) => effectiveValue(file, key)?.toLowerCase() === 'true';
    const sasl: [string, string][] = [
      ['quorum.auth.serverRequireSasl', 'quorum.auth.enableSasl'],
      ['quorum.auth.learnerRequireSasl', 'quorum.auth.enableSasl'],
      ['quorum.auth.serverRequireSasl', 'quorum.auth.learnerRequireSasl'],
    ];
    for (const [requiring, required] of sasl) {
      const entry = file.properties.effective.get(requiring);
      if (entry && enabled(requiring) && !enabled(required)) {
        reports.push({ path: file.path, range: entry.keyRange, message: `${requiring}=true needs ${required}=true: ZooKeeper refuses to start ('${required} is disabled, so cannot enable ${requiring}').` });
      }
    }
    return reports;
  },
};

const NETTY_FACTORY = 'org.apache.zookeeper.server.NettyServerCnxnFactory';
const BUILT_IN_SSL_SCHEME = 'x509';

/**
 * What a TLS client port needs (3.5+): QuorumPeerConfig.configureSSLAuth looks up the system property
 * zookeeper.authProvider.<ssl.authProvider> (x509 registers itself), and only the Netty factory serves TLS.
 */
function secureClientPortProblems(file: ConfigModel, version: ZkVersion): Report[] {
  const portEntry = file.properties.effective.get('secureClientPort');
  const port = parseJavaInt(effectiveValue(file, 'secureClientPort') ?? '');
  if (!portEntry || port === undefined || port === 0 || !atLeast(version, '3.5')) return [];
  const reports: Report[] = [];
  const schemeEntry = file.properties.effective.get('ssl.authProvider');
  const scheme = effectiveValue(file, 'ssl.authProvider');
  if (schemeEntry && scheme !== undefined && scheme !== BUILT_IN_SSL_SCHEME && !file.properties.effective.has(`authProvider.${scheme}`)) {
    reports.push({
      path: file.path,
      range: schemeEntry.range,
      message: `ssl.authProvider=${scheme} names an authentication scheme nothing registers: with secureClientPort set, ZooKeeper refuses to start ('No auth provider configured for the SSL authentication scheme '${scheme}'.'). Register its provider class with authProvider.${scheme}=<class> (the key must end in the scheme name), or remove ssl.authProvider to use the built-in x509.`,
    });
  }
  if (effectiveValue(file, 'serverCnxnFactory') !== NETTY_FACTORY) {
    reports.push({
      path: file.path,
      range: portEntry.keyRange,
      severity: 'warning',
      message: `secureClientPort needs the Netty connection factory: the default NIO factory cannot serve TLS, so the server fails at start unless the JVM sets -Dzookeeper.serverCnxnFactory. Add serverCnxnFactory=${NETTY_FACTORY}.`,
    });
  }
  return reports;
}

function firstLineRange(file: ConfigModel) {
  const end = file.properties.lines.lineEnd(0);
  return file.properties.lines.rangeOf(0, end);
}
