// Receipts registered as the provider's whole signed message (.eml), as protocol systems keep them:
// real S/MIME envelopes signed with openssl under a test provider CA (trusted) and a rogue one.
import { mkdtempSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPecSignaturesPlugin } from '@gea/plugin-pec-signatures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { data, fixture, FIXTURE_RECIPIENTS, FIXTURE_SENDER, pecWorld, protocolToken, REGISTER_RECEIPT, registerFixtureMessage, type Body, type PecWorld } from './fixtures/harness.ts';
import { TestPki, type TestSigner } from './fixtures/pki.ts';
import { signedReceipt, type ReceiptMailSpec } from './fixtures/smime.ts';

const trustDir = mkdtempSync(path.join(os.tmpdir(), 'gea-pec-provider-ca-'));
const plugins = [createPecSignaturesPlugin({ trustedCaDirectory: trustDir })];
const t = useTestApi(plugins);
let world: PecWorld;
let esempio: Body;
let token: string;
let pki: TestPki;
let provider: TestSigner;
let rogue: TestSigner;
let next = 0;

const REGISTER_EML = `mutation ($mailboxId: ID!, $eml: Upload!) {
  registerPecReceiptEml(mailboxId: $mailboxId, eml: $eml) {
    __typename
    ... on PecReceipt {
      id type source identifier deliveryAddress xml
      envelopeSignature { valid intact trusted format signer issuer signingTime problems verifiedAt }
      message { id state recipients { address state } }
    }
    ... on Error { code reason: message }
    ... on InputError { issues { path message } }
  }
}`;

async function postEml(eml: Uint8Array, name = 'ricevuta.eml') {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: REGISTER_EML, variables: { mailboxId: esempio.mailboxGid, eml: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.eml'] }));
  form.set('0', new File([new Uint8Array(eml)], name, { type: 'message/rfc822' }));
  const response = await world.api.yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-gea-client': 'protocol-test' },
    body: form,
  });
  const body = (await response.json()) as { data?: { registerPecReceiptEml: any }; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!.registerPecReceiptEml;
}

async function freshMessage() {
  const msgid = `eml-${next++}.${Date.now()}@pec.comune.esempio.example.it`;
  await registerFixtureMessage(world, esempio, token, msgid);
  return msgid;
}

async function spec(name: string, msgid: string, tipo = name.replace('.xml', '')): Promise<ReceiptMailSpec> {
  return {
    tipo,
    daticert: await fixture(name, msgid),
    from: 'posta-certificata@pec.gestore.example.it',
    to: FIXTURE_SENDER,
    subject: 'Trasmissione determinazione n. 123 del 20/11/2026',
    msgid,
    ...(tipo === 'avvenuta-consegna' ? { postacert: `From: ${FIXTURE_SENDER}\r\nTo: ${FIXTURE_RECIPIENTS[0]}\r\nSubject: Trasmissione\r\nMessage-ID: <${msgid}>\r\n\r\nTesto del messaggio.\r\n` } : {}),
  };
}

const counts = async () => ({ receipts: await t.db.prisma.pecReceipt.count() });

beforeAll(async () => {
  pki = await TestPki.create();
  const ca = await pki.ca('Gestore PEC Test CA');
  const rogueCa = await pki.ca('Rogue CA');
  await writeFile(path.join(trustDir, 'provider-ca.pem'), ca.pem);
  const validity = { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2099-12-31T00:00:00Z') };
  provider = await pki.signer(ca, 'provider', { cn: 'posta-certificata@pec.gestore.example.it', taxCode: 'GSTPEC80A01H501U' }, validity);
  rogue = await pki.signer(rogueCa, 'rogue', { cn: 'posta-certificata@pec.gestore.example.it', taxCode: 'GSTPEC80A01H501U' }, validity);
  world = await pecWorld(t.db, plugins, ['esempio']);
  esempio = world.bodies[0]!;
  token = (await protocolToken(world, esempio, 'Protocollo')).token;
}, 120_000);

afterAll(async () => {
  await pki?.dispose();
});

describe('receipts as signed .eml', () => {
  it('a multipart/signed delivery receipt is registered: daticert extracted, provider signature verified, original kept byte for byte', async () => {
    const msgid = await freshMessage();
    await data(world.api, REGISTER_RECEIPT, { mailboxId: esempio.mailboxGid, daticert: await fixture('accettazione.xml', msgid) }, token);
    const eml = await signedReceipt(pki, provider, await spec('avvenuta-consegna.xml', msgid));
    const result = await postEml(eml);
    expect(result).toMatchObject({
      __typename: 'PecReceipt',
      type: 'AVVENUTA_CONSEGNA',
      source: 'EML',
      deliveryAddress: FIXTURE_RECIPIENTS[0],
      xml: await fixture('avvenuta-consegna.xml', msgid),
      envelopeSignature: { valid: true, intact: true, trusted: true, format: 'multipart/signed', problems: [], issuer: 'C=IT, O=GEA Test, CN=Gestore PEC Test CA' },
      message: { state: 'PARTIALLY_DELIVERED' },
    });
    expect(result.envelopeSignature.signer).toContain('CN=posta-certificata@pec.gestore.example.it');
    expect(Math.abs(Date.parse(result.envelopeSignature.signingTime) - Date.now())).toBeLessThan(10 * 60_000);
    const id = Buffer.from(result.id, 'base64').toString().split(':')[1];
    const original = await world.api.yoga.fetch(`http://yoga/pec-signatures/receipts/${id}/receipt.eml`, { headers: { authorization: `Bearer ${token}` } });
    expect(original.status).toBe(200);
    expect(original.headers.get('content-type')).toBe('message/rfc822');
    expect(Buffer.from(await original.arrayBuffer()).equals(eml)).toBe(true);
    // The client downloads the same bytes through GraphQL (its bearer token is not sent by a plain link).
    const viaGraphql = await data(world.api, 'query ($id: ID!) { node(id: $id) { ... on PecReceipt { emlBase64 } } }', { id: result.id }, token);
    expect(Buffer.from(viaGraphql.node.emlBase64, 'base64').equals(eml)).toBe(true);
    const xml = await world.api.yoga.fetch(`http://yoga/pec-signatures/receipts/${id}/daticert.xml`, { headers: { authorization: `Bearer ${token}` } });
    expect(await xml.text()).toBe(await fixture('avvenuta-consegna.xml', msgid));
  });

  it('an opaque application/pkcs7-mime receipt is registered the same way', async () => {
    const msgid = await freshMessage();
    const result = await postEml(await signedReceipt(pki, provider, await spec('accettazione.xml', msgid), { opaque: true }));
    expect(result).toMatchObject({ __typename: 'PecReceipt', type: 'ACCETTAZIONE', source: 'EML', envelopeSignature: { valid: true, intact: true, trusted: true, format: 'application/pkcs7-mime' }, message: { state: 'ACCEPTED' } });
  });

  it('an .eml saved with LF line ends (as mail stores on Unix keep it) still verifies: the signed part is checked in canonical CRLF form', async () => {
    const msgid = await freshMessage();
    const eml = (await signedReceipt(pki, provider, await spec('accettazione.xml', msgid))).toString('latin1').replace(/\r\n/g, '\n');
    const result = await postEml(Buffer.from(eml, 'latin1'));
    expect(result).toMatchObject({ __typename: 'PecReceipt', envelopeSignature: { valid: true, intact: true } });
  });

  it('a tampered receipt (daticert changed after signing) is refused, and nothing is stored', async () => {
    const msgid = await freshMessage();
    const genuine = await signedReceipt(pki, provider, await spec('errore-consegna.xml', msgid));
    const forged = (await fixture('avvenuta-consegna.xml', msgid)).replace('<consegna>ufficio.tributi@', '<consegna>info@esterno.example.it</consegna><!--').replace('</consegna>\n  </dati>', '-->\n  </dati>');
    const b64 = (s: string) => (Buffer.from(s).toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
    const text = genuine.toString('latin1');
    const tampered = text.replace(b64(await fixture('errore-consegna.xml', msgid)), b64(forged.replace('avvenuta-consegna', 'errore-consegna')));
    expect(tampered).not.toBe(text);
    const before = await counts();
    const result = await postEml(Buffer.from(tampered, 'latin1'));
    expect(result.__typename).toBe('InputError');
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0].path).toEqual(['eml']);
    expect(result.issues[0].message).toMatch(/^the provider's signature does not match the envelope's content: the receipt was altered or damaged/);
    expect(await counts()).toEqual(before);
  });

  it('a receipt signed under an untrusted CA is registered with its signature reported untrusted', async () => {
    const msgid = await freshMessage();
    const result = await postEml(await signedReceipt(pki, rogue, await spec('accettazione.xml', msgid)));
    expect(result).toMatchObject({ __typename: 'PecReceipt', envelopeSignature: { valid: false, intact: true, trusted: false, issuer: 'C=IT, O=GEA Test, CN=Rogue CA' } });
    expect(result.envelopeSignature.problems.length).toBeGreaterThan(0);
  });

  it('a receipt first registered from its daticert.xml, then as .eml, is the same receipt: the envelope is added', async () => {
    const msgid = await freshMessage();
    const first = (await data(world.api, REGISTER_RECEIPT, { mailboxId: esempio.mailboxGid, daticert: await fixture('accettazione.xml', msgid) }, token)).registerPecReceipt;
    const before = await counts();
    const again = await postEml(await signedReceipt(pki, provider, await spec('accettazione.xml', msgid)));
    expect(again).toMatchObject({ id: first.id, source: 'EML', envelopeSignature: { valid: true } });
    expect(await counts()).toEqual(before);
  });

  it('headers that contradict the daticert, a message that is not S/MIME and an envelope without daticert.xml are refused', async () => {
    const msgid = await freshMessage();
    const wrongType = (await signedReceipt(pki, provider, await spec('accettazione.xml', msgid))).toString('latin1').replace('X-Ricevuta: accettazione', 'X-Ricevuta: avvenuta-consegna');
    expect((await postEml(Buffer.from(wrongType, 'latin1'))).issues).toEqual([
      { path: ['eml', 'X-Ricevuta'], message: 'is "avvenuta-consegna" but daticert.xml is a accettazione receipt' },
    ]);
    const wrongRef = (await signedReceipt(pki, provider, await spec('accettazione.xml', msgid))).toString('latin1').replace(`X-Riferimento-Message-ID: <${msgid}>`, 'X-Riferimento-Message-ID: <altro@host>');
    expect((await postEml(Buffer.from(wrongRef, 'latin1'))).issues).toEqual([
      { path: ['eml', 'X-Riferimento-Message-ID'], message: `is <altro@host> but daticert.xml is about <${msgid}>` },
    ]);
    const plain = Buffer.from(`From: a@b.it\r\nTo: c@d.it\r\nSubject: x\r\nContent-Type: text/plain\r\n\r\nnot a receipt\r\n`);
    expect((await postEml(plain)).issues).toEqual([
      { path: ['eml', 'Content-Type'], message: 'is text/plain: a PEC receipt is an S/MIME signed message (multipart/signed or application/pkcs7-mime)' },
    ]);
    const noDaticert = await signedReceipt(pki, provider, { ...(await spec('accettazione.xml', msgid)), daticert: '' });
    const stripped = noDaticert.toString('latin1').replace('filename="daticert.xml"', 'filename="altro.xml"');
    expect((await postEml(Buffer.from(stripped, 'latin1'))).issues).toEqual([{ path: ['eml', 'daticert.xml'], message: 'is missing: the envelope carries no daticert.xml' }]);
    const invalid = await signedReceipt(pki, provider, { ...(await spec('accettazione.xml', msgid)), daticert: (await fixture('accettazione.xml', msgid)).replace('tipo="accettazione"', 'tipo="ricevuta"') });
    expect((await postEml(invalid)).issues).toEqual([
      { path: ['eml', 'daticert.xml', 'postacert', '@tipo'], message: expect.stringMatching(/^"ricevuta" is not a receipt type/) },
    ]);
  });
});
