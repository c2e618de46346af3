import webHosting from '@gea/plugin-web-hosting';
import { createTestApi, useTestApi, type TestApi } from '@gea/test-kit/api.ts';
import { toGlobalId } from '@gea/test-kit/seed.ts';
import { createActor } from '@gea/test-kit/users.ts';
import type { Actor } from '@gea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPage, createSite, text, type FixtureSite } from './public-fixtures.ts';

const t = useTestApi([webHosting]);
let site: FixtureSite;
let other: FixtureSite;
let limited: TestApi;
let editor: Actor;
let foreignEditor: Actor;

async function send(api: Pick<TestApi, 'yoga'>, slug: string, body: unknown, address = '203.0.113.7') {
  // The server context carries the client's socket, as node:http gives it.
  const response = await api.yoga.fetch(
    `http://yoga/web-hosting/public/sites/${slug}/feedback`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) },
    { req: { socket: { remoteAddress: address } } },
  );
  const textBody = await response.text();
  return { status: response.status, headers: response.headers, json: textBody ? (JSON.parse(textBody) as any) : null };
}

const SUMMARY = `query ($id: ID!) { node(id: $id) { ... on HostedSite {
  feedbackSummary { count average ratings pages { path title count average ratings reasons { key count } } }
  feedback(first: 10) { path rating reason comment } } } }`;

beforeAll(async () => {
  site = await createSite(t.db, 'voti');
  other = await createSite(t.db, 'altri-voti');
  await createPage(t.db, site, 'PAGINA', 'orari', { title: 'Orari', summary: 'Orari', fields: { body: text('9-12') } });
  await createPage(t.db, site, 'PAGINA', 'bozza', null, { title: 'Bozza', summary: 'Bozza', fields: { body: text('x') } });
  editor = await createActor(t.db, t.api.composed, 'editor', [{ role: 'WEB_EDITOR', entityId: site.entityId }]);
  foreignEditor = await createActor(t.db, t.api.composed, 'foreign', [{ role: 'WEB_EDITOR', entityId: other.entityId }]);
  // Rate limits on, with the shipped budgets.
  limited = createTestApi(t.db, [webHosting], { rateLimits: {} });
});

describe('visitor feedback', () => {
  it('keeps a rating of a page, a list or the home page, with a reason of the right list and a short comment: 204', async () => {
    expect((await send(t.api, 'voti', { path: '/orari/', rating: 2, reason: 'incomplete', comment: '  Mancano gli orari estivi ' })).status).toBe(204);
    expect((await send(t.api, 'voti', { path: 'orari', rating: 5, reason: 'clear' })).status).toBe(204);
    expect((await send(t.api, 'voti', { path: '', rating: 4 })).status).toBe(204);
    expect((await send(t.api, 'voti', { path: 'servizi/turismo', rating: 1, reason: 'other', comment: null })).status).toBe(204);
    const rows = await t.db.prisma.pageFeedback.findMany({ where: { siteId: site.id }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((row) => [row.path, row.rating, row.reason, row.comment, row.itemId !== null])).toEqual([
      ['orari', 2, 'incomplete', 'Mancano gli orari estivi', true],
      ['orari', 5, 'clear', null, true],
      ['', 4, null, null, false],
      ['servizi/turismo', 1, 'other', null, false],
    ]);
    // nothing of the visitor is kept
    expect(JSON.stringify(rows)).not.toContain('203.0.113.7');
  });

  it('refuses bad input with 400 and one issue per field', async () => {
    const cases: [unknown, string[]][] = [
      [{ path: 'orari', rating: 0 }, ['rating']],
      [{ path: 'orari', rating: 6 }, ['rating']],
      [{ path: 'orari', rating: 2.5 }, ['rating']],
      [{ path: 'orari' }, ['rating']],
      [{ rating: 3 }, ['path']],
      [{ path: 'orari', rating: 2, reason: 'clear' }, ['reason']],
      [{ path: 'orari', rating: 5, reason: 'incomplete' }, ['reason']],
      [{ path: 'orari', rating: 4, comment: 'x'.repeat(201) }, ['comment']],
      [{ path: 'bozza', rating: 4 }, ['path']],
      [{ path: 'nessuna/pagina', rating: 4, reason: 'nope' }, ['reason', 'path']],
      ['{not json', ['']],
      [{ path: 'orari', rating: 4, comment: 'y'.repeat(5000) }, ['']],
    ];
    for (const [body, paths] of cases) {
      const response = await send(t.api, 'voti', body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(response.json.issues.map((issue: { path: string[] }) => issue.path.join('.')), JSON.stringify(body).slice(0, 80)).toEqual(paths);
    }
    expect((await send(t.api, 'nessuno', { path: '', rating: 3 })).status).toBe(404);
    expect(await t.db.prisma.pageFeedback.count({ where: { siteId: site.id } })).toBe(4);
  });

  it('answers 429 beyond 5 ratings a minute from one address to one site', async () => {
    for (let i = 0; i < 5; i++) expect((await send(limited, 'altri-voti', { path: '', rating: 3 }, '198.51.100.1')).status).toBe(204);
    const refused = await send(limited, 'altri-voti', { path: '', rating: 3 }, '198.51.100.1');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.json.error).toMatch(/Too many/);
    // another address, or another site, has its own budget
    expect((await send(limited, 'altri-voti', { path: '', rating: 3 }, '198.51.100.2')).status).toBe(204);
    expect((await send(limited, 'voti', { path: '', rating: 3 }, '198.51.100.1')).status).toBe(204);
    expect(await t.db.prisma.pageFeedback.count({ where: { siteId: other.id } })).toBe(6);
  });

  it("is summed up for the site's editors only: average and count per rating, per page", async () => {
    const id = toGlobalId('HostedSite', site.id);
    const response = await t.api.gql(SUMMARY, { id }, editor);
    expect(response.body.errors).toBeUndefined();
    const summary = response.body.data!.node.feedbackSummary;
    expect(summary).toMatchObject({ count: 5, ratings: [1, 1, 1, 1, 1], average: 3 });
    expect(summary.pages.find((p: { path: string }) => p.path === 'orari')).toEqual({
      path: 'orari',
      title: 'Orari',
      count: 2,
      average: 3.5,
      ratings: [0, 1, 0, 0, 1],
      reasons: [
        { key: 'clear', count: 1 },
        { key: 'incomplete', count: 1 },
      ],
    });
    expect(response.body.data!.node.feedback[0]).toMatchObject({ path: '', rating: 3 });
    const foreign = await t.api.gql(SUMMARY, { id }, foreignEditor);
    expect(foreign.body.data?.node?.feedbackSummary ?? null).toBeNull();
  });
});
