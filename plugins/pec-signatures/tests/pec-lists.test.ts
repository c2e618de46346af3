// The lists of PEC mailboxes and signature certificates: Relay pages with a total, filters (body,
// text, status, device, expiring within N days), scoped to the reader's bodies, and a fixed number
// of SQL statements however many bodies there are.
import { createPecSignaturesPlugin } from '@gea/plugin-pec-signatures';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';

const t = useTestApi([createPecSignaturesPlugin()]);
const DAY = 86_400_000;
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

type Body = { id: string; gid: string; name: string };
let made = 0;

const gql = async (query: string, variables: Record<string, unknown> = {}, actor?: Parameters<typeof t.api.gql>[2]) => {
  const response = await t.api.gql(query, variables, actor);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data!;
};

/** `count` bodies, each with 3 mailboxes (one ending in 10 days) and 3 certificates (one expiring in 5 days, one smart card). */
async function bodies(prefix: string, count: number): Promise<Body[]> {
  const result: Body[] = [];
  for (let i = 0; i < count; i++) {
    const name = `Comune ${prefix} ${i}`;
    const entity = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name } });
    await enableModules(t.db, [entity.id], ['pec-signatures']);
    const slug = `${prefix}${i}`.toLowerCase();
    await t.db.prisma.pecMailbox.createMany({
      data: [10, 200, 400].map((days, n) => ({
        entityId: entity.id,
        address: `${['protocollo', 'ragioneria', 'tributi'][n]}@pec.${slug}.example.it`,
        provider: n === 1 ? 'Aruba PEC' : 'Gestore Demo',
        quotaMb: 1024,
        expiresOn: new Date(dateIn(days)),
      })),
    });
    await t.db.prisma.signatureCertificate.createMany({
      data: [5, 90, 500].map((days, n) => ({
        entityId: entity.id,
        holderName: `${['Mario Rossi', 'Giulia Bianchi', 'Luca Verdi'][n]} ${slug}`,
        holderTaxCode: ['RSSMRA80A01H501U', 'BNCGLI85M41D612X', 'VRDLCU78C15G999Y'][n]!,
        deviceType: (['SMART_CARD', 'USB_TOKEN', 'REMOTE'] as const)[n]!,
        issuer: 'CA Qualificata Esempio',
        serialNumber: `SN-${made++}`,
        validFrom: new Date('2024-01-01'),
        validTo: new Date(Date.now() + days * DAY),
      })),
    });
    result.push({ id: entity.id, gid: toGlobalId('Entity', entity.id), name });
  }
  return result;
}

const MAILBOXES = `query ($first: Int!, $after: String, $filter: PecMailboxFilter) {
  pecMailboxes(first: $first, after: $after, filter: $filter) {
    totalCount
    edges { node { address provider daysToExpiry entity { name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const CERTIFICATES = `query ($first: Int!, $after: String, $filter: SignatureCertificateFilter) {
  signatureCertificates(first: $first, after: $after, filter: $filter) {
    totalCount
    edges { node { holderName deviceType status daysToExpiry entity { name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

let first: Body[];
beforeAll(async () => {
  first = await bodies('Lista', 3);
});

describe('PEC mailboxes, paged and filtered', () => {
  it('come in pages by address with the total of every page, and the pages add up to the total', async () => {
    const page1 = (await gql(MAILBOXES, { first: 4 })).pecMailboxes;
    expect(page1.totalCount).toBe(9);
    expect(page1.edges).toHaveLength(4);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await gql(MAILBOXES, { first: 4, after: page1.pageInfo.endCursor })).pecMailboxes;
    const page3 = (await gql(MAILBOXES, { first: 4, after: page2.pageInfo.endCursor })).pecMailboxes;
    expect(page3.pageInfo.hasNextPage).toBe(false);
    const addresses = [...page1.edges, ...page2.edges, ...page3.edges].map((e: { node: { address: string } }) => e.node.address);
    expect(addresses).toHaveLength(9);
    expect(new Set(addresses).size).toBe(9);
    expect(addresses).toEqual([...addresses].sort());
  });

  it('filter by body, by text in any case and by term ending within N days; the total follows the filter', async () => {
    const own = (await gql(MAILBOXES, { first: 10, filter: { entityId: first[1]!.gid } })).pecMailboxes;
    expect(own.totalCount).toBe(3);
    expect(new Set(own.edges.map((e: { node: { entity: { name: string } } }) => e.node.entity.name))).toEqual(new Set([first[1]!.name]));
    const aruba = (await gql(MAILBOXES, { first: 10, filter: { text: 'ARUBA' } })).pecMailboxes;
    expect(aruba.totalCount).toBe(3);
    expect(aruba.edges.every((e: { node: { provider: string } }) => e.node.provider === 'Aruba PEC')).toBe(true);
    const byAddress = (await gql(MAILBOXES, { first: 10, filter: { text: 'tributi@pec.lista2' } })).pecMailboxes;
    expect(byAddress.edges.map((e: { node: { address: string } }) => e.node.address)).toEqual(['tributi@pec.lista2.example.it']);
    const ending = (await gql(MAILBOXES, { first: 10, filter: { expiringWithinDays: 30 } })).pecMailboxes;
    expect(ending.totalCount).toBe(3);
    expect(ending.edges.every((e: { node: { daysToExpiry: number } }) => e.node.daysToExpiry === 10)).toBe(true);
    const both = (await gql(MAILBOXES, { first: 10, filter: { expiringWithinDays: 30, entityId: first[0]!.gid } })).pecMailboxes;
    expect(both.totalCount).toBe(1);
    const bad = await t.api.gql(MAILBOXES, { first: 10, filter: { expiringWithinDays: -1 } });
    expect(bad.body.errors?.[0]?.message).toMatch(/expiringWithinDays/);
  });

  it('a referent sees and counts only their own body\'s mailboxes; asking for another body is refused', async () => {
    const referent = actorForRoles(t.api.composed, 'ref-lista-0', [{ role: 'REFERENT', entityId: first[0]!.id }]);
    const seen = (await gql(MAILBOXES, { first: 50 }, referent)).pecMailboxes;
    expect(seen.totalCount).toBe(3);
    expect(new Set(seen.edges.map((e: { node: { entity: { name: string } } }) => e.node.entity.name))).toEqual(new Set([first[0]!.name]));
    const text = (await gql(MAILBOXES, { first: 50, filter: { text: 'lista1' } }, referent)).pecMailboxes;
    expect(text).toMatchObject({ totalCount: 0, edges: [] });
    const other = await t.api.gql(MAILBOXES, { first: 5, filter: { entityId: first[1]!.gid } }, referent);
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(other.body)).not.toContain('lista1');
  });
});

describe('signature certificates, paged and filtered', () => {
  it('come soonest to expire first, in pages with the total', async () => {
    const page1 = (await gql(CERTIFICATES, { first: 5 })).signatureCertificates;
    expect(page1.totalCount).toBe(9);
    const page2 = (await gql(CERTIFICATES, { first: 5, after: page1.pageInfo.endCursor })).signatureCertificates;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const days = [...page1.edges, ...page2.edges].map((e: { node: { daysToExpiry: number } }) => e.node.daysToExpiry);
    expect(days).toHaveLength(9);
    expect(days).toEqual([...days].sort((a, b) => a - b));
  });

  it('filter by text, device, status and expiry within N days, and the total follows', async () => {
    const giulia = (await gql(CERTIFICATES, { first: 10, filter: { text: 'giulia' } })).signatureCertificates;
    expect(giulia.totalCount).toBe(3);
    const taxCode = (await gql(CERTIFICATES, { first: 10, filter: { text: 'vrdlcu' } })).signatureCertificates;
    expect(taxCode.edges.every((e: { node: { holderName: string } }) => e.node.holderName.startsWith('Luca Verdi'))).toBe(true);
    const cards = (await gql(CERTIFICATES, { first: 10, filter: { deviceType: ['SMART_CARD'] } })).signatureCertificates;
    expect(cards.totalCount).toBe(3);
    const soon = (await gql(CERTIFICATES, { first: 10, filter: { expiringWithinDays: 30 } })).signatureCertificates;
    expect(soon.totalCount).toBe(3);
    expect(soon.edges.every((e: { node: { daysToExpiry: number } }) => e.node.daysToExpiry <= 30)).toBe(true);

    const target = (await gql(CERTIFICATES, { first: 1, filter: { entityId: first[2]!.gid, expiringWithinDays: 30 } })).signatureCertificates;
    expect(target.totalCount).toBe(1);
    const [certificate] = await t.db.prisma.signatureCertificate.findMany({ where: { entityId: first[2]!.id, deviceType: 'SMART_CARD' } });
    await t.db.prisma.signatureCertificate.update({ where: { id: certificate!.id }, data: { status: 'SUSPENDED' } });
    const suspended = (await gql(CERTIFICATES, { first: 10, filter: { status: ['SUSPENDED'] } })).signatureCertificates;
    expect(suspended).toMatchObject({ totalCount: 1, edges: [{ node: { status: 'SUSPENDED', entity: { name: first[2]!.name } } }] });
    const active = (await gql(CERTIFICATES, { first: 10, filter: { status: ['ACTIVE'], entityId: first[2]!.gid } })).signatureCertificates;
    expect(active.totalCount).toBe(2);
  });

  it('a referent counts only their own body\'s certificates', async () => {
    const referent = actorForRoles(t.api.composed, 'ref-lista-1', [{ role: 'REFERENT', entityId: first[1]!.id }]);
    const seen = (await gql(CERTIFICATES, { first: 50, filter: { text: 'CA Qualificata' } }, referent)).signatureCertificates;
    expect(seen.totalCount).toBe(3);
    expect(new Set(seen.edges.map((e: { node: { entity: { name: string } } }) => e.node.entity.name))).toEqual(new Set([first[1]!.name]));
  });
});

describe('receipts downloaded through GraphQL', () => {
  it('a receipt registered from its daticert.xml alone has no .eml', async () => {
    const mailbox = await t.db.prisma.pecMailbox.findFirstOrThrow({ where: { entityId: first[0]!.id } });
    const message = await t.db.prisma.pecMessage.create({
      data: { mailboxId: mailbox.id, entityId: first[0]!.id, direction: 'OUTGOING', messageId: 'lista@pec.example.it', subject: 'Prova', sender: mailbox.address, state: 'SENT' },
    });
    const receipt = await t.db.prisma.pecReceipt.create({
      data: {
        messageId: message.id, type: 'ACCETTAZIONE', error: 'nessuno', identifier: 'opec.lista', receiptKey: 'lista-1', issuer: 'Gestore',
        issuedAt: new Date(), sender: mailbox.address, subject: 'Prova', recipients: [], xml: '<postacert tipo="accettazione"/>',
      },
    });
    const read = await gql('query ($id: ID!) { node(id: $id) { ... on PecReceipt { xml emlBase64 } } }', { id: toGlobalId('PecReceipt', receipt.id) });
    expect(read.node).toEqual({ xml: '<postacert tipo="accettazione"/>', emlBase64: null });
  });
});

describe('SQL statements of the two lists do not grow with the bodies', () => {
  it('3 bodies or 23: the same statements for a page of each list with its total', async () => {
    const both = `{ pecMailboxes(first: 50, filter: { text: "pec" }) { totalCount edges { node { address entity { name } registryOffice { code } } } }
      signatureCertificates(first: 50, filter: { expiringWithinDays: 3650 }) { totalCount edges { node { holderName status entity { name } } } } }`;
    const few = await t.api.countStatements(() => t.api.gql(both));
    expect(few.result.body.errors).toBeUndefined();
    await bodies('Molti', 20);
    const many = await t.api.countStatements(() => t.api.gql(both));
    expect(many.result.body.errors).toBeUndefined();
    expect(many.result.body.data!.pecMailboxes.totalCount).toBeGreaterThan(few.result.body.data!.pecMailboxes.totalCount);
    expect(many.result.body.data!.pecMailboxes.edges).toHaveLength(50);
    expect(many.statements.length).toBe(few.statements.length);
  });
});
