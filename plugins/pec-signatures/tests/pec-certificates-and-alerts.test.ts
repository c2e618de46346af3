import { createPecSignaturesPlugin } from '@gea/plugin-pec-signatures';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles, createUser } from '@gea/test-kit/users.ts';

const t = useTestApi([createPecSignaturesPlugin()]);
const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

type Body = { id: string; gid: string };
let a: Body;
let b: Body;

const gql = async (query: string, variables: Record<string, unknown> = {}, actor?: Parameters<typeof t.api.gql>[2]) => {
  const response = await t.api.gql(query, variables, actor);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data!;
};

const CREATE = `mutation ($input: SignatureCertificateInput!) {
  createSignatureCertificate(input: $input) {
    __typename ... on SignatureCertificate { id status daysToExpiry } ... on InputError { issues { path message } } ... on ConflictError { message }
  }
}`;
let serial = 0;
const certificate = (body: Body, validTo: string, overrides: Record<string, unknown> = {}) => ({
  entityId: body.gid,
  holderName: 'Mario Rossi',
  holderTaxCode: 'rssmra80a01h501u',
  deviceType: 'SMART_CARD',
  issuer: 'CA Qualificata Esempio',
  serialNumber: `SN-${serial++}`,
  validFrom: '2024-01-01T00:00:00Z',
  validTo,
  ...overrides,
});

beforeAll(async () => {
  const make = async (name: string) => {
    const entity = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name } });
    await enableModules(t.db, [entity.id], ['pec-signatures']);
    return { id: entity.id, gid: toGlobalId('Entity', entity.id) };
  };
  a = await make('Comune Scadenze A');
  b = await make('Comune Scadenze B');
});

describe('signature certificates and devices', () => {
  it('are recorded with their holder and validity, checked, and EXPIRED is computed', async () => {
    const created = await gql(CREATE, { input: certificate(a, inDays(10), { deviceType: 'USB_TOKEN', deviceSerialNumber: 'TOK-001' }) });
    expect(created.createSignatureCertificate).toMatchObject({ __typename: 'SignatureCertificate', status: 'ACTIVE', daysToExpiry: 10 });
    const bad = await gql(CREATE, { input: certificate(a, '2023-01-01T00:00:00Z', { holderTaxCode: 'RSSMRA80' }) });
    expect(bad.createSignatureCertificate.issues).toEqual([{ path: ['input', 'holderTaxCode'], message: 'is not a codice fiscale of a person (16 characters)' }]);
    const backwards = await gql(CREATE, { input: certificate(a, '2023-01-01T00:00:00Z') });
    expect(backwards.createSignatureCertificate.issues).toEqual([{ path: ['input', 'validTo'], message: 'must be after the start of validity' }]);
    const duplicate = await gql(CREATE, { input: certificate(a, inDays(100), { serialNumber: 'SN-0' }) });
    expect(duplicate.createSignatureCertificate).toEqual({ __typename: 'ConflictError', message: 'CA Qualificata Esempio certificate SN-0 is already recorded' });

    const expired = await gql(CREATE, { input: certificate(a, inDays(-5), { deviceType: 'REMOTE' }) });
    expect(expired.createSignatureCertificate.status).toBe('EXPIRED');
    const list = await gql('query ($id: ID!) { signatureCertificates(first: 10, filter: { entityId: $id, status: [EXPIRED] }) { totalCount edges { node { serialNumber holderTaxCode } } } }', { id: a.gid });
    expect(list.signatureCertificates).toEqual({ totalCount: 1, edges: [{ node: { serialNumber: 'SN-4', holderTaxCode: 'RSSMRA80A01H501U' } }] });

    const SET = 'mutation ($id: ID!, $status: SignatureCertificateStoredStatus!) { setSignatureCertificateStatus(id: $id, status: $status) { __typename ... on SignatureCertificate { status } ... on ConflictError { message } } }';
    const id = created.createSignatureCertificate.id;
    expect((await gql(SET, { id, status: 'SUSPENDED' })).setSignatureCertificateStatus.status).toBe('SUSPENDED');
    expect((await gql(SET, { id, status: 'REVOKED' })).setSignatureCertificateStatus.status).toBe('REVOKED');
    expect((await gql(SET, { id, status: 'ACTIVE' })).setSignatureCertificateStatus).toEqual({
      __typename: 'ConflictError',
      message: 'a revoked certificate cannot be reactivated or suspended',
    });
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'setSignatureCertificateStatus', outcome: 'SUCCESS' }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ entityId: a.id, targetType: 'SignatureCertificate', before: { status: 'SUSPENDED' }, after: { status: 'REVOKED' } });
  });

  it('a referent reads their own body\'s certificates and changes none; the module off hides them', async () => {
    const referentA = actorForRoles(t.api.composed, 'ref-a', [{ role: 'REFERENT', entityId: a.id }]);
    const write = await t.api.gql(CREATE, { input: certificate(a, inDays(300)) }, referentA);
    expect(write.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const other = await t.api.gql('query ($id: ID!) { signatureCertificates(first: 5, filter: { entityId: $id }) { edges { node { serialNumber } } } }', { id: b.gid }, referentA);
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await gql('{ signatureCertificates(first: 50) { totalCount edges { node { entity { name } } } } }', {}, referentA);
    expect(new Set(own.signatureCertificates.edges.map((e: { node: { entity: { name: string } } }) => e.node.entity.name))).toEqual(new Set(['Comune Scadenze A']));
    expect(own.signatureCertificates.totalCount).toBe(own.signatureCertificates.edges.length);
  });
});

describe('expiry alerts for the dashboard', () => {
  it('list active certificates and mailboxes ending within N days, per body, scoped to the reader', async () => {
    await gql(CREATE, { input: certificate(b, inDays(3), { holderName: 'Giulia Bianchi', holderTaxCode: 'BNCGLI85M41D612X' }) });
    await gql(CREATE, { input: certificate(a, inDays(40)) });
    const MAILBOX = 'mutation ($input: PecMailboxInput!) { createPecMailbox(input: $input) { __typename ... on PecMailbox { id daysToExpiry } } }';
    const mailboxA = await gql(MAILBOX, { input: { entityId: a.gid, address: 'Protocollo@PEC.scadenze-a.example.it', provider: 'Gestore', quotaMb: 1024, expiresOn: dateIn(20), contractReference: 'Ordine MePA 123' } });
    expect(mailboxA.createPecMailbox.daysToExpiry).toBe(20);
    await gql(MAILBOX, { input: { entityId: b.gid, address: 'protocollo@pec.scadenze-b.example.it', provider: 'Gestore', quotaMb: 1024, expiresOn: dateIn(100) } });
    await gql(MAILBOX, { input: { entityId: b.gid, address: 'scaduta@pec.scadenze-b.example.it', provider: 'Gestore', quotaMb: 1024, expiresOn: dateIn(-1) } });

    const ALERTS = 'query ($days: Int!, $ids: [ID!]) { pecExpiryAlerts(withinDays: $days, entityIds: $ids) { withinDays certificates { holderName daysToExpiry entity { name } } mailboxes { address daysToExpiry } } }';
    const all = await gql(ALERTS, { days: 30 });
    expect(all.pecExpiryAlerts).toEqual({
      withinDays: 30,
      // The revoked certificate (10 days) and the expired one are not alerts any more.
      certificates: [{ holderName: 'Giulia Bianchi', daysToExpiry: 3, entity: { name: 'Comune Scadenze B' } }],
      mailboxes: [{ address: 'protocollo@pec.scadenze-a.example.it', daysToExpiry: 20 }],
    });
    const wider = await gql(ALERTS, { days: 45, ids: [a.gid] });
    expect(wider.pecExpiryAlerts.certificates).toEqual([{ holderName: 'Mario Rossi', daysToExpiry: 40, entity: { name: 'Comune Scadenze A' } }]);

    const referentA = actorForRoles(t.api.composed, 'ref-a', [{ role: 'REFERENT', entityId: a.id }]);
    const scoped = await gql(ALERTS, { days: 45 }, referentA);
    expect(scoped.pecExpiryAlerts.certificates.map((c: { entity: { name: string } }) => c.entity.name)).toEqual(['Comune Scadenze A']);
    const foreign = await t.api.gql(ALERTS, { days: 45, ids: [b.gid] }, referentA);
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await t.api.gql(ALERTS, { days: -1 });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('mailbox users are people who may use it; a mailbox never moves to another body', async () => {
    const user = await createUser(t.db, 'operatore.protocollo@example.it');
    const mailbox = await t.db.prisma.pecMailbox.findFirstOrThrow({ where: { entityId: a.id } });
    const SET = 'mutation ($id: ID!, $users: [ID!]!) { setPecMailboxUsers(mailboxId: $id, userIds: $users) { __typename ... on PecMailbox { users { name email } } ... on InputError { issues { path message } } } }';
    const set = await gql(SET, { id: toGlobalId('PecMailbox', mailbox.id), users: [toGlobalId('User', user.id)] });
    expect(set.setPecMailboxUsers.users).toEqual([{ name: 'operatore.protocollo', email: 'operatore.protocollo@example.it' }]);
    const unknown = await gql(SET, { id: toGlobalId('PecMailbox', mailbox.id), users: [toGlobalId('Entity', a.id)] });
    expect(unknown.setPecMailboxUsers.issues).toEqual([{ path: ['userIds'], message: 'list each active user once, by their User id' }]);
    const move = await gql('mutation ($id: ID!, $v: Int!, $input: PecMailboxInput!) { updatePecMailbox(id: $id, expectedVersion: $v, input: $input) { __typename ... on InputError { issues { path message } } } }', {
      id: toGlobalId('PecMailbox', mailbox.id),
      v: mailbox.version,
      input: { entityId: b.gid, address: mailbox.address, provider: 'Gestore', quotaMb: 1024 },
    });
    expect(move.updatePecMailbox.issues).toEqual([{ path: ['input', 'entityId'], message: 'a mailbox stays with its body' }]);
  });
});
