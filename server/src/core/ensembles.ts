import type { FileModel } from './files';
import { composeNodes } from './composeNodes';
import { configNode, MemberEntry, NodeContext, ZkNode } from './nodes';
import { basename, dirname } from './paths';
import type { ServerSpec } from './serverLine';
import { trimmed } from './arrays';

/**
 * Ensembles: the nodes that describe one member list. Grouping is deterministic (sorted input, union-find):
 * 1. two nodes belong together when they share a member: the same id written with the same endpoint
 *    (host:quorumPort:electionPort, wildcard hosts excluded), or an endpoint (host:quorumPort) in both lists;
 * 2. a node that shares nothing with anyone joins the one group of its neighbours (services of the same
 *    compose file, zoo.cfg files in sibling folders) when there is exactly one such group; else it stays alone.
 * A member that no node describes is fine: it may live on another machine.
 */
export interface Ensemble {
  /** Stable: the key of its first node. */
  readonly key: string;
  /** A short name for people: the common folder of its files, or the compose project. */
  readonly name: string;
  readonly nodes: readonly ZkNode[];
}

/**
 * Every node of the workspace grouped from scratch: the plain algorithm. The engine regroups incrementally
 * (`nodeIndex.ts`) and its tests hold it to this.
 */
export function buildEnsembles(files: readonly FileModel[], context: NodeContext): Ensemble[] {
  const groups = groupNodes(buildNodes(files, context));
  return nameEnsembles(groups.map((nodes) => ({ nodes, name: ensembleName(nodes) })));
}

/**
 * The grouping itself, over nodes in `compareNodeKeys` order; groups come out in the order of their first node,
 * nodes within a group in input order. The result for a subset of nodes is the same as for all of them as
 * long as the subset is closed under sharing a member key and sharing a neighbourhood (what the incremental
 * engine relies on: it regroups only the "cluster" a change touches).
 */
export function groupNodes(
  nodes: readonly ZkNode[],
  keysOf: (node: ZkNode) => readonly string[] = (node) => memberKeys(node.members ?? []),
  neighbourhoodOf: (node: ZkNode) => string = neighbourhood,
): ZkNode[][] {
  const parent = nodes.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const union = (a: number, b: number) => {
    // Not `[ra, rb] = [...]`: cold, that builds an array and walks it with an iterator (22 ms of self time in a
    // cold start's CPU profile).
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  const firstByKey = new Map<string, number>();
  nodes.forEach((node, i) => {
    const keys = keysOf(node);
    // Indexed, as in memberKeys: while the code is cold, `for...of` over an array allocates a result per element.
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      const seen = firstByKey.get(key);
      if (seen === undefined) firstByKey.set(key, i);
      else union(seen, i);
    }
  });

  // Nodes that share nothing join the single group among their neighbours, if there is exactly one.
  const groupSize = new Map<number, number>();
  nodes.forEach((_, i) => groupSize.set(find(i), (groupSize.get(find(i)) ?? 0) + 1));
  const isLinked = (i: number) => (groupSize.get(find(i)) ?? 0) > 1;
  const linkedGroupsByNeighbourhood = new Map<string, Set<number>>();
  nodes.forEach((node, i) => {
    if (!isLinked(i)) return;
    const groupsHere = linkedGroupsByNeighbourhood.get(neighbourhoodOf(node)) ?? new Set<number>();
    groupsHere.add(find(i));
    linkedGroupsByNeighbourhood.set(neighbourhoodOf(node), groupsHere);
  });
  nodes.forEach((node, i) => {
    if (isLinked(i)) return;
    const candidates = linkedGroupsByNeighbourhood.get(neighbourhoodOf(node));
    if (candidates?.size === 1) union(i, [...candidates][0]);
  });

  const groups = new Map<number, ZkNode[]>();
  nodes.forEach((node, i) => {
    const root = find(i);
    const list = groups.get(root) ?? [];
    list.push(node);
    groups.set(root, list);
  });
  return [...groups.values()].map(trimmed);
}

/** Ensembles from groups with their plain names: two ensembles in one folder (or compose file) are told apart by their nodes. */
export function nameEnsembles(groups: readonly { readonly nodes: readonly ZkNode[]; readonly name: string }[]): Ensemble[] {
  const count = new Map<string, number>();
  for (const group of groups) count.set(group.name, (count.get(group.name) ?? 0) + 1);
  return groups.map((group) => ({ key: group.nodes[0].key, name: (count.get(group.name) ?? 0) > 1 ? distinctName(group.name, group.nodes) : group.name, nodes: group.nodes }));
}

/** The name of an ensemble that shares its plain name with another. */
export function distinctName(name: string, nodes: readonly ZkNode[]): string {
  return `${name} (${nodes.map((n) => n.label).join(', ')})`;
}

export function buildNodes(files: readonly FileModel[], context: NodeContext): ZkNode[] {
  const fromCompose = composeNodes(files, context);
  const claimedConfigs = new Set(fromCompose.flatMap((node) => (node.config ? [node.config.path] : [])));
  const fromConfigs = files
    .filter((f) => f.kind === 'zoocfg' && !claimedConfigs.has(f.path))
    .map((config) => configNode(config as Extract<FileModel, { kind: 'zoocfg' }>, context.defaultVersion, false, context));
  return [...fromConfigs, ...fromCompose].sort(compareNodeKeys);
}

/** Node order: by key (a stable sort keeps zoo.cfg nodes before compose nodes, each in file order, on a tie). */
export function compareNodeKeys(a: ZkNode, b: ZkNode): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** The keys under which two member lists are recognised as the same ensemble. */
export function memberKeys(members: readonly MemberEntry[]): string[] {
  const keys: string[] = [];
  for (let m = 0; m < members.length; m++) {
    const member = members[m];
    if (!member.spec) continue;
    let known = keysBySpec.get(member.spec);
    if (known?.id !== member.id) keysBySpec.set(member.spec, (known = { id: member.id, keys: keysOf(member.id, member.spec) }));
    for (let k = 0; k < known.keys.length; k++) keys.push(known.keys[k]);
  }
  return trimmed(keys);
}

/**
 * A member's keys by its parsed value. The nodes of an ensemble list the same members and parsing is cached, so
 * they share one spec per member: each key string is built, and hashed as a map key, once rather than per node.
 */
const keysBySpec = new WeakMap<ServerSpec, { readonly id: number; readonly keys: readonly string[] }>();

function keysOf(id: number, spec: ServerSpec): string[] {
  const keys: string[] = [];
  for (const address of spec.addresses) {
    if (isWildcard(address.host)) continue;
    const host = hostIdentity(address.host);
    keys.push(`id ${id} ${host}:${address.quorumPort}:${address.electionPort ?? ''}`);
    keys.push(`endpoint ${host}:${address.quorumPort}`);
  }
  return trimmed(keys);
}

/** Nodes in one compose file, or zoo.cfg files in sibling folders (node1/zoo.cfg, node2/zoo.cfg). */
export function neighbourhood(node: ZkNode): string {
  if (node.container) return `compose ${node.container.composePath}`;
  let folder = dirname(node.key);
  if (basename(folder) === 'conf') folder = dirname(folder);
  return `folder ${dirname(folder)}`;
}

export function ensembleName(nodes: readonly ZkNode[]): string {
  const folders = nodes.map((node) => dirname(node.files[0]));
  let common = folders[0];
  while (!folders.every((f) => f === common || f.startsWith(common + '/'))) common = dirname(common);
  if (nodes.length === 1) return nodes[0].label;
  return basename(common) || common;
}

export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '0:0:0:0:0:0:0:0';
}

export function isLoopback(host: string): boolean {
  const lower = host.toLowerCase();
  return lower === 'localhost' || lower.startsWith('127.') || lower === '::1';
}

/** Names that mean the same machine compare equal: any loopback address is this machine. */
export function hostIdentity(host: string): string {
  return isLoopback(host) ? 'loopback' : host.toLowerCase();
}
