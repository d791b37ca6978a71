import { isWildcard } from '../ensembles';
import type { ZkNode } from '../nodes';
import type { EnsembleRule, Report } from './rule';

export const myidNotInServers: EnsembleRule = {
  id: 'myid-not-in-servers',
  scope: 'ensemble',
  defaultSeverity: 'error',
  docs: {
    summary: "A node's id has no server.N line in its own list, or the line it writes for itself (0.0.0.0) is another id's.",
    why: "ZooKeeper refuses to start a node whose myid is not among its servers ('My id 4 not in the peer list'). A node that writes 0.0.0.0 on server.2 while its myid is 1 binds the wrong ports and advertises a wrong address to its peers.",
    reference: '§2.5, §3.4 X3',
  },
  check(ensemble) {
    const reports: Report[] = [];
    for (const node of ensemble.nodes) {
      const id = node.myid?.value;
      const members = node.members;
      // A single listed server runs standalone, and standalone ZooKeeper never reads myid.
      if (id === undefined || !members || members.length < 2) continue;
      if (!members.some((m) => m.id === id)) {
        reports.push({
          path: node.myid!.at.path,
          range: node.myid!.at.range,
          message: `This node's id is ${id}, but its server list has no server.${id} (it lists ${members.map((m) => m.id).join(', ')}). ZooKeeper refuses to start: 'My id ${id} not in the peer list'.`,
          related: node.membersAt ? [{ ...node.membersAt, message: 'the server list' }] : [],
        });
        continue;
      }
      const names = (node.container?.names ?? []).map((n) => n.toLowerCase());
      for (const member of members) {
        if (member.id === id || !member.spec || member.spec.addresses.length === 0) continue;
        const addresses = member.spec.addresses;
        // With a duplicated id, myid-duplicate already says which node is wrong.
        const namesThisService = addresses.some((a) => names.includes(a.host.toLowerCase())) && isUniqueId(ensemble.nodes, id);
        if (namesThisService) {
          const own = members.find((m) => m.id === id);
          reports.push({
            path: node.myid!.at.path,
            range: node.myid!.at.range,
            message: `This node's id is ${id}, but its own name ${member.spec.addresses[0].host} is server.${member.id} in its server list${own ? ` (server.${id} is '${own.text}')` : ''}. Set the id to ${member.id}, or reorder the list (positional images number it by position).`,
            related: [{ ...member.at, message: `server.${member.id}: this service` }],
          });
          continue;
        }
        // Wildcard addresses have no letters: no lowercasing needed.
        if (!addresses.every((a) => isWildcard(a.host))) continue;
        reports.push({
          path: member.at.path,
          range: member.at.range,
          message: `server.${member.id} is written as this node's own line (0.0.0.0), but this node's id is ${id}. Write server.${member.id}'s real address and use 0.0.0.0 (if at all) on server.${id}.`,
          related: [{ ...node.myid!.at, message: `the id of ${node.label}` }],
        });
      }
    }
    return reports;
  },
};

function isUniqueId(nodes: readonly ZkNode[], id: number): boolean {
  return nodes.filter((node) => node.myid?.value === id).length === 1;
}
