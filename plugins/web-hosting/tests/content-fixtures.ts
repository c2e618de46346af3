// Two bodies with a site each (and a site asking for review on the first), their web editors and
// reviewers, and the operations of the content API as the web client sends them.
import type { Actor } from '@gea/core';
import type { Database } from '@gea/db';
import type { TestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import { createActor } from '@gea/test-kit/users.ts';
import { expect } from 'vitest';
import { paragraphs } from '../src/rules/rich-text.ts';

export const ITEM = `id version type slug status title sitePath hasUnpublishedChanges publishAt unpublishAt firstPublishedAt lastPublishedAt
  createdBy { name } parent { id }
  headRevision { id number kind restoredFrom title summary topics fields author { id name } createdAt }
  publishedRevision { id number } reviewRevision { id number } scheduledRevision { id number }`;
export const RESULT = `__typename ... on ContentItem { ${ITEM} } ... on InputError { issues { path message code } } ... on StaleVersionError { currentVersion } ... on Error { code message }`;

export const CREATE = `mutation ($input: CreateContentItemInput!) { createContentItem(input: $input) { ${RESULT} } }`;
export const SAVE = `mutation ($input: SaveContentRevisionInput!) { saveContentRevision(input: $input) { ${RESULT} } }`;
export const RESTORE = `mutation ($itemId: ID!, $revisionId: ID!, $v: Int!) { restoreContentRevision(itemId: $itemId, revisionId: $revisionId, expectedVersion: $v) { ${RESULT} } }`;
export const PUBLISH = `mutation ($itemId: ID!, $v: Int!, $revisionId: ID) { publishContentItem(itemId: $itemId, expectedVersion: $v, revisionId: $revisionId) { ${RESULT} } }`;
export const SCHEDULE = `mutation ($itemId: ID!, $v: Int!, $publishAt: DateTime, $unpublishAt: DateTime, $revisionId: ID) {
  scheduleContentItem(itemId: $itemId, expectedVersion: $v, publishAt: $publishAt, unpublishAt: $unpublishAt, revisionId: $revisionId) { ${RESULT} } }`;
export const CANCEL = `mutation ($itemId: ID!, $v: Int!) { cancelContentSchedule(itemId: $itemId, expectedVersion: $v) { ${RESULT} } }`;
export const UNPUBLISH = `mutation ($itemId: ID!, $v: Int!) { unpublishContentItem(itemId: $itemId, expectedVersion: $v) { ${RESULT} } }`;
export const SUBMIT = `mutation ($itemId: ID!, $v: Int!) { submitContentForReview(itemId: $itemId, expectedVersion: $v) { ${RESULT} } }`;
export const REJECT = `mutation ($itemId: ID!, $v: Int!, $note: String!) { rejectContentReview(itemId: $itemId, expectedVersion: $v, note: $note) { ${RESULT} } }`;
export const MOVE = `mutation ($itemId: ID!, $v: Int!, $parentId: ID, $slug: String) { moveContentItem(itemId: $itemId, expectedVersion: $v, parentId: $parentId, slug: $slug) { ${RESULT} } }`;
export const DELETE = `mutation ($itemId: ID!, $v: Int!) { deleteContentItem(itemId: $itemId, expectedVersion: $v) { __typename ... on ContentItem { id title } ... on Error { code message } } }`;
export const DIFF = `query ($from: ID!, $to: ID!) { revisionDiff(fromId: $from, toId: $to) { changes { path label before after parts { value added removed } } } }`;
export const REVISIONS = `query ($id: ID!) { node(id: $id) { ... on ContentItem { revisions(first: 50) { totalCount edges { node { id number kind restoredFrom title author { name } createdAt } } } } } }`;

export interface Body {
  id: string;
  gid: string;
  site: { id: string; gid: string };
}

export interface ContentWorld {
  a: Body;
  b: Body;
  /** A second site of body A that asks for review. */
  reviewed: { id: string; gid: string };
  editorA: Actor;
  editorA2: Actor;
  editorB: Actor;
  reviewerA: Actor;
  staff: Actor;
}

let sites = 0;
async function body(db: Database, name: string): Promise<Body> {
  const entity = await db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name } });
  await enableModules(db, [entity.id], ['web-hosting']);
  const site = await createSite(db, entity.id, name);
  return { id: entity.id, gid: toGlobalId('Entity', entity.id), site };
}

export async function createSite(db: Database, entityId: string, name: string, reviewRequired = false) {
  const n = ++sites;
  const site = await db.prisma.hostedSite.create({
    data: { entityId, slug: `sito-${n}`, name, primaryDomain: `comune.sito${n}.fi.it`, cms: 'GEA', reviewRequired },
  });
  return { id: site.id, gid: toGlobalId('HostedSite', site.id) };
}

export async function createContentWorld(db: Database, api: TestApi): Promise<ContentWorld> {
  const a = await body(db, 'Comune di Alfa');
  const b = await body(db, 'Comune di Beta');
  const reviewed = await createSite(db, a.id, 'Comune di Alfa (con revisione)', true);
  const actor = async (label: string, role: 'WEB_EDITOR' | 'REFERENT' | 'ICT_STAFF', entityId: string | null) => {
    const made = await createActor(db, api.composed, label, [{ role, entityId }]);
    // Named as the label, so that authors read plainly in assertions.
    await db.prisma.user.update({ where: { id: made.id! }, data: { name: label } });
    return made;
  };
  return {
    a,
    b,
    reviewed,
    editorA: await actor('redattore-alfa', 'WEB_EDITOR', a.id),
    editorA2: await actor('redattrice-alfa', 'WEB_EDITOR', a.id),
    editorB: await actor('redattore-beta', 'WEB_EDITOR', b.id),
    reviewerA: await actor('referente-alfa', 'REFERENT', a.id),
    staff: await actor('staff-ict', 'ICT_STAFF', null),
  };
}

/** Runs an operation that must not fail at the GraphQL level; returns its data. */
export async function gql(api: TestApi, query: string, variables: Record<string, unknown>, actor: Actor) {
  const response = await api.gql(query, variables, actor);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data!;
}

/** A first-level result of a mutation (the ContentItem or the typed error). */
export async function mutate(api: TestApi, query: string, variables: Record<string, unknown>, actor: Actor) {
  const data = await gql(api, query, variables, actor);
  return Object.values(data)[0] as Record<string, any>;
}

/** The code of a refusal, whether a GraphQL error or a typed result. */
export async function refusal(api: TestApi, query: string, variables: Record<string, unknown>, actor: Actor) {
  const response = await api.gql(query, variables, actor);
  if (response.body.errors?.length) return response.body.errors[0]!.extensions?.code as string;
  const result = Object.values(response.body.data ?? {})[0] as { __typename: string; code?: string } | null;
  return result?.code ?? result?.__typename ?? 'null';
}

/** A plain page with everything it needs to be published. */
export const pageContent = (text = 'Testo della pagina.', title = 'Note legali') => ({
  title,
  summary: 'Le note legali del sito.',
  topics: [] as string[],
  fields: { body: paragraphs(text) },
});

export async function newPage(api: TestApi, actor: Actor, siteGid: string, slug: string, type = 'PAGINA', title = 'Pagina') {
  const created = await mutate(api, CREATE, { input: { siteId: siteGid, type, slug, title } }, actor);
  expect(created.__typename, JSON.stringify(created)).toBe('ContentItem');
  return created;
}

export async function savePage(api: TestApi, actor: Actor, item: { id: string; version: number }, content: Record<string, unknown>, autosave = false) {
  return mutate(api, SAVE, { input: { itemId: item.id, expectedVersion: item.version, autosave, ...content } }, actor);
}

/** A page created, filled in and published. */
export async function publishedPage(api: TestApi, actor: Actor, siteGid: string, slug: string, type: string, content: Record<string, unknown>) {
  const created = await newPage(api, actor, siteGid, slug, type, String(content.title));
  const saved = await savePage(api, actor, created as never, content);
  expect(saved.__typename, JSON.stringify(saved)).toBe('ContentItem');
  const published = await mutate(api, PUBLISH, { itemId: saved.id, v: saved.version }, actor);
  expect(published.__typename, JSON.stringify(published)).toBe('ContentItem');
  return published;
}

export const rawId = (gid: string) => Buffer.from(gid, 'base64').toString().split(':')[1]!;
