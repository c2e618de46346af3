// Documents of a contract: attached through GraphQL (base64, type from the content, 15 MiB at most),
// downloaded byte for byte from /procurement/contract-documents/<id> by whoever may read the
// contract, refused (404) to another body's referent, removed; every step audited.
import { createHash } from 'node:crypto';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, useTestApi, type TestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import { createUser, sessionToken } from '@gea/test-kit/users.ts';
import { MAX_DOCUMENT_BYTES } from '../src/rules/contract-document.ts';
import { minimalPdf } from './fixtures/minimal-pdf.ts';

const plugins = [inventory, procurement];
const t = useTestApi(plugins);
let api: TestApi;
let head: string;
let referentA: string;
let referentC: string;
let staffC: string;
let contractGid: string;
let contractId: string;
let bodyIds: { a: string; b: string; c: string };

const ATTACH = `mutation ($contractId: ID!, $input: AttachContractDocumentInput!, $expectedVersion: Int) {
  attachContractDocument(contractId: $contractId, input: $input, expectedVersion: $expectedVersion) {
    __typename
    ... on ContractDocument { id kind fileName mediaType signed sizeBytes sha256 uploadedBy downloadPath }
    ... on InputError { issues { path code message maximum } }
    ... on Error { message }
  }
}`;
const DOCUMENTS = `query ($id: ID!) { node(id: $id) { ... on Contract { documents { id fileName } } } }`;

async function gql(query: string, variables: Record<string, unknown>, token: string) {
  const response = await api.yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: any[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}
const download = (path: string, token: string) => api.yoga.fetch(`http://yoga${path}`, { headers: { authorization: `Bearer ${token}` } });
const attach = (input: Record<string, unknown>, token = head, expectedVersion?: number) =>
  gql(ATTACH, { contractId: contractGid, input, expectedVersion }, token).then((data) => data.attachContractDocument);
const pdf = minimalPdf();

beforeAll(async () => {
  api = createTestApi(t.db, plugins, { realAuth: true });
  const body = async (name: string) => {
    const entity = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name } });
    await enableModules(t.db, [entity.id], ['inventory', 'procurement']);
    return entity.id;
  };
  const [a, b, c] = [await body('Comune Documenti A'), await body('Comune Documenti B'), await body('Comune Documenti C')];
  bodyIds = { a, b, c };
  const token = async (email: string, roles: Parameters<typeof createUser>[2]) => sessionToken(t.db, (await createUser(t.db, email, roles)).id);
  head = await token('head@documenti.example.it', [{ role: 'ICT_HEAD', entityId: null }]);
  referentA = await token('referente@a.example.it', [{ role: 'REFERENT', entityId: a }]);
  referentC = await token('referente@c.example.it', [{ role: 'REFERENT', entityId: c }]);
  staffC = await token('tecnico@c.example.it', [{ role: 'ICT_STAFF', entityId: c }]);
  const supplier = await t.db.prisma.supplier.create({ data: { name: 'Documenti S.r.l.' } });
  const contract = await t.db.prisma.contract.create({
    data: {
      kind: 'SERVICES',
      subject: 'Servizi documentali',
      supplierId: supplier.id,
      contractingEntityId: a,
      startsOn: new Date('2026-01-01'),
      endsOn: new Date('2027-12-31'),
      valueCents: 100_000n,
      entities: { createMany: { data: [{ entityId: a }, { entityId: b }] } },
    },
  });
  contractId = contract.id;
  contractGid = toGlobalId('Contract', contract.id);
});

describe('procurement: documents of a contract', () => {
  it('attaches a PDF, serves the same bytes to a referent of a served body, 404 to another body, all audited', async () => {
    const document = await attach({ kind: 'SIGNED_CONTRACT', fileName: 'C:\\firmati\\Contratto firmato.pdf', contentBase64: pdf.toString('base64') }, head, 1);
    expect(document).toMatchObject({
      __typename: 'ContractDocument',
      kind: 'SIGNED_CONTRACT',
      fileName: 'Contratto firmato.pdf',
      mediaType: 'application/pdf',
      signed: false,
      sizeBytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      uploadedBy: 'head@documenti.example.it',
    });
    const id = Buffer.from(document.id, 'base64').toString().split(':')[1]!;
    expect(document.downloadPath).toBe(`/procurement/contract-documents/${id}`);

    // The audit keeps the size of the content, never the content.
    const attached = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'attachContractDocument', outcome: 'SUCCESS' } });
    expect(JSON.stringify(attached.input)).not.toContain(pdf.toString('base64').slice(0, 40));
    expect(attached.targetId).toBe(contractId);

    const response = await download(document.downloadPath, referentA);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain("filename*=UTF-8''Contratto%20firmato.pdf");
    expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true);

    const listed = await gql(DOCUMENTS, { id: contractGid }, referentA);
    expect(listed.node.documents.map((d: { fileName: string }) => d.fileName)).toEqual(['Contratto firmato.pdf']);

    // The contract itself is not there for another body's referent.
    const hidden = await api.yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${referentC}` },
      body: JSON.stringify({ query: DOCUMENTS, variables: { id: contractGid } }),
    });
    const hiddenBody = (await hidden.json()) as { data?: { node: unknown }; errors?: { extensions: { code: string } }[] };
    expect(hiddenBody.data?.node).toBeNull();
    expect(hiddenBody.errors?.map((error) => error.extensions.code)).toEqual(['FORBIDDEN']);

    for (const outsider of [referentC, staffC]) {
      const refused = await download(document.downloadPath, outsider);
      expect(refused.status).toBe(404);
      expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('NOT_FOUND');
    }
    const missing = await download('/procurement/contract-documents/0190c3f2-0000-7000-8000-000000000000', head);
    expect(missing.status).toBe(404);
    expect((await download(document.downloadPath, '')).status).toBe(401);

    const downloads = await t.db.prisma.auditEvent.findMany({ where: { operation: 'downloadContractDocument', targetId: id }, orderBy: { at: 'asc' } });
    expect(downloads.map((row) => [row.actorLabel, row.outcome, row.errorCode])).toEqual([
      ['referente@a.example.it', 'SUCCESS', null],
      ['referente@c.example.it', 'REFUSED', 'NOT_FOUND'],
      ['tecnico@c.example.it', 'REFUSED', 'NOT_FOUND'],
    ]);
    // A download concerns every body the contract serves: it is in each one's trail, not in a third's.
    expect([...downloads[0]!.entityIds].sort()).toEqual([bodyIds.a, bodyIds.b].sort());
    expect(downloads.slice(1).every((row) => row.entityIds.length === 0)).toBe(true);
  });

  it('takes the type from the content: a .p7m envelope is accepted, a renamed file refused with the reason', async () => {
    // The start of a DER CMS ContentInfo whose content type is signedData.
    const p7m = Buffer.concat([Buffer.from([0x30, 0x82, 0x01, 0x00, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02, 0xa0]), Buffer.alloc(64, 1)]);
    const envelope = await attach({ kind: 'DETERMINA', fileName: 'determina.pdf.p7m', contentBase64: p7m.toString('base64') });
    expect(envelope).toMatchObject({ mediaType: 'application/pkcs7-mime', signed: true, sizeBytes: p7m.length });

    const signedPdf = Buffer.concat([pdf, Buffer.from('<< /Type /Sig /ByteRange [0 10 20 30] >>', 'latin1')]);
    expect(await attach({ kind: 'SIGNED_CONTRACT', fileName: 'pades.pdf', contentBase64: signedPdf.toString('base64') })).toMatchObject({ signed: true });

    const text = Buffer.from('Contratto firmato, ma in realtà testo').toString('base64');
    expect((await attach({ kind: 'OTHER', fileName: 'finto.pdf', contentBase64: text })).issues).toEqual([
      { path: ['input', 'contentBase64'], code: 'INVALID_FORMAT', message: 'is neither a PDF nor a signed .p7m file (CAdES)', maximum: null },
    ]);
    expect((await attach({ kind: 'OTHER', fileName: 'contratto.p7m', contentBase64: pdf.toString('base64') })).issues[0]).toMatchObject({
      path: ['input', 'fileName'],
      code: 'INVALID_FORMAT',
    });
    expect((await attach({ kind: 'OTHER', fileName: 'contratto.docx', contentBase64: pdf.toString('base64') })).issues[0].message).toBe(
      'must end in .pdf or .p7m (PDF, PAdES or CAdES signed files)',
    );
    expect((await attach({ kind: 'OTHER', fileName: 'x.pdf', contentBase64: 'not base64!' })).issues[0].message).toBe('is not base64 text');
    expect(await t.db.prisma.contractDocument.count()).toBe(3);
  });

  it('refuses more than 15 MiB before decoding, and a stale contract version', async () => {
    const tooBig = await attach({ kind: 'OTHER', fileName: 'grande.pdf', contentBase64: 'A'.repeat(Math.ceil((MAX_DOCUMENT_BYTES + 3) / 3) * 4) });
    expect(tooBig.issues).toEqual([
      { path: ['input', 'contentBase64'], code: 'TOO_BIG', message: `is larger than ${MAX_DOCUMENT_BYTES} bytes (15 MiB)`, maximum: MAX_DOCUMENT_BYTES },
    ]);
    expect((await attach({ kind: 'OTHER', fileName: 'x.pdf', contentBase64: pdf.toString('base64') }, head, 99)).__typename).toBe('StaleVersionError');
    expect(await t.db.prisma.contractDocument.count()).toBe(3);
  });

  it('lets only writers of every served body attach and remove, and removes with an audit row', async () => {
    const refused = await api.yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${referentA}` },
      body: JSON.stringify({ query: ATTACH, variables: { contractId: contractGid, input: { kind: 'OTHER', fileName: 'x.pdf', contentBase64: pdf.toString('base64') } } }),
    });
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('FORBIDDEN');

    const [first] = (await gql(DOCUMENTS, { id: contractGid }, head)).node.documents as { id: string }[];
    const remove = `mutation ($id: ID!) { removeContractDocument(id: $id) { __typename ... on MutationRemoveContractDocumentSuccess { data } } }`;
    const removed = await gql(remove, { id: first!.id }, head);
    expect(removed.removeContractDocument.data).toBe(first!.id);
    expect(await t.db.prisma.contractDocument.count()).toBe(2);
    const row = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'removeContractDocument', outcome: 'SUCCESS' } });
    expect(row.before).toMatchObject({ fileName: 'pades.pdf', mediaType: 'application/pdf', signed: true });
    expect(row.before).not.toHaveProperty('content');
    expect(row.entityId).toBeNull();
  });

  it('covers licences of the bodies it serves, and lists them on the contract', async () => {
    const product = await t.db.prisma.softwareProduct.create({ data: { name: 'Protocollo informatico', publisher: 'Software PA S.r.l.' } });
    const licence = async (entityId: string, reference: string) =>
      toGlobalId(
        'SoftwareLicence',
        (await t.db.prisma.softwareLicence.create({ data: { productId: product.id, kind: 'SUBSCRIPTION', reference, entities: { create: { entityId } } } })).id,
      );
    const ofA = await licence(bodyIds.a, 'LIC-A');
    const ofC = await licence(bodyIds.c, 'LIC-C');
    const cover = `mutation ($id: ID!, $add: [ID!]) { setContractCoverage(contractId: $id, addLicenceIds: $add) {
      __typename ... on Contract { licences { id reference } } ... on InputError { issues { path message } } } }`;
    const refused = (await gql(cover, { id: contractGid, add: [ofC] }, head)).setContractCoverage;
    expect(refused.__typename).toBe('InputError');
    const covered = (await gql(cover, { id: contractGid, add: [ofA] }, head)).setContractCoverage;
    expect(covered.licences).toEqual([{ id: ofA, reference: 'LIC-A' }]);
    const read = await gql('query ($id: ID!) { node(id: $id) { ... on Contract { licences { reference product { name } } } } }', { id: contractGid }, referentA);
    expect(read.node.licences).toEqual([{ reference: 'LIC-A', product: { name: 'Protocollo informatico' } }]);
  });
});
