import { consensus } from '../consensus';
import type { ZkNode } from '../nodes';
import { replace } from '../edits';
import type { EnsembleRule, Report } from './rule';

/** Mismatches here stop peers from talking to each other at all, not just tune them differently. */
const CONNECTION_CRITICAL = /^(sslQuorum|quorum\.auth\.|multiAddress\.enabled)/;

export const settingMismatch: EnsembleRule = {
  id: 'setting-mismatch',
  scope: 'ensemble',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Settings that must agree across nodes differ: tickTime, initLimit, syncLimit, electionAlg, standaloneEnabled, reconfigEnabled, quorumListenOnAllIPs; an error for sslQuorum, quorum.auth.* and multiAddress.enabled.',
    why: "The leader's timing values govern followers, so different tickTime/initLimit/syncLimit make timeouts depend on who leads; the admin guide asks for identical reconfigEnabled. With different sslQuorum, quorum.auth.* or multiAddress.enabled the peers cannot even connect.",
    reference: '§3.4 X10',
  },
  check(ensemble) {
    if (ensemble.nodes.length < 2) return [];
    const reports: Report[] = [];
    const keys = new Set<string>();
    for (const node of ensemble.nodes) for (const key of node.settings.keys()) keys.add(key);
    // Nodes almost always agree: only the keys they differ on are sorted and put to a vote.
    const differing = [...keys].filter((key) => !allAgree(ensemble.nodes, key)).sort();
    for (const key of differing) {
      const holders = ensemble.nodes.filter((node) => node.settings.has(key));
      const valueOf = (node: ZkNode) => normalize(node.settings.get(key)!.value);
      const votes = consensus(holders, valueOf);
      for (const node of holders) {
        if (votes.majority !== undefined && valueOf(node) === votes.majority) continue;
        const setting = node.settings.get(key)!;
        const at = setting.at ?? node.membersAt;
        if (!at) continue;
        const others = holders.filter((o) => valueOf(o) !== valueOf(node));
        const written = setting.at ? `${key}=${setting.value}` : `${key} is not set (default ${setting.value})`;
        const values = votes.majority !== undefined ? [votes.majority] : votes.groups.map((g) => g.key).filter((v) => v !== valueOf(node));
        const fixes = setting.at
          ? values.map((value) => ({
              title: `Set ${key} to ${value}${votes.majority !== undefined ? ' (as most nodes)' : ''}`,
              isPreferred: votes.majority !== undefined ? true : undefined,
              changes: [replace(setting.at!.path, setting.at!.range, holders.find((h) => valueOf(h) === value)!.settings.get(key)!.value)],
            }))
          : [];
        reports.push({
          ...at,
          fixes,
          severity: CONNECTION_CRITICAL.test(key) ? 'error' : undefined,
          message: votes.majority !== undefined
            ? `${written} here, but most nodes use ${votes.majority}. Use the same ${key} on every node.`
            : `${written} here, but ${others.map((o) => `${o.label} has ${o.settings.get(key)!.value}`).join(', ')}. Use the same ${key} on every node.`,
          related: others.flatMap((o) => {
            const otherAt = o.settings.get(key)!.at;
            return otherAt ? [{ ...otherAt, message: `${key} of ${o.label}` }] : [];
          }),
        });
      }
    }
    return reports;
  },
};

/** Whether every node that has the key holds the same value, as the vote would count it. */
function allAgree(nodes: readonly ZkNode[], key: string): boolean {
  let first: string | undefined;
  for (const node of nodes) {
    const value = node.settings.get(key)?.value;
    if (value === undefined) continue;
    if (first === undefined) first = value;
    else if (value !== first && normalize(value) !== normalize(first)) return false;
  }
  return true;
}

function normalize(value: string): string {
  const lower = value.trim().toLowerCase();
  return lower === 'true' || lower === 'false' ? lower : value.trim();
}
