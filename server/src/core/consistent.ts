import { consensus } from './consensus';
import { FileChange, Fix, lineEndingOf, replace } from './edits';
import { hostIdentity, isWildcard } from './ensembles';
import type { Ensemble } from './ensembles';
import type { FileModel } from './files';
import type { MemberEntry, ZkNode } from './nodes';
import { basename, dirname, join } from './paths';
import { formatServerValue, ServerSpec } from './serverLine';
import type { Position, Range } from './text';

/**
 * "Make ensemble consistent": one spec derived from what the nodes write (the majority per member and per setting),
 * then every node's files rewritten to it, as one set of changes that keeps everything else in each file.
 *
 * Tie rule (no majority): the candidate whose host is written more often anywhere in the ensemble's files, comments
 * included, wins (people's notes usually keep the right address: the seed's '#kafka02 (10.100.19.15)'); then the
 * candidate of the first node in path order. Editors offer each candidate as a fix instead.
 */

export interface Candidate {
  readonly text: string;
  readonly spec: ServerSpec;
  readonly holders: readonly ZkNode[];
}

export interface MemberPlan {
  readonly id: number;
  /** The value every node should write (a node's own 0.0.0.0 line keeps its wildcard host). */
  readonly chosen: Candidate;
  /** Every distinct value, chosen first. */
  readonly candidates: readonly Candidate[];
  readonly hadMajority: boolean;
}

export interface EnsemblePlan {
  readonly members: readonly MemberPlan[];
  /** Ids listed by fewer than half of the nodes: the lines a rewrite removes. */
  readonly extraIds: ReadonlySet<number>;
  readonly settings: ReadonlyMap<string, string>;
  /** The id each node should have; undefined when it cannot be inferred. */
  readonly ids: ReadonlyMap<ZkNode, number | undefined>;
}

export interface PlanContext {
  file(path: string): FileModel | undefined;
}

/** Choices that override the majority for some members (a quick fix offering each candidate). */
export type MemberChoices = ReadonlyMap<number, string>;

export function planEnsemble(ensemble: Ensemble, context: PlanContext, choices: MemberChoices = new Map()): EnsemblePlan {
  const withLists = nodesWithLists(ensemble);
  const evidence = ensemble.nodes.flatMap((node) => node.files.map((path) => context.file(path)?.text ?? '')).join('\n');
  const ids = listedIds(withLists);
  const members: MemberPlan[] = [];
  const extraIds = new Set(ids.filter((id) => withLists.filter((node) => node.members!.some((m) => m.id === id)).length * 2 < withLists.length));
  for (const id of ids) {
    const written = writtenMembers(withLists, id);
    if (!isKept(written, withLists)) continue;
    const voters = written.filter((w) => !isSelfWildcard(w.node, w.member));
    const pool = voters.length > 0 ? voters : written;
    const votes = consensus(pool, (w) => memberKey(w.member.spec!));
    const candidates: Candidate[] = votes.groups.map((g) => ({ text: g.items[0].member.text, spec: g.items[0].member.spec!, holders: g.items.map((w) => w.node) }));
    const ranked = votes.majority !== undefined ? candidates : [...candidates].sort((a, b) => b.holders.length - a.holders.length || mentions(evidence, b) - mentions(evidence, a));
    const chosenText = choices.get(id);
    const chosen = ranked.find((c) => c.text === chosenText) ?? ranked[0];
    members.push({ id, chosen, candidates: [chosen, ...ranked.filter((c) => c !== chosen)], hadMajority: votes.majority !== undefined });
  }

  const settings = new Map<string, string>();
  const keys = new Set(ensemble.nodes.flatMap((node) => [...node.settings.keys()]));
  for (const key of keys) {
    const holders = ensemble.nodes.filter((node) => node.settings.has(key));
    const votes = consensus(holders, (node) => node.settings.get(key)!.value);
    if (votes.groups.length > 1) settings.set(key, votes.groups[0].key);
  }

  return { members, extraIds, settings, ids: planIds(ensemble, members.map((m) => m.id)) };
}

/**
 * The plan's ids alone (`planEnsemble(...).ids`), which fixing an id needs: which members the plan keeps, not
 * their values, so no votes and no reading of the ensemble's files.
 */
export function planNodeIds(ensemble: Ensemble): ReadonlyMap<ZkNode, number | undefined> {
  const withLists = nodesWithLists(ensemble);
  return planIds(ensemble, listedIds(withLists).filter((id) => isKept(writtenMembers(withLists, id), withLists)));
}

function nodesWithLists(ensemble: Ensemble): ZkNode[] {
  return ensemble.nodes.filter((node) => node.members && node.members.length > 0);
}

function listedIds(withLists: readonly ZkNode[]): number[] {
  return [...new Set(withLists.flatMap((node) => node.members!.map((m) => m.id)))].sort((a, b) => a - b);
}

function writtenMembers(withLists: readonly ZkNode[], id: number): { node: ZkNode; member: MemberEntry }[] {
  return withLists.flatMap((node) => {
    const member = node.members!.find((m) => m.id === id);
    return member?.spec ? [{ node, member }] : [];
  });
}

/** Kept when at least half of the nodes list it: dropping a member is the riskier change. */
function isKept(written: readonly unknown[], withLists: readonly ZkNode[]): boolean {
  return written.length > 0 && written.length * 2 >= withLists.length;
}

/** The changes that bring every node of the ensemble in line with the plan; undefined when there is nothing to do. */
export function makeConsistent(ensemble: Ensemble, context: PlanContext, choices?: MemberChoices): Fix | undefined {
  const plan = planEnsemble(ensemble, context, choices);
  const changes: FileChange[] = [];
  for (const node of ensemble.nodes) {
    changes.push(...memberChanges(node, plan, context), ...settingChanges(node, plan), ...myidChanges(node, plan, ensemble));
  }
  if (changes.length === 0) return undefined;
  return { title: `Make ensemble '${ensemble.name}' consistent (${describe(changes)})`, changes };
}

function describe(changes: readonly FileChange[]): string {
  const files = new Set(changes.map((c) => c.path)).size;
  return `${changes.length} change${changes.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`;
}

function isSelfWildcard(node: ZkNode, member: MemberEntry): boolean {
  const addresses = member.spec?.addresses ?? [];
  return node.myid?.value === member.id && addresses.length > 0 && addresses.every((a) => isWildcard(a.host));
}

function memberKey(spec: ServerSpec): string {
  const addresses = spec.addresses.map((a) => `${hostIdentity(a.host)}:${a.quorumPort}:${a.electionPort ?? ''}`).join('|');
  return `${addresses}:${spec.role};${spec.clientHost ?? ''}:${spec.clientPort ?? ''}`;
}

function mentions(evidence: string, candidate: Candidate): number {
  return candidate.spec.addresses.reduce((sum, a) => sum + evidence.split(a.host).length - 1, 0);
}

function sameExceptHost(a: ServerSpec, b: ServerSpec): boolean {
  const strip = (s: ServerSpec) => memberKey({ ...s, addresses: s.addresses.map((x) => ({ ...x, host: '*' })) });
  return strip(a) === strip(b);
}

/** server.N lines: replace differing values, add missing members, remove members the others do not have. */
function memberChanges(node: ZkNode, plan: EnsemblePlan, context: PlanContext): FileChange[] {
  if (!node.members || node.members.length === 0) return [];
  // Compose entries are only rewritten where the image takes zoo.cfg syntax (the official ZOO_SERVERS).
  const composeEntries = node.container !== undefined && !node.config;
  if (composeEntries && node.container!.imageFamily !== 'official') return [];
  const changes: FileChange[] = [];
  for (const member of plan.members) {
    const own = node.members.find((m) => m.id === member.id);
    const target = own && isSelfWildcard(node, own) ? { ...member.chosen.spec, addresses: member.chosen.spec.addresses.map((a) => ({ ...a, host: own.spec!.addresses[0].host })) } : member.chosen.spec;
    if (own) {
      if (!own.spec) continue; // a line that does not parse is server-syntax's to fix
      const unchanged = isSelfWildcard(node, own) ? sameExceptHost(own.spec, member.chosen.spec) : memberKey(own.spec) === memberKey(member.chosen.spec);
      if (unchanged) continue;
      const text = isSelfWildcard(node, own) ? formatServerValue(target, node.version) : member.chosen.text;
      changes.push(replace(own.valueAt.path, own.valueAt.range, text));
    } else if (!composeEntries) {
      changes.push(insertLine(node.members, member.id, `server.${member.id}=${member.chosen.text}`, context));
    }
  }
  if (!composeEntries) {
    for (const extra of node.members.filter((m) => plan.extraIds.has(m.id))) changes.push(deleteLine(extra, context));
  }
  return changes;
}

/** A new server line right after the line of the closest lower id (or before the first one). */
function insertLine(members: readonly MemberEntry[], id: number, line: string, context: PlanContext): FileChange {
  const path = members[0].at.path;
  const eol = lineEndingOf(context.file(path)?.text ?? '');
  const before = [...members].reverse().find((m) => m.id < id);
  if (before) return replace(path, { start: before.at.range.end, end: before.at.range.end }, `${eol}${line}`);
  const first = members[0].at.range.start;
  const at: Position = { line: first.line, character: 0 };
  return replace(path, { start: at, end: at }, `${line}${eol}`);
}

function deleteLine(member: MemberEntry, context: PlanContext): FileChange {
  const model = context.file(member.at.path);
  const lines = model && (model.kind === 'zoocfg' || model.kind === 'dynamic') ? model.properties.lines : undefined;
  const { start, end } = member.at.range;
  const range: Range =
    lines && end.line + 1 < lines.lineCount
      ? { start: { line: start.line, character: 0 }, end: { line: end.line + 1, character: 0 } }
      : { start: { line: start.line, character: 0 }, end };
  return replace(member.at.path, range, '');
}

function settingChanges(node: ZkNode, plan: EnsemblePlan): FileChange[] {
  const changes: FileChange[] = [];
  for (const [key, value] of plan.settings) {
    const setting = node.settings.get(key);
    if (!setting || setting.value === value) continue;
    if (setting.at) changes.push(replace(setting.at.path, setting.at.range, value));
    // A binary file reads as no entry at all: a line added to it would never count, and fix would add it forever.
    else if (node.config && !node.config.properties.problems.some((p) => p.kind === 'binary')) {
      const text = node.config.text;
      const eol = lineEndingOf(text);
      const firstMember = node.members?.[0];
      const at: Position = firstMember && firstMember.at.path === node.config.path ? { line: firstMember.at.range.start.line, character: 0 } : node.config.properties.lines.positionAt(text.length);
      const needsBreak = !firstMember && text.length > 0 && !/[\r\n]$/.test(text);
      changes.push(replace(node.config.path, { start: at, end: at }, `${needsBreak ? eol : ''}${key}=${value}${eol}`));
    }
  }
  return changes;
}

/**
 * Each node's id: a valid id no other node has is kept; otherwise the id its own 0.0.0.0 line or its folder or
 * service name implies (node2, zoo2), else the only id nobody has.
 */
function planIds(ensemble: Ensemble, memberIds: readonly number[]): Map<ZkNode, number | undefined> {
  const ids = new Map<ZkNode, number | undefined>();
  const count = (id: number | undefined) => ensemble.nodes.filter((n) => n.myid?.value === id).length;
  for (const node of ensemble.nodes) {
    const id = node.myid?.value;
    if (id !== undefined && count(id) === 1 && memberIds.includes(id)) ids.set(node, id);
  }
  const taken = () => new Set([...ids.values()]);
  for (const node of ensemble.nodes) {
    if (ids.has(node)) continue;
    const implied = impliedId(node, memberIds);
    ids.set(node, implied !== undefined && !taken().has(implied) ? implied : undefined);
  }
  for (const node of ensemble.nodes) {
    if (ids.get(node) !== undefined) continue;
    const free = memberIds.filter((id) => !taken().has(id));
    const unassigned = ensemble.nodes.filter((n) => ids.get(n) === undefined);
    if (free.length === 1 && unassigned.length === 1) ids.set(node, free[0]);
  }
  return ids;
}

function impliedId(node: ZkNode, memberIds: readonly number[]): number | undefined {
  const wildcards = (node.members ?? []).filter((m) => (m.spec?.addresses ?? []).every((a) => isWildcard(a.host)));
  if (wildcards.length === 1) return wildcards[0].id;
  const name = node.container?.serviceName ?? basename(dirname(node.key));
  const digits = /(\d+)$/.exec(name);
  const id = digits ? Number(digits[1]) : undefined;
  return id !== undefined && memberIds.includes(id) ? id : undefined;
}

/** myid files: create the missing ones, rewrite unreadable or duplicated ids. */
function myidChanges(node: ZkNode, plan: EnsemblePlan, ensemble: Ensemble): FileChange[] {
  const id = plan.ids.get(node);
  if (id === undefined || (node.members?.length ?? 0) < 2) return [];
  if (node.myid) {
    // An image's default id is written nowhere (its range is the service name): there is no text to rewrite.
    if (node.myid.value === id || node.myid.isDefault) return [];
    return [replace(node.myid.at.path, node.myid.at.range, String(id))];
  }
  const path = node.myidExpected?.path ?? (node.config && ensemble.nodes.some((n) => n.config && n.myid?.source === 'file') ? join(dirname(node.config.path), 'myid') : undefined);
  return path ? [{ kind: 'create', path, text: `${id}\n` }] : [];
}
