import { dynamicConfigPath, effectiveValue, serverLines } from '../config';
import type { ConfigModel } from '../files';
import { javaSplit, javaTrimBounds, parseJavaLong } from '../java';
import type { ZkNode } from '../nodes';
import { participants } from '../quorum';
import type { PropertyEntry } from '../properties';
import type { Range } from '../text';
import { atLeast, ZkVersion } from '../version';
import type { EnsembleRule, Report, RuleContext } from './rule';

export const quorumInvalid: EnsembleRule = {
  id: 'quorum-invalid',
  scope: 'ensemble',
  defaultSeverity: 'error',
  docs: {
    summary: "A member list ZooKeeper refuses as a whole: observers without participants or without a quorum, standaloneEnabled=false with no participant, a participant without an election port (3.4), hierarchical quorum groups that are unreadable, overlap, leave a participant out or name a server without a server.N line; a single listed server (warning: it is ignored).",
    why: "ZooKeeper refuses to start with 'Observers w/o participants is an invalid configuration', 'Observers w/o quorum is an invalid configuration', 'standaloneEnabled = false then number of participants should be >0', 'Missing election port for server: N', 'Server N is not in a group' (printed without the space), 'Server N is in multiple groups' (3.4: 'Every server must be in exactly one group'), a NumberFormatException for a key that merely starts with 'group' or 'weight' (any such key switches to hierarchical quorums), or a NullPointerException for a group member that has neither a participant line nor a weight. With one server listed it logs 'Invalid configuration, only one server specified (ignoring)' and runs standalone.",
    reference: '§0.3, §2.3, §2.4, §3.1',
  },
  check(ensemble, context) {
    const reports: Report[] = [];
    const groupFilesSeen = new Set<string>();
    for (const node of ensemble.nodes) {
      const groupFile = memberFile(node, context);
      if (groupFile && !groupFilesSeen.has(groupFile.path)) {
        groupFilesSeen.add(groupFile.path);
        reports.push(...groupProblems(groupFile, node.version));
      }
      const members = node.members;
      if (!members || members.some((m) => !m.spec)) continue;
      const voters = participants(members);
      const observers = members.length - voters;
      const standaloneEntry = node.config && atLeast(node.version, '3.5') ? node.config.properties.effective.get('standaloneEnabled') : undefined;
      const standaloneDisabled = node.config !== undefined && standaloneEntry !== undefined && effectiveValue(node.config, 'standaloneEnabled')?.toLowerCase() === 'false';
      const listAt = node.membersAt ?? (standaloneEntry && node.config ? { path: node.config.path, range: standaloneEntry.range } : undefined);
      if (!listAt) continue;
      if (standaloneDisabled && voters === 0) {
        reports.push({ ...listAt, message: "standaloneEnabled=false needs at least one participant ('standaloneEnabled = false then number of participants should be >0'). Add server.N lines, or remove standaloneEnabled=false to run standalone." });
      }
      if (!node.membersAt) continue;
      if (observers > 0 && voters === 0) reports.push({ ...node.membersAt, message: "Only observers are listed: observers need participants to follow. ZooKeeper refuses to start ('Observers w/o participants is an invalid configuration')." });
      else if (observers > 0 && voters === 1 && !standaloneDisabled) reports.push({ ...node.membersAt, message: "One participant with observers: a single participant runs standalone and observers cannot follow it. ZooKeeper refuses to start ('Observers w/o quorum is an invalid configuration'). Add participants or set standaloneEnabled=false." });
      else if (observers === 0 && voters === 1 && !standaloneDisabled && node.config) {
        const remedy = atLeast(node.version, '3.5') ? ', or set standaloneEnabled=false to run a one-server ensemble' : '';
        reports.push({
          ...node.membersAt,
          severity: 'warning',
          message: `Only one server is listed: ZooKeeper ignores the list and runs standalone (it logs 'Invalid configuration, only one server specified (ignoring)'). For a standalone server remove the server line; for an ensemble list at least 3 servers${remedy}.`,
        });
      }
      if (voters > 1) {
        for (const member of members) {
          if ((member.spec!.role === 'participant') && member.spec!.addresses.some((a) => a.electionPort === undefined)) {
            reports.push({ ...member.at, message: `server.${member.id} has no election port: ZooKeeper refuses to start an ensemble with it ('Missing election port for server: ${member.id}'). Write host:quorumPort:electionPort.` });
          }
        }
      }
    }
    return reports;
  },
};

/**
 * The file ZooKeeper hands to QuorumMaj/QuorumHierarchical: the dynamic file on 3.5+ when zoo.cfg names one
 * (group lines beside dynamicConfigFile are dynamic-config's finding), else the zoo.cfg itself.
 */
function memberFile(node: ZkNode, context: RuleContext): ConfigModel | undefined {
  const config = node.config;
  if (!config) return undefined;
  if (!atLeast(node.version, '3.5') || !dynamicConfigPath(config)) return config;
  for (const path of node.files) {
    const model = context.file(path);
    if (model?.kind === 'dynamic') return model;
  }
  return undefined;
}

interface GroupMembership {
  readonly key: string;
  readonly range: Range;
}

const GROUP_PREFIXES = ['group', 'weight'] as const;

function hierarchicalPrefix(key: string): (typeof GROUP_PREFIXES)[number] | undefined {
  // QuorumHierarchical tests 'group' first, so 'groupweight' is a group.
  return GROUP_PREFIXES.find((prefix) => key.startsWith(prefix));
}

/**
 * QuorumHierarchical.parse (3.5+) or the 3.4 inline equivalent (rule book §2.3, §2.4): any key starting with
 * 'group' or 'weight' makes the quorum hierarchical; the id after the first '.' and every group member are read
 * with Long.parseLong (values untrimmed on 3.5+); then every participant must be in exactly one group, and a group
 * member without a participant line needs a weight, or computing the group weights dereferences null.
 */
function groupProblems(file: ConfigModel, version: ZkVersion): Report[] {
  // Checked for every member file, and almost none has group lines: collect those without copying all entries first.
  const entries: PropertyEntry[] = [];
  for (const entry of file.properties.effective.values()) if (hierarchicalPrefix(entry.key.trim()) !== undefined) entries.push(entry);
  if (entries.length === 0) return [];
  const reports: Report[] = [];
  const at = (range: Range) => ({ path: file.path, range });
  // 3.4 trims values and checks groups inline, by counting; 3.5+ hands the untrimmed properties to QuorumHierarchical.
  const v34 = !atLeast(version, '3.5');
  const groupOf = new Map<number, GroupMembership>();
  const weighted = new Set<number>();
  let readable = true;
  for (const entry of entries.sort((a, b) => a.index - b.index)) {
    const key = entry.key.trim();
    const prefix = hierarchicalPrefix(key)!;
    const idText = key.slice(key.indexOf('.') + 1);
    const id = parseJavaLong(idText);
    if (id === undefined) {
      readable = false;
      const what = prefix === 'group' ? "group.N=<server ids separated by ':'>" : 'weight.N=<weight of server N>';
      const found = key.includes('.')
        ? `'${idText}' in '${key}' is not a number`
        : `'${key}' starts with '${prefix}', so ZooKeeper takes it for a hierarchical quorum ${prefix} line (any key starting with 'group' or 'weight' does), and it has no number after a '.'`;
      reports.push({ ...at(entry.keyRange), message: `${found}: ZooKeeper refuses to start (NumberFormatException: For input string: "${idText}"). Write ${what}${key.includes('.') ? '' : ', or rename the key'}.` });
      continue;
    }
    const bounds = v34 ? javaTrimBounds(entry.value) : { start: 0, end: entry.value.length };
    const value = entry.value.slice(bounds.start, bounds.end);
    if (prefix === 'weight') {
      // A weight that is no number at all is invalid-value's finding; here only the blanks 3.5+ does not trim.
      if (parseJavaLong(value) === undefined) {
        readable = false;
        if (parseJavaLong(value.trim()) !== undefined) reports.push({ ...at(entry.valueRange), message: blanksMessage(key, value) });
      } else weighted.add(id);
      continue;
    }
    for (const piece of javaSplit(value, ':')) {
      const range = entry.valueSubrange(bounds.start + piece.start, bounds.start + piece.start + piece.text.length);
      const sid = parseJavaLong(piece.text);
      if (sid === undefined) {
        readable = false;
        const message = parseJavaLong(piece.text.trim()) !== undefined
          ? blanksMessage(key, piece.text)
          : `${piece.text === '' ? `${key} has an empty member` : `'${piece.text}' in ${key} is not a server id`}: ZooKeeper refuses to start (NumberFormatException: For input string: "${piece.text}"). Write the ids of the group's servers separated by ':', e.g. ${key}=1:2:3.`;
        reports.push({ ...at(piece.text === '' ? entry.valueRange : range), message });
        continue;
      }
      const first = groupOf.get(sid);
      if (first) {
        reports.push({
          ...at(range),
          message: `Server ${sid} is in ${first.key} and in ${key}: groups must not overlap, and ZooKeeper refuses to start ('Server ${sid}is in multiple groups'). Keep ${sid} in one group.`,
          related: [{ ...at(first.range), message: `${sid} in ${first.key}` }],
        });
      } else groupOf.set(sid, { key, range });
    }
  }
  if (!readable) return reports;
  const lines = serverLines(file, version);
  if (lines.some((line) => line.id === undefined || !line.parsed.spec)) return reports;
  const roleOf = new Map(lines.map((line) => [line.id!, line.parsed.spec!.role]));
  const voters = lines.filter((line) => line.parsed.spec!.role === 'participant');
  // 3.4 checks groups only for an ensemble.
  if (v34 && voters.length < 2) return reports;
  const countsDiffer = v34 && groupOf.size !== voters.length;
  for (const line of voters) {
    if (groupOf.has(line.id!)) continue;
    const zk = v34 ? (countsDiffer ? "ZooKeeper 3.4 refuses to start ('Every server must be in exactly one group')" : 'its vote never counts toward a quorum') : `ZooKeeper refuses to start ('Server ${line.id}is not in a group')`;
    reports.push({ ...at(line.entry.keyRange), message: `server.${line.id} is a participant but in no group: with group lines every participant must be in exactly one group, and ${zk}. Add ${line.id} to a group.N line, or make it an observer.` });
  }
  for (const [sid, membership] of groupOf) {
    const role = roleOf.get(sid);
    if (role === 'participant') continue;
    const what = role === 'observer' ? `server.${sid} is an observer, and observers do not vote` : `${sid} has no server.${sid} line`;
    if (countsDiffer) {
      reports.push({ ...at(membership.range), message: `${what}, so it does not belong in ${membership.key}: ZooKeeper 3.4 refuses to start ('Every server must be in exactly one group'). Remove ${sid} from the group.` });
    } else if (!weighted.has(sid)) {
      reports.push({ ...at(membership.range), message: `${what}, so it does not belong in ${membership.key}: it has no weight, and ZooKeeper crashes computing the group weights (NullPointerException). Remove ${sid} from the group${role === undefined ? ` or add server.${sid}` : ''}.` });
    } else {
      reports.push({ ...at(membership.range), severity: 'warning', message: `${what}, yet ${membership.key} counts its weight: the group's other members must outvote a member that never votes. Remove ${sid} from the group.` });
    }
  }
  return reports;
}

function blanksMessage(key: string, text: string): string {
  return `'${text}' in ${key} has blanks, and ZooKeeper 3.5+ does not trim these values: it refuses to start (NumberFormatException: For input string: "${text}"). Remove the blanks.`;
}
