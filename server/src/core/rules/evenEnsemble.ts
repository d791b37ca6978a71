import { faultTolerance, participants } from '../quorum';
import type { EnsembleRule, Report } from './rule';

export const evenEnsemble: EnsembleRule = {
  id: 'even-ensemble',
  scope: 'ensemble',
  defaultSeverity: 'warning',
  docs: {
    summary: 'An even number of participants: 2 tolerate no failure, 4 tolerate one, like 3.',
    why: 'A quorum is a strict majority. 4 participants need 3 to agree, so they survive one failure, exactly as 3 do, with one more machine to fail and to wait for. ZooKeeper only logs a warning. Observers do not vote and do not count.',
    reference: '§2.3, §3.4 X2',
  },
  check(ensemble) {
    const reports: Report[] = [];
    for (const node of ensemble.nodes) {
      const count = participants(node.members ?? []);
      if (count < 2 || count % 2 === 1 || !node.membersAt) continue;
      const tolerance = faultTolerance(count);
      reports.push({
        ...node.membersAt,
        message:
          count === 2
            ? '2 participants tolerate no failure: if either stops, the other cannot form a quorum. Use 3 (or 1 for development).'
            : `${count} participants tolerate ${tolerance} failure${tolerance === 1 ? '' : 's'}, the same as ${count - 1}. Use ${count - 1} or ${count + 1}, or make one of them an observer.`,
      });
    }
    return reports;
  },
};
