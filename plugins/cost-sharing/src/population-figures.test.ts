import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateInWords, populationLine, PopulationMissingError, selectPopulations, type StoredFigure } from './population-figures.ts';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const REFERENCE = day('2025-12-31');
const members = [
  { id: 'a', name: 'Alfa' },
  { id: 'b', name: 'Beta' },
  { id: 'c', name: 'Gamma' },
];

describe('selectPopulations', () => {
  it('uses the figure at the reference date for every member', () => {
    const used = selectPopulations(
      members,
      members.map((m, i) => ({ entityId: m.id, referenceDate: REFERENCE, population: 100 * (i + 1) })),
      REFERENCE,
      { year: 2026, allowEarlier: false },
    );
    expect([...used.entries()].map(([id, f]) => [id, f.population, f.referenceDate.toISOString().slice(0, 10)])).toEqual([
      ['a', 100, '2025-12-31'],
      ['b', 200, '2025-12-31'],
      ['c', 300, '2025-12-31'],
    ]);
  });

  it('refuses an allocation naming every body without the figure at the date, with the earlier date it has', () => {
    const figures: StoredFigure[] = [
      { entityId: 'a', referenceDate: REFERENCE, population: 10 },
      { entityId: 'b', referenceDate: day('2024-12-31'), population: 20 },
    ];
    let error: unknown;
    try {
      selectPopulations(members, figures, REFERENCE, { year: 2026, allowEarlier: false });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PopulationMissingError);
    const refused = error as PopulationMissingError;
    expect(refused.code).toBe('POPULATION_MISSING');
    expect(refused.year).toBe(2026);
    expect(refused.referenceDate).toEqual(REFERENCE);
    expect(refused.bodies).toEqual([
      { entityId: 'b', name: 'Beta', latestEarlierDate: day('2024-12-31') },
      { entityId: 'c', name: 'Gamma', latestEarlierDate: null },
    ]);
    expect(refused.message).toBe(
      "Manca la popolazione residente al 31 dicembre 2025 per: Beta, Gamma. La ripartizione del 2026 usa la popolazione al 31 dicembre dell'anno precedente (art. 13): importarla (npm run population:import) o registrarla (recordPopulation) e riprovare.",
    );
    expect(refused.englishMessage).toBe(
      'No resident population at 31 December 2025 for: Beta, Gamma. The 2026 allocation uses the population at 31 December of the previous year (art. 13): import it (npm run population:import) or record it (recordPopulation) and try again.',
    );
    expect(refused.extensions).toMatchObject({ code: 'POPULATION_MISSING', referenceDate: '2025-12-31', bodies: [{ entityId: 'b', name: 'Beta' }, { entityId: 'c', name: 'Gamma' }] });
  });

  it('lets a scenario use an earlier figure, but not no figure at all', () => {
    const figures: StoredFigure[] = [
      { entityId: 'a', referenceDate: REFERENCE, population: 10 },
      { entityId: 'b', referenceDate: day('2022-12-31'), population: 20 },
    ];
    const used = selectPopulations(members.slice(0, 2), figures, REFERENCE, { year: 2026, allowEarlier: true });
    expect(used.get('b')).toEqual({ population: 20, referenceDate: day('2022-12-31') });
    expect(() => selectPopulations(members, figures, REFERENCE, { year: 2026, allowEarlier: true })).toThrow(/per: Gamma\./);
  });

  it('for any figures: an allocation either uses exactly the reference-date figures of all members, or refuses naming exactly those without one', () => {
    const figure = fc.record({
      member: fc.constantFrom('a', 'b', 'c'),
      year: fc.integer({ min: 2018, max: 2025 }),
      population: fc.integer({ min: 0, max: 5_000_000 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(figure, { selector: (f) => f.member }), fc.boolean(), (list, allowEarlier) => {
        const stored = list.map((f) => ({ entityId: f.member, referenceDate: day(`${f.year}-12-31`), population: f.population }));
        const lacking = members.filter((m) => {
          const f = stored.find((s) => s.entityId === m.id);
          return !f || (!allowEarlier && f.referenceDate.getTime() !== REFERENCE.getTime());
        });
        try {
          const used = selectPopulations(members, stored, REFERENCE, { year: 2026, allowEarlier });
          expect(lacking).toEqual([]);
          for (const m of members) {
            const f = stored.find((s) => s.entityId === m.id)!;
            expect(used.get(m.id)).toEqual({ population: f.population, referenceDate: f.referenceDate });
          }
        } catch (error) {
          expect(error).toBeInstanceOf(PopulationMissingError);
          expect((error as PopulationMissingError).bodies.map((b) => b.entityId)).toEqual(lacking.map((m) => m.id));
        }
      }),
    );
  });
});

describe('dates and lines in words', () => {
  it('names every month in both languages', () => {
    const months = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2025, i, 1)));
    expect(months.map((d) => dateInWords(d, 'it').split(' ')[1])).toEqual([
      'gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre',
    ]);
    expect(months.map((d) => dateInWords(d, 'en').split(' ')[1])).toEqual([
      'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
    ]);
  });

  it('writes dates as plans do, in both languages', () => {
    expect(dateInWords(day('2025-12-31'), 'it')).toBe('31 dicembre 2025');
    expect(dateInWords(day('2024-01-01'), 'en')).toBe('1 January 2024');
  });

  it('names the date used, and says when a scenario used an older figure', () => {
    expect(populationLine('it', { population: 20436, referenceDate: REFERENCE }, REFERENCE)).toBe('Popolazione residente al 31 dicembre 2025: 20.436');
    expect(populationLine('it', { population: 900, referenceDate: day('2023-12-31') }, REFERENCE)).toBe(
      'Popolazione residente al 31 dicembre 2023: 900 (simulazione: manca il dato al 31 dicembre 2025, usato il più recente precedente)',
    );
    expect(populationLine('en', { population: 20436, referenceDate: REFERENCE }, REFERENCE)).toBe('Resident population at 31 December 2025: 20,436');
  });
});
