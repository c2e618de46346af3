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
  });
});

describe('engineCorrectives', () => {
  it('puts population floors first, keeping the order within each group', () => {
    const ids = engineCorrectives([
      { kind: 'MAX_SHARE', label: 'cap', basisPoints: 250, populationBelow: 2000 },
      { kind: 'MIN_POPULATION', label: 'floor', minimumPopulation: 1000, populationBelow: 1000 },
      { kind: 'MIN_SHARE', label: 'min', basisPoints: 10, populationBelow: 2000 },
    ]).map((c) => c.label);
    expect(ids).toEqual(['floor', 'cap', 'min']);
  });
});
