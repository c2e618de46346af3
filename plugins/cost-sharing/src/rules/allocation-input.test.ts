import type { YearCosts } from '@gea/plugin-procurement';
import { describe, expect, it } from 'vitest';
import { allocationInputOf, isScenario, populationReferenceDate } from './allocation-input.ts';

const costs: YearCosts = {
  expenses: [
    { id: 'e1', description: 'Licenze', plan: 'PURCHASES', category: 'CURRENT', grossCents: 12_200, grantsCents: 0, projectId: null, cig: null, cup: null },
    { id: 'e2', description: 'Server', plan: 'PURCHASES', category: 'CAPITAL', grossCents: 50_000, grantsCents: 10_000, projectId: 'p1', cig: null, cup: 'CUP1' },
  ],
  projects: [
    { id: 'p1', name: 'Data center', cup: 'CUP1', participantIds: ['a', 'outsider'] },
    { id: 'p2', name: 'Idle', cup: null, participantIds: ['a', 'b'] },
  ],
  staff: [{ id: 's1', lendingEntityId: 'b', personName: 'Anna', costCents: 3_000 }],
};
const members = [
  { entityId: 'a', name: 'Alfa', istatCode: '001001', pcs: 10, population: 1000 },
  { entityId: 'b', name: 'Beta', istatCode: null, pcs: 5, population: 500 },
];

describe('allocationInputOf', () => {
  // Built in each test, not when the file loads: an exception is then a failing test, which mutation
  // testing counts, not a file that fails to load, which it does not.
  const inputOf = () =>
    allocationInputOf(members, costs, { pcWeightBasisPoints: 4000, correctives: [] }, [
      { description: 'Ipotesi', category: 'CAPITAL', grossCents: 1_000, grantsCents: 0, projectId: 'p2' },
    ]);

  it('orders bodies by ISTAT code, by name after every code', () => {
    expect(inputOf().bodies.map((body) => body.order)).toEqual(['001001', '~Beta']);
  });

  it('adds scenario expenses after the year\'s, numbered', () => {
    expect(inputOf().expenses.map((expense) => expense.id)).toEqual(['e1', 'e2', 'scenario-1']);
  });

  it('keeps projects with expenses this year, with member participants only', () => {
    expect(inputOf().projects).toEqual([
      { id: 'p1', name: 'Data center', participantIds: ['a'] },
      { id: 'p2', name: 'Idle', participantIds: ['a', 'b'] },
    ]);
    expect(allocationInputOf(members, costs, { pcWeightBasisPoints: 5000, correctives: [] }).projects.map((p) => p.id)).toEqual(['p1']);
  });

  it('gives population the weight PCs do not have', () => {
    expect(inputOf().weights).toEqual({ pcBasisPoints: 4000, populationBasisPoints: 6000 });
  });
});

describe('allocationInputOf: the whole input', () => {
  it('passes every figure through, with the rule\'s correctives population floors first', () => {
    const input = allocationInputOf(members, costs, {
      pcWeightBasisPoints: 5000,
      correctives: [
        { kind: 'MAX_SHARE', label: 'Tetto', basisPoints: 4000, entityIds: ['a'] },
        { kind: 'MIN_POPULATION', label: 'Minimo', minimumPopulation: 800, populationBelow: 800 },
      ],
    });
    expect(input).toEqual({
      bodies: [
        { entityId: 'a', name: 'Alfa', order: '001001', pcs: 10, population: 1000 },
        { entityId: 'b', name: 'Beta', order: '~Beta', pcs: 5, population: 500 },
      ],
      expenses: [
        { id: 'e1', grossCents: 12_200, grantsCents: 0, category: 'CURRENT', projectId: null },
        { id: 'e2', grossCents: 50_000, grantsCents: 10_000, category: 'CAPITAL', projectId: 'p1' },
      ],
      projects: [{ id: 'p1', name: 'Data center', participantIds: ['a'] }],
      staff: [{ id: 's1', lendingEntityId: 'b', personName: 'Anna', costCents: 3_000 }],
      weights: { pcBasisPoints: 5000, populationBasisPoints: 5000 },
      correctives: [
        { id: 'corrective-1', kind: 'MIN_POPULATION', minimumPopulation: 800, appliesTo: { populationBelow: 800 }, label: 'Minimo' },
        { id: 'corrective-2', kind: 'MAX_SHARE', basisPoints: 4000, appliesTo: { entityIds: ['a'] }, label: 'Tetto' },
      ],
    });
  });

  it('numbers scenario expenses from 1, keeping their figures and project', () => {
    const input = allocationInputOf(members, { expenses: [], projects: costs.projects, staff: [] }, { pcWeightBasisPoints: 10_000, correctives: [] }, [
      { description: 'Ipotesi A', category: 'CURRENT', grossCents: 700, grantsCents: 100, projectId: null },
      { description: 'Ipotesi B', category: 'CAPITAL', grossCents: 300, grantsCents: 0, projectId: 'p2' },
    ]);
    expect(input.expenses).toEqual([
      { description: 'Ipotesi A', category: 'CURRENT', grossCents: 700, grantsCents: 100, projectId: null, id: 'scenario-1' },
      { description: 'Ipotesi B', category: 'CAPITAL', grossCents: 300, grantsCents: 0, projectId: 'p2', id: 'scenario-2' },
    ]);
    expect(input.projects.map((project) => project.id)).toEqual(['p2']);
    expect(input.weights).toEqual({ pcBasisPoints: 10_000, populationBasisPoints: 0 });
  });
});

describe('populationReferenceDate', () => {
  it('is 31 December of the year before', () => {
    expect(populationReferenceDate(2026).toISOString()).toBe('2025-12-31T00:00:00.000Z');
    expect(populationReferenceDate(2000).toISOString()).toBe('1999-12-31T00:00:00.000Z');
  });
});

describe('isScenario', () => {
  it('is a scenario when anything is changed, a zero PC weight included', () => {
    expect(isScenario({})).toBe(false);
    expect(isScenario({ extraExpenses: [] })).toBe(false);
    expect(isScenario({ pcWeightBasisPoints: 0 })).toBe(true);
    expect(isScenario({ correctives: [] })).toBe(true);
    expect(isScenario({ pcWeightBasisPoints: null, pcReferenceDate: null, correctives: null, extraExpenses: null })).toBe(false);
    expect(isScenario({ pcReferenceDate: new Date('2025-06-30T00:00:00Z') })).toBe(true);
    expect(isScenario({ extraExpenses: [{ description: 'x', category: 'CURRENT', grossCents: 1, grantsCents: 0, projectId: null }] })).toBe(true);
  });
});
