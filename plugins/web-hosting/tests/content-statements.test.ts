// SQL statements of a site's page list do not grow with its pages (no N+1): each page with its
// author, head and published revisions, path and parent.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import webHosting from '../src/index.ts';
import { createPage, publishPage, savePage } from '../src/services/content.ts';
import { paragraphs } from '../src/rules/rich-text.ts';
import { createContentWorld, type ContentWorld } from './content-fixtures.ts';

const t = useTestApi([webHosting]);
let w: ContentWorld;

const LIST = `query ($id: ID!) { node(id: $id) { ... on HostedSite { contents { id type slug status title version sitePath hasUnpublishedChanges
  createdBy { name } parent { id title } headRevision { number kind author { name } createdAt } publishedRevision { number } } } } }`;

let made = 0;
/** Pages written and published through the services, as the demo seed does; every other one under the first. */
async function addPages(count: number) {
  await t.db.prisma.$transaction(async (tx) => {
    let first: string | null = null;
    for (let i = 0; i < count; i++) {
      const n = made++;
      const item = await createPage(tx, w.editorA.id!, { siteId: w.a.site.id, type: 'PAGINA', slug: `pagina-${n}`, title: `Pagina ${n}`, parentId: i % 2 ? first : null });
      first ??= item.id;
      const saved = await savePage(tx, w.editorA2.id!, { itemId: item.id, expectedVersion: item.version, title: `Pagina ${n}`, summary: 'Una pagina.', fields: { body: paragraphs(`Testo ${n}.`) } });
      if (i % 3 === 0) await publishPage(tx, w.editorA.id!, { itemId: item.id, expectedVersion: saved.version });
    }
  });
}

async function statementsFor(query: string, variables: Record<string, unknown>) {
  const { result, statements } = await t.api.countStatements(() => t.api.gql(query, variables, w.editorA));
  expect(result.body.errors, JSON.stringify(result.body.errors)).toBeUndefined();
  return { data: result.body.data!, statements };
}

beforeAll(async () => {
  w = await createContentWorld(t.db, t.api);
});

describe('SQL statements of a site page list do not grow with the pages', () => {
  it('2 pages and 20 pages cost the same statements', async () => {
    await addPages(2);
    const small = await statementsFor(LIST, { id: w.a.site.gid });
    expect(small.data.node.contents).toHaveLength(2);

    await addPages(18);
    const large = await statementsFor(LIST, { id: w.a.site.gid });
    expect(large.data.node.contents).toHaveLength(20);
    const page = large.data.node.contents.find((item: { slug: string }) => item.slug === 'pagina-0');
    expect(page).toMatchObject({ status: 'PUBLISHED', sitePath: 'pagina-0', createdBy: { name: 'redattore-alfa' }, headRevision: { number: 2, author: { name: 'redattrice-alfa' } }, publishedRevision: { number: 2 } });
    expect(large.data.node.contents.find((item: { slug: string }) => item.slug === 'pagina-1').parent).toMatchObject({ title: 'Pagina 0' });

    expect(large.statements.length).toBe(small.statements.length);
  });
});
