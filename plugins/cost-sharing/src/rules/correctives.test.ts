import { InputError } from '@gea/core';
import { describe, expect, it } from 'vitest';
import { correctiveSettings, engineCorrectives, toCorrective } from './correctives.ts';

describe('correctiveSettings', () => {
  it('keeps what each kind uses and names bodies once', () => {
    expect(
      correctiveSettings(
        [
          { kind: 'MAX_SHARE', label: ' Tetto ', basisPoints: 250, minimumPopulation: 900, populationBelow: 2000 },
          { kind: 'MIN_POPULATION', label: 'Minimo', basisPoints: 100, minimumPopulation: 1000, entityIds: ['a', 'b', 'a'] },
        ],
        ['correctives'],
      ),
    ).toEqual([
      { kind: 'MAX_SHARE', label: 'Tetto', basisPoints: 250, minimumPopulation: null, populationBelow: 2000, entityIds: [] },
      { kind: 'MIN_POPULATION', label: 'Minimo', basisPoints: null, minimumPopulation: 1000, populationBelow: null, entityIds: ['a', 'b'] },
    ]);
  });

  it('refuses, with every issue under the path given, what a kind lacks or what is ambiguous', () => {
    let refused: unknown;
    try {
      correctiveSettings(
        [
          { kind: 'MIN_SHARE', label: 'Minimo', populationBelow: 1000 },
          { kind: 'MIN_POPULATION', label: 'Popolazione', populationBelow: 1000, entityIds: ['a'] },
          { kind: 'MAX_SHARE', label: 'Tetto', basisPoints: 300 },
        ],
        ['scenario', 'correctives'],
      );
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(InputError);
    // each issue also carries a code (INVALID_VALUE: the message says what)
    expect((refused as InputError).issues).toMatchObject([
      { path: ['scenario', 'correctives', '0', 'basisPoints'], message: 'is needed for MIN_SHARE' },
      { path: ['scenario', 'correctives', '1', 'minimumPopulation'], message: 'is needed for MIN_POPULATION' },
      { path: ['scenario', 'correctives', '1', 'entityIds'], message: 'give either populationBelow or entityIds, not both' },
      { path: ['scenario', 'correctives', '2', 'populationBelow'], message: 'say which bodies it applies to: populationBelow or entityIds' },
    ]);
  });
});

describe('correctiveSettings: values of 0 and empty lists', () => {
  const issuesOf = (settings: Parameters<typeof correctiveSettings>[0]) => {
    try {
      correctiveSettings(settings, ['c']);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as InputError).issues.map((issue) => [issue.path.join('.'), issue.message]);
    }
    return [];
  };

  it('counts 0 basis points or a minimum of 0 residents as not given', () => {
    expect(issuesOf([{ kind: 'MAX_SHARE', label: 'x', basisPoints: 0, entityIds: ['a'] }])).toEqual([['c.0.basisPoints', 'is needed for MAX_SHARE']]);
    expect(issuesOf([{ kind: 'MIN_POPULATION', label: 'x', minimumPopulation: 0, entityIds: ['a'] }])).toEqual([['c.0.minimumPopulation', 'is needed for MIN_POPULATION']]);
  });

  it('counts an empty list of bodies or a bound of 0 as not given', () => {
    expect(issuesOf([{ kind: 'MIN_SHARE', label: 'x', basisPoints: 10, populationBelow: 0, entityIds: [] }])).toEqual([
      ['c.0.populationBelow', 'say which bodies it applies to: populationBelow or entityIds'],
    ]);
    expect(issuesOf([{ kind: 'MIN_SHARE', label: 'x', basisPoints: 10, populationBelow: 5, entityIds: [] }])).toEqual([]);
    expect(issuesOf([{ kind: 'MIN_SHARE', label: 'x', basisPoints: 10, populationBelow: 0, entityIds: ['a'] }])).toEqual([]);
    expect(issuesOf([{ kind: 'MIN_SHARE', label: 'x', basisPoints: 10, populationBelow: 5, entityIds: ['a'] }])).toEqual([
      ['c.0.entityIds', 'give either populationBelow or entityIds, not both'],
    ]);
  });

  it('stores what was not given as null or an empty list', () => {
    expect(correctiveSettings([{ kind: 'MIN_SHARE', label: 'x', basisPoints: 10, entityIds: ['a'] }], ['c'])).toEqual([
      { kind: 'MIN_SHARE', label: 'x', basisPoints: 10, minimumPopulation: null, populationBelow: null, entityIds: ['a'] },
    ]);
    expect(correctiveSettings([{ kind: 'MIN_POPULATION', label: 'y', minimumPopulation: 5, populationBelow: 7 }], ['c'])).toEqual([
      { kind: 'MIN_POPULATION', label: 'y', basisPoints: null, minimumPopulation: 5, populationBelow: 7, entityIds: [] },
    ]);
    expect(correctiveSettings([], ['c'])).toEqual([]);
  });
});

describe('toCorrective', () => {
  it('applies to named bodies, else to bodies below a population, else to all', () => {
    expect(toCorrective({ kind: 'MAX_SHARE', label: 'x', basisPoints: 250, entityIds: ['a'] }, 0)).toEqual({
      id: 'corrective-1',
      kind: 'MAX_SHARE',
      basisPoints: 250,
      appliesTo: { entityIds: ['a'] },
      label: 'x',
    });
    expect(toCorrective({ kind: 'MIN_POPULATION', label: 'y', minimumPopulation: 1000, populationBelow: 900 }, 1)).toEqual({
      id: 'corrective-2',
      kind: 'MIN_POPULATION',
      minimumPopulation: 1000,
      appliesTo: { populationBelow: 900 },
      label: 'y',
    });
    expect(toCorrective({ kind: 'MIN_SHARE', label: 'z', basisPoints: 10 }, 2).appliesTo).toEqual({ populationBelow: Number.MAX_SAFE_INTEGER });
    // An empty list of bodies is no list: the population bound decides.
    expect(toCorrective({ kind: 'MIN_SHARE', label: 'z', basisPoints: 10, entityIds: [], populationBelow: 300 }, 2)).toEqual({
      id: 'corrective-3',
      kind: 'MIN_SHARE',
      basisPoints: 10,
      appliesTo: { populationBelow: 300 },
      label: 'z',
    });
    // Values the kind needs but a row lacks become 0 (rows saved through correctiveSettings always have them).
    expect(toCorrective({ kind: 'MAX_SHARE', label: 'w', basisPoints: null, entityIds: null, populationBelow: null }, 9)).toEqual({
      id: 'corrective-10',
      kind: 'MAX_SHARE',
      basisPoints: 0,
      appliesTo: { populationBelow: Number.MAX_SAFE_INTEGER },
      label: 'w',
    });
    expect(toCorrective({ kind: 'MIN_POPULATION', label: 'v', minimumPopulation: null, entityIds: ['a'] }, 0)).toMatchObject({ minimumPopulation: 0 });
  });
});

describe('engineCorrectives', () => {
  it('puts population floors first, keeping the order within each group', () => {
    const ids = engineCorrectives([
      { kind: 'MAX_SHARE', label: 'cap', basisPoints: 250, populationBelow: 2000 },
      { kind: 'MIN_POPULATION', label: 'floor', minimumPopulation: 1000, populationBelow: 1000 },
      { kind: 'MIN_SHARE', label: 'min', basisPoints: 10, populationBelow: 2000 },
    ]).map((c) => [c.id, c.label]);
    // Numbered in the order the engine applies them.
    expect(ids).toEqual([
      ['corrective-1', 'floor'],
      ['corrective-2', 'cap'],
      ['corrective-3', 'min'],
    ]);
  });
});
