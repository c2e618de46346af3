// Importing an EU trusted list through the API (ICT head only, audited, never with an API token),
// and verifying a signature whose CA is trusted only because the list said so.
import { createPecSignaturesPlugin } from '@gea/plugin-pec-signatures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, useTestApi, type TestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import { createUser, sessionToken } from '@gea/test-kit/users.ts';
import { TestPki, type TestCa, type TestSigner } from './fixtures/pki.ts';
import { trustListXml, type ListProvider } from './fixtures/trust-list.ts';

const plugins = [createPecSignaturesPlugin()];
const t = useTestApi(plugins);

let pki: TestPki;
let qualifiedCa: TestCa;
let holder: TestSigner;
let api: TestApi;
let head: string;
let staff: string;
let bodyGid: string;

const DOCUMENT = new TextEncoder().encode('Delibera di Giunta n. 7 del 12/11/2026.\n');

const IMPORT = `mutation ($file: Upload!, $dryRun: Boolean) {
  importTrustedList(file: $file, dryRun: $dryRun) {
    __typename
    ... on TrustedListImport {
      dryRun territory sequenceNumber operator loaded replaced skippedCount
      skipped { provider service reason detail message messageEn }
      certificates { subject provider service }
    }
    ... on TrustedListFileError { code message messageIt }
    ... on InputError { issues { path message } }
  }
}`;

const VERIFY = `mutation ($entityId: ID!, $file: Upload!) {
  verifySignature(entityId: $entityId, file: $file) {
    __typename
    ... on SignatureVerification { status valid signer { trusted integrity issues { code } } }
  }
}`;

async function multipart(query: string, variables: Record<string, unknown>, file: File, token: string) {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query, variables: { ...variables, file: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', file);
  const response = await api.yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-gea-client': 'trust-list-test' },
    body: form,
  });
  return (await response.json()) as { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

const listFile = (providers: ListProvider[], sequence = 42) => new File([trustListXml({ providers, sequence })], 'TSL-IT.xml', { type: 'application/xml' });
const importList = async (file: File, token = head, dryRun = false) => multipart(IMPORT, { dryRun }, file, token);
const verify = async () =>
  (await multipart(VERIFY, { entityId: bodyGid }, new File([new Uint8Array(await pki.sign(holder, DOCUMENT))], 'delibera.txt.p7m'), staff)).data!.verifySignature;

beforeAll(async () => {
  pki = await TestPki.create();
  qualifiedCa = await pki.ca('Example Qualified eSignature CA', { key: 'ec-p256' });
  holder = await pki.signer(qualifiedCa, 'holder', { cn: 'Giulia Bianchi', taxCode: 'BNCGLI85M41D612X' }, { from: new Date('2024-01-01'), to: new Date('2099-01-01') }, 'ec-p256');
  api = createTestApi(t.db, plugins, { realAuth: true });
  const body = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: 'Comune Fiducia' } });
  await enableModules(t.db, [body.id], ['pec-signatures']);
  bodyGid = toGlobalId('Entity', body.id);
  head = await sessionToken(t.db, (await createUser(t.db, 'responsabile@example.it', [{ role: 'ICT_HEAD', entityId: null }])).id);
  staff = await sessionToken(t.db, (await createUser(t.db, 'tecnico@example.it', [{ role: 'ICT_STAFF', entityId: null }])).id);
}, 120_000);
afterAll(() => pki?.dispose());

const granted: ListProvider[] = [];
beforeAll(() => {
  granted.push({
    name: 'Example Trust Services S.p.A.',
    services: [
      { name: 'Example Qualified eSignature CA', type: 'CA/QC', status: 'granted', certificates: [qualifiedCa.pem] },
      { name: 'Example Time Stamping', type: 'TSA/QTST', status: 'granted', certificates: [qualifiedCa.pem] },
    ],
  });
});

describe('importTrustedList', () => {
  it('a signature under a CA nobody configured is not trusted; once the list is imported it is', async () => {
    expect(await verify()).toMatchObject({ status: 'NOT_VALID', signer: { trusted: false, integrity: 'INTACT', issues: [{ code: 'UNTRUSTED' }] } });

    const dry = await importList(listFile(granted), head, true);
    expect(dry.data!.importTrustedList).toMatchObject({ __typename: 'TrustedListImport', dryRun: true, loaded: 1 });
    expect(await t.db.prisma.trustedListCertificate.count()).toBe(0);

    const result = await importList(listFile(granted));
    expect(result.data!.importTrustedList).toEqual({
      __typename: 'TrustedListImport',
      dryRun: false,
      territory: 'IT',
      sequenceNumber: 42,
      operator: 'AgID - Agency for Digital Italy',
      loaded: 1,
      replaced: 0,
      skippedCount: 1,
      skipped: [
        {
          provider: 'Example Trust Services S.p.A.',
          service: 'Example Time Stamping',
          reason: 'NOT_A_QUALIFIED_CA',
          detail: 'TSA/QTST',
          message: 'il servizio non emette certificati qualificati (tipo TSA/QTST)',
          messageEn: 'the service does not issue qualified certificates (type TSA/QTST)',
        },
      ],
      certificates: [{ subject: 'C=IT, O=GEA Test, CN=Example Qualified eSignature CA', provider: 'Example Trust Services S.p.A.', service: 'Example Qualified eSignature CA' }],
    });
    expect(await verify()).toMatchObject({ status: 'VALID', valid: true, signer: { trusted: true, integrity: 'INTACT', issues: [] } });

    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'importTrustedList', outcome: 'SUCCESS' }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ targetType: 'TrustedListCertificate', after: { territory: 'IT', loaded: 1, dryRun: false } });
    expect((audit.after as { skipped: string }).skipped).toMatch(/Example Time Stamping: NOT_A_QUALIFIED_CA/);
  });

  it('a later list where the service is withdrawn replaces the earlier one: the CA is no longer trusted', async () => {
    const withdrawn: ListProvider[] = [{ name: 'Example Trust Services S.p.A.', services: [{ name: 'Example Qualified eSignature CA', type: 'CA/QC', status: 'withdrawn', certificates: [qualifiedCa.pem] }] }];
    const result = await importList(listFile(withdrawn, 43));
    expect(result.data!.importTrustedList).toMatchObject({ sequenceNumber: 43, loaded: 0, replaced: 1, skipped: [{ reason: 'STATUS_NOT_GRANTED', detail: 'withdrawn' }] });
    expect(await t.db.prisma.trustedListCertificate.count()).toBe(0);
    expect(await verify()).toMatchObject({ status: 'NOT_VALID', signer: { trusted: false } });
    await importList(listFile(granted, 44));
    expect(await verify()).toMatchObject({ status: 'VALID' });
  });

  it('a file that is not a trusted list changes nothing and says why, in Italian and English', async () => {
    const before = await t.db.prisma.trustedListCertificate.count();
    const result = await importList(new File(['<postacert tipo="accettazione"/>'], 'daticert.xml'));
    expect(result.data!.importTrustedList).toMatchObject({
      __typename: 'TrustedListFileError',
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/^file: the file is not an ETSI TS 119 612 trusted list/),
      messageIt: expect.stringMatching(/^file: il file non è un elenco di fiducia ETSI TS 119 612/),
    });
    expect(await t.db.prisma.trustedListCertificate.count()).toBe(before);
  });

  it('is for the ICT head only: ICT staff are refused, and no API token can hold the permission', async () => {
    const refused = await importList(listFile(granted), staff);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const created = await (async () => {
      const response = await api.yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { authorization: `Bearer ${head}`, 'content-type': 'application/json', 'x-gea-client': 'trust-list-test' },
        body: JSON.stringify({
          query: `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { __typename ... on InputError { issues { path message } } } }`,
          variables: { input: { name: 'protocollo', scopes: ['pec-signatures:trust:write'], entityId: bodyGid } },
        }),
      });
      return (await response.json()) as { data: { createApiToken: { __typename: string } } };
    })();
    expect(created.data.createApiToken.__typename).toBe('InputError');
    const audit = await t.db.prisma.auditEvent.findFirst({ where: { operation: 'importTrustedList', outcome: { not: 'SUCCESS' } }, orderBy: { id: 'desc' } });
    expect(audit).not.toBeNull();
  });
});
