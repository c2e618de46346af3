import { createRequire } from 'node:module';
import path from 'node:path';
import { seedDemoData } from '@gea/core';
import costSharing from '@gea/plugin-cost-sharing';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, useTestApi } from '@gea/test-kit/api.ts';
import { toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles, createUser, sessionToken } from '@gea/test-kit/users.ts';

/**
 * The demo year (2026) of the Unione di Comuni Valdarno e Valdisieve, checked against figures worked
 * out by hand below, independently of the engine. All amounts in euro cents.
 *
 * Inputs
 *   PCs in service on 31/12/2025 (demo inventory: max(8, round(population/250)) PCs per body, the n-th
 *   retired (n % 17 = 0) or under repair (n % 23 = 0) since 30/06/2025):
 *     Londa 8, Pelago 31 - 1 - 1 = 29, Pontassieve 82 - 4 - 3 = 75, Reggello 66 - 3 - 2 = 61,
 *     Rignano 35 - 2 - 1 = 32, Rufina 29 - 1 - 1 = 27, San Godenzo 8            total 240
 *   Residents at 31/12/2025 (demo figures: ISTAT's of 31/12/2020 in data/entities.csv carried forward by the seed):
 *     Londa 1,841, Pelago 7,704, Pontassieve 20,436, Reggello 16,593, Rignano 8,683, Rufina 7,176,
 *     San Godenzo 1,083                                                          total 63,516
 *   The union itself holds the office and pays no quota.
 *
 * Expenses (gross = amount + VAT 22%; net = gross - grants)
 *   PC renewal (capital, general)          2,800,000 + 616,000 = 3,416,000, no grant
 *   SUAP platform (capital, project)       2,000,000 + 440,000 = 2,440,000 - 1,000,000 region = 1,440,000
 *   Protocol system (current)              1,200,000 + 264,000 = 1,464,000 -   400,000 PNRR   = 1,064,000
 *   Connectivity (current)                   960,000 + 211,200 = 1,171,200
 *   Maintenance (current)                    620,000 + 136,400 =   756,400
 *   gross 9,247,600, grants 1,400,000, net 7,847,600
 *   Staff lent by Pontassieve (Mario Rossi, 50%): 1,800,000, shared and credited back in full.
 *
 * General pool = 3,416,000 + 1,064,000 + 1,171,200 + 756,400 + 1,800,000 = 8,207,600
 *   50/50: 4,103,800 by PCs, 4,103,800 by residents.
 *   PC part, 17,099.1666... a PC: Londa 136,793.33 -> 136,793; Pelago 495,875.83 -> 495,876;
 *     Pontassieve 1,282,437.5 -> 1,282,438; Reggello 1,043,049.17 -> 1,043,049; Rignano 547,173.33 -> 547,173;
 *     Rufina 461,677.5 -> 461,678; San Godenzo 136,793. Floors add up to 4,103,797: the 3 cents left go
 *     to the largest remainders, .83 (Pelago), then .5 and .5 (Pontassieve and Rufina).
 *   Resident part, 4,103,800 x residents / 63,516: Londa 118,947.92 -> 118,948; Pelago 497,759.23 -> 497,759;
 *     Pontassieve 1,320,380.01 -> 1,320,380; Reggello 1,072,081.89 -> 1,072,082; Rignano 561,012.90 -> 561,013;
 *     Rufina 463,644.89 -> 463,645; San Godenzo 69,973.16 -> 69,973 (floors 4,103,796; 4 cents to .92, .90, .89, .89).
 *   General amounts: Londa 255,741, Pelago 993,635, Pontassieve 2,602,818, Reggello 2,115,131,
 *     Rignano 1,108,186, Rufina 925,323, San Godenzo 206,766.
 * Corrective "cap 2.5% for municipalities under 2,000 residents": 2.5% of 8,207,600 = 205,190.
 *   Londa 255,741 -> 205,190 (-50,551); San Godenzo 206,766 -> 205,190 (-1,576); excess 52,127 goes to the
 *   other five in proportion to their general amounts (total 7,745,093): Pelago 6,687.49 -> 6,687;
 *   Pontassieve 17,517.81 -> 17,518; Reggello 14,235.52 -> 14,236; Rignano 7,458.45 -> 7,458; Rufina 6,227.73 -> 6,228.
 * Project "SUAP associato" (Pontassieve, Pelago, Rufina): 1,440,000, 720,000 by PCs (131) and 720,000 by
 *   residents (35,316): Pontassieve 412,214 + 416,636 = 828,850; Pelago 159,389 + 157,064 = 316,453;
 *   Rufina 148,397 + 146,300 = 294,697.
 * Totals
 *   Londa 205,190; Pelago 993,635 + 6,687 + 316,453 = 1,316,775;
 *   Pontassieve 2,602,818 + 17,518 + 828,850 - 1,800,000 = 1,649,186; Reggello 2,115,131 + 14,236 = 2,129,367;
 *   Rignano 1,108,186 + 7,458 = 1,115,644; Rufina 925,323 + 6,228 + 294,697 = 1,226,248; San Godenzo 205,190.
 *   Sum 7,847,600 = the net total.
 */
const t = useTestApi([inventory, procurement, costSharing]);
let unionGid: string;

const expected = {
  Londa: { pcs: 8, population: 1841, pc: 136_793, resident: 118_948, corrective: -50_551, project: 0, staff: 0, total: 205_190 },
  Pelago: { pcs: 29, population: 7704, pc: 495_876, resident: 497_759, corrective: 6_687, project: 316_453, staff: 0, total: 1_316_775 },
  Pontassieve: { pcs: 75, population: 20436, pc: 1_282_438, resident: 1_320_380, corrective: 17_518, project: 828_850, staff: -1_800_000, total: 1_649_186 },
  Reggello: { pcs: 61, population: 16593, pc: 1_043_049, resident: 1_072_082, corrective: 14_236, project: 0, staff: 0, total: 2_129_367 },
  "Rignano sull'Arno": { pcs: 32, population: 8683, pc: 547_173, resident: 561_013, corrective: 7_458, project: 0, staff: 0, total: 1_115_644 },
  Rufina: { pcs: 27, population: 7176, pc: 461_678, resident: 463_645, corrective: 6_228, project: 294_697, staff: 0, total: 1_226_248 },
  'San Godenzo': { pcs: 8, population: 1083, pc: 136_793, resident: 69_973, corrective: -1_576, project: 0, staff: 0, total: 205_190 },
};

const ALLOCATION = `query ($id: ID!, $scenario: AllocationScenario) {
  costAllocation(association: $id, year: 2026, scenario: $scenario) {
    __typename
    ... on CostAllocation {
      scenario grossTotalCents grantsCents netTotalCents staffCostsCents generalPoolCents memberCount
      pcReferenceDate populationReferenceDate pcWeightBasisPoints
      projectPools { name cents participantCount }
      bodies {
        name pcs population populationDate populationFallback pcQuotaCents populationQuotaCents
        correctives { label amountCents } projects { name amountCents } staffReimbursementCents totalCents
        explanation
      }
    }
    ... on InputError { issues { path message } }
  }
}`;

beforeAll(async () => {
  await seedDemoData(t.db.prisma, [inventory, procurement, costSharing], { password: 'demo-password', log: () => {} });
  const union = await t.db.prisma.association.findFirstOrThrow({ where: { kind: 'UNION' } });
  unionGid = toGlobalId('Association', union.id);
}, 120_000);

const allocation = async (variables: Record<string, unknown> = {}, actor?: Parameters<typeof t.api.gql>[2]) => {
  const response = await t.api.gql(ALLOCATION, { id: unionGid, ...variables }, actor);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.costAllocation;
};

describe('cost allocation of the demo year, against figures worked out by hand', () => {
  it('gives every body exactly the hand-computed lines and totals', async () => {
    const result = await allocation();
    expect(result).toMatchObject({
      scenario: false,
      grossTotalCents: 9_247_600,
      grantsCents: 1_400_000,
      netTotalCents: 7_847_600,
      staffCostsCents: 1_800_000,
      generalPoolCents: 8_207_600,
      memberCount: 7,
      pcReferenceDate: '2025-12-31',
      populationReferenceDate: '2025-12-31',
      pcWeightBasisPoints: 5000,
      projectPools: [{ name: 'SUAP associato', cents: 1_440_000, participantCount: 3 }],
    });
    const got = Object.fromEntries(
      result.bodies.map((b: any) => [
        b.name,
        {
          pcs: b.pcs,
          population: b.population,
          pc: b.pcQuotaCents,
          resident: b.populationQuotaCents,
          corrective: b.correctives.reduce((s: number, c: any) => s + c.amountCents, 0),
          project: b.projects.reduce((s: number, p: any) => s + p.amountCents, 0),
          staff: b.staffReimbursementCents,
          total: b.totalCents,
        },
      ]),
    );
    expect(got).toEqual(expected);
    // Art. 13: every figure is the one at 31 December of the year before, none an older one.
    expect(new Set(result.bodies.map((b: any) => `${b.populationDate} ${b.populationFallback}`))).toEqual(new Set(['2025-12-31 false']));
    expect(result.bodies.reduce((sum: number, b: any) => sum + b.totalCents, 0)).toBe(7_847_600);
    const pontassieve = result.bodies.find((b: any) => b.name === 'Pontassieve');
    expect(pontassieve.explanation).toEqual([
      'Popolazione residente al 31 dicembre 2025: 20.436',
      'Pontassieve: 32,2% della popolazione, 31,3% dei PC in servizio',
      'Quota PC: 12.824,38\u00a0€',
      'Quota popolazione: 13.203,80\u00a0€',
      'Correttivo «Tetto 2,5% per i comuni sotto i 2.000 abitanti»: 175,18\u00a0€',
      'Progetto «SUAP associato» (solo partecipanti): 8.288,50\u00a0€',
      'Rimborso personale distaccato (Mario Rossi): −18.000,00\u00a0€',
      'Totale: 16.491,86\u00a0€',
    ]);
  });

  it('gives the Provincia di Prato its demo population instead of a silent 0 (sum of its municipalities in data/entities.csv)', async () => {
    const convention = await t.db.prisma.association.findFirstOrThrow({ where: { kind: 'CONVENTION' } });
    const response = await t.api.gql(ALLOCATION.replace('year: 2026', 'year: 2025'), { id: toGlobalId('Association', convention.id) });
    expect(response.body.errors).toBeUndefined();
    const result = response.body.data!.costAllocation;
    expect(result.__typename).toBe('CostAllocation');
    expect(result.populationReferenceDate).toBe('2024-12-31');
    const populations = Object.fromEntries(result.bodies.map((b: any) => [b.name, [b.population, b.populationDate]]));
    // 193,568 + 3,080 + 14,714 + 18,801 + 9,851 + 9,966 + 6,067
    expect(populations['Provincia di Prato']).toEqual([256_047, '2024-12-31']);
    expect(populations['Prato']).toEqual([193_568, '2024-12-31']);
  });

  it('shows a referent the totals and their own body only', async () => {
    const londa = await t.db.prisma.entity.findFirstOrThrow({ where: { name: 'Londa' } });
    const referent = actorForRoles(t.api.composed, 'referent', [{ role: 'REFERENT', entityId: londa.id }]);
    const result = await allocation({}, referent);
    expect(result.netTotalCents).toBe(7_847_600);
    expect(result.bodies.map((b: any) => b.name)).toEqual(['Londa']);
    expect(JSON.stringify(result)).not.toContain('Mario Rossi');
  });

  it('simulates other weights without saving, still adding up to the net total', async () => {
    const result = await allocation({ scenario: { pcWeightBasisPoints: 7000, correctives: [] } });
    expect(result.scenario).toBe(true);
    expect(result.pcWeightBasisPoints).toBe(7000);
    expect(result.bodies.reduce((sum: number, b: any) => sum + b.totalCents, 0)).toBe(7_847_600);
    expect(result.bodies.every((b: any) => b.correctives.length === 0)).toBe(true);
    // Nothing saved: the stored rule still gives the hand-computed figures.
    expect((await allocation()).bodies.find((b: any) => b.name === 'Londa').totalCents).toBe(205_190);
  });

  it('issues the purchase plan as a frozen, versioned document with a real PDF and CSV', async () => {
    const issue = `mutation ($id: ID!) { issuePlanDocument(association: $id, year: 2026, plan: PURCHASES) {
      __typename ... on PlanDocument { id version title netTotalCents quotas { name totalCents } csv pdfBase64 } } }`;
    const first = await t.api.gql(issue, { id: unionGid });
    expect(first.body.errors).toBeUndefined();
    const document = first.body.data!.issuePlanDocument;
    expect(document).toMatchObject({ version: 1, title: 'Piano degli acquisti informatici 2026' });
    // Purchases only: the PC renewal (3,416,000, general) and the SUAP platform (1,440,000, project).
    expect(document.netTotalCents).toBe(3_416_000 + 1_440_000);
    expect(document.quotas.reduce((sum: number, q: any) => sum + q.totalCents, 0)).toBe(4_856_000);
    expect(document.csv.split('\n')[0]).toBe('body,pcs_in_service,population,pc_quota_eur,population_quota_eur,correctives_eur,projects_eur,staff_reimbursement_eur,total_eur');
    expect(document.csv.split('\n').filter(Boolean)).toHaveLength(8);

    const pdf = Buffer.from(document.pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const standardFontDataUrl = `${path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))}/standard_fonts/`;
    const parsed = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, standardFontDataUrl }).promise;
    const page = await parsed.getPage(1);
    const text = (await page.getTextContent()).items.map((item: any) => item.str).join(' ');
    expect(text).toContain('Piano degli acquisti informatici 2026');
    expect(text).toContain('Pontassieve');
    expect(text).toContain('Rinnovo di 40 PC desktop');
    // The date of the population actually used (the demo's figures at 31 December 2025).
    expect(text).toContain('per abitanti al 31 dicembre 2025');
    expect(text).toContain('Popolazione residente al 31 dicembre 2025: 20.436');

    // The same document as files from the plugin's HTTP route, for a signed-in reader.
    const reader = await createUser(t.db, 'board.documents@example.it', [{ role: 'BOARD_MEMBER', entityId: null }]);
    const token = await sessionToken(t.db, reader.id);
    const routes = createTestApi(t.db, [inventory, procurement, costSharing], { realAuth: true });
    const rawId = Buffer.from(document.id, 'base64').toString('utf8').split(':')[1];
    const download = (format: string, bearer?: string) =>
      routes.yoga.fetch(`http://yoga/cost-sharing/documents/${rawId}.${format}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
    const pdfFile = await download('pdf', token);
    expect(pdfFile.status).toBe(200);
    expect(pdfFile.headers.get('content-type')).toBe('application/pdf');
    expect(pdfFile.headers.get('content-disposition')).toContain('piano-acquisti-2026-v1.pdf');
    expect(Buffer.from(await pdfFile.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const csvFile = await download('csv', token);
    const csvBytes = Buffer.from(await csvFile.arrayBuffer());
    // a byte order mark first, for Italian Excel, then the same CSV as the document's field
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csvBytes.subarray(3).toString('utf8')).toBe(document.csv);
    expect((await download('xlsx', token)).status).toBe(404);
    expect((await download('pdf')).status).toBe(401);

    // A later expense changes the next version, never the issued one.
    await t.db.prisma.expense.updateMany({ where: { description: 'Rinnovo di 40 PC desktop' }, data: { amountCents: 3_000_000 } });
    const second = await t.api.gql(issue, { id: unionGid });
    expect(second.body.data!.issuePlanDocument.version).toBe(2);
    expect(second.body.data!.issuePlanDocument.netTotalCents).toBe(3_000_000 + 616_000 + 1_440_000);
    const again = await t.api.gql('query ($id: ID!) { node(id: $id) { ... on PlanDocument { version netTotalCents } } }', { id: document.id });
    expect(again.body.data!.node).toEqual({ version: 1, netTotalCents: 4_856_000 });
    await t.db.prisma.expense.updateMany({ where: { description: 'Rinnovo di 40 PC desktop' }, data: { amountCents: 2_800_000 } });
  });
});
