import { effectiveValue } from '../config';
import { participants } from '../quorum';
import { atLeast } from '../version';
import type { EnsembleRule, Report } from './rule';

export const quorumInvalid: EnsembleRule = {
  id: 'quorum-invalid',
  scope: 'ensemble',
  defaultSeverity: 'error',
  docs: {
    summary: "A member list ZooKeeper refuses as a whole: observers without participants or without a quorum, standaloneEnabled=false with no participant, a participant without an election port (3.4).",
    why: "ZooKeeper refuses to start with 'Observers w/o participants is an invalid configuration', 'Observers w/o quorum is an invalid configuration', 'standaloneEnabled = false then number of participants should be >0' or 'Missing election port for server: N'.",
    reference: '§2.3, §3.1',
  },
  check(ensemble) {
    const reports: Report[] = [];
    for (const node of ensemble.nodes) {
      const members = node.members ?? [];
      if (members.length === 0 || !node.membersAt || members.some((m) => !m.spec)) continue;
      const voters = participants(members);
      const observers = members.length - voters;
      const standaloneDisabled = node.config && atLeast(node.version, '3.5') && effectiveValue(node.config, 'standaloneEnabled')?.toLowerCase() === 'false';
      if (observers > 0 && voters === 0) reports.push({ ...node.membersAt, message: "Only observers are listed: observers need participants to follow. ZooKeeper refuses to start ('Observers w/o participants is an invalid configuration')." });
      else if (observers > 0 && voters === 1 && !standaloneDisabled) reports.push({ ...node.membersAt, message: "One participant with observers: a single participant runs standalone and observers cannot follow it. ZooKeeper refuses to start ('Observers w/o quorum is an invalid configuration'). Add participants or set standaloneEnabled=false." });
      if (standaloneDisabled && voters === 0) reports.push({ ...node.membersAt, message: "standaloneEnabled=false needs at least one participant ('standaloneEnabled = false then number of participants should be >0')." });
      if (voters > 1) {
        for (const member of members) {
          if ((member.spec!.role === 'participant') && member.spec!.addresses.some((a) => a.electionPort === undefined)) {
            reports.push({ ...member.at, message: `server.${member.id} has no election port: ZooKeeper refuses to start an ensemble with it ('Missing election port for server: ${member.id}'). Write host:quorumPort:electionPort.` });
          }
        }
      }
    }
    return reports;
  },
};
