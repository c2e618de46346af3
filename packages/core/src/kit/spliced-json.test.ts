import type { GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { GeaContext } from '../context.ts';
import { enableSplices, spliceJson } from './spliced-json.ts';

const infoAt = (operation: 'query' | 'mutation', ...keys: (string | number)[]) =>
  ({
    operation: { operation },
    path: keys.reduce<GraphQLResolveInfo['path'] | undefined>((prev, key) => ({ prev, key, typename: undefined }), undefined),
  }) as unknown as GraphQLResolveInfo;

describe('spliceJson', () => {
  it('answers null where the response writer did not enable splicing', () => {
    expect(spliceJson({} as GeaContext, infoAt('query', 'a'), () => '[1]', [])).toBeNull();
  });

  it('records the response path and hands back the placeholder, for queries only', () => {
    const context = {} as GeaContext;
    const list = enableSplices(context)!;
    const placeholder: number[] = [];
    expect(spliceJson(context, infoAt('query', 'costAllocation', 'bodies'), () => '[1,2]', placeholder)).toBe(placeholder);
    expect(spliceJson(context, infoAt('mutation', 'setRule', 'bodies'), () => '[3]', [])).toBeNull();
    expect(list).toEqual([{ path: ['costAllocation', 'bodies'], json: '[1,2]', placeholder }]);
  });

  it('is turned off for both executions when a second one shares the context, keeping what the first recorded', () => {
    const context = {} as GeaContext;
    const first = enableSplices(context)!;
    spliceJson(context, infoAt('query', 'x'), () => '[1]', []);
    expect(enableSplices(context)).toBeNull();
    expect(spliceJson(context, infoAt('query', 'x'), () => '[2]', [])).toBeNull();
    expect(first.map((splice) => splice.json)).toEqual(['[1]']);
  });
});
