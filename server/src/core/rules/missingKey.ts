import { effectiveValue, isDistributed, memberLines } from '../config';
import { parseJavaInt } from '../java';
import type { ConfigModel } from '../files';
import { atLeast } from '../version';
import type { FileRule, Report } from './rule';

export const missingKey: FileRule = {
  id: 'missing-key',
  scope: 'file',
  defaultSeverity: 'error',
  docs: {
    summary: 'A key ZooKeeper needs is absent: dataDir; initLimit and syncLimit when servers are listed; clientPort on 3.4; the partner of clientPortAddress or of a quorum.auth switch.',
    why: "ZooKeeper refuses to start with 'dataDir is not set', 'initLimit is not set', 'syncLimit is not set', 'clientPort is not set' (3.4), 'clientPortAddress is set but clientPort is not set', or a SASL cross-check error. On 3.5+ a node without any client port starts but accepts no clients.",
    reference: '§1.1, §3.1, §3.4 X11',
  },
  check(file, context) {
    if (file.kind !== 'zoocfg') return [];
    const version = context.versionOf(file.path);
    const reports: Report[] = [];
    const top = { path: file.path, range: firstLineRange(file) };
    const has = (key: string) => file.properties.effective.has(key);
    const zeroOrMissing = (key: string) => (parseJavaInt(effectiveValue(file, key) ?? '0') ?? 1) === 0;

    if (!has('dataDir')) reports.push({ ...top, message: "dataDir is not set: ZooKeeper refuses to start. Add dataDir=<directory for snapshots and myid>." });

    const members = memberLines(file, version, context.file);
    if (members && isDistributed(file, members, version)) {
      for (const key of ['initLimit', 'syncLimit']) {
        if (zeroOrMissing(key)) {
          const entry = file.properties.effective.get(key);
          reports.push({
            path: file.path,
            range: entry ? entry.valueRange : top.range,
            message: `${key} is not set: an ensemble needs it and ZooKeeper refuses to start ('${key} is not set'). Add ${key}=${key === 'initLimit' ? 10 : 5}.`,
          });
        }
      }
    }

    const clientPortSet = has('clientPort');
    if (!clientPortSet && !atLeast(version, '3.5')) {
      reports.push({ ...top, message: "clientPort is not set: ZooKeeper 3.4 refuses to start ('clientPort is not set'). Add clientPort=2181." });
    }
    if (!clientPortSet && atLeast(version, '3.5') && members && !members.some((m) => m.parsed.spec?.clientPort !== undefined)) {
      reports.push({ ...top, severity: 'warning', message: "No client port: neither clientPort nor a ';port' part on the server lines. ZooKeeper 3.5+ starts but accepts no clients (it only logs 'clientPort is not set'). Add clientPort=2181." });
    }
    const pairs: [string, string, string][] = [
      ['clientPortAddress', 'clientPort', 'clientPortAddress is set but clientPort is not set'],
      ['secureClientPortAddress', 'secureClientPort', 'secureClientPortAddress is set but secureClientPort is not set'],
    ];
    for (const [present, needed, zk] of pairs) {
      const entry = file.properties.effective.get(present);
      if (entry && !has(needed)) reports.push({ path: file.path, range: entry.keyRange, message: `${present} needs ${needed}: ZooKeeper refuses to start ('${zk}').` });
    }
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

function firstLineRange(file: ConfigModel) {
  const end = file.properties.lines.lineEnd(0);
  return file.properties.lines.rangeOf(0, end);
}
