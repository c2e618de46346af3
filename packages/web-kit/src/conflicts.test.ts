import { describe, expect, it } from 'vitest';
import { mergeAfterConflict } from './conflicts.ts';

describe('a form after someone else saved first', () => {
  const fields = ['floor', 'assignedTo', 'supplier', 'model'] as const;
  const loaded = { floor: '1', assignedTo: 'Anagrafe', supplier: 'Acme', model: 'X1' };

  it('keeps what the person typed, takes the rest from the record as it is now, and names what others changed', () => {
    const typed = { ...loaded, floor: '2', assignedTo: 'Tributi' };
    const current = { ...loaded, assignedTo: 'Protocollo', supplier: 'Beta' };
    expect(mergeAfterConflict(fields, loaded, typed, current)).toEqual({
      form: { floor: '2', assignedTo: 'Tributi', supplier: 'Beta', model: 'X1' },
      changedByOthers: ['assignedTo', 'supplier'],
      clashing: ['assignedTo'],
    });
  });

  it('does not call a field clashing when both wrote the same value', () => {
    const typed = { ...loaded, model: 'X2' };
    const current = { ...loaded, model: 'X2' };
    expect(mergeAfterConflict(fields, loaded, typed, current)).toEqual({ form: typed, changedByOthers: ['model'], clashing: [] });
  });
});
