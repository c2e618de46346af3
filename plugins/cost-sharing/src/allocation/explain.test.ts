import { describe, expect, it } from 'vitest';
import { allocateCosts, type AllocationInput } from './allocate.ts';
import { centsToDecimalString, explainAllocation, formatEuros, formatPercent } from './explain.ts';
import { workedExample } from './worked-example.fixture.ts';

/** Intl puts a no-break space between the Italian amount and "€"; negatives get a true minus sign. */
const nb = '\u00a0';

describe('explainAllocation', () => {
  const result = allocateCosts(workedExample);
  const [pontassieve, pelago, sanGodenzo] = result.bodies as [typeof result.bodies[0], typeof result.bodies[0], typeof result.bodies[0]];

  it('explains the worked example in Italian', () => {
    expect(explainAllocation(pontassieve, result, 'it')).toEqual([
      'Pontassieve: 66,7% della popolazione, 60,0% dei PC in servizio',
      `Quota PC: 7.500,01${nb}€`,
      `Quota popolazione: 8.333,34${nb}€`,
      `Correttivo «Quota minima 10%»: −287,88${nb}€`,
      `Progetto «SUAP associato» (solo partecipanti): 4.415,60${nb}€`,
      `Totale: 19.961,07${nb}€`,
    ]);
    expect(explainAllocation(pelago, result, 'it')).toEqual([
      'Pelago: 26,7% della popolazione, 30,0% dei PC in servizio',
      `Quota PC: 3.750,00${nb}€`,
      `Quota popolazione: 3.333,33${nb}€`,
      `Correttivo «Quota minima 10%»: −128,79${nb}€`,
      `Rimborso personale distaccato (Mario Rossi): −15.000,00${nb}€`,
      `Totale: −8.045,46${nb}€`,
    ]);
    expect(explainAllocation(sanGodenzo, result, 'it')).toEqual([
      'San Godenzo: 6,7% della popolazione, 10,0% dei PC in servizio',
      `Quota PC: 1.250,00${nb}€`,
      `Quota popolazione: 833,33${nb}€`,
      `Correttivo «Quota minima 10%»: 416,67${nb}€`,
      `Progetto «SUAP associato» (solo partecipanti): 584,41${nb}€`,
      `Totale: 3.084,41${nb}€`,
    ]);
  });

  it('explains the worked example in English', () => {
    expect(explainAllocation(pontassieve, result, 'en')).toEqual([
      'Pontassieve: 66.7% of population, 60.0% of PCs in service',
      'PC quota: €7,500.01',
      'Population quota: €8,333.34',
      'Corrective “Quota minima 10%”: −€287.88',
      'Project “SUAP associato” (participants only): €4,415.60',
      'Total: €19,961.07',
    ]);
    expect(explainAllocation(pelago, result, 'en')).toEqual([
      'Pelago: 26.7% of population, 30.0% of PCs in service',
      'PC quota: €3,750.00',
      'Population quota: €3,333.33',
      'Corrective “Quota minima 10%”: −€128.79',
      'Reimbursement of seconded staff (Mario Rossi): −€15,000.00',
      'Total: −€8,045.46',
    ]);
    expect(explainAllocation(sanGodenzo, result, 'en')).toEqual([
      'San Godenzo: 6.7% of population, 10.0% of PCs in service',
      'PC quota: €1,250.00',
      'Population quota: €833.33',
      'Corrective “Quota minima 10%”: €416.67',
      'Project “SUAP associato” (participants only): €584.41',
      'Total: €3,084.41',
    ]);
  });

  it('says when a part of a pool was split by the other criterion or equally', () => {
    const input: AllocationInput = {
      ...workedExample,
      bodies: workedExample.bodies.map((body) => ({ ...body, pcs: 0, population: body.entityId === 'pelago' ? 0 : body.population })),
      correctives: [],
    };
    const noPcs = allocateCosts(input);
    expect(explainAllocation(noPcs.bodies[0]!, noPcs, 'it').slice(0, 2)).toEqual([
      'Pontassieve: 90,9% della popolazione, 0,0% dei PC in servizio',
      'Nessun ente ha PC in servizio: la quota PC è ripartita in base alla popolazione',
    ]);
    expect(explainAllocation(noPcs.bodies[0]!, noPcs, 'en')[1]).toBe('No body has PCs in service: the PC quota is split by population');
    // The project's participants have no PCs either: the project line is followed by its own note.
    expect(explainAllocation(noPcs.bodies[2]!, noPcs, 'en').slice(4, 6)).toEqual([
      // PC part 250 001 by population 20 000 : 2 000 → 227 274 / 22 727; population part 250 000 → 227 273 / 22 727.
      'Project “SUAP associato” (participants only): €454.54',
      'Project “SUAP associato”: no participant has PCs in service, the PC quota is split by population',
    ]);
    const nothing = allocateCosts({ ...input, bodies: input.bodies.map((body) => ({ ...body, population: 0 })) });
    expect(explainAllocation(nothing.bodies[1]!, nothing, 'it')).toEqual([
      'Pelago: 0,0% della popolazione, 0,0% dei PC in servizio',
      'Nessun ente ha PC in servizio né popolazione registrata: la spesa comune è ripartita in parti uguali',
      `Quota PC: 4.166,67${nb}€`,
      `Quota popolazione: 4.166,67${nb}€`,
      `Rimborso personale distaccato (Mario Rossi): −15.000,00${nb}€`,
      `Totale: −6.666,66${nb}€`,
    ]);
  });

  it('formats cents exactly, however large', () => {
    expect(centsToDecimalString(0)).toBe('0.00');
    expect(centsToDecimalString(-5)).toBe('-0.05');
    expect(centsToDecimalString(9_007_199_254_740_991)).toBe('90071992547409.91');
    expect(formatEuros(9_007_199_254_740_991, 'it')).toBe(`90.071.992.547.409,91${nb}€`);
    expect(formatEuros(-123_456, 'en')).toBe('−€1,234.56');
    expect(formatEuros(1, 'it')).toBe(`0,01${nb}€`);
    expect(() => formatEuros(0.5, 'it')).toThrow(/whole number of cents/);
  });
});

describe('explainAllocation: notes of each pool', () => {
  const body = (entityId: string, pcs: number, population: number) => ({ entityId, name: entityId.toUpperCase(), order: entityId, pcs, population });
  const inputOf = (bodies: AllocationInput['bodies'], extra: Partial<AllocationInput> = {}): AllocationInput => ({
    bodies,
    expenses: [{ id: 'x', grossCents: 1000, grantsCents: 0, category: 'CURRENT', projectId: null }],
    projects: [],
    staff: [],
    weights: { pcBasisPoints: 5000, populationBasisPoints: 5000 },
    correctives: [],
    ...extra,
  });

  it('with two projects, shows each body the notes of its own projects only', () => {
    // a 0 PCs 100 residents, b 0 PCs 300 residents, c 10 PCs 0 residents; no general expense.
    // P1 (a, b), 1 000 c → PC part 500 by population (nobody in P1 has PCs) 100 : 300 → 125, 375;
    //   population part 500 → 125, 375. a 250, b 750.
    // P2 (b, c), 2 000 c → PC part 1 000 all to c (PCs 0 : 10); population part 1 000 all to b. b 1 000, c 1 000.
    const bodies = [body('a', 0, 100), body('b', 0, 300), body('c', 10, 0)];
    const result = allocateCosts(
      inputOf(bodies, {
        expenses: [
          { id: 'e1', grossCents: 1000, grantsCents: 0, category: 'CAPITAL', projectId: 'p1' },
          { id: 'e2', grossCents: 2000, grantsCents: 0, category: 'CAPITAL', projectId: 'p2' },
        ],
        projects: [
          { id: 'p1', name: 'P1', participantIds: ['a', 'b'] },
          { id: 'p2', name: 'P2', participantIds: ['b', 'c'] },
        ],
      }),
    );
    const [a, b, c] = result.bodies;
    expect(explainAllocation(b!, result, 'en')).toEqual([
      'B: 75.0% of population, 0.0% of PCs in service',
      'PC quota: €0.00',
      'Population quota: €0.00',
      'Project “P1” (participants only): €7.50',
      'Project “P1”: no participant has PCs in service, the PC quota is split by population',
      'Project “P2” (participants only): €10.00',
      'Total: €17.50',
    ]);
    expect(explainAllocation(c!, result, 'it')).toEqual([
      'C: 0,0% della popolazione, 100,0% dei PC in servizio',
      `Quota PC: 0,00${nb}€`,
      `Quota popolazione: 0,00${nb}€`,
      `Progetto «P2» (solo partecipanti): 10,00${nb}€`,
      `Totale: 10,00${nb}€`,
    ]);
    expect(explainAllocation(a!, result, 'it').slice(3)).toEqual([
      `Progetto «P1» (solo partecipanti): 2,50${nb}€`,
      'Progetto «P1»: nessun partecipante ha PC in servizio, la quota PC è ripartita in base alla popolazione',
      `Totale: 2,50${nb}€`,
    ]);
  });

  it('notes a project whose participants have no population, or nothing at all', () => {
    // P1 (a, c): a 1 PC, c 1 PC, nobody has residents → population part by PCs. P2 (d): nothing → equal.
    const bodies = [body('a', 1, 0), body('b', 0, 5), body('c', 1, 0), body('d', 0, 0)];
    const result = allocateCosts(
      inputOf(bodies, {
        expenses: [
          { id: 'e1', grossCents: 100, grantsCents: 0, category: 'CAPITAL', projectId: 'p1' },
          { id: 'e2', grossCents: 100, grantsCents: 0, category: 'CAPITAL', projectId: 'p2' },
        ],
        projects: [
          { id: 'p1', name: 'P1', participantIds: ['a', 'c'] },
          { id: 'p2', name: 'P2', participantIds: ['d'] },
        ],
      }),
    );
    expect(explainAllocation(result.bodies[0]!, result, 'en').slice(3, 5)).toEqual([
      'Project “P1” (participants only): €0.50',
      'Project “P1”: no participant has a recorded population, the population quota is split by PCs in service',
    ]);
    expect(explainAllocation(result.bodies[2]!, result, 'it')[4]).toBe(
      'Progetto «P1»: nessun partecipante ha popolazione registrata, la quota popolazione è ripartita in base ai PC in servizio',
    );
    expect(explainAllocation(result.bodies[3]!, result, 'it').slice(3, 5)).toEqual([
      `Progetto «P2» (solo partecipanti): 1,00${nb}€`,
      'Progetto «P2»: nessun partecipante ha PC in servizio né popolazione registrata, la spesa è ripartita in parti uguali',
    ]);
    expect(explainAllocation(result.bodies[3]!, result, 'en')[4]).toBe(
      'Project “P2”: no participant has PCs in service or a recorded population, the cost is split equally',
    );
  });

  it('notes the general pool\'s population part split by PCs', () => {
    const result = allocateCosts(inputOf([body('a', 1, 0), body('b', 3, 0)]));
    expect(explainAllocation(result.bodies[1]!, result, 'it')).toEqual([
      'B: 0,0% della popolazione, 75,0% dei PC in servizio',
      'Nessun ente ha popolazione registrata: la quota popolazione è ripartita in base ai PC in servizio',
      `Quota PC: 3,75${nb}€`,
      `Quota popolazione: 3,75${nb}€`,
      `Totale: 7,50${nb}€`,
    ]);
    expect(explainAllocation(result.bodies[1]!, result, 'en')[1]).toBe('No body has a recorded population: the population quota is split by PCs in service');
    expect(explainAllocation(result.bodies[1]!, result, 'en')[0]).toBe('B: 0.0% of population, 75.0% of PCs in service');
  });

  it('says nothing of a fallback on a part of 0 cents, and notes an equal split of any part that is not 0', () => {
    // Nobody has PCs, but the PC part is 0 (population weighs 100%): no note.
    const noPcs = allocateCosts(inputOf([body('a', 0, 1), body('b', 0, 3)], { weights: { pcBasisPoints: 0, populationBasisPoints: 10_000 } }));
    expect(noPcs.generalPoolSplit.pcPartBasis).toBe('POPULATION');
    expect(explainAllocation(noPcs.bodies[0]!, noPcs, 'en')[1]).toBe('PC quota: €0.00');
    // Nobody has residents, but the population part is 0: no note.
    const noPopulation = allocateCosts(inputOf([body('a', 1, 0), body('b', 3, 0)], { weights: { pcBasisPoints: 10_000, populationBasisPoints: 0 } }));
    expect(explainAllocation(noPopulation.bodies[0]!, noPopulation, 'en')[1]).toBe('PC quota: €2.50');
    // Nobody has anything and there is nothing to split: no note either.
    const nothing = allocateCosts(inputOf([body('a', 0, 0), body('b', 0, 0)], { expenses: [] }));
    expect(explainAllocation(nothing.bodies[0]!, nothing, 'en')[1]).toBe('PC quota: €0.00');
    // Nobody has anything, the PC part is 0 but the population part is not: the equal split is noted.
    const equal = allocateCosts(inputOf([body('a', 0, 0), body('b', 0, 0)], { weights: { pcBasisPoints: 0, populationBasisPoints: 10_000 } }));
    expect(explainAllocation(equal.bodies[0]!, equal, 'en')[1]).toBe('No body has PCs in service or a recorded population: the shared costs are split equally');
    const equalPc = allocateCosts(inputOf([body('a', 0, 0), body('b', 0, 0)], { weights: { pcBasisPoints: 10_000, populationBasisPoints: 0 } }));
    expect(explainAllocation(equalPc.bodies[0]!, equalPc, 'en')[1]).toBe('No body has PCs in service or a recorded population: the shared costs are split equally');
  });

  it('formats amounts and shares', () => {
    expect(centsToDecimalString(5)).toBe('0.05');
    expect(centsToDecimalString(100)).toBe('1.00');
    expect(centsToDecimalString(-123_456)).toBe('-1234.56');
    expect(centsToDecimalString(-9_007_199_254_740_991)).toBe('-90071992547409.91');
    expect(() => centsToDecimalString(2 ** 53)).toThrow('not a whole number of cents: 9007199254740992');
    expect(formatEuros(-123_456, 'it')).toBe(`−1.234,56${nb}€`);
    expect(formatEuros(123_456, 'en')).toBe('€1,234.56');
    expect(formatEuros(0, 'en')).toBe('€0.00');
    expect(formatPercent(1 / 3, 'it')).toBe('33,3%');
    expect(formatPercent(0.0004, 'en')).toBe('0.0%');
    expect(formatPercent(1, 'en')).toBe('100.0%');
  });
});
