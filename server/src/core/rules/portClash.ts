import type { Ensemble } from '../ensembles';
import { hostIdentity, isWildcard } from '../ensembles';
import { nodeMachine, ownMember } from '../hosts';
import type { Located, ZkNode } from '../nodes';
import { parseJavaInt } from '../java';
import { atLeast } from '../version';
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
    const reports: Report[] = [];
    for (const node of ensemble.nodes) reports.push(...clashes(viewOf(node, ensemble), false));
    reports.push(...clashes(ensemble.nodes.flatMap((node) => serviceListeners(node, ensemble)), true));
    return reports;
  },
};

interface Listener {
  readonly machine: string;
  readonly port: number;
  /** What listens, for people: 'quorum port of server.2', 'client port of node1'. */
  readonly what: string;
  readonly at: Located;
  /** Who owns it: two listeners of one owner and kind are one listener written twice. */
  readonly owner: string;
  readonly minor: boolean;
}

/** What one node's files say listens where: its own service ports and every member's quorum and election port. */
function viewOf(node: ZkNode, ensemble: Ensemble): Listener[] {
  const self = nodeMachine(node, ensemble) ?? `node ${node.key}`;
  const listeners: Listener[] = [];
  for (const member of node.members ?? []) {
    for (const address of member.spec?.addresses ?? []) {
      const machine = isWildcard(address.host) ? (member.id === node.myid?.value ? self : `wildcard ${member.id}`) : hostIdentity(address.host);
      const at = (span: { start: number; end: number } | undefined) => ({ path: member.at.path, range: span ? member.rangeOf(span) : member.at.range });
      listeners.push({ machine, port: address.quorumPort, what: `quorum port of server.${member.id}`, at: at(address.quorumPortSpan), owner: `server.${member.id}`, minor: false });
      if (address.electionPort !== undefined) {
        listeners.push({ machine, port: address.electionPort, what: `election port of server.${member.id}`, at: at(address.electionPortSpan), owner: `server.${member.id}`, minor: false });
      }
    }
  }
  const client = clientListener(node);
  if (client) listeners.push({ machine: self, port: client.port, what: `client port of ${node.label}`, at: client.at, owner: `client ${node.key}`, minor: false });
  return listeners;
}

/** Ports a node opens on its machine that other nodes on the same machine could also open. */
function serviceListeners(node: ZkNode, ensemble: Ensemble): Listener[] {
  const listeners: Listener[] = [];
  const container = node.container;
  if (container) {
    for (const published of container.publishedPorts) {
      listeners.push({ machine: `docker:${container.dockerHost}`, port: published.hostPort, what: `host port published by ${node.label}`, at: published.at, owner: node.key, minor: false });
    }
    if (!container.hostNetwork) return listeners;
  }
  const machine = nodeMachine(node, ensemble);
  if (machine === undefined) return listeners;
  const anchor = node.membersAt ?? node.container?.at ?? (node.config ? { path: node.config.path, range: node.config.properties.lines.rangeOf(0, 0) } : undefined);
  const setting = (key: string) => node.listenerSettings.get(key);
  const client = clientListener(node);
  if (client) listeners.push({ machine, port: client.port, what: `client port of ${node.label}`, at: client.at, owner: node.key, minor: false });
  const adminEnabled = atLeast(node.version, '3.5') && setting('admin.enableServer')?.value.trim() !== 'false';
  const optional = (key: string, fallback: number, what: string) => {
    const written = setting(key);
    const port = written ? parseJavaInt(written.value.trim()) : fallback;
    const at = written?.at ?? anchor;
    if (port !== undefined && at) listeners.push({ machine, port, what: `${what} of ${node.label}${written ? '' : ` (default port ${fallback})`}`, at, owner: node.key, minor: true });
  };
  if (adminEnabled) optional('admin.serverPort', 8080, 'AdminServer');
  if (/prometheus/i.test(setting('metricsProvider.className')?.value ?? '')) optional('metricsProvider.httpPort', 7000, 'metrics endpoint');
  return listeners;
}

/** The node's client port: clientPort, else the ';port' of its own server line (3.5+). */
function clientListener(node: ZkNode): { port: number; at: Located } | undefined {
  const written = node.listenerSettings.get('clientPort');
  if (written?.at) {
    const port = parseJavaInt(written.value.trim());
    return port !== undefined && port > 0 ? { port, at: written.at } : undefined;
  }
  const own = ownMember(node);
  const spec = own?.spec;
  if (!own || spec?.clientPort === undefined) return undefined;
  return { port: spec.clientPort, at: { path: own.at.path, range: spec.clientPortSpan ? own.rangeOf(spec.clientPortSpan) : own.at.range } };
}

/** Listeners sharing machine and port; `acrossNodesOnly` keeps a node's own listeners out of each other's way. */
function clashes(listeners: readonly Listener[], acrossNodesOnly: boolean): Report[] {
  const byAddress = new Map<string, Listener[]>();
  for (const listener of listeners) {
    const key = `${listener.machine}\u0000${listener.port}`;
    byAddress.set(key, [...(byAddress.get(key) ?? []), listener]);
  }
  const reports: Report[] = [];
  for (const group of byAddress.values()) {
    for (const listener of group) {
      const others = group.filter((o) => o !== listener && (acrossNodesOnly ? o.owner !== listener.owner : o.what !== listener.what));
      if (others.length === 0) continue;
      const where = listener.machine.startsWith('docker:') ? 'the Docker host' : listener.machine === 'loopback' ? 'this machine (loopback)' : listener.machine.startsWith('wildcard') || listener.machine.startsWith('node ') ? 'the same machine' : listener.machine;
      reports.push({
        path: listener.at.path,
        range: listener.at.range,
        severity: listener.minor || others.every((o) => o.minor) ? 'warning' : undefined,
        message: `Port ${listener.port} on ${where} is taken ${others.length === 1 ? 'twice' : `${others.length + 1} times`}: ${listing([listener, ...others].map((o) => o.what))}. Give each listener its own port.`,
        related: others.map((o) => ({ path: o.at.path, range: o.at.range, message: o.what })),
      });
    }
  }
  return reports;
}

/** 'a and b', 'a, b and c'. */
function listing(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
