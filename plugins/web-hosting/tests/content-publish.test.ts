// Publishing: a Servizio without one of the model's sections is refused with the section named; a
// page pointing at an unpublished page is refused; sites asking for review are published by a
// reviewer who is not the author (four eyes); each publication raises the site's stamp.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import webHosting from '../src/index.ts';
import { paragraphs } from '../src/rules/rich-text.ts';
import { createAttachment } from '../src/services/content.ts';
import {
  createContentWorld,
  gql,
  mutate,
  newPage,
  pageContent,
  PUBLISH,
  publishedPage,
  rawId,
  refusal,
  REJECT,
  savePage,
  SUBMIT,
  UNPUBLISH,
  type ContentWorld,
} from './content-fixtures.ts';

const t = useTestApi([webHosting]);
let w: ContentWorld;
let unit: Record<string, any>;
let contact: Record<string, any>;
let termsId: string;

const stampOf = async (siteId: string) => (await t.db.prisma.sitePublicationStamp.findUnique({ where: { siteId } }))?.stamp ?? 0;

const unitContent = (contactId: string) => ({
  title: 'Ufficio anagrafe',
  summary: "L'ufficio che tiene l'anagrafe.",
  topics: [],
  fields: { unitType: 'uffici', competences: paragraphs('Residenze e certificati.'), address: 'Piazza del Comune 1', contactPoints: [contactId] },
});

/** A service page with every section of the model, pointing at the unit, the contact point and the terms document. */
const serviceContent = (overrides: Record<string, unknown> = {}) => ({
  title: "Carta d'identità elettronica",
  summary: "Come richiedere la carta d'identità elettronica.",
  topics: ['residenza'],
  fields: {
    category: 'anagrafe-e-stato-civile',
    audience: paragraphs('Cittadini residenti.'),
    howTo: paragraphs('Prenota un appuntamento.'),
    requirements: paragraphs('Una fototessera.'),
    outcome: paragraphs("La carta d'identità."),
    timing: paragraphs('Sei giorni lavorativi.'),
    accessDescription: paragraphs("Allo sportello dell'anagrafe."),
    termsDocument: termsId,
    responsibleUnit: rawId(unit.id),
    contactPoints: [rawId(contact.id)],
    ...overrides,
  },
});

beforeAll(async () => {
  w = await createContentWorld(t.db, t.api);
  contact = await publishedPage(t.api, w.editorA, w.a.site.gid, 'contatti-anagrafe', 'PUNTO_DI_CONTATTO', {
    title: 'Contatti anagrafe',
    summary: 'Telefono e posta.',
    topics: [],
    fields: { phone: '+39 055 000000', email: 'anagrafe@comune.alfa.it' },
  });
  unit = await publishedPage(t.api, w.editorA, w.a.site.gid, 'ufficio-anagrafe', 'UNITA_ORGANIZZATIVA', unitContent(rawId(contact.id)));
  termsId = (await createAttachment(t.db.prisma, w.editorA.id!, { siteId: w.a.site.id, fileName: 'condizioni.pdf', bytes: new TextEncoder().encode('%PDF-1.4 condizioni') })).id;
});

describe('publishing', () => {
  it('a Servizio without a required section is refused, naming the section; with all of them it is published', async () => {
    const created = await newPage(t.api, w.editorA, w.a.site.gid, 'carta-identita', 'SERVIZIO', "Carta d'identità");
    const incomplete = await savePage(t.api, w.editorA, created as never, serviceContent({ timing: null, howTo: paragraphs('') }));
    expect(incomplete.__typename).toBe('ContentItem');
    const refused = await mutate(t.api, PUBLISH, { itemId: incomplete.id, v: incomplete.version }, w.editorA);
    expect(refused.__typename).toBe('InputError');
    expect(refused.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['fields', 'timing'], code: 'REQUIRED', message: expect.stringContaining('Tempi e scadenze') }),
        expect.objectContaining({ path: ['fields', 'howTo'], code: 'REQUIRED', message: expect.stringContaining('Come fare') }),
      ]),
    );
    expect(refused.issues).toHaveLength(2);
    // The revision says so before anyone tries.
    const issues = await gql(t.api, 'query ($id: ID!) { node(id: $id) { ... on ContentItem { headRevision { publicationIssues { path code } } } } }', { id: incomplete.id }, w.editorA);
    expect(issues.node.headRevision.publicationIssues.map((issue: { path: string[] }) => issue.path.join('.')).sort()).toEqual(['fields.howTo', 'fields.timing']);
    const row = await t.db.prisma.contentItem.findUniqueOrThrow({ where: { id: rawId(incomplete.id) } });
    expect(row).toMatchObject({ status: 'DRAFT', publishedRevisionId: null, version: incomplete.version });

    const stamp = await stampOf(w.a.site.id);
    const complete = await savePage(t.api, w.editorA, incomplete as never, serviceContent());
    const published = await mutate(t.api, PUBLISH, { itemId: complete.id, v: complete.version }, w.editorA);
    expect(published).toMatchObject({
      __typename: 'ContentItem',
      status: 'PUBLISHED',
      publishedRevision: { number: complete.headRevision.number },
      hasUnpublishedChanges: false,
      sitePath: 'servizi/anagrafe-e-stato-civile/carta-identita',
    });
    expect(published.firstPublishedAt).toBe(published.lastPublishedAt);
    expect(await stampOf(w.a.site.id)).toBe(stamp + 1);
    expect((await t.db.prisma.contentItem.findUniqueOrThrow({ where: { id: rawId(published.id) } })).publishedTopics).toEqual(['residenza']);
  });

  it('a page pointing at an unpublished page is refused on that field', async () => {
    const draftUnit = await newPage(t.api, w.editorA, w.a.site.gid, 'ufficio-tributi', 'UNITA_ORGANIZZATIVA', 'Ufficio tributi');
    await savePage(t.api, w.editorA, draftUnit as never, { ...unitContent(rawId(contact.id)), title: 'Ufficio tributi' });
    const created = await newPage(t.api, w.editorA, w.a.site.gid, 'tari', 'SERVIZIO', 'TARI');
    const saved = await savePage(t.api, w.editorA, created as never, serviceContent({ responsibleUnit: rawId(draftUnit.id) }));
    const refused = await mutate(t.api, PUBLISH, { itemId: saved.id, v: saved.version }, w.editorA);
    expect(refused).toMatchObject({
      __typename: 'InputError',
      issues: [{ path: ['fields', 'responsibleUnit'], message: expect.stringMatching(/"Ufficio tributi" .* not published/) }],
    });
  });

  it('the date a list sorts by comes from the type (a news item\'s date); unpublishing raises the stamp again', async () => {
    const news = await publishedPage(t.api, w.editorA, w.a.site.gid, 'mercato', 'NOTIZIA', {
      title: 'Torna il mercato',
      summary: 'Il mercato del sabato riapre.',
      topics: ['residenza'],
      fields: { newsType: 'notizie', date: '2026-11-20', body: paragraphs('Dal 28 novembre.') },
    });
    const row = await t.db.prisma.contentItem.findUniqueOrThrow({ where: { id: rawId(news.id) } });
    expect(row.publishedSortDate?.toISOString()).toBe('2026-11-20T00:00:00.000Z');
    const stamp = await stampOf(w.a.site.id);
    const down = await mutate(t.api, UNPUBLISH, { itemId: news.id, v: news.version }, w.editorA);
    expect(down).toMatchObject({ __typename: 'ContentItem', status: 'UNPUBLISHED', publishedRevision: null, firstPublishedAt: news.firstPublishedAt });
    expect(await stampOf(w.a.site.id)).toBe(stamp + 1);
    // A published page is kept: it cannot be deleted.
    expect(await refusal(t.api, 'mutation ($itemId: ID!, $v: Int!) { deleteContentItem(itemId: $itemId, expectedVersion: $v) { __typename ... on Error { code } } }', { itemId: down.id, v: down.version }, w.editorA)).toBe('CONFLICT');
  });

  it('sites with review: editors submit, a reviewer who is not the author publishes or sends back with a note', async () => {
    const created = await newPage(t.api, w.editorA, w.reviewed.gid, 'privacy', 'PAGINA', 'Privacy');
    const saved = await savePage(t.api, w.editorA, created as never, pageContent('Informativa privacy.', 'Privacy'));
    // The editor may publish on a site without review, not here.
    expect(await refusal(t.api, PUBLISH, { itemId: saved.id, v: saved.version }, w.editorA)).toBe('FORBIDDEN');

    const submitted = await mutate(t.api, SUBMIT, { itemId: saved.id, v: saved.version }, w.editorA);
    expect(submitted).toMatchObject({ __typename: 'ContentItem', reviewRevision: { number: 2 } });
    const rejected = await mutate(t.api, REJECT, { itemId: submitted.id, v: submitted.version, note: 'Manca il titolare del trattamento.' }, w.reviewerA);
    expect(rejected).toMatchObject({ __typename: 'ContentItem', reviewRevision: null, status: 'DRAFT' });
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'rejectContentReview', targetId: rawId(saved.id) } });
    expect(audit).toMatchObject({ actorId: w.reviewerA.id, entityId: w.a.id, outcome: 'SUCCESS' });
    expect(JSON.stringify(audit.after)).toContain('Manca il titolare del trattamento.');
    // A reviewer does not write pages.
    expect(await refusal(t.api, SUBMIT, { itemId: rejected.id, v: rejected.version }, w.reviewerA)).toBe('FORBIDDEN');

    const fixed = await savePage(t.api, w.editorA, rejected as never, pageContent('Informativa privacy. Titolare: il Comune.', 'Privacy'));
    const again = await mutate(t.api, SUBMIT, { itemId: fixed.id, v: fixed.version }, w.editorA);
    const published = await mutate(t.api, PUBLISH, { itemId: again.id, v: again.version }, w.reviewerA);
    expect(published).toMatchObject({ __typename: 'ContentItem', status: 'PUBLISHED', publishedRevision: { number: 3 }, reviewRevision: null });

    // ICT staff may write and review, but not publish what they wrote themselves.
    const byStaff = await savePage(t.api, w.staff, published as never, pageContent('Informativa aggiornata.', 'Privacy'));
    const own = await t.api.gql(PUBLISH, { itemId: byStaff.id, v: byStaff.version }, w.staff);
    expect(own.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/another person than its author/) });
    const other = await mutate(t.api, PUBLISH, { itemId: byStaff.id, v: byStaff.version }, w.reviewerA);
    expect(other).toMatchObject({ __typename: 'ContentItem', publishedRevision: { number: 4 } });
  });
});
