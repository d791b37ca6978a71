import type { MemberEntry } from '../nodes';
import type { EnsembleRule, Report } from './rule';

export const serverMissing: EnsembleRule = {
  id: 'server-missing',
  scope: 'ensemble',
  defaultSeverity: 'error',
  docs: {
    summary: 'A node lacks a server.N that the other nodes list, or lists one they do not.',
    why: 'Each node computes the quorum from its own list: with 3 members in one file and 4 in another, the nodes disagree on what a majority is, and the odd node may never join or may elect a leader the others do not follow. ZooKeeper does not compare lists across nodes.',
    reference: '§3.4 X1',
  },
  check(ensemble) {
    const withLists = ensemble.nodes.filter((node) => node.members !== undefined && node.members.length > 0);
    if (withLists.length < 2) return [];
    // The usual case: every node lists the same ids, so none lacks one.
    if (withLists.every((node) => sameIds(node.members!, withLists[0].members!))) return [];
    const reports: Report[] = [];
    // Each node's first line per id: looked up per id and node, so a long list is not searched once per id.
    const firstLines = withLists.map((node) => firstLineById(node.members!));
    const ids = [...new Set(firstLines.flatMap((lines) => [...lines.keys()]))].sort((a, b) => a - b);
    for (const id of ids) {
      const listing = withLists.filter((_, i) => firstLines[i].has(id));
      const lacking = withLists.filter((_, i) => !firstLines[i].has(id));
      if (lacking.length === 0) continue;
      const examples = withLists.flatMap((_, i) => firstLines[i].get(id) ?? []);
      if (listing.length * 2 > withLists.length) {
        for (const node of lacking) {
          reports.push({
            path: node.membersAt!.path,
            range: node.membersAt!.range,
            message: `This node does not list server.${id}, which ${listing.length} of ${withLists.length} nodes list ('${examples[0].text}' in ${listing[0].label}). Add it so every node has the same members.`,
            related: examples.map((m, i) => ({ path: m.at.path, range: m.at.range, message: `server.${id} in ${listing[i].label}` })),
          });
        }
      } else {
        listing.forEach((_, i) => {
          reports.push({
            path: examples[i].at.path,
            range: examples[i].at.range,
            message: `server.${id} is listed by ${listing.length} of ${withLists.length} nodes only; ${lacking.map((n) => n.label).join(', ')} do not list it. Remove it here or add it everywhere.`,
            related: lacking.map((n) => ({ path: n.membersAt!.path, range: n.membersAt!.range, message: `member list of ${n.label}` })),
          });
        });
      }
    }
    return reports;
  },
};

/** Whether two member lists (sorted by id, see ZkNode.members) name the same ids: one pass over both. */
function sameIds(a: readonly MemberEntry[], b: readonly MemberEntry[]): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const id = a[i].id;
    if (b[j].id !== id) return false;
    while (i < a.length && a[i].id === id) i++;
    while (j < b.length && b[j].id === id) j++;
  }
  return i === a.length && j === b.length;
}

function firstLineById(members: readonly MemberEntry[]): Map<number, MemberEntry> {
  const lines = new Map<number, MemberEntry>();
  for (const member of members) if (!lines.has(member.id)) lines.set(member.id, member);
  return lines;
}
