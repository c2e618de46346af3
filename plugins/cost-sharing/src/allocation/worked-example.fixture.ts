import type { AllocationInput } from './allocate.ts';

/**
 * Three bodies of the Unione Valdarno e Valdisieve (their ISTAT codes as order keys; PCs and
 * population rounded, not the real ones), two expenses with grants, a seconded employee, a project
 * joined by two of them and a 10% floor for small bodies. Every figure of its allocation is computed
 * by hand in allocate.test.ts; explain.test.ts reads it back.
 */
export const workedExample: AllocationInput = {
  bodies: [
    { entityId: 'pontassieve', name: 'Pontassieve', order: '048033', pcs: 300, population: 20_000 },
    { entityId: 'pelago', name: 'Pelago', order: '048032', pcs: 150, population: 8_000 },
    { entityId: 'san-godenzo', name: 'San Godenzo', order: '048039', pcs: 50, population: 2_000 },
  ],
  expenses: [
    { id: 'e1', grossCents: 1_220_001, grantsCents: 220_000, category: 'CURRENT', projectId: null },
    { id: 'e2', grossCents: 610_000, grantsCents: 109_999, category: 'CAPITAL', projectId: 'suap' },
  ],
  projects: [{ id: 'suap', name: 'SUAP associato', participantIds: ['pontassieve', 'san-godenzo'] }],
  staff: [{ id: 's1', lendingEntityId: 'pelago', personName: 'Mario Rossi', costCents: 1_500_000 }],
  weights: { pcBasisPoints: 5000, populationBasisPoints: 5000 },
  correctives: [{ id: 'floor10', kind: 'MIN_SHARE', basisPoints: 1000, appliesTo: { populationBelow: 5000 }, label: 'Quota minima 10%' }],
};
