import { effectiveValue } from '../config';
import { parseJavaInt, parseJavaLong } from '../java';
import type { ConfigModel } from '../files';
import { KeyInfo, lookupKey } from '../keys';
import type { PropertyEntry } from '../properties';
import { atLeast, ZkVersion } from '../version';
import type { FileRule, Report } from './rule';

export const invalidValue: FileRule = {
  id: 'invalid-value',
  scope: 'file',
  defaultSeverity: 'error',
  docs: {
    summary: 'A value ZooKeeper cannot use: not a number, a port outside 0-65535, a boolean that is not true/false, an unknown enum value, or limits that contradict each other.',
    why: 'QuorumPeerConfig parses numbers with Integer.parseInt and refuses to start on a bad one ("Error processing zoo.cfg"); since 3.7 booleans must be true or false; some values are refused outright (tickTime=0, electionAlg other than 3 on 3.6+, minSessionTimeout above maxSessionTimeout). Values read as system properties fall back to a default silently instead.',
    reference: '§0.4, §0.5, §1.1, §3.1',
  },
  check(file, context) {
    if (file.kind !== 'zoocfg') return [];
    const version = context.versionOf(file.path);
    const reports: Report[] = [];
    for (const entry of file.properties.effective.values()) {
      const found = lookupKey(entry.key.trim(), version);
      if (found.kind !== 'known') continue;
      const problem = valueProblem(found.info, entry.value.trim(), version);
      if (problem) reports.push({ path: file.path, range: entry.valueRange, ...problem });
    }
    reports.push(...sessionTimeoutProblems(file));
    return reports;
  },
};

type Problem = Pick<Report, 'message' | 'severity'>;

/** Values read by QuorumPeerConfig stop ZooKeeper; system properties are parsed later, leniently. */
function severityFor(info: KeyInfo): Report['severity'] {
  return info.source === 'quorum-config' ? 'error' : 'warning';
}

function valueProblem(info: KeyInfo, value: string, version: ZkVersion): Problem | undefined {
  const severity = severityFor(info);
  switch (info.type) {
    case 'int':
    case 'long':
    case 'port': {
      const number = info.type === 'long' ? parseJavaLong(value) : parseJavaInt(value);
      if (number === undefined) {
        return { severity, message: `'${info.key}' must be a whole number; '${value}' is not${severity === 'error' ? ' (ZooKeeper refuses to start: NumberFormatException)' : ' (ZooKeeper ignores it and uses the default)'}.` };
      }
      if (info.key === 'tickTime' && number === 0) return { severity, message: "tickTime=0 is refused by ZooKeeper ('tickTime is not set'). Use a tick in milliseconds, such as 2000." };
      if (info.key === 'tickTime' && number < 0) return { severity, message: `A negative tickTime makes the session timeouts negative and ZooKeeper refuses to start ('minSessionTimeout must not be larger than maxSessionTimeout'). Use a tick in milliseconds, such as 2000.` };
      if (info.type === 'port' && (number < 0 || number > 65535)) return { severity, message: `'${info.key}' is a port: ${number} is outside 0-65535 (ZooKeeper: 'port out of range:${number}').` };
      if (info.key === 'clientPort' && number === 0 && !atLeast(version, '3.9')) {
        return { severity: 'warning', message: 'Before ZooKeeper 3.9, clientPort=0 counts as not set: the node opens no client port.' };
      }
      if (info.key === 'electionAlg' && atLeast(version, '3.6') && number !== 3) return { severity, message: `ZooKeeper 3.6+ only supports electionAlg=3 ('Invalid electionAlg value. Only 3 is supported.').` };
      if (info.key === 'autopurge.snapRetainCount' && number < 3) return { severity: 'warning', message: `autopurge.snapRetainCount below 3 is ignored: ZooKeeper logs 'Invalid autopurge.snapRetainCount: ${number}. Defaulting to 3'.` };
      if (info.min !== undefined && number < info.min) return { severity, message: `'${info.key}' must be at least ${info.min}; found ${number}.` };
      if (info.max !== undefined && number > info.max) return { severity, message: `'${info.key}' must be at most ${info.max}; found ${number}.` };
      return undefined;
    }
    case 'boolean':
      return booleanProblem(info, value, version);
    case 'enum': {
      if (info.key === 'electionAlg') return valueProblem({ ...info, type: 'int' }, value, version);
      const allowed = info.values ?? [];
      const matches = info.key === 'peerType' ? allowed.includes(value.toLowerCase()) : allowed.includes(value);
      if (matches) return undefined;
      const zk = info.key === 'peerType' ? ` (ZooKeeper: 'Unrecognised peertype: ${value}')` : '';
      return { severity, message: `'${info.key}' must be one of ${allowed.join(', ')}; found '${value}'${zk}.` };
    }
    default:
      return undefined;
  }
}

function booleanProblem(info: KeyInfo, value: string, version: ZkVersion): Problem | undefined {
  const lower = value.toLowerCase();
  switch (info.booleanStyle) {
    case 'yes-no':
      return lower === 'yes' || lower === 'no' ? undefined : { severity: 'warning', message: `'${info.key}' takes yes or no; '${value}' is read as the default.` };
    case 'strict':
    case 'strict-3.7': {
      if (lower === 'true' || lower === 'false') return undefined;
      if (info.booleanStyle === 'strict' || atLeast(version, '3.7')) {
        return { severity: 'error', message: `'${info.key}' must be true or false; ZooKeeper refuses '${value}' ("Invalid option ${value} for ${info.key}. Choose 'true' or 'false.'").` };
      }
      return { severity: 'warning', message: `'${info.key}' must be true or false; before 3.7 ZooKeeper silently reads '${value}' as false (and refuses it from 3.7 on).` };
    }
    default:
      if (lower === 'true' || lower === 'false') return undefined;
      // The AdminServer is switched off only by the exact text "false" (AdminServerFactory).
      if (info.key === 'admin.enableServer') return { severity: 'warning', message: `'${info.key}' takes true or false; ZooKeeper reads '${value}' as true (only 'false' turns the AdminServer off).` };
      return { severity: 'warning', message: `'${info.key}' must be true or false; ZooKeeper silently reads '${value}' as false.` };
  }
}

/** minSessionTimeout/maxSessionTimeout default to 2 and 20 ticks; -1 also means the default (rule book §1.3). */
function sessionTimeoutProblems(file: ConfigModel): Report[] {
  const tick = parseJavaInt(effectiveValue(file, 'tickTime') ?? '3000');
  if (tick === undefined || tick <= 0) return [];
  const timeout = (key: string, ticks: number) => {
    const value = parseJavaInt(effectiveValue(file, key) ?? '-1');
    return value === undefined ? undefined : value === -1 ? ticks * tick : value;
  };
  const min = timeout('minSessionTimeout', 2);
  const max = timeout('maxSessionTimeout', 20);
  if (min === undefined || max === undefined || min <= max) return [];
  const entry: PropertyEntry | undefined = file.properties.effective.get('minSessionTimeout') ?? file.properties.effective.get('maxSessionTimeout');
  if (!entry) return [];
  return [{
    path: file.path,
    range: entry.valueRange,
    message: `minSessionTimeout (${min} ms) is larger than maxSessionTimeout (${max} ms): ZooKeeper refuses to start ('minSessionTimeout must not be larger than maxSessionTimeout').`,
  }];
}
