import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedCircuits, memberIssues, type MemberRequest, type VirtualRole } from './virtual-circuit.ts';

const NET = 'net-1';
const OTHER = 'net-2';
const facts = (networks: Record<string, string[]>) => ({
  providerNetworkId: NET,
  networksOfCircuit: new Map(Object.entries(networks).map(([id, list]) => [id, new Set(list)])),
});
const on = (...ids: string[]) => facts(Object.fromEntries(ids.map((id) => [id, [NET]])));
const paths = (issues: { path: string[] }[]) => issues.map((issue) => issue.path.join('.'));

describe('virtual circuit members', () => {
  it('accepts one hub with spokes, a lone hub, a mesh of peers and no members', () => {
    expect(memberIssues([{ circuitId: 'a', role: 'HUB' }, { circuitId: 'b', role: 'SPOKE' }, { circuitId: 'c', role: 'SPOKE' }], on('a', 'b', 'c'))).toEqual([]);
    expect(memberIssues([{ circuitId: 'a', role: 'HUB' }], on('a'))).toEqual([]);
    expect(memberIssues([{ circuitId: 'a', role: 'PEER' }, { circuitId: 'b', role: 'PEER' }], on('a', 'b'))).toEqual([]);
    expect(memberIssues([], on())).toEqual([]);
  });

  it('refuses a circuit off the network, an unknown one and a repeated one, at their place', () => {
    const issues = memberIssues(
      [{ circuitId: 'a', role: 'PEER' }, { circuitId: 'b', role: 'PEER' }, { circuitId: 'x', role: 'PEER' }, { circuitId: 'a', role: 'PEER' }],
      facts({ a: [NET], b: [OTHER] }),
    );
    expect(paths(issues)).toEqual(['terminations.1.circuitId', 'terminations.2.circuitId', 'terminations.3.circuitId']);
    expect(issues.map((issue) => issue.message)).toEqual([
      "has no termination on the virtual circuit's provider network",
      'is not a circuit',
      'is listed more than once',
    ]);
  });

  it('wants exactly one hub when there are spokes, and no peers among hubs and spokes', () => {
    expect(paths(memberIssues([{ circuitId: 'a', role: 'SPOKE' }, { circuitId: 'b', role: 'SPOKE' }], on('a', 'b')))).toEqual(['terminations']);
    expect(paths(memberIssues([{ circuitId: 'a', role: 'HUB' }, { circuitId: 'b', role: 'HUB' }, { circuitId: 'c', role: 'SPOKE' }], on('a', 'b', 'c')))).toEqual([
      'terminations.1.role',
    ]);
    expect(paths(memberIssues([{ circuitId: 'a', role: 'HUB' }, { circuitId: 'b', role: 'PEER' }, { circuitId: 'c', role: 'SPOKE' }], on('a', 'b', 'c')))).toEqual([
      'terminations.1.role',
    ]);
  });

  const role = fc.constantFrom<VirtualRole>('HUB', 'SPOKE', 'PEER');
  const members = fc.array(fc.record({ circuitId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), role }), { maxLength: 8 });

  it('accepts a list exactly when it is a valid topology of distinct circuits on the network (all lists)', () => {
    fc.assert(
      fc.property(members, fc.subarray(['a', 'b', 'c', 'd', 'e', 'f']), (list, offNetwork) => {
        const known = facts(Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => [id, offNetwork.includes(id) ? [OTHER] : [NET, OTHER]])));
        const ids = list.map((member) => member.circuitId);
        const hubs = list.filter((member) => member.role === 'HUB').length;
        const spokes = list.filter((member) => member.role === 'SPOKE').length;
        const peers = list.filter((member) => member.role === 'PEER').length;
        const valid =
          new Set(ids).size === ids.length &&
          ids.every((id) => !offNetwork.includes(id)) &&
          (peers === 0 || hubs + spokes === 0) &&
          hubs <= 1 &&
          (spokes === 0 || hubs === 1);
        return (memberIssues(list, known).length === 0) === valid;
      }),
    );
  });

  it('every issue points inside the list it was given', () => {
    fc.assert(
      fc.property(members, (list) => {
        for (const issue of memberIssues(list, on('a', 'b', 'c'))) {
          expect(issue.path[0]).toBe('terminations');
          if (issue.path.length > 1) expect(Number(issue.path[1])).toBeLessThan(list.length);
        }
      }),
    );
  });

  it('changed circuits: added, removed and role changes, never an untouched member (all lists)', () => {
    const distinct = (list: MemberRequest[]) => [...new Map(list.map((member) => [member.circuitId, member])).values()];
    fc.assert(
      fc.property(members, members, (rawBefore, rawAfter) => {
        const before = distinct(rawBefore);
        const after = distinct(rawAfter);
        const changed = new Set(changedCircuits(before, after));
        for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) {
          const was = before.find((member) => member.circuitId === id)?.role;
          const is = after.find((member) => member.circuitId === id)?.role;
          expect(changed.has(id)).toBe(was !== is);
        }
      }),
    );
    expect(changedCircuits([{ circuitId: 'a', role: 'HUB' }], [{ circuitId: 'a', role: 'HUB' }])).toEqual([]);
  });
});
