// Every mutation of the API has a label in every language of the interface, so the audit trail
// names operations in words: the core's in the web kit, each plugin's in its `web/operations.ts`.
import { readFileSync } from 'node:fs';
import { buildSchema, isObjectType } from 'graphql';
import { installWebPlugins, operationLabel } from '@gea/web-kit/registry';
import connectivity from '@gea/plugin-connectivity/web';
import webHosting from '@gea/plugin-web-hosting/web';
import costSharing from '@gea/plugin-cost-sharing/web';
import inventory from '@gea/plugin-inventory/web';
import pecSignatures from '@gea/plugin-pec-signatures/web';
import procurement from '@gea/plugin-procurement/web';
import { afterAll, describe, expect, it } from 'vitest';

const schema = buildSchema(readFileSync(new URL('../../apps/api/schema.graphql', import.meta.url), 'utf8'));
const mutation = schema.getMutationType();
const mutations = mutation && isObjectType(mutation) ? Object.keys(mutation.getFields()) : [];

describe('operations in words', () => {
  installWebPlugins(['inventory', 'procurement', 'cost-sharing', 'pec-signatures', 'connectivity', 'web-hosting'], [inventory, procurement, costSharing, pecSignatures, connectivity, webHosting]);
  afterAll(() => installWebPlugins([], []));

  it('the printed schema has mutations to label', () => {
    expect(mutations.length).toBeGreaterThan(50);
  });

  it('every mutation of the schema has a label in Italian and in English', () => {
    const missing = mutations.filter((name) => !operationLabel(name)?.it?.trim() || !operationLabel(name)?.en?.trim());
    expect(missing, 'label these in the core (web-kit core-operations.ts) or in the plugin\'s web/operations.ts').toEqual([]);
  });

  it('no label names a mutation the schema does not have, and Italian and English differ', () => {
    const labelled = [inventory, procurement, costSharing, pecSignatures, connectivity, webHosting].flatMap((plugin) => Object.keys(plugin.operations ?? {}));
    expect(labelled.filter((name) => !mutations.includes(name))).toEqual([]);
    for (const name of mutations) {
      const label = operationLabel(name);
      if (label) expect(label.it, name).not.toBe(label.en);
    }
  });
});
