import type { Ensemble } from './ensembles';
import { hostIdentity, isWildcard } from './ensembles';
import { consensus } from './consensus';
import { parseJavaInt } from './java';
import type { MemberEntry, ZkNode } from './nodes';

/**
 * Which machine a node runs on, as far as the workspace tells: what decides whether two listeners can clash.
 * Different IPs are different hosts; any loopback address is this one machine; containers of one compose
 * project share one Docker host for their published ports (and for everything with network_mode: host).
 */

/** The line a node holds for itself: server.<its myid>. */
export function ownMember(node: ZkNode): MemberEntry | undefined {
  const id = node.myid?.value;
  return id === undefined ? undefined : node.members?.find((m) => m.id === id);
}

/** The machine identity of a node, or undefined when nothing in the workspace tells. */
export function nodeMachine(node: ZkNode, ensemble: Ensemble): string | undefined {
  if (node.container?.hostNetwork) return `docker:${node.container.dockerHost}`;
  const id = node.myid?.value;
  // With a duplicated id the node's own line is a guess: better no machine than a made-up clash.
  if (id === undefined || ensemble.nodes.some((other) => other !== node && other.myid?.value === id)) return undefined;
  const own = ownMember(node)?.spec?.addresses[0]?.host;
  if (own !== undefined && !isWildcard(own)) return hostIdentity(own);
  // A node writing 0.0.0.0 for itself is known by what the others call it.
  const written = hostOthersWrite(node, ensemble);
  return written === undefined ? undefined : hostIdentity(written);
}

/** The host most other nodes write for this node's id (wildcards aside); undefined when they split evenly. */
function hostOthersWrite(node: ZkNode, ensemble: Ensemble): string | undefined {
  const id = node.myid?.value;
  if (id === undefined) return undefined;
  const written = ensemble.nodes.flatMap((other) => {
    const host = other === node ? undefined : other.members?.find((m) => m.id === id)?.spec?.addresses[0]?.host;
    return host !== undefined && !isWildcard(host) ? [host] : [];
  });
  const votes = consensus(written, hostIdentity);
  const [first, second] = votes.groups;
  return first && (!second || first.items.length > second.items.length) ? first.items[0] : undefined;
}

/** How the rest of the ensemble reaches a node: the host others write for it, and its ports. */
export interface NodeAddress {
  readonly host: string | undefined;
  readonly clientPort: number | undefined;
  readonly quorumPort: number | undefined;
  readonly electionPort: number | undefined;
  readonly role: 'participant' | 'observer' | undefined;
}

export function nodeAddress(node: ZkNode, ensemble: Ensemble): NodeAddress {
  const own = ownMember(node);
  const address = own?.spec?.addresses[0];
  let host = address?.host;
  if (host === undefined || isWildcard(host)) host = hostOthersWrite(node, ensemble);
  const clientEntry = node.config?.properties.effective.get('clientPort');
  const clientPort = clientEntry ? parseJavaInt(clientEntry.value.trim()) : own?.spec?.clientPort;
  return { host, clientPort, quorumPort: address?.quorumPort, electionPort: address?.electionPort, role: own?.spec?.role };
}
