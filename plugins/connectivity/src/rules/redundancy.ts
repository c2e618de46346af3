// The rules of a redundancy group's members, from facts read by the caller.
import type { RedundancyPriority } from '@gea/db';

export interface MemberFacts {
  circuitId: string;
  priority: RedundancyPriority;
  /** The circuit's body, null when the circuit does not exist. */
  entityId: string | null;
  /** The site of its A termination, if any. */
  siteA: string | null;
  /** The group it already belongs to, if any. */
  groupId: string | null;
}

export interface MemberIssue {
  index: number;
  field: 'circuitId' | 'priority';
  message: string;
}

/** Problems of a group's members: each circuit of the group's body, ending (side A) on its site, once, with priorities unique. */
export function memberIssues(group: { id: string; entityId: string; siteId: string }, members: readonly MemberFacts[]): MemberIssue[] {
  const issues: MemberIssue[] = [];
  const seenCircuits = new Set<string>();
  const seenPriorities = new Set<RedundancyPriority>();
  members.forEach((member, index) => {
    if (member.entityId === null) issues.push({ index, field: 'circuitId', message: 'no such circuit' });
    else if (member.entityId !== group.entityId) issues.push({ index, field: 'circuitId', message: "is a circuit of another body than the group's" });
    else if (member.siteA !== group.siteId) issues.push({ index, field: 'circuitId', message: "does not end (side A) on the group's site" });
    else if (seenCircuits.has(member.circuitId)) issues.push({ index, field: 'circuitId', message: 'is listed twice' });
    if (seenPriorities.has(member.priority)) issues.push({ index, field: 'priority', message: `${member.priority} is given to two circuits` });
    seenCircuits.add(member.circuitId);
    seenPriorities.add(member.priority);
  });
  return issues;
}

/** Circuits of the list that already belong to another group. */
export const inOtherGroups = (groupId: string, members: readonly MemberFacts[]) =>
  members.filter((member) => member.groupId !== null && member.groupId !== groupId).map((member) => member.circuitId);
