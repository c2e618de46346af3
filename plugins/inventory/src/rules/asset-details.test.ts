import { describe, expect, it } from 'vitest';
import { siteIssue, warrantyIssue } from './asset-details.ts';

const day = (iso: string) => new Date(iso);

describe('asset details', () => {
  it('refuses a warranty that ends before the purchase, and only that', () => {
    expect(warrantyIssue({ purchaseDate: day('2024-05-02'), warrantyEnd: day('2024-05-01') })).toEqual({
      path: ['input', 'warrantyEnd'],
      message: 'cannot end before the purchase date',
      code: 'INVALID_DATE_RANGE',
    });
    expect(warrantyIssue({ purchaseDate: day('2024-05-02'), warrantyEnd: day('2024-05-02') })).toBeNull();
    expect(warrantyIssue({ warrantyEnd: day('2020-01-01') })).toBeNull();
    expect(warrantyIssue({ purchaseDate: day('2020-01-01'), warrantyEnd: null })).toBeNull();
  });

  it('accepts only a site of the same body; another body\'s site reads like a missing one', () => {
    expect(siteIssue({ entityId: 'body-a' }, 'body-a')).toBeNull();
    const refused = { path: ['input', 'siteId'], message: 'is not a site of this body' };
    expect(siteIssue({ entityId: 'body-b' }, 'body-a')).toEqual(refused);
    expect(siteIssue(null, 'body-a')).toEqual(refused);
  });
});
