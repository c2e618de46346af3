import { describe, expect, it } from 'vitest';
import { auditConcerns } from '../kit/audit.ts';
import { bodiesIn } from './plugin.ts';

const a = '0190a0b0-0000-7000-8000-000000000001';
const b = '0190a0b0-0000-7000-8000-000000000002';
const c = '0190a0b0-0000-7000-8000-000000000003';

describe('the bodies an audit event concerns', () => {
  it('come from body-named arguments, top level and in input, as decoded global ids or raw ids', () => {
    expect(bodiesIn({ entityId: { typename: 'Entity', id: a } })).toEqual([a]);
    expect(bodiesIn({ input: { entityIds: [{ typename: 'Entity', id: a }, { typename: 'Entity', id: b }], contractingEntityId: { typename: 'Entity', id: c } } }).sort()).toEqual([a, b, c]);
    expect(bodiesIn({ lendingEntityId: a, borrowingEntityId: b }).sort()).toEqual([a, b]);
  });

  it('come from a record: its entityId, entityIds and entities rows', () => {
    expect(bodiesIn({ id: c, entityId: a, entities: [{ entityId: b }] }).sort()).toEqual([a, b]);
  });

  it('ignore other ids and anything that is not a uuid', () => {
    expect(bodiesIn({ id: a, supplierId: b, userId: c, entityId: 'not-a-uuid', input: { assetIds: [a] } })).toEqual([]);
    expect(bodiesIn(null, undefined, 'x', [a])).toEqual([]);
  });

  it('auditConcerns adds bodies to the running mutation, once each, and does nothing outside one', () => {
    const context = { audit: { entityIds: [a] } as { entityIds?: readonly string[] } | null };
    auditConcerns(context as never, [a, b, null, undefined]);
    expect(context.audit!.entityIds).toEqual([a, b]);
    const outside = { audit: null };
    auditConcerns(outside, [a]);
    expect(outside.audit).toBeNull();
  });
});
