import type { Ensemble } from '../ensembles';
import { hostIdentity, isWildcard } from '../ensembles';
import { nodeMachine, ownMember } from '../hosts';
import type { Located, MemberEntry, ZkNode } from '../nodes';
import { parseJavaInt } from '../java';
import type { Span } from '../serverLine';
import { atLeast } from '../version';
import { FileChange, replace } from '../edits';
import { comparePositions } from '../text';
import type { EnsembleRule, Report } from './rule';

export const portClash: EnsembleRule = {
  id: 'port-clash',
  scope: 'ensemble',
  defaultSeverity: 'error',
  docs: {
    summary: 'Two listeners on one machine and port: client, quorum, election, AdminServer (8080 by default on 3.5+), metrics (7000), or a port published by two services of one compose project.',
    why: "ZooKeeper checks none of this at parse time. The quorum port equal to the election port is refused from 3.5.5 and silently broken before; other clashes fail at run time with 'Address already in use', sometimes only when the node becomes leader (the quorum port is bound late). The AdminServer clash only logs a warning in quorum mode.",
    reference: '§2.2, §3.2, §3.4 X5 X6 X7',
  },
  check(ensemble) {
    const views: Listener[][] = [];
    const services: Listener[] = [];
    for (const node of ensemble.nodes) {
      // Both lists need the node's machine and client port: worked out once per node.
      const machine = nodeMachine(node, ensemble);
      const client = clientListener(node);
      views.push(viewOf(node, ensemble, machine, client));
      serviceListeners(node, machine, client, services);
    }
    // Only a clash needs free ports, and most ensembles have none.
    let ports: PortAllocator | undefined;
    const allocator = () => (ports ??= new PortAllocator([...views.flat(), ...services]));
    return [...views.flatMap((view) => clashes(view, false, allocator)), ...clashes(services, true, allocator)];
  },
};

/**
 * A port something listens on, with only what grouping by machine and port needs. Most ensembles have no clash,
 * so what a report says about a listener (`describe`) is worked out for clashing listeners alone.
 */
interface Listener {
  readonly machine: string;
  readonly port: number;
  /** Who owns it: two listeners of one owner and kind are one listener written twice. */
  readonly owner: string;
  readonly minor: boolean;
  readonly describe: () => Description;
}

interface Description {
  /** What listens, for people: 'quorum port of server.2', 'client port of node1'. */
  readonly what: string;
  readonly at: Located;
  /** Moves this listener to another port everywhere it is named; undefined when it is an unwritten default. */
  readonly retarget?: (port: number) => FileChange[];
}

/** A clashing listener, with what its report says. */
type Described = Listener & Description;

/** What one node's files say listens where: its own service ports and every member's quorum and election port. */
function viewOf(node: ZkNode, ensemble: Ensemble, machine: string | undefined, client: ClientPort | undefined): Listener[] {
  const self = machine ?? `node ${node.key}`;
  const listeners: Listener[] = [];
  for (const member of node.members ?? []) {
    for (const address of member.spec?.addresses ?? []) {
      const machine = isWildcard(address.host) ? (member.id === node.myid?.value ? self : `wildcard ${member.id}`) : hostIdentity(address.host);
      listeners.push(memberPort(ensemble, member, machine, 'quorum', address.quorumPort, address.quorumPortSpan));
      if (address.electionPort !== undefined) listeners.push(memberPort(ensemble, member, machine, 'election', address.electionPort, address.electionPortSpan));
    }
  }
  if (client) listeners.push({ machine: self, port: client.port, owner: `client ${node.key}`, minor: false, describe: () => writtenAt(`client port of ${node.label}`, client.at()) });
  return listeners;
}

/** A member's quorum or election port as one node's server list writes it. */
function memberPort(ensemble: Ensemble, member: MemberEntry, machine: string, kind: 'quorum' | 'election', port: number, span: Span | undefined): Listener {
  return {
    machine,
    port,
    owner: `server.${member.id}`,
    minor: false,
    describe: () => ({
      what: `${kind} port of server.${member.id}`,
      at: { path: member.at.path, range: span ? member.rangeOf(span) : member.at.range },
      retarget: (to) => renameMemberPort(ensemble, member.id, `${kind}PortSpan`, port, to),
    }),
  };
}

/** A listener whose port is written in one place, and moves there. */
function writtenAt(what: string, at: Located): Description {
  return { what, at, retarget: moveTo(at) };
}

/** A port written in one place. */
function moveTo(at: Located): (port: number) => FileChange[] {
  return (port) => [replace(at.path, at.range, String(port))];
}

/** A member's quorum or election port, in every node's server list that writes it. */
function renameMemberPort(ensemble: Ensemble, id: number, kind: 'quorumPortSpan' | 'electionPortSpan', old: number, port: number): FileChange[] {
  return ensemble.nodes.flatMap((node) => {
    const member = node.members?.find((m) => m.id === id);
    return (member?.spec?.addresses ?? []).flatMap((address) => {
      const span = address[kind];
      const written = kind === 'quorumPortSpan' ? address.quorumPort : address.electionPort;
      return span && written === old ? [replace(member!.at.path, member!.rangeOf(span), String(port))] : [];
    });
  });
}

/** Adds the ports a node opens on its machine that other nodes on the same machine could also open. */
function serviceListeners(node: ZkNode, machine: string | undefined, client: ClientPort | undefined, listeners: Listener[]): void {
  const container = node.container;
  if (container) {
    for (const published of container.publishedPorts) {
      listeners.push({ machine: `docker:${container.dockerHost}`, port: published.hostPort, owner: node.key, minor: false, describe: () => writtenAt(`host port published by ${node.label}`, published.at) });
    }
    if (!container.hostNetwork) return;
  }
  if (machine === undefined) return;
  const anchor = node.membersAt ?? node.container?.at ?? (node.config ? { path: node.config.path, range: node.config.properties.lines.rangeOf(0, 0) } : undefined);
  const setting = (key: string) => node.listenerSettings.get(key);
  if (client) listeners.push({ machine, port: client.port, owner: node.key, minor: false, describe: () => writtenAt(`client port of ${node.label}`, client.at()) });
  const adminEnabled = atLeast(node.version, '3.5') && setting('admin.enableServer')?.value.trim() !== 'false';
  const optional = (key: string, fallback: number, what: string) => {
    const written = setting(key);
    const port = written ? parseJavaInt(written.value.trim()) : fallback;
    const at = written?.at ?? anchor;
    if (port !== undefined && at) {
      const describe = () => ({ what: `${what} of ${node.label}${written ? '' : ` (default port ${fallback})`}`, at, retarget: written?.at && moveTo(written.at) });
      listeners.push({ machine, port, owner: node.key, minor: true, describe });
    }
  };
  if (adminEnabled) optional('admin.serverPort', 8080, 'AdminServer');
  if (/prometheus/i.test(setting('metricsProvider.className')?.value ?? '')) optional('metricsProvider.httpPort', 7000, 'metrics endpoint');
}

/** A node's client port; `at` locates it for a report. */
interface ClientPort {
  readonly port: number;
  readonly at: () => Located;
}

/** The node's client port: clientPort, else the ';port' of its own server line (3.5+). */
function clientListener(node: ZkNode): ClientPort | undefined {
  const written = node.listenerSettings.get('clientPort');
  if (written?.at) {
    const port = parseJavaInt(written.value.trim());
    const at = written.at;
    return port !== undefined && port > 0 ? { port, at: () => at } : undefined;
  }
  const own = ownMember(node);
  const spec = own?.spec;
  if (!own || spec?.clientPort === undefined) return undefined;
  return { port: spec.clientPort, at: () => ({ path: own.at.path, range: spec.clientPortSpan ? own.rangeOf(spec.clientPortSpan) : own.at.range }) };
}

/**
 * Listeners sharing machine and port; `acrossNodesOnly` keeps a node's own listeners out of each other's way.
 * The first listener of a clash (in file order) keeps its port; each other one is offered the next free port.
 */
function clashes(listeners: readonly Listener[], acrossNodesOnly: boolean, ports: () => PortAllocator): Report[] {
  if (!sharesAddress(listeners)) return [];
  const byAddress = new Map<string, Listener[]>();
  for (const listener of listeners) {
    const key = `${listener.machine}\u0000${listener.port}`;
    const sharing = byAddress.get(key);
    if (sharing) sharing.push(listener);
    else byAddress.set(key, [listener]);
  }
  const reports: Report[] = [];
  for (const sharing of byAddress.values()) {
    if (sharing.length < 2) continue;
    const group: Described[] = sharing.map((listener) => ({ ...listener, ...listener.describe() }));
    const ordered = [...group].sort(byLocation);
    for (const listener of group) {
      const others = group.filter((o) => o !== listener && (acrossNodesOnly ? o.owner !== listener.owner : o.what !== listener.what));
      if (others.length === 0) continue;
      const where = listener.machine.startsWith('docker:') ? 'the Docker host' : listener.machine === 'loopback' ? 'this machine (loopback)' : listener.machine.startsWith('wildcard') || listener.machine.startsWith('node ') ? 'the same machine' : listener.machine;
      const keepsPort = ordered.find((o) => o === listener || others.includes(o)) === listener;
      const free = !keepsPort && listener.retarget ? ports().nextFree(listener) : undefined;
      reports.push({
        path: listener.at.path,
        range: listener.at.range,
        severity: listener.minor || others.every((o) => o.minor) ? 'warning' : undefined,
        message: `Port ${listener.port} on ${where} is taken ${others.length === 1 ? 'twice' : `${others.length + 1} times`}: ${listing([listener, ...others].map((o) => o.what))}. Give each listener its own port.`,
        related: others.map((o) => ({ path: o.at.path, range: o.at.range, message: o.what })),
        fixes: free !== undefined && listener.retarget ? [{ title: `Move the ${listener.what} to port ${free}`, isPreferred: true, changes: listener.retarget(free) }] : [],
      });
    }
  }
  return reports;
}

/**
 * Whether two listeners share machine and port. Most lists share none and are short (one node's view, one ensemble's
 * services), so comparing pairs is cheaper than building the map of addresses; a long list takes the map anyway.
 */
function sharesAddress(listeners: readonly Listener[]): boolean {
  if (listeners.length > 64) return true;
  for (let i = 1; i < listeners.length; i++) {
    const { machine, port } = listeners[i];
    for (let j = 0; j < i; j++) if (listeners[j].port === port && listeners[j].machine === machine) return true;
  }
  return false;
}

/** Hands out free ports per machine for the fixes, so that two moved listeners never land on the same port. */
class PortAllocator {
  private readonly used = new Map<string, Set<number>>();
  /** The same listener seen from several nodes' files is offered the same port. */
  private readonly chosen = new Map<string, number>();

  constructor(listeners: readonly Listener[]) {
    for (const listener of listeners) this.taken(listener.machine).add(listener.port);
  }

  /** The lowest port above the listener's that nothing on its machine uses. */
  nextFree(listener: Described): number | undefined {
    const identity = `${listener.machine}|${listener.what}|${listener.port}`;
    if (this.chosen.has(identity)) return this.chosen.get(identity);
    const taken = this.taken(listener.machine);
    for (let port = listener.port + 1; port <= 65535; port++) {
      if (taken.has(port)) continue;
      taken.add(port);
      this.chosen.set(identity, port);
      return port;
    }
    return undefined;
  }

  private taken(machine: string): Set<number> {
    let set = this.used.get(machine);
    if (!set) this.used.set(machine, (set = new Set()));
    return set;
  }
}

function byLocation(a: Described, b: Described): number {
  return a.at.path.localeCompare(b.at.path) || comparePositions(a.at.range.start, b.at.range.start);
}

/** 'a and b', 'a, b and c'. */
function listing(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
