// The members of a virtual circuit (NetBox's virtual circuit terminations): which circuits may take
// part, and how roles combine. Pure: the caller reads the circuits' terminations first.
import type { FieldIssue } from '@gea/core';

export type VirtualRole = 'HUB' | 'SPOKE' | 'PEER';

export interface MemberRequest {
  circuitId: string;
  role: VirtualRole;
}

export interface MemberFacts {
  /** The virtual circuit's provider network. */
  providerNetworkId: string;
  /**
   * For each circuit that exists: the provider networks its terminations (A or Z) are on. A circuit
   * missing from the map does not exist.
   */
  networksOfCircuit: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * What is wrong with a list of members, each issue at its place in the `terminations` argument:
 * - a circuit appears once;
 * - every circuit exists and has a termination on the virtual circuit's provider network;
 * - hub and spoke: at most one HUB, and exactly one when any SPOKE is present;
 * - PEERs (a mesh) cannot be mixed with HUB or SPOKE.
 */
export function memberIssues(members: readonly MemberRequest[], facts: MemberFacts, path: readonly string[] = ['terminations']): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  members.forEach((member, index) => {
    if (seen.has(member.circuitId)) {
      issues.push({ path: [...path, String(index), 'circuitId'], message: 'is listed more than once' });
      return;
    }
    seen.add(member.circuitId);
    const networks = facts.networksOfCircuit.get(member.circuitId);
    if (!networks) issues.push({ path: [...path, String(index), 'circuitId'], message: 'is not a circuit' });
    else if (!networks.has(facts.providerNetworkId)) {
      issues.push({ path: [...path, String(index), 'circuitId'], message: "has no termination on the virtual circuit's provider network" });
    }
  });

  const hubs = members.flatMap((member, index) => (member.role === 'HUB' ? [index] : []));
  const spokes = members.filter((member) => member.role === 'SPOKE').length;
  const peers = members.flatMap((member, index) => (member.role === 'PEER' ? [index] : []));
  if (peers.length > 0 && (hubs.length > 0 || spokes > 0)) {
    for (const index of peers) issues.push({ path: [...path, String(index), 'role'], message: 'cannot be mixed with HUB or SPOKE: a virtual circuit is either hub and spoke or a mesh of peers' });
  } else {
    for (const index of hubs.slice(1)) issues.push({ path: [...path, String(index), 'role'], message: 'is a second HUB: a hub-and-spoke virtual circuit has exactly one' });
    if (spokes > 0 && hubs.length === 0) issues.push({ path: [...path], message: 'has SPOKE members but no HUB: a hub-and-spoke virtual circuit has exactly one' });
  }
  return issues;
}

/** The circuits whose membership a new member list changes: added, removed, or with another role. */
export function changedCircuits(current: readonly MemberRequest[], next: readonly MemberRequest[]): string[] {
  const before = new Map(current.map((member) => [member.circuitId, member.role]));
  const after = new Map(next.map((member) => [member.circuitId, member.role]));
  const changed = new Set<string>();
  for (const [circuitId, role] of before) if (after.get(circuitId) !== role) changed.add(circuitId);
  for (const [circuitId, role] of after) if (before.get(circuitId) !== role) changed.add(circuitId);
  return [...changed];
}
