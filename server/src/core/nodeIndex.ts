import { composeNodes } from './composeNodes';
import { compareNodeKeys, distinctName, Ensemble, ensembleName, groupNodes, memberKeys, neighbourhood } from './ensembles';
import type { ConfigModel, FileModel } from './files';
import { configNode, NodeContext, ZkNode } from './nodes';
import { addTo, countOf, deleteFrom, OneOrMore, valuesOf } from './oneOrMore';
import { trimmed } from './arrays';
import { VersionedMap } from './snapshot';
import type { ZkVersion } from './version';

/**
 * Nodes and ensembles, kept up to date incrementally; the engine's second and third stage (see
 * ARCHITECTURE.md, Performance). Gives the same nodes, ensembles and ensemble order as `buildEnsembles` over all
 * files, but after a change it only rebuilds what the change can reach:
 *
 * - **Sources.** A compose file's nodes, or a zoo.cfg's node, are rebuilt when that file's model changed or a
 *   file the build looked up (mounted zoo.cfg, myid, dynamic file) did. A zoo.cfg is a node of its own only
 *   while no compose service mounts it ("claims" it).
 * - **Clusters.** Two nodes sharing a member key or a neighbourhood are in one cluster; grouping never crosses a
 *   cluster (see `groupNodes`), so a change regroups only the clusters of the nodes it removed or added.
 * - **Names.** Two ensembles with one plain name are both renamed: a change renames only its namesakes.
 * - **Files.** Which node and ensemble a file belongs to (the first in ensemble order) is recomputed for the
 *   files of the ensembles that changed.
 */

interface Source {
  readonly path: string;
  /** 0 for a zoo.cfg's own node, 1 for a compose file's nodes: on equal keys zoo.cfg nodes come first. */
  readonly kind: 0 | 1;
  readonly lookups: readonly string[];
  readonly nodes: readonly ZkNode[];
}

interface NodeInfo {
  readonly source: Source;
  readonly index: number;
  readonly keys: readonly string[];
  readonly neighbourhood: string;
  cluster: Cluster | undefined;
}

interface Cluster {
  readonly nodes: readonly ZkNode[];
  /** Set once the cluster is grouped (step 3 of regroup). */
  groups: readonly Group[];
}

interface Group {
  readonly nodes: readonly ZkNode[];
  readonly plainName: string;
  ensemble: Ensemble | undefined;
}

interface Owner {
  readonly ensemble: Ensemble;
  readonly node: ZkNode;
  readonly index: number;
}

export interface NodeIndexContext {
  readonly roots: readonly string[];
  readonly defaultVersion: ZkVersion;
  /** The current model of a file (parsed on demand). */
  file(path: string): FileModel | undefined;
}

export interface NodeIndexUpdate {
  readonly removedEnsembles: readonly Ensemble[];
  readonly addedEnsembles: readonly Ensemble[];
  /** Files whose node changed (nodeOf / versionOf may answer differently). */
  readonly nodeChanged: ReadonlySet<string>;
  /** Files whose ensemble changed. */
  readonly ensembleChanged: ReadonlySet<string>;
  /** Files whose version (their node's, else the default) changed. */
  readonly versionChanged: ReadonlySet<string>;
}

export class NodeIndex {
  private readonly sources = new Map<string, Source>();
  private readonly lookedUpBy = new Map<string, OneOrMore<string>>();
  /** zoo.cfg path -> the compose files whose services mount it. */
  private readonly claims = new Map<string, OneOrMore<string>>();
  private readonly info = new Map<ZkNode, NodeInfo>();
  private readonly byKey = new Map<string, OneOrMore<ZkNode>>();
  private readonly byNeighbourhood = new Map<string, OneOrMore<ZkNode>>();
  private readonly namesakes = new Map<string, OneOrMore<Group>>();
  /** The paths the source being built looked up: one recording context for every build rather than a closure and a Set each. */
  private readonly lookups: string[] = [];
  private readonly recording: NodeContext;
  private readonly owners = new Map<string, Owner[]>();
  private sorted: Ensemble[] = [];
  readonly nodeOfFile = new VersionedMap<string, ZkNode>();
  readonly ensembleOfFile = new VersionedMap<string, Ensemble>();

  constructor(private readonly context: NodeIndexContext) {
    this.recording = {
      roots: context.roots,
      defaultVersion: context.defaultVersion,
      file: (path) => {
        if (!this.lookups.includes(path)) this.lookups.push(path);
        return context.file(path);
      },
    };
  }

  /** Every ensemble, in order (by first node). A new array whenever it changes. */
  get ensembles(): readonly Ensemble[] {
    return this.sorted;
  }

  /** Ensemble order: by first node in node order. */
  compareEnsembles = (a: Ensemble, b: Ensemble): number => this.compareNodes(a.nodes[0], b.nodes[0]);

  /** `changed`: the files whose model may differ from the last update (all of them the first time). */
  update(changed: Iterable<string>): NodeIndexUpdate {
    const removedNodes: ZkNode[] = [];
    const addedNodes: ZkNode[] = [];
    const dirty = new Set<string>();
    for (const path of changed) {
      dirty.add(path);
      for (const source of valuesOf(this.lookedUpBy.get(path))) dirty.add(source);
    }
    // Compose sources first: what they mount decides which zoo.cfg files are nodes of their own.
    const flipped = new Set<string>();
    for (const path of dirty) {
      const model = this.context.file(path);
      if (this.sources.get(path)?.kind === 1 || model?.kind === 'compose') this.rebuildSource(path, model, removedNodes, addedNodes, flipped);
    }
    for (const path of flipped) dirty.add(path);
    for (const path of dirty) {
      const model = this.context.file(path);
      if (this.sources.get(path)?.kind === 0 || model?.kind === 'zoocfg') this.rebuildSource(path, model, removedNodes, addedNodes, flipped);
    }
    return this.regroup(removedNodes, addedNodes);
  }

  private rebuildSource(path: string, model: FileModel | undefined, removed: ZkNode[], added: ZkNode[], flipped: Set<string>): void {
    const old = this.sources.get(path);
    if (old) {
      this.sources.delete(path);
      for (const lookup of old.lookups) deleteFrom(this.lookedUpBy, lookup, path);
      for (const node of old.nodes) {
        removed.push(node);
        if (old.kind === 1 && node.config && deleteFrom(this.claims, node.config.path, path)) flipped.add(node.config.path);
      }
    }
    this.lookups.length = 0;
    let kind: Source['kind'];
    let nodes: ZkNode[];
    if (model?.kind === 'compose') {
      kind = 1;
      nodes = composeNodes([model], this.recording);
      for (const node of nodes) if (node.config && addTo(this.claims, node.config.path, path)) flipped.add(node.config.path);
    } else if (model?.kind === 'zoocfg' && !this.claims.has(path)) {
      kind = 0;
      nodes = [configNode(model as ConfigModel, this.context.defaultVersion, false, this.recording)];
    } else {
      return;
    }
    const source: Source = { path, kind, lookups: trimmed(this.lookups), nodes };
    this.sources.set(path, source);
    for (const lookup of source.lookups) addTo(this.lookedUpBy, lookup, path);
    source.nodes.forEach((node, index) => {
      this.info.set(node, { source, index, keys: memberKeys(node.members ?? []), neighbourhood: neighbourhood(node), cluster: undefined });
      added.push(node);
    });
  }

  private compareNodes(a: ZkNode, b: ZkNode): number {
    const byKey = compareNodeKeys(a, b);
    if (byKey !== 0 || a === b) return byKey;
    const ia = this.info.get(a) as NodeInfo;
    const ib = this.info.get(b) as NodeInfo;
    if (ia.source.kind !== ib.source.kind) return ia.source.kind - ib.source.kind;
    if (ia.source.path !== ib.source.path) return ia.source.path < ib.source.path ? -1 : 1;
    return ia.index - ib.index;
  }

  // The loops over every node's keys and files are indexed: in a cold pass this code runs interpreted once, where
  // `for...of` over an array allocates a result object per element (~4.5 MB of the pass at 1,000 ensembles).
  private regroup(removedNodes: readonly ZkNode[], addedNodes: readonly ZkNode[]): NodeIndexUpdate {
    // 1. Clusters the change touches: those of removed nodes, and whatever the added nodes now reach.
    const staleClusters = new Set<Cluster>();
    const seeds = new Set<ZkNode>(addedNodes);
    for (const node of removedNodes) {
      const info = this.info.get(node) as NodeInfo;
      if (info.cluster) staleClusters.add(info.cluster);
      for (const key of info.keys) deleteFrom(this.byKey, key, node);
      deleteFrom(this.byNeighbourhood, info.neighbourhood, node);
    }
    for (const node of removedNodes) this.info.delete(node);
    for (const node of addedNodes) {
      const info = this.info.get(node) as NodeInfo;
      for (let k = 0; k < info.keys.length; k++) addTo(this.byKey, info.keys[k], node);
      addTo(this.byNeighbourhood, info.neighbourhood, node);
    }
    for (const cluster of staleClusters) for (const node of cluster.nodes) if (this.info.has(node)) seeds.add(node);

    // 2. New clusters: a walk over shared keys and neighbourhoods, each key and neighbourhood expanded once.
    const newClusters: Cluster[] = [];
    const visited = new Set<ZkNode>();
    const expandedKeys = new Set<string>();
    const expandedNeighbourhoods = new Set<string>();
    const stack: ZkNode[] = [];
    const reach = (nodes: OneOrMore<ZkNode> | undefined) => {
      for (const other of valuesOf(nodes)) {
        if (visited.has(other)) continue;
        visited.add(other);
        stack.push(other);
      }
    };
    for (const seed of seeds) {
      if (visited.has(seed)) continue;
      const members: ZkNode[] = [];
      stack.push(seed);
      visited.add(seed);
      while (stack.length > 0) {
        const node = stack.pop() as ZkNode;
        members.push(node);
        const info = this.info.get(node) as NodeInfo;
        if (info.cluster) staleClusters.add(info.cluster);
        for (let k = 0; k < info.keys.length; k++) {
          const key = info.keys[k];
          if (expandedKeys.has(key)) continue;
          expandedKeys.add(key);
          reach(this.byKey.get(key));
        }
        if (!expandedNeighbourhoods.has(info.neighbourhood)) {
          expandedNeighbourhoods.add(info.neighbourhood);
          reach(this.byNeighbourhood.get(info.neighbourhood));
        }
      }
      members.sort((a, b) => this.compareNodes(a, b));
      const cluster: Cluster = { nodes: trimmed(members), groups: [] };
      for (let i = 0; i < members.length; i++) (this.info.get(members[i]) as NodeInfo).cluster = cluster;
      newClusters.push(cluster);
    }

    // 3. Groups of the new clusters replace those of the stale ones; namesakes of either are renamed.
    const oldGroups: Group[] = [];
    for (const cluster of staleClusters) oldGroups.push(...cluster.groups);
    const keysOf = (node: ZkNode) => (this.info.get(node) as NodeInfo).keys;
    const neighbourhoodOf = (node: ZkNode) => (this.info.get(node) as NodeInfo).neighbourhood;
    const newGroups: Group[] = [];
    for (const cluster of newClusters) {
      // map, not push: an exact-size list per cluster.
      cluster.groups = groupNodes(cluster.nodes, keysOf, neighbourhoodOf).map((nodes): Group => ({ nodes, plainName: ensembleName(nodes), ensemble: undefined }));
      for (const group of cluster.groups) newGroups.push(group);
    }
    const renamed = new Set<string>();
    const reusable = new Map<ZkNode, Ensemble>();
    for (const group of oldGroups) {
      deleteFrom(this.namesakes, group.plainName, group);
      renamed.add(group.plainName);
      if (group.ensemble) reusable.set(group.ensemble.nodes[0], group.ensemble);
    }
    for (const group of newGroups) {
      addTo(this.namesakes, group.plainName, group);
      renamed.add(group.plainName);
    }
    const removedEnsembles = new Set<Ensemble>(oldGroups.flatMap((g) => (g.ensemble ? [g.ensemble] : [])));
    const addedEnsembles: Ensemble[] = [];
    for (const name of renamed) {
      const groups = this.namesakes.get(name);
      const shared = countOf(groups) > 1;
      for (const group of valuesOf(groups)) {
        const wanted = shared ? distinctName(name, group.nodes) : name;
        if (group.ensemble?.name === wanted) continue;
        if (group.ensemble) removedEnsembles.add(group.ensemble);
        const previous = group.ensemble ?? reusable.get(group.nodes[0]);
        const ensemble = previous && previous.name === wanted && sameNodes(previous.nodes, group.nodes) ? previous : { key: group.nodes[0].key, name: wanted, nodes: group.nodes };
        group.ensemble = ensemble;
        // An ensemble rebuilt identical is neither removed nor added.
        if (removedEnsembles.has(ensemble)) removedEnsembles.delete(ensemble);
        else addedEnsembles.push(ensemble);
      }
    }

    // 4. Ensemble order, and which node and ensemble each file of a changed ensemble belongs to.
    if (removedEnsembles.size > 0 || addedEnsembles.length > 0) {
      const kept = removedEnsembles.size > 0 ? this.sorted.filter((e) => !removedEnsembles.has(e)) : [...this.sorted];
      addedEnsembles.sort(this.compareEnsembles);
      this.sorted = mergeSorted(kept, addedEnsembles, this.compareEnsembles);
    }
    const touched = new Set<string>();
    for (const ensemble of removedEnsembles) {
      ensemble.nodes.forEach((node) => {
        for (const path of node.files) {
          const list = this.owners.get(path);
          if (!list) continue;
          const left = list.filter((o) => o.ensemble !== ensemble);
          if (left.length > 0) this.owners.set(path, left);
          else this.owners.delete(path);
          touched.add(path);
        }
      });
    }
    for (const ensemble of addedEnsembles) {
      ensemble.nodes.forEach((node, index) => {
        for (let i = 0; i < node.files.length; i++) {
          const path = node.files[i];
          const list = this.owners.get(path);
          // Most files have one owner: a one-slot array rather than push's 17.
          if (!list) this.owners.set(path, [{ ensemble, node, index }]);
          else if (!list.some((o) => o.ensemble === ensemble && o.node === node)) list.push({ ensemble, node, index });
          touched.add(path);
        }
      });
    }
    const nodeChanged = new Set<string>();
    const ensembleChanged = new Set<string>();
    const versionChanged = new Set<string>();
    const versionOf = (node: ZkNode | undefined) => node?.version ?? this.context.defaultVersion;
    for (const path of touched) {
      let first: Owner | undefined;
      const owners = this.owners.get(path) ?? [];
      for (let i = 0; i < owners.length; i++) {
        const owner = owners[i];
        if (!first) first = owner;
        else {
          const order = owner.ensemble === first.ensemble ? 0 : this.compareEnsembles(owner.ensemble, first.ensemble);
          if (order < 0 || (order === 0 && owner.index < first.index)) first = owner;
        }
      }
      const oldNode = this.nodeOfFile.get(path);
      if (oldNode !== first?.node) {
        nodeChanged.add(path);
        if (!sameVersion(versionOf(oldNode), versionOf(first?.node))) versionChanged.add(path);
        if (first) this.nodeOfFile.set(path, first.node);
        else this.nodeOfFile.delete(path);
      }
      if (this.ensembleOfFile.get(path) !== first?.ensemble) {
        ensembleChanged.add(path);
        if (first) this.ensembleOfFile.set(path, first.ensemble);
        else this.ensembleOfFile.delete(path);
      }
    }
    return { removedEnsembles: [...removedEnsembles], addedEnsembles, nodeChanged, ensembleChanged, versionChanged };
  }
}

function sameVersion(a: ZkVersion, b: ZkVersion): boolean {
  return a === b || (a.major === b.major && a.minor === b.minor && a.patch === b.patch);
}

function sameNodes(a: readonly ZkNode[], b: readonly ZkNode[]): boolean {
  return a.length === b.length && a.every((node, i) => node === b[i]);
}

function mergeSorted<T>(a: readonly T[], b: readonly T[], compare: (x: T, y: T) => number): T[] {
  if (b.length === 0) return [...a];
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) merged.push(compare(a[i], b[j]) <= 0 ? a[i++] : b[j++]);
  while (i < a.length) merged.push(a[i++]);
  while (j < b.length) merged.push(b[j++]);
  return merged;
}
