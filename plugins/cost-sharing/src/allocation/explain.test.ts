import { describe, expect, it } from 'vitest';
import { allocateCosts, type AllocationInput } from './allocate.ts';
import { centsToDecimalString, explainAllocation, formatEuros } from './explain.ts';
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
