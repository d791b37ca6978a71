import { consensus } from '../consensus';
import { hostIdentity, isWildcard } from '../ensembles';
import type { MemberEntry, ZkNode } from '../nodes';
import { replace } from '../edits';
import { formatServerValue, ServerSpec } from '../serverLine';
import type { EnsembleRule, Report } from './rule';

export const serverMismatch: EnsembleRule = {
  id: 'server-mismatch',
  scope: 'ensemble',
  defaultSeverity: 'error',
  docs: {
    summary: 'The same server.N is written differently by different nodes (host, ports, role or client part).',
    why: "ZooKeeper never compares the member lists of different nodes. A node with a wrong address for a peer still starts; the ensemble may form without that peer, or not at all, and nothing says why. ZooKeeper's admin guide: 'care must be taken to ensure that the list of servers in all of the different configuration files match'. A node writing 0.0.0.0 for itself is the accepted self convention, not a mismatch.",
    reference: '§3.4 X1, §7.3',
  },
  check(ensemble) {
    // Each node's first line per id, grouped by id in one pass (was a search of every node's list per id). A list
    // is sorted by id with equal ids in file order, so the first line of an id is the one after a different id.
    const byId = new Map<number, Written[]>();
    for (const node of ensemble.nodes) {
      const members = node.members ?? [];
      for (let i = 0; i < members.length; i++) {
        const member = members[i];
        if (!member.spec || (i > 0 && members[i - 1].id === member.id)) continue;
        const keys = keysOf(member.spec);
        const written: Written = { node, member, selfWildcard: isSelfWildcard(node, member), key: keys.key, ports: keys.ports };
        const list = byId.get(member.id);
        if (list) list.push(written);
        else byId.set(member.id, [written]);
      }
    }
    const reports: Report[] = [];
    for (const id of [...byId.keys()].sort((a, b) => a - b)) reports.push(...mismatches(id, byId.get(id)!));
    return reports;
  },
};

interface Written {
  readonly node: ZkNode;
  readonly member: MemberEntry;
  /** The node's own line written as 0.0.0.0: it has no opinion on the host. */
  readonly selfWildcard: boolean;
  /** `fullKey` and `portsKey` of the member's spec (`keysOf`). */
  readonly key: string;
  readonly ports: string;
}

function isSelfWildcard(node: ZkNode, member: MemberEntry): boolean {
  const addresses = member.spec?.addresses ?? [];
  return node.myid?.value === member.id && addresses.length > 0 && addresses.every((a) => isWildcard(a.host));
}

/**
 * Keys by parsed value. The nodes of an ensemble write the same members and parsing is cached, so they share one
 * spec per member: its keys are built once, not once per node.
 */
const keysBySpec = new WeakMap<ServerSpec, { readonly key: string; readonly ports: string }>();

function keysOf(spec: ServerSpec): { readonly key: string; readonly ports: string } {
  let keys = keysBySpec.get(spec);
  if (!keys) {
    const ports = portsKey(spec);
    keysBySpec.set(spec, (keys = { key: fullKey(spec, ports), ports }));
  }
  return keys;
}

/** Everything but the host: ports, role and client part. */
function portsKey(spec: ServerSpec): string {
  const addresses = spec.addresses.map((a) => `${a.quorumPort}:${a.electionPort ?? ''}`).join('|');
  return `${addresses}:${spec.role};${spec.clientPort ?? ''}`;
}

function fullKey(spec: ServerSpec, ports: string): string {
  const hosts = spec.addresses.map((a) => hostIdentity(a.host)).join('|');
  return `${hosts}/${ports}/${clientHostKey(spec)}`;
}

function clientHostKey(spec: ServerSpec): string {
  const host = spec.clientHost;
  return host === undefined || isWildcard(host) ? '' : hostIdentity(host);
}

function mismatches(id: number, written: readonly Written[]): Report[] {
  if (written.length < 2) return [];
  // The usual case, every node writing the same (its own 0.0.0.0 aside), needs no consensus.
  if (allAgree(written)) return [];
  const voters = written.filter((w) => !w.selfWildcard);
  const hosts = consensus(voters, (w) => w.key);
  const ports = consensus(written, (w) => w.ports);
  const agreedPorts = hosts.majority !== undefined ? voters.find((w) => w.key === hosts.majority)!.ports : ports.majority;
  const reports: Report[] = [];
  for (const w of written) {
    const differs = w.selfWildcard
      ? agreedPorts !== undefined
        ? w.ports !== agreedPorts
        : ports.groups.length > 1
      : hosts.majority !== undefined
        ? w.key !== hosts.majority
        : hosts.groups.length > 1;
    if (!differs) continue;
    const others = written.filter((o) => o !== w && (w.selfWildcard || o.selfWildcard ? o.ports !== w.ports : o.key !== w.key));
    const majorityHolders = hosts.majority !== undefined ? voters.filter((v) => v.key === hosts.majority) : [];
    const onlyClientPart = others.every((o) => sameButClient(o.member, w.member));
    const message =
      majorityHolders.length > 0
        ? `server.${id} is '${w.member.text}' here, but ${majorityHolders.length} of ${voters.length} nodes write '${majorityHolders[0].member.text}' (${labels(majorityHolders)}). Make every node's server.${id} the same.`
        : `server.${id} differs between nodes: '${w.member.text}' here, ${others.map((o) => `'${o.member.text}' in ${o.node.label}`).join(', ')}. Every node must list the same members; decide which is right.`;
    // The majority's value is the clear fix; without one, each other value is offered.
    const options = majorityHolders.length > 0 ? [majorityHolders[0]] : distinct(others);
    const fixes = options.map((o) => ({
      title: `Use '${valueFor(w, o.member)}'${majorityHolders.length > 0 ? ` (as ${majorityHolders.length} of ${voters.length} nodes)` : ` (as in ${o.node.label})`}`,
      isPreferred: majorityHolders.length > 0 ? true : undefined,
      changes: [replace(w.member.valueAt.path, w.member.valueAt.range, valueFor(w, o.member))],
    }));
    reports.push({
      path: w.member.at.path,
      range: w.member.at.range,
      message,
      fixes,
      severity: onlyClientPart ? 'warning' : undefined,
      related: (majorityHolders.length > 0 ? majorityHolders : others).map((o) => ({ path: o.member.at.path, range: o.member.at.range, message: `server.${id} in ${o.node.label}: '${o.member.text}'` })),
    });
  }
  return reports;
}

/** Same ports everywhere, and the same key from every node that does not write its own line as 0.0.0.0. */
function allAgree(written: readonly Written[]): boolean {
  let key: string | undefined;
  for (const w of written) {
    if (w.ports !== written[0].ports) return false;
    if (w.selfWildcard) continue;
    if (key === undefined) key = w.key;
    else if (w.key !== key) return false;
  }
  return true;
}

/** What `w` should write to agree with `other`: the same, except that a node's own 0.0.0.0 stays. */
function valueFor(w: Written, other: MemberEntry): string {
  if (!w.selfWildcard) return other.text;
  const host = w.member.spec!.addresses[0].host;
  return formatServerValue({ ...other.spec!, addresses: other.spec!.addresses.map((a) => ({ ...a, host })) }, w.node.version);
}

function distinct(written: readonly Written[]): Written[] {
  return written.filter((w, i) => written.findIndex((o) => o.key === w.key) === i);
}

function sameButClient(a: MemberEntry, b: MemberEntry): boolean {
  const strip = (m: MemberEntry) => `${m.spec!.addresses.map((x) => `${hostIdentity(x.host)}:${x.quorumPort}:${x.electionPort ?? ''}`).join('|')}:${m.spec!.role}`;
  return strip(a) === strip(b);
}

function labels(written: readonly Written[]): string {
  return written.map((w) => w.node.label).join(', ');
}
