import { perBuilder } from '@gea/core';
import { PopulationMissingError, type MissingPopulationBody } from '../population-figures.ts';

/** The typed refusal of an allocation without a member body's population at the reference date. */
export const populationMissingErrorType = perBuilder((builder) => {
  // Names of public bodies of the association the reader asked about: no more than the question reveals.
  const MissingBody = builder.objectRef<MissingPopulationBody>('PopulationMissingBody').implement({
    description: 'A member body without a population figure at the reference date.',
    fields: (t) => ({
      entity: t.globalID({ authScopes: { public: true }, description: 'The body\'s global ID (an Entity).', resolve: (body) => ({ type: 'Entity', id: body.entityId }) }),
      name: t.exposeString('name', { authScopes: { public: true } }),
      latestEarlierDate: t.field({
        type: 'Date',
        nullable: true,
        authScopes: { public: true },
        description: 'Its latest figure before the reference date, if any (a scenario falls back to it).',
        resolve: (body) => body.latestEarlierDate,
      }),
    }),
  });
  return builder.objectType(PopulationMissingError, {
    name: 'PopulationMissingError',
    description:
      'Art. 13: the allocation of a year uses the resident population at 31 December of the year before, and some member ' +
      'bodies have none at that date. Nothing was computed or saved. `message` is Italian, `englishMessage` English.',
    // The Error interface is implemented in the core; Pothos also resolves a type by its name.
    interfaces: ['Error' as never],
    isTypeOf: (value) => value instanceof PopulationMissingError,
    fields: (t) => ({
      year: t.exposeInt('year', { authScopes: { public: true } }),
      referenceDate: t.field({ type: 'Date', authScopes: { public: true }, resolve: (error) => error.referenceDate }),
      bodies: t.field({ type: [MissingBody], authScopes: { public: true }, resolve: (error) => error.bodies }),
      englishMessage: t.exposeString('englishMessage', { authScopes: { public: true } }),
    }),
  });
});
