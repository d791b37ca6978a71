import { effectiveValue } from '../config';
import { replace } from '../edits';
import { javaTrimBounds, parseJavaInt, parseJavaLong } from '../java';
import type { ConfigModel } from '../files';
import { KeyInfo, lookupKey } from '../keys';
import type { PropertyEntry } from '../properties';
import { participants } from '../quorum';
import { atLeast, formatVersion, ZkVersion } from '../version';
import { INLINE_COMMENT } from './inlineComment';
import type { FileRule, Report, RuleContext } from './rule';

export const invalidValue: FileRule = {
  id: 'invalid-value',
  scope: 'file',
  defaultSeverity: 'error',
  docs: {
    summary: "A value ZooKeeper cannot use: not a number, a port outside 0-65535, a boolean that is not true/false, an unknown enum value, a ZooKeeper metrics provider class that does not exist, limits that contradict each other. Warnings for values it accepts but that do not do what was meant: a negative initLimit/syncLimit, an unknown four-letter word, a path whose backslashes zoo.cfg's escapes eat, a peerType the node's own server line contradicts; information when syncLimit is not below initLimit.",
    why: "QuorumPeerConfig parses numbers with Integer.parseInt and refuses to start on a bad one (\"Error processing zoo.cfg\"); since 3.7 booleans must be true or false; some values are refused outright (tickTime=0, electionAlg other than 3 on 3.6+, minSessionTimeout above maxSessionTimeout, a metricsProvider.className that does not load: 'metrics provider class was not found'; a one-character relative dataDir crashes 3.5+). Values read as system properties fall back to a default silently instead. Only 0 is checked for initLimit and syncLimit, so a negative one makes every follower time out; unknown words in 4lw.commands.whitelist are ignored; java.util.Properties turns 'C:\\data' into 'C:data'; and when peerType disagrees with the node's server line ZooKeeper logs 'Peer type from servers list (...) doesn't match peerType (...). Defaulting to servers list.'. Limits: only class names in the org.apache.zookeeper. package are checked (custom providers are not on this classpath); the peerType check uses the node's myid.",
    reference: '§0.1, §0.4, §0.5, §1.1, §1.2, §2.5, §3.1, §3.4 X15',
  },
  check(file, context) {
    if (file.kind !== 'zoocfg') return [];
    const version = context.versionOf(file.path);
    const reports: Report[] = [];
    for (const entry of file.properties.effective.values()) {
      const found = lookupKey(entry.key.trim(), version);
      if (found.kind !== 'known') continue;
      // A comment glued to the value is inline-comment's finding: judge what stands before it.
      const comment = INLINE_COMMENT.exec(entry.value);
      const written = comment ? entry.value.slice(0, comment.index) : entry.value;
      const problem = valueProblem(found.info, written.trim(), version);
      if (problem) reports.push({ path: file.path, range: entry.valueRange, ...problem });
      if (found.info.key === '4lw.commands.whitelist') reports.push(...fourLetterWordProblems(file, entry, written, version));
      if (found.info.type === 'path') reports.push(...pathEscapeProblems(file, entry));
    }
    reports.push(...sessionTimeoutProblems(file));
    reports.push(...limitProblems(file));
    reports.push(...peerTypeProblems(file, context));
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
      if ((info.key === 'initLimit' || info.key === 'syncLimit') && number < 0) {
        return { severity: 'warning', message: `${info.key}=${number} is negative: ZooKeeper only refuses 0, but a negative limit times a follower out at once (initLimit: while it syncs with the leader, syncLimit: once it follows), so the ensemble never forms. Use a positive number of ticks, e.g. ${info.key}=${info.key === 'initLimit' ? 10 : 5}.` };
      }
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
    case 'path':
      // VerifyingFileFactory's relative-path warning takes path.substring(0, 2) (3.5+); empty is missing-key's finding.
      if ((info.key === 'dataDir' || info.key === 'dataLogDir') && value.length === 1 && value !== '/' && atLeast(version, '3.5')) {
        return { severity: 'error', message: `${info.key}=${value} is a one-character relative path: ZooKeeper 3.5+ crashes checking it (StringIndexOutOfBoundsException). Use an absolute path.` };
      }
      return undefined;
    case 'class':
      return info.key === 'metricsProvider.className' ? metricsProviderProblem(value) : undefined;
    default:
      return undefined;
  }
}

/** The providers ZooKeeper ships (3.6+); another class of its package is a typo, since Class.forName must find it. */
const ZOOKEEPER_METRICS_PROVIDERS = [
  'org.apache.zookeeper.metrics.impl.DefaultMetricsProvider',
  'org.apache.zookeeper.metrics.impl.NullMetricsProvider',
  'org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider',
];

function metricsProviderProblem(value: string): Problem | undefined {
  if (!value.startsWith('org.apache.zookeeper.') || ZOOKEEPER_METRICS_PROVIDERS.includes(value)) return undefined;
  const closest = [...ZOOKEEPER_METRICS_PROVIDERS].sort((a, b) => editDistance(value, a) - editDistance(value, b))[0];
  return {
    severity: 'error',
    message: `ZooKeeper has no metrics provider class '${value}', and it refuses to start ('metrics provider class was not found'). Did you mean '${closest}'? ZooKeeper's own providers: ${ZOOKEEPER_METRICS_PROVIDERS.join(', ')}.`,
  };
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
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

/** Four-letter words by the release that introduced them (rule book §1.2); the rest exist in every covered release. */
const FOUR_LETTER_WORDS: ReadonlyMap<string, string> = new Map([
  ...['conf', 'cons', 'crst', 'dump', 'envi', 'gtmk', 'ruok', 'stmk', 'srst', 'srvr', 'stat', 'wchc', 'wchp', 'wchs', 'mntr', 'isro'].map((w): [string, string] => [w, '3.4.0']),
  ['dirs', '3.5.1'],
  ['hash', '3.6.0'],
]);

/** FourLetterCommands: the whitelist is split on ',', each item trimmed, '*' enables all; unknown words are silently ignored. */
function fourLetterWordProblems(file: ConfigModel, entry: PropertyEntry, written: string, version: ZkVersion): Report[] {
  const reports: Report[] = [];
  let start = 0;
  for (const item of written.split(',')) {
    const bounds = javaTrimBounds(item);
    const word = item.slice(bounds.start, bounds.end);
    const range = entry.valueSubrange(start + bounds.start, start + bounds.end);
    start += item.length + 1;
    if (word === '' || word === '*') continue;
    const since = FOUR_LETTER_WORDS.get(word);
    if (since !== undefined) {
      if (!atLeast(version, since)) {
        reports.push({ path: file.path, range, severity: 'warning', message: `'${word}' is a four-letter word only since ZooKeeper ${since}: ${formatVersion(version)} ignores it.` });
      }
      continue;
    }
    const known = [...FOUR_LETTER_WORDS.keys()].filter((w) => atLeast(version, FOUR_LETTER_WORDS.get(w)!));
    const suggestion = known.find((w) => w === word.toLowerCase()) ?? known.find((w) => editDistance(word.toLowerCase(), w) <= 1);
    reports.push({
      path: file.path,
      range,
      severity: 'warning',
      message: `'${word}' is not a four-letter word, so it enables nothing (ZooKeeper ignores it silently).${suggestion ? ` Did you mean '${suggestion}'?` : ''} Known words: ${known.join(', ')}, or '*' for all.`,
      ...(suggestion && { fixes: [{ title: `Change to '${suggestion}'`, isPreferred: true, changes: [replace(file.path, range, suggestion)] }] }),
    });
  }
  return reports;
}

/** Escapes that stand for the character a path means anyway: \\ is a backslash, \: \= \  \# \! the character itself. */
const HARMLESS_ESCAPE = /[\\:= #!\r\n]/;

/**
 * java.util.Properties reads '\d' as 'd' and '\t' as a tab, so 'C:\data\zk' becomes 'C:datazk' (rule book §0.1).
 * Only escapes that change a character are reported; a well-formed \uXXXX is taken as meant.
 */
function pathEscapeProblems(file: ConfigModel, entry: PropertyEntry): Report[] {
  const lines = file.properties.lines;
  const raw = file.text.slice(lines.offsetAt(entry.valueRange.start), lines.offsetAt(entry.valueRange.end));
  // Almost every path has no escape at all.
  if (!raw.includes('\\')) return [];
  // A malformed \uXXXX stops ZooKeeper from loading the file at all: file-format's finding.
  if (/\\u(?![0-9a-fA-F]{4})/.test(raw)) return [];
  let eaten = false;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== '\\') continue;
    const next = raw[i + 1] ?? '';
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) i += 5;
    else if (next === '' || HARMLESS_ESCAPE.test(next)) i++;
    else eaten = true;
    if (eaten) break;
  }
  if (!eaten) return [];
  const key = entry.key.trim();
  const singleLine = entry.valueRange.start.line === entry.valueRange.end.line;
  // Each escape written for a separator becomes '/'; doubled backslashes stay what they are.
  const forward = raw.replace(/\\(\\|u[0-9a-fA-F]{4}|.)/g, (escape: string, after: string) => (after.length === 1 && !HARMLESS_ESCAPE.test(after) ? `/${after}` : escape));
  const doubled = raw.replace(/\\(\\|u[0-9a-fA-F]{4}|.)/g, (escape: string, after: string) => (after.length === 1 && !HARMLESS_ESCAPE.test(after) ? `\\\\${after}` : escape));
  const advice = singleLine ? `Write ${forward.trim()} or ${doubled.trim()}` : "Write '/' or '\\\\' for each separator";
  return [{
    path: file.path,
    range: entry.valueRange,
    severity: 'warning',
    message: `ZooKeeper reads ${key} as '${visible(entry.value.trim())}': in zoo.cfg a backslash starts an escape ('\\d' is 'd', '\\t' a tab). ${advice}.`,
    ...(singleLine && { fixes: [{ title: `Change to '${forward.trim()}'`, isPreferred: true, changes: [replace(file.path, entry.valueRange, forward.trimEnd())] }] }),
  }];
}

/** Control characters an escape produced, shown as escapes again so the message stays on one line. */
function visible(text: string): string {
  return text.replace(/[\t\n\r\f]/g, (c) => ({ '\t': '\\t', '\n': '\\n', '\r': '\\r', '\f': '\\f' })[c]!);
}

/** Rule book §3.4 X15: the initial sync (initLimit) moves a whole snapshot, so it should get more ticks than steady-state lag (syncLimit). */
function limitProblems(file: ConfigModel): Report[] {
  const init = parseJavaInt(effectiveValue(file, 'initLimit') ?? '');
  const sync = parseJavaInt(effectiveValue(file, 'syncLimit') ?? '');
  const entry = file.properties.effective.get('syncLimit');
  if (!entry || init === undefined || sync === undefined || init <= 0 || sync <= 0 || sync < init) return [];
  return [{
    path: file.path,
    range: entry.valueRange,
    severity: 'information',
    message: `syncLimit (${sync} ticks) is not below initLimit (${init} ticks): initLimit bounds a follower's first sync, which may transfer a whole snapshot, syncLimit only how far it may lag afterwards, so initLimit is usually the larger one. Consider e.g. initLimit=${Math.max(init, sync * 2)} and syncLimit=${sync}.`,
  }];
}

/**
 * QuorumPeerConfig.setupPeerType: the role this node's own server.N line gives it wins over peerType, with a warning
 * (rule book §1.1). Judged for the node this zoo.cfg belongs to, when its myid and member list are known.
 */
function peerTypeProblems(file: ConfigModel, context: RuleContext): Report[] {
  const node = context.nodeOf(file.path);
  const id = node?.myid?.value;
  if (!node || node.config?.path !== file.path || id === undefined || !node.members) return [];
  const own = node.members.find((m) => m.id === id);
  if (!own?.spec) return [];
  const byList = own.spec.role;
  const entry = file.properties.effective.get('peerType');
  const peerType = entry ? effectiveValue(file, 'peerType')!.toLowerCase() : 'participant';
  if ((peerType !== 'participant' && peerType !== 'observer') || peerType === byList) return [];
  // ZooKeeper sets up the peer type only for a member list it accepts; standalone, the type does not matter.
  if (participants(node.members) < 2) return [];
  const zk = `Peer type from servers list (${byList.toUpperCase()}) doesn't match peerType (${peerType.toUpperCase()}). Defaulting to servers list.`;
  if (entry) {
    const other = byList === 'participant' ? `, or make server.${id} an observer (':observer') on every node` : '';
    return [{
      path: file.path,
      range: entry.valueRange,
      severity: 'warning',
      message: `peerType=${effectiveValue(file, 'peerType')}, but this node's own line server.${id} makes it ${byList === 'observer' ? 'an observer' : 'a participant'}: ZooKeeper follows the server list ('${zk}'). Set peerType=${byList}${other}.`,
    }];
  }
  return [{
    path: own.at.path,
    range: own.spec.roleSpan ? own.rangeOf(own.spec.roleSpan) : own.at.range,
    severity: 'warning',
    message: `server.${id} makes this node (myid ${id}) an observer, but its zoo.cfg has no peerType=observer (the default is participant): ZooKeeper follows the server list and warns ('${zk}'). Add peerType=observer to this node's ${file.path.slice(file.path.lastIndexOf('/') + 1)}.`,
  }];
}
