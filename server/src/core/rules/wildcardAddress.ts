import { isLoopback, isWildcard } from '../ensembles';
import { atLeast } from '../version';
import type { EnsembleRule, Report } from './rule';

export const wildcardAddress: EnsembleRule = {
  id: 'wildcard-address',
  scope: 'ensemble',
  defaultSeverity: 'warning',
  docs: {
    summary: "0.0.0.0 on a node's own line on ZooKeeper 3.5+ (warning), or 0.0.0.0 or a loopback address for another node (error, unless every node runs on this one machine).",
    why: "A node may bind its own line to 0.0.0.0, but from 3.5 on that address is also published in the dynamic configuration, so clients and peers are told to connect to 0.0.0.0 (31z4/zookeeper-docker issues 111 and 118). Better: the real hostname plus quorumListenOnAllIPs=true. For another node, 0.0.0.0 or 127.0.0.1 points back at this machine: the peer is never reached.",
    reference: '§3.4 X8 X9',
  },
  check(ensemble) {
    const reports: Report[] = [];
    // Only needed once another node's address means this machine, which is rare: computed then.
    let allLocal: boolean | undefined;
    const everyNodeLocal = () =>
      (allLocal ??= ensemble.nodes.every((node) => (node.members ?? []).every((m) => (m.spec?.addresses ?? []).every((a) => isLoopback(a.host) || isWildcard(a.host)))));
    for (const node of ensemble.nodes) {
      const ownId = node.myid?.value;
      if (ownId === undefined || !node.members || node.members.length < 2) continue;
      for (const member of node.members) {
        for (const address of member.spec?.addresses ?? []) {
          if (member.id === ownId) {
            if (isWildcard(address.host) && atLeast(node.version, '3.5')) {
              const name = node.container ? "this service's hostname (its compose service name)" : "this node's real hostname";
              reports.push({ path: member.at.path, range: member.rangeOf(address.hostSpan), message: `On ZooKeeper 3.5+ the own line's address is also advertised to clients and peers (dynamic config), so 0.0.0.0 leaks out. Write ${name} and add quorumListenOnAllIPs=true to bind on every interface.` });
            }
          } else if ((isWildcard(address.host) || isLoopback(address.host)) && !everyNodeLocal()) {
            reports.push({
              path: member.at.path,
              range: member.rangeOf(address.hostSpan),
              severity: 'error',
              message: `server.${member.id} is another node, but '${address.host}' means this machine: this node will never reach it. Write server.${member.id}'s real hostname or IP.`,
            });
          }
        }
      }
    }
    return reports;
  },
};
