import { createPecSignaturesPlugin } from '@gea/plugin-pec-signatures';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import {
  data,
  fixture,
  FIXTURE_RECIPIENTS,
  FIXTURE_SENDER,
  pecWorld,
  protocolToken,
  REGISTER_MESSAGE,
  REGISTER_RECEIPT,
  registerFixtureMessage,
  type Body,
  type PecWorld,
} from './fixtures/harness.ts';

const plugins = [createPecSignaturesPlugin()];
const t = useTestApi(plugins);
let world: PecWorld;
let esempio: Body;
let token: string;
let next = 0;

/** A fresh outgoing message (its own Message-ID), and a function posting fixtures about it. */
async function freshMessage() {
  const msgid = `test-${next++}.${Date.now()}@pec.comune.esempio.example.it`;
  const message = await registerFixtureMessage(world, esempio, token, msgid);
  const receipt = async (name: string) =>
    (await data(world.api, REGISTER_RECEIPT, { mailboxId: esempio.mailboxGid, daticert: await fixture(name, msgid) }, token)).registerPecReceipt;
  return { message, msgid, receipt };
}

const gidToId = (gid: string) => Buffer.from(gid, 'base64').toString().split(':')[1]!;
const counts = async () => ({ receipts: await t.db.prisma.pecReceipt.count(), recipients: await t.db.prisma.pecRecipient.count() });

beforeAll(async () => {
  world = await pecWorld(t.db, plugins, ['esempio']);
  esempio = world.bodies[0]!;
  token = (await protocolToken(world, esempio, 'Protocollo')).token;
});

describe('receipts from daticert.xml', () => {
  it.each([
    ['accettazione.xml', 'ACCETTAZIONE', 'ACCEPTED', { [FIXTURE_RECIPIENTS[0]!]: 'PENDING', [FIXTURE_RECIPIENTS[1]!]: 'PENDING' }],
    ['presa-in-carico.xml', 'PRESA_IN_CARICO', 'ACCEPTED', { [FIXTURE_RECIPIENTS[0]!]: 'PENDING' }],
    ['avvenuta-consegna.xml', 'AVVENUTA_CONSEGNA', 'PARTIALLY_DELIVERED', { [FIXTURE_RECIPIENTS[0]!]: 'DELIVERED', [FIXTURE_RECIPIENTS[1]!]: 'PENDING' }],
    ['preavviso-errore-consegna.xml', 'PREAVVISO_ERRORE_CONSEGNA', 'ACCEPTED', { [FIXTURE_RECIPIENTS[1]!]: 'PENDING' }],
    ['errore-consegna.xml', 'ERRORE_CONSEGNA', 'ACCEPTED', { [FIXTURE_RECIPIENTS[1]!]: 'ERROR', [FIXTURE_RECIPIENTS[0]!]: 'PENDING' }],
    ['rilevazione-virus.xml', 'RILEVAZIONE_VIRUS', 'ACCEPTED', { [FIXTURE_RECIPIENTS[0]!]: 'ERROR' }],
    ['non-accettazione.xml', 'NON_ACCETTAZIONE', 'ERROR', { [FIXTURE_RECIPIENTS[0]!]: 'ERROR', [FIXTURE_RECIPIENTS[1]!]: 'ERROR' }],
  ])('%s is parsed, linked to its message by msgid and moves it', async (name, type, state, recipientStates) => {
    const { message, receipt } = await freshMessage();
    const result = await receipt(name);
    expect(result).toMatchObject({ __typename: 'PecReceipt', type, message: { id: message.id, state } });
    const byAddress = Object.fromEntries((result.message.recipients as { address: string; state: string }[]).map((r) => [r.address, r.state]));
    expect(byAddress).toMatchObject(recipientStates);
  });

  it('posta-certificata certifies an incoming message', async () => {
    const incoming = await data(world.api, REGISTER_MESSAGE, {
      input: {
        mailboxId: esempio.mailboxGid,
        direction: 'INCOMING',
        messageId: 'a1b2c3d4.20261120091540@pec.fornitore.example.it',
        subject: 'Offerta per la procedura CIG 1234567A5B',
        sender: 'ufficio.appalti@pec.fornitore.example.it',
        recipients: [FIXTURE_SENDER],
      },
    }, token);
    expect(incoming.registerPecMessage.state).toBe('RECEIVED');
    const result = await data(world.api, REGISTER_RECEIPT, { mailboxId: esempio.mailboxGid, daticert: await fixture('posta-certificata.xml') }, token);
    expect(result.registerPecReceipt).toMatchObject({ type: 'POSTA_CERTIFICATA', message: { id: incoming.registerPecMessage.id, state: 'RECEIVED' } });
  });

  it('every receipt of a message shares its identificativo: acceptance, then delivery to each recipient and errors are all recorded, per recipient', async () => {
    const msgid = `shared-${next++}.${Date.now()}@pec.comune.esempio.example.it`;
    const registered = await data(world.api, REGISTER_MESSAGE, {
      input: { mailboxId: esempio.mailboxGid, direction: 'OUTGOING', messageId: msgid, subject: 'Trasmissione', sender: FIXTURE_SENDER, recipients: FIXTURE_RECIPIENTS },
    }, token);
    const post = async (name: string) =>
      (await data(world.api, REGISTER_RECEIPT, { mailboxId: esempio.mailboxGid, daticert: await fixture(name, msgid) }, token)).registerPecReceipt;
    const accepted = await post('accettazione.xml');
    expect(accepted.message.state).toBe('ACCEPTED');
    // The delivery receipt carries the acceptance's identificativo: before, it was refused as a conflict.
    const delivered = await post('avvenuta-consegna.xml');
    expect(delivered).toMatchObject({ __typename: 'PecReceipt', type: 'AVVENUTA_CONSEGNA', identifier: accepted.identifier, message: { state: 'PARTIALLY_DELIVERED' } });
    const warned = await post('preavviso-errore-consegna.xml');
    expect(warned).toMatchObject({ __typename: 'PecReceipt', message: { state: 'PARTIALLY_DELIVERED' } });
    const failed = await post('errore-consegna.xml');
    expect(failed).toMatchObject({ __typename: 'PecReceipt', type: 'ERRORE_CONSEGNA', identifier: accepted.identifier, deliveryAddress: FIXTURE_RECIPIENTS[1] });
    expect(failed.message.state).toBe('PARTIALLY_DELIVERED');
    const states = Object.fromEntries((failed.message.recipients as { address: string; state: string; error: string | null }[]).map((r) => [r.address, [r.state, r.error]]));
    expect(states).toEqual({
      [FIXTURE_RECIPIENTS[0]!]: ['DELIVERED', null],
      [FIXTURE_RECIPIENTS[1]!]: ['ERROR', 'altro: 5.4.1 - Recipient address rejected: il destinatario non accetta messaggi'],
    });
    const stored = await t.db.prisma.pecReceipt.findMany({ where: { message: { messageId: msgid } }, select: { identifier: true, receiptKey: true } });
    expect(new Set(stored.map((r) => r.identifier))).toEqual(new Set([accepted.identifier]));
    expect(stored.map((r) => r.receiptKey).sort()).toEqual([
      'ACCETTAZIONE||',
      `AVVENUTA_CONSEGNA|${FIXTURE_RECIPIENTS[0]}|`,
      `ERRORE_CONSEGNA|${FIXTURE_RECIPIENTS[1]}|`,
      `PREAVVISO_ERRORE_CONSEGNA|${FIXTURE_RECIPIENTS[1]}|`,
    ]);
    expect(registered.registerPecMessage.state).toBe('SENT');
  });

  it('receipts out of order reach the same state; a delivery followed by an error about the same recipient stays delivered', async () => {
    const { receipt, message, msgid } = await freshMessage();
    const failed = await receipt('errore-consegna.xml');
    expect(failed.message).toMatchObject({ id: message.id, state: 'ACCEPTED' });
    const delivered = await receipt('avvenuta-consegna.xml');
    expect(delivered.message.state).toBe('PARTIALLY_DELIVERED');
    const accepted = await receipt('accettazione.xml');
    expect(accepted.message.state).toBe('PARTIALLY_DELIVERED');
    // A (wrong or late) error about the recipient already delivered to: the delivery stands.
    const error = (await fixture('errore-consegna.xml', msgid)).replace(/<consegna>[^<]+/, `<consegna>${FIXTURE_RECIPIENTS[0]}`);
    const late = (await data(world.api, REGISTER_RECEIPT, { mailboxId: esempio.mailboxGid, daticert: error }, token)).registerPecReceipt;
    expect(late).toMatchObject({ __typename: 'PecReceipt', type: 'ERRORE_CONSEGNA', message: { state: 'PARTIALLY_DELIVERED' } });
    const byAddress = Object.fromEntries((late.message.recipients as { address: string; state: string }[]).map((r) => [r.address, r.state]));
    expect(byAddress).toEqual({ [FIXTURE_RECIPIENTS[0]!]: 'DELIVERED', [FIXTURE_RECIPIENTS[1]!]: 'ERROR' });
  });

  it('the same receipt twice changes nothing and returns the stored one; the same receipt with other content conflicts', async () => {
    const { receipt, message, msgid } = await freshMessage();
    await receipt('accettazione.xml');
    const first = await receipt('avvenuta-consegna.xml');
    const before = await counts();
    const again = await receipt('avvenuta-consegna.xml');
    expect(again).toEqual(first);
    expect(await counts()).toEqual(before);
    const stored = await t.db.prisma.pecMessage.findUniqueOrThrow({ where: { id: gidToId(message.id) } });
    expect(stored.state).toBe('PARTIALLY_DELIVERED');

    const other = await freshMessage();
    // The same receipt on another message is that message's receipt.
    expect((await other.receipt('avvenuta-consegna.xml')).__typename).toBe('PecReceipt');
    const beforeConflict = await counts();
    const later = (await fixture('avvenuta-consegna.xml', msgid)).replace('<ora>10:30:07</ora>', '<ora>10:31:07</ora>');
    const conflict = await data(world.api, REGISTER_RECEIPT, { mailboxId: esempio.mailboxGid, daticert: later }, token);
    expect(conflict.registerPecReceipt).toEqual({
      __typename: 'ConflictError',
      code: 'CONFLICT',
      reason: `a avvenuta-consegna receipt about ${FIXTURE_RECIPIENTS[0]} of message <${msgid}> is already registered with different content (identificativo, date, errore or provider)`,
    });
    expect(await counts()).toEqual(beforeConflict);
  });

  it.each([
    ['malformed.xml', [{ path: ['daticert'], message: expect.stringMatching(/^is not well-formed XML: .*intestazion/) }]],
    ['unknown-tipo.xml', [{ path: ['daticert', 'postacert', '@tipo'], message: expect.stringMatching(/^"ricevuta-di-ritorno" is not a receipt type/) }]],
    ['doctype-entity.xml', [{ path: ['daticert'], message: 'entity declarations are not allowed' }]],
    ['missing-consegna.xml', [{ path: ['daticert', 'postacert', 'dati', 'consegna'], message: 'is missing: a avvenuta-consegna receipt names the recipient it is about' }]],
  ])('%s is refused with the reason, and nothing is stored', async (name, issues) => {
    const { msgid, message } = await freshMessage();
    const before = await counts();
    const result = await data(world.api, REGISTER_RECEIPT, { mailboxId: esempio.mailboxGid, daticert: await fixture(name, msgid) }, token);
    expect(result.registerPecReceipt).toMatchObject({ __typename: 'InputError', code: 'BAD_USER_INPUT', issues });
    expect(await counts()).toEqual(before);
    const stored = await t.db.prisma.pecMessage.findUniqueOrThrow({ where: { id: gidToId(message.id) } });
    expect(stored.state).toBe('SENT');
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'registerPecReceipt' }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ outcome: 'FAILED', errorCode: 'BAD_USER_INPUT', entityId: esempio.id });
  });

  it('a receipt for an unknown message, from another sender, or about someone who is not a recipient is refused', async () => {
    const before = await counts();
    const unknown = await data(world.api, REGISTER_RECEIPT, { mailboxId: esempio.mailboxGid, daticert: await fixture('accettazione.xml', 'nobody@nowhere.example.it') }, token);
    expect(unknown.registerPecReceipt).toEqual({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
      reason: 'Outgoing message <nobody@nowhere.example.it> of mailbox protocollo@pec.comune.esempio.example.it not found',
    });
    const { msgid } = await freshMessage();
    const otherSender = (await fixture('accettazione.xml', msgid)).replace('<mittente>protocollo@', '<mittente>segreteria@');
    expect((await data(world.api, REGISTER_RECEIPT, { mailboxId: esempio.mailboxGid, daticert: otherSender }, token)).registerPecReceipt.issues[0].path).toEqual([
      'daticert', 'postacert', 'intestazione', 'mittente',
    ]);
    const stranger = (await fixture('avvenuta-consegna.xml', msgid)).replace(`<consegna>${FIXTURE_RECIPIENTS[0]}`, '<consegna>estraneo@pec.example.it');
    expect((await data(world.api, REGISTER_RECEIPT, { mailboxId: esempio.mailboxGid, daticert: stranger }, token)).registerPecReceipt.issues).toEqual([
      { path: ['daticert', 'postacert', 'dati', 'consegna'], message: `estraneo@pec.example.it is not a recipient of message <${msgid}>` },
    ]);
    expect((await counts()).receipts).toBe(before.receipts);
  });

  it('registering a message again is idempotent; other content under the same Message-ID conflicts; bad input names its field', async () => {
    const { message, msgid } = await freshMessage();
    expect((await registerFixtureMessage(world, esempio, token, msgid)).id).toBe(message.id);
    const changed = await data(world.api, REGISTER_MESSAGE, {
      input: { mailboxId: esempio.mailboxGid, direction: 'OUTGOING', messageId: msgid, subject: 'Altro oggetto', sender: FIXTURE_SENDER, recipients: [FIXTURE_RECIPIENTS[0]] },
    }, token);
    expect(changed.registerPecMessage).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' });
    const bad = await data(world.api, REGISTER_MESSAGE, {
      input: { mailboxId: esempio.mailboxGid, direction: 'OUTGOING', messageId: 'x y', subject: 's', sender: 'other@pec.example.it', recipients: ['not-an-address'] },
    }, token);
    expect(bad.registerPecMessage.issues[0]).toEqual({ path: ['input', 'messageId'], message: 'is not a Message-ID' });
    const noAddress = await data(world.api, REGISTER_MESSAGE, {
      input: { mailboxId: esempio.mailboxGid, direction: 'OUTGOING', messageId: 'z@x', subject: 's', sender: FIXTURE_SENDER, recipients: ['not-an-address'] },
    }, token);
    expect(noAddress.registerPecMessage.issues).toEqual([{ path: ['input', 'recipients', '0'], message: 'is not an e-mail address' }]);
    const wrongSender = await data(world.api, REGISTER_MESSAGE, {
      input: { mailboxId: esempio.mailboxGid, direction: 'OUTGOING', messageId: 'y@x', subject: 's', sender: 'other@pec.example.it', recipients: ['a@pec.example.it'], protocolNumber: '1' },
    }, token);
    expect(wrongSender.registerPecMessage.issues).toEqual([
      { path: ['input', 'sender'], message: 'an outgoing message is sent from the mailbox itself (protocollo@pec.comune.esempio.example.it)' },
      { path: ['input', 'protocolDate'], message: 'give protocol number and date together' },
    ]);
  });

  it('a page of messages with recipients, receipts and mailbox costs the same statements for 2 messages as for 6', async () => {
    const PAGE = `query ($n: Int!) { pecMessages(first: $n, filter: { direction: OUTGOING }) { edges { node {
      state mailbox { address registryOffice { code } } recipients { address state } receipts { type identifier message { state } }
    } } } }`;
    for (let i = 0; i < 6; i++) {
      const { receipt } = await freshMessage();
      await receipt('accettazione.xml');
    }
    const statements = async (n: number) => {
      const { result, statements } = await t.api.countStatements(() => data(world.api, PAGE, { n }, token));
      expect(result.pecMessages.edges).toHaveLength(n);
      // The authenticator's own reads (the token) are the same for both.
      return statements.filter((sql) => !/"ApiToken"/.test(sql)).length;
    };
    expect(await statements(6)).toBe(await statements(2));
  });
});
