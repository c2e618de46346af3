// Hosted sites through the API: recording and changing them (domains, aliases, slugs), who may see
// and change which, the required links, and the CMS version policies.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles, createUser } from '@gea/test-kit/users.ts';
import webHosting from '../src/index.ts';

const t = useTestApi([webHosting]);

type Body = { id: string; gid: string };
let pelago: Body;
let londa: Body;
let union: Body;

const SITE = `__typename
  ... on HostedSite { id version slug name primaryDomain aliases server cms cmsVersion tlsExpiresOn status reviewRequired note publicPath
    domainFollowsMunicipalForm suggestedDomain entity { name } }
  ... on InputError { issues { path message code } }
  ... on ConflictError { message }
  ... on NotFoundError { message }`;
const CREATE = `mutation ($input: HostedSiteInput!) { createHostedSite(input: $input) { ${SITE} } }`;
const UPDATE = `mutation ($id: ID!, $v: Int!, $input: HostedSiteInput!) { updateHostedSite(id: $id, expectedVersion: $v, input: $input) { ${SITE} ... on StaleVersionError { message currentVersion } } }`;
const LINKS = `__typename
  ... on HostedSite { id links { kind label url pageId pageTitle href } alerts { kind linkKind } }
  ... on InputError { issues { path message code } }
  ... on NotFoundError { message }`;
const SET_LINK = `mutation ($siteId: ID!, $kind: SiteLinkKind!, $url: String, $pageId: ID) { setSiteLink(siteId: $siteId, kind: $kind, url: $url, pageId: $pageId) { ${LINKS} } }`;
const CLEAR_LINK = `mutation ($siteId: ID!, $kind: SiteLinkKind!) { clearSiteLink(siteId: $siteId, kind: $kind) { ${LINKS.replace(/\s*\.\.\. on InputError.*\n/, '\n')} } }`;
const POLICY = `mutation ($cms: CmsKind!, $min: String!, $latest: String, $note: String) {
  setCmsVersionPolicy(cms: $cms, minimumVersion: $min, latestVersion: $latest, note: $note) {
    __typename ... on CmsVersionPolicy { cms minimumVersion latestVersion note } ... on InputError { issues { path message } } } }`;

const staff = () => actorForRoles(t.api.composed, 'tecnico', [{ role: 'ICT_STAFF', entityId: null }]);
const referentOf = (body: Body) => actorForRoles(t.api.composed, `ref-${body.id}`, [{ role: 'REFERENT', entityId: body.id }]);
const gql = async (query: string, variables: Record<string, unknown> = {}, actor: Parameters<typeof t.api.gql>[2] = staff()) => {
  const response = await t.api.gql(query, variables, actor);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!;
};
const input = (body: Body, fields: Record<string, unknown> = {}) => ({ entityId: body.gid, slug: 'pelago', name: 'Comune di Pelago', primaryDomain: 'comune.pelago.fi.it', cms: 'GEA', ...fields });
const rawId = (gid: string) => Buffer.from(gid, 'base64').toString().split(':')[1]!;
const lastAudit = (operation: string) => t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation, outcome: 'SUCCESS' }, orderBy: { at: 'desc' } });
const paths = (result: { issues: { path: string[] }[] }) => result.issues.map((issue) => issue.path.join('.'));

let pelagoSite: string;
let londaSite: string;

beforeAll(async () => {
  const make = async (name: string, kind: 'MUNICIPALITY' | 'UNION', province: string | null): Promise<Body> => {
    const entity = await t.db.prisma.entity.create({ data: { kind, name, province } });
    return { id: entity.id, gid: toGlobalId('Entity', entity.id) };
  };
  pelago = await make('Pelago', 'MUNICIPALITY', 'FI');
  londa = await make('Londa', 'MUNICIPALITY', 'FI');
  union = await make('Unione di Comuni Valdarno e Valdisieve', 'UNION', null);
  await enableModules(t.db, [pelago.id, londa.id, union.id], ['web-hosting']);
});

describe('recording hosted sites', () => {
  it('creates a site with its domains normalised, tells whether it follows comune.<name>.<province>.it, and audits it', async () => {
    const created = (await gql(CREATE, { input: input(pelago, { primaryDomain: ' WWW.Comune.Pelago.FI.it ', aliases: ['Comune.Pelago.fi.it.', 'pelago.example.it'], cmsVersion: ' 1.0 ', tlsExpiresOn: '2027-06-30' }) }))
      .createHostedSite;
    expect(created).toMatchObject({
      __typename: 'HostedSite',
      version: 1,
      slug: 'pelago',
      primaryDomain: 'www.comune.pelago.fi.it',
      aliases: ['comune.pelago.fi.it', 'pelago.example.it'],
      cmsVersion: '1.0',
      tlsExpiresOn: '2027-06-30',
      status: 'ACTIVE',
      reviewRequired: false,
      publicPath: '/sites/pelago/',
      domainFollowsMunicipalForm: true,
      suggestedDomain: 'comune.pelago.fi.it',
      entity: { name: 'Pelago' },
    });
    pelagoSite = created.id;
    const audit = await lastAudit('createHostedSite');
    expect(audit).toMatchObject({ targetType: 'HostedSite', targetId: rawId(pelagoSite), entityId: pelago.id });
    expect(audit.after).toMatchObject({ slug: 'pelago', aliases: ['comune.pelago.fi.it', 'pelago.example.it'] });

    // any valid domain is accepted; the form is only a warning
    const other = (await gql(CREATE, { input: input(londa, { slug: 'londa', name: 'Comune di Londa', primaryDomain: 'www.londa.example.it' }) })).createHostedSite;
    expect(other).toMatchObject({ __typename: 'HostedSite', domainFollowsMunicipalForm: false, suggestedDomain: 'comune.londa.fi.it' });
    londaSite = other.id;
    // a union is no municipality: no form to follow
    const unionSite = (await gql(CREATE, { input: input(union, { slug: 'unione', name: 'Unione', primaryDomain: 'www.uc-valdarnovaldisieve.fi.it' }) })).createHostedSite;
    expect(unionSite).toMatchObject({ domainFollowsMunicipalForm: null, suggestedDomain: null });
  });

  it('gives each bad slug and domain a field issue and writes nothing', async () => {
    const before = [await t.db.prisma.hostedSite.count(), await t.db.prisma.siteDomainAlias.count()];
    const bad = (await gql(CREATE, { input: input(londa, { slug: 'San Godenzo', primaryDomain: 'https://comune.san-godenzo.fi.it/', aliases: ['localhost', 'ok.example.it', 'ok.example.it'] }) }))
      .createHostedSite;
    expect(bad.__typename).toBe('InputError');
    expect(paths(bad)).toEqual(['input.slug', 'input.primaryDomain', 'input.aliases']);
    expect(bad.issues[0]).toMatchObject({ code: 'INVALID_FORMAT', message: expect.stringMatching(/lowercase letters and digits/) });
    expect(bad.issues[1].message).toMatch(/without https:\/\//);
    expect(bad.issues[2].message).toMatch(/localhost is not a valid host name; ok.example.it is listed twice/);

    for (const [fields, path, message] of [
      [{ slug: 'pelago', primaryDomain: 'nuovo.example.it' }, 'input.slug', /already used by another site/],
      [{ slug: 'altro', primaryDomain: 'comune.pelago.fi.it' }, 'input.primaryDomain', /already a domain of another site/],
      [{ slug: 'altro', primaryDomain: 'www.comune.pelago.fi.it' }, 'input.primaryDomain', /already a domain of another site/],
      [{ slug: 'altro', primaryDomain: 'altro.example.it', aliases: ['www.londa.example.it'] }, 'input.aliases', /already a domain of another site/],
      [{ slug: 'altro', primaryDomain: 'altro.example.it', aliases: ['pelago.example.it'] }, 'input.aliases', /already a domain of another site/],
      [{ slug: 'altro', primaryDomain: 'altro.example.it', aliases: ['Altro.example.it'] }, 'input.aliases', /is the primary domain/],
      [{ slug: 'a'.repeat(64), primaryDomain: 'altro.example.it' }, 'input.slug', /longer than 63/],
      [{ slug: 'altro', primaryDomain: '' }, 'input.primaryDomain', /required/],
    ] as const) {
      const result = (await gql(CREATE, { input: input(londa, fields) })).createHostedSite;
      expect(result.__typename, JSON.stringify(fields)).toBe('InputError');
      expect(paths(result), JSON.stringify(fields)).toEqual([path]);
      expect(result.issues[0].message).toMatch(message);
    }
    expect([await t.db.prisma.hostedSite.count(), await t.db.prisma.siteDomainAlias.count()]).toEqual(before);
  });

  it('changes a site (aliases replaced), refuses a stale version, and writes nothing on bad input', async () => {
    const changed = (await gql(UPDATE, { id: pelagoSite, v: 1, input: input(pelago, { aliases: ['pelago.example.it', 'www.pelago.it'], status: 'MAINTENANCE', reviewRequired: true, note: ' Migrazione ' }) }))
      .updateHostedSite;
    expect(changed).toMatchObject({ version: 2, primaryDomain: 'comune.pelago.fi.it', aliases: ['pelago.example.it', 'www.pelago.it'], status: 'MAINTENANCE', reviewRequired: true, note: 'Migrazione' });
    const audit = await lastAudit('updateHostedSite');
    expect(audit.before).toMatchObject({ version: 1, aliases: ['comune.pelago.fi.it', 'pelago.example.it'] });
    expect(audit.after).toMatchObject({ version: 2, aliases: ['pelago.example.it', 'www.pelago.it'] });

    // the site's own old domains are free for it to reuse
    const swapped = (await gql(UPDATE, { id: pelagoSite, v: 2, input: input(pelago, { primaryDomain: 'www.pelago.it', aliases: ['comune.pelago.fi.it'] }) })).updateHostedSite;
    expect(swapped).toMatchObject({ version: 3, primaryDomain: 'www.pelago.it', aliases: ['comune.pelago.fi.it'], domainFollowsMunicipalForm: false });

    const stale = (await gql(UPDATE, { id: pelagoSite, v: 2, input: input(pelago, { name: 'Vecchio' }) })).updateHostedSite;
    expect(stale).toMatchObject({ __typename: 'StaleVersionError', currentVersion: 3 });
    const bad = (await gql(UPDATE, { id: pelagoSite, v: 3, input: input(pelago, { primaryDomain: 'comune.pelago.fi.it', aliases: ['www.londa.example.it'] }) })).updateHostedSite;
    expect(bad.__typename).toBe('InputError');
    const stored = await t.db.prisma.hostedSite.findUniqueOrThrow({ where: { id: rawId(pelagoSite) }, include: { aliases: true } });
    expect(stored).toMatchObject({ version: 3, primaryDomain: 'www.pelago.it', name: 'Comune di Pelago' });
    expect(stored.aliases.map((alias) => alias.domain)).toEqual(['comune.pelago.fi.it']);
    // back to the form, for the tests below
    expect((await gql(UPDATE, { id: pelagoSite, v: 3, input: input(pelago, { status: 'ACTIVE' }) })).updateHostedSite.version).toBe(4);
  });

  it('lets one of two concurrent changes of a site win; the other is stale', async () => {
    const [first, second] = await Promise.all(
      ['uno', 'due'].map((note) => gql(UPDATE, { id: londaSite, v: 1, input: input(londa, { slug: 'londa', name: 'Comune di Londa', primaryDomain: 'www.londa.example.it', note }) })),
    );
    const results = [first!.updateHostedSite, second!.updateHostedSite];
    expect(results.map((r) => r.__typename).sort()).toEqual(['HostedSite', 'StaleVersionError']);
    const winner = results.find((r) => r.__typename === 'HostedSite');
    const stored = await t.db.prisma.hostedSite.findUniqueOrThrow({ where: { id: rawId(londaSite) } });
    expect(stored).toMatchObject({ version: 2, note: winner.note });
  });
});

describe('who sees and changes which site', () => {
  it("a referent reads their body's site only, and records none", async () => {
    const referent = referentOf(pelago);
    const list = await gql('{ hostedSites(first: 50) { totalCount edges { node { slug } } } }', {}, referent);
    expect(list.hostedSites).toEqual({ totalCount: 1, edges: [{ node: { slug: 'pelago' } }] });
    const foreign = await t.api.gql('query ($id: ID!) { node(id: $id) { id } }', { id: londaSite }, referent);
    expect(foreign.body.data?.node).toBeNull();
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql('{ hostedSite(slug: "londa") { id } }', {}, referent)).hostedSite).toBeNull();
    expect((await gql('{ hostedSite(slug: "pelago") { slug } }', {}, referent)).hostedSite).toEqual({ slug: 'pelago' });
    const alerts = await gql('{ siteAlerts { site { slug } } }', {}, referent);
    expect(new Set(alerts.siteAlerts.map((alert: { site: { slug: string } }) => alert.site.slug))).toEqual(new Set(['pelago']));
    const other = await t.api.gql('query ($e: ID!) { hostedSites(entityId: $e) { totalCount } }', { e: londa.gid }, referent);
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const refused = await t.api.gql(CREATE, { input: input(pelago, { slug: 'pelago-bis', primaryDomain: 'bis.example.it' }) }, referent);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const change = await t.api.gql(UPDATE, { id: pelagoSite, v: 4, input: input(pelago) }, referent);
    expect(change.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const link = await t.api.gql(SET_LINK, { siteId: pelagoSite, kind: 'FAQ', url: 'https://example.it/faq' }, referent);
    expect(link.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('ICT staff of one body only may not move a site to another body', async () => {
    const local = actorForRoles(t.api.composed, 'tecnico-pelago', [{ role: 'ICT_STAFF', entityId: pelago.id }]);
    const moved = await t.api.gql(UPDATE, { id: pelagoSite, v: 4, input: input(londa) }, local);
    expect(moved.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.db.prisma.hostedSite.findUniqueOrThrow({ where: { id: rawId(pelagoSite) } })).entityId).toBe(pelago.id);
  });
});

describe('required links', () => {
  let privacyPage: string;
  let newsItem: string;
  let foreignPage: string;
  beforeAll(async () => {
    const author = await createUser(t.db, 'redattore@pelago.example.it', [{ role: 'WEB_EDITOR', entityId: pelago.id }]);
    const item = async (siteGid: string, type: 'PAGINA' | 'NOTIZIA', slug: string, title: string) =>
      toGlobalId('ContentItem', (await t.db.prisma.contentItem.create({ data: { siteId: rawId(siteGid), type, slug, title, createdById: author.id } })).id);
    privacyPage = await item(pelagoSite, 'PAGINA', 'privacy', 'Informativa privacy');
    newsItem = await item(pelagoSite, 'NOTIZIA', 'avviso', 'Avviso');
    foreignPage = await item(londaSite, 'PAGINA', 'privacy', 'Privacy Londa');
  });

  it("lists the six links in the model's order, missing ones empty and alerted", async () => {
    const site = (await gql(`query ($id: ID!) { node(id: $id) { ... on HostedSite { ${LINKS.replace('__typename', '').replace(/\.\.\. on (InputError|NotFoundError).*\n?/g, '')} } } }`, { id: pelagoSite })).node;
    expect(site.links.map((link: { kind: string }) => link.kind)).toEqual(['ACCESSIBILITY_DECLARATION', 'PRIVACY', 'LEGAL_NOTES', 'BOOKING', 'REPORT_PROBLEM', 'FAQ']);
    expect(site.links.every((link: { url: string | null; pageId: string | null }) => link.url === null && link.pageId === null)).toBe(true);
    expect(site.alerts.filter((alert: { kind: string }) => alert.kind === 'REQUIRED_LINK_MISSING')).toHaveLength(6);
  });

  it('points a link to an https address or a page of the site, raises the publication stamp, and clears it', async () => {
    const url = (await gql(SET_LINK, { siteId: pelagoSite, kind: 'ACCESSIBILITY_DECLARATION', url: ' https://form.agid.gov.it/view/abc ' })).setSiteLink;
    expect(url.links[0]).toEqual({ kind: 'ACCESSIBILITY_DECLARATION', label: 'Dichiarazione di accessibilità', url: 'https://form.agid.gov.it/view/abc', pageId: null, pageTitle: null, href: 'https://form.agid.gov.it/view/abc' });
    const page = (await gql(SET_LINK, { siteId: pelagoSite, kind: 'PRIVACY', pageId: privacyPage })).setSiteLink;
    expect(page.links[1]).toMatchObject({ kind: 'PRIVACY', url: null, pageId: privacyPage, pageTitle: 'Informativa privacy', href: '/sites/pelago/privacy' });
    expect(page.alerts.filter((alert: { kind: string }) => alert.kind === 'REQUIRED_LINK_MISSING').map((alert: { linkKind: string }) => alert.linkKind)).toEqual([
      'LEGAL_NOTES',
      'BOOKING',
      'REPORT_PROBLEM',
      'FAQ',
    ]);
    expect((await t.db.prisma.sitePublicationStamp.findUniqueOrThrow({ where: { siteId: rawId(pelagoSite) } })).stamp).toBe(2);
    expect(await lastAudit('setSiteLink')).toMatchObject({ entityId: pelago.id, targetType: 'HostedSite', after: { kind: 'PRIVACY', url: null } });

    const cleared = (await gql(CLEAR_LINK, { siteId: pelagoSite, kind: 'ACCESSIBILITY_DECLARATION' })).clearSiteLink;
    expect(cleared.links[0]).toMatchObject({ url: null, pageId: null, href: null });
    expect((await t.db.prisma.sitePublicationStamp.findUniqueOrThrow({ where: { siteId: rawId(pelagoSite) } })).stamp).toBe(3);
  });

  it('refuses http, a non-address, both or neither target, a page of another site and a page that is not a plain page', async () => {
    const before = await t.db.prisma.siteLink.count();
    for (const [variables, path, message] of [
      [{ url: 'http://comune.pelago.fi.it/faq' }, 'url', /https/],
      [{ url: 'comune.pelago.fi.it/faq' }, 'url', /not an address/],
      [{ url: 'https://localhost/faq' }, 'url', /not a valid host name/],
      [{}, 'url', /either an address or a page/],
      [{ url: 'https://example.it/faq', pageId: privacyPage }, 'url', /either an address or a page/],
      [{ pageId: foreignPage }, 'pageId', /not a page of this site/],
      [{ pageId: toGlobalId('HostedSite', rawId(pelagoSite)) }, 'pageId', /not a page of this site/],
      [{ pageId: newsItem }, 'pageId', /type PAGINA/],
    ] as const) {
      const result = (await gql(SET_LINK, { siteId: pelagoSite, kind: 'FAQ', ...variables })).setSiteLink;
      expect(result.__typename, JSON.stringify(variables)).toBe('InputError');
      expect(paths(result)).toEqual([path]);
      expect(result.issues[0].message).toMatch(message);
    }
    expect(await t.db.prisma.siteLink.count()).toBe(before);
  });
});

describe('CMS version policies', () => {
  it('are set association-wide by ICT staff, read by referents, and checked', async () => {
    const set = (await gql(POLICY, { cms: 'WORDPRESS', min: '6.4', latest: '6.7.1', note: 'Solo versioni con aggiornamenti di sicurezza' })).setCmsVersionPolicy;
    expect(set).toEqual({ __typename: 'CmsVersionPolicy', cms: 'WORDPRESS', minimumVersion: '6.4', latestVersion: '6.7.1', note: 'Solo versioni con aggiornamenti di sicurezza' });
    expect(await lastAudit('setCmsVersionPolicy')).toMatchObject({ targetType: 'CmsVersionPolicy', targetId: 'WORDPRESS', after: { minimumVersion: '6.4' } });
    const bad = (await gql(POLICY, { cms: 'WORDPRESS', min: 'nuova', latest: '1.0' })).setCmsVersionPolicy;
    expect(bad.__typename).toBe('InputError');
    expect(paths(bad)).toEqual(['minimumVersion']);
    const older = (await gql(POLICY, { cms: 'DRUPAL', min: '10.2', latest: '9.5' })).setCmsVersionPolicy;
    expect(paths(older)).toEqual(['latestVersion']);
    expect(await t.db.prisma.cmsVersionPolicy.count()).toBe(1);

    const referent = referentOf(pelago);
    expect((await gql('{ cmsVersionPolicies { cms minimumVersion } }', {}, referent)).cmsVersionPolicies).toEqual([{ cms: 'WORDPRESS', minimumVersion: '6.4' }]);
    const refused = await t.api.gql(POLICY, { cms: 'JOOMLA', min: '5' }, referent);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // ICT staff of one body only: the policy is the association's
    const local = actorForRoles(t.api.composed, 'tecnico-pelago', [{ role: 'ICT_STAFF', entityId: pelago.id }]);
    expect((await t.api.gql(POLICY, { cms: 'JOOMLA', min: '5' }, local)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
