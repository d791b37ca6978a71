import type { MemberEntry } from './nodes';

/** Voting members: observers never count toward the majority (rule book §2.3). */
export function participants(members: readonly MemberEntry[]): number {
  return members.filter((m) => (m.spec?.role ?? 'participant') === 'participant').length;
}

/** How many participants may fail while the rest still form a majority. */
export function faultTolerance(participantCount: number): number {
  return participantCount === 0 ? 0 : Math.floor((participantCount - 1) / 2);
}
