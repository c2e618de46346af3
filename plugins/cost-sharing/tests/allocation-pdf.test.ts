import { createRequire } from 'node:module';
import path from 'node:path';
import { seedDemoData } from '@gea/core';
import costSharing from '@gea/plugin-cost-sharing';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';

// The PDF of the allocation as the web client shows it (not an issued document): the year's
// allocation, or a simulation marked as such on every page, with Italian file names.
const t = useTestApi([inventory, procurement, costSharing]);
let unionGid: string;

const PDF = `query ($id: ID!, $scenario: AllocationScenario) {
  costAllocation(association: $id, year: 2026, scenario: $scenario) {
    __typename
    ... on CostAllocation { scenario pdfFileName pdfBase64 bodies { name totalCents } netTotalCents }
  }
}`;

const standardFontDataUrl = `${path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))}/standard_fonts/`;
/** The text of every page, one string per page. */
async function pagesOf(base64: string): Promise<string[]> {
  const bytes = Buffer.from(base64, 'base64');
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const parsed = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, standardFontDataUrl }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= parsed.numPages; n++) {
    const page = await parsed.getPage(n);
    pages.push((await page.getTextContent()).items.map((item: any) => item.str).join(' '));
  }
  return pages;
}

beforeAll(async () => {
  await seedDemoData(t.db.prisma, [inventory, procurement, costSharing], { password: 'demo-password', log: () => {} });
  const union = await t.db.prisma.association.findFirstOrThrow({ where: { kind: 'UNION' } });
  unionGid = toGlobalId('Association', union.id);
}, 120_000);

describe('the allocation as PDF', () => {
  it('prints the year\'s allocation in force with every body, its share and explanation, under an Italian file name', async () => {
    const response = await t.api.gql(PDF, { id: unionGid });
    expect(response.body.errors).toBeUndefined();
    const allocation = response.body.data!.costAllocation;
    expect(allocation.scenario).toBe(false);
    expect(allocation.pdfFileName).toBe('ripartizione-2026-unione-valdarno-valdisieve.pdf');
    const text = (await pagesOf(allocation.pdfBase64)).join('\n');
    expect(text).toContain('Ripartizione dei costi 2026');
    expect(text).toContain('Pesi in vigore');
    expect(text).not.toMatch(/SIMULAZIONE|Simulazione/);
    for (const name of ['Londa', 'Pelago', 'Pontassieve', 'Reggello', 'Rufina', 'San Godenzo']) expect(text).toContain(name);
    // Pontassieve's total and share of the net total (1,649,186 of 7,847,600 cents = 21.02%).
    expect(text).toContain('16.491,86');
    expect(text).toContain('21,02%');
    expect(text).toContain('78.476,00');
    expect(text).toContain('Popolazione residente al 31 dicembre 2025: 20.436');
  });

  it('marks a simulation on every page, with its weights, under a file name that says so', async () => {
    const response = await t.api.gql(PDF, { id: unionGid, scenario: { pcWeightBasisPoints: 7000 } });
    expect(response.body.errors).toBeUndefined();
    const allocation = response.body.data!.costAllocation;
    expect(allocation.scenario).toBe(true);
    expect(allocation.pdfFileName).toBe('simulazione-ripartizione-2026-unione-valdarno-valdisieve.pdf');
    const pages = await pagesOf(allocation.pdfBase64);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain('SIMULAZIONE');
    expect(pages[0]).toContain('Simulazione della ripartizione dei costi 2026');
    expect(pages[0]).toContain('Pesi simulati (art. 13): 70% per PC');
  });

  it('gives a referent their own body and the other members as one line, adding up to the net total', async () => {
    const pontassieve = await t.db.prisma.entity.findFirstOrThrow({ where: { name: 'Pontassieve' } });
    const referent = actorForRoles(t.api.composed, 'referent', [{ role: 'REFERENT', entityId: pontassieve.id }]);
    const response = await t.api.gql(PDF, { id: unionGid }, referent);
    expect(response.body.errors).toBeUndefined();
    const allocation = response.body.data!.costAllocation;
    expect(allocation.bodies.map((b: { name: string }) => b.name)).toEqual(['Pontassieve']);
    const text = (await pagesOf(allocation.pdfBase64)).join('\n');
    expect(text).toContain('Pontassieve');
    expect(text).toContain('Altri 6 enti');
    // 7,847,600 - 1,649,186 = 6,198,414 cents for the others together, none of them named.
    expect(text).toContain('61.984,14');
    for (const name of ['Londa', 'Pelago', 'Reggello', 'Rufina', 'San Godenzo']) expect(text).not.toContain(name);
  });
});
