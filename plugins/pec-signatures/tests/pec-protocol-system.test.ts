import { createPecSignaturesPlugin } from '@gea/plugin-pec-signatures';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import {
  data,
  fixture,
  FIXTURE_RECIPIENTS,
  pecWorld,
  post,
  protocolToken,
  REGISTER_RECEIPT,
  registerFixtureMessage,
  type PecWorld,
} from './fixtures/harness.ts';

const plugins = [createPecSignaturesPlugin()];
const t = useTestApi(plugins);
let world: PecWorld;

const MESSAGE = `query ($id: ID!) { node(id: $id) { ... on PecMessage {
  state protocolNumber mailbox { address registryOffice { code protocolSystem { name tokenPrefix tokenUsable } } }
  recipients { address kind state deliveredAt }
  receipts { type identifier issuedAt }
} } }`;

beforeAll(async () => {
  // "esempio" has the fixtures' sender address; "altro" is another body with its own protocol system.
  world = await pecWorld(t.db, plugins, ['esempio', 'altro']);
});

describe('a protocol system, end to end over HTTP with its own API token', () => {
  it('registers a message and its receipts, and reads where the message stands', async () => {
    const [esempio, altro] = world.bodies as [PecWorld['bodies'][0], PecWorld['bodies'][0]];
    const system = await protocolToken(world, esempio, 'Protocollo Esempio (Halley)');
    const linked = await data(world.api, `mutation ($id: ID!, $token: ID) {
      setRegistryOfficeProtocolSystem(id: $id, name: "Halley Protocollo", apiTokenId: $token) { __typename ... on RegistryOffice { protocolSystem { name tokenUsable } } }
    }`, { id: esempio.officeGid, token: system.id }, world.head);
    expect(linked.setRegistryOfficeProtocolSystem.protocolSystem).toEqual({ name: 'Halley Protocollo', tokenUsable: true });

    const message = await registerFixtureMessage(world, esempio, system.token);
    expect(message.state).toBe('SENT');

    const accepted = await data(world.api, REGISTER_RECEIPT, { mailboxId: esempio.mailboxGid, daticert: await fixture('accettazione.xml') }, system.token);
    expect(accepted.registerPecReceipt).toMatchObject({ __typename: 'PecReceipt', type: 'ACCETTAZIONE', message: { id: message.id, state: 'ACCEPTED' } });
    // The acceptance lists every recipient: the one the registration left out is added, as external.
    expect(accepted.registerPecReceipt.message.recipients).toEqual([
      { address: FIXTURE_RECIPIENTS[1], kind: 'EXTERNAL', state: 'PENDING', error: null },
      { address: FIXTURE_RECIPIENTS[0], kind: 'CERTIFIED', state: 'PENDING', error: null },
    ]);

    const delivered = await data(world.api, REGISTER_RECEIPT, { mailboxId: esempio.mailboxGid, daticert: await fixture('avvenuta-consegna.xml') }, system.token);
    expect(delivered.registerPecReceipt).toMatchObject({ type: 'AVVENUTA_CONSEGNA', deliveryAddress: FIXTURE_RECIPIENTS[0], message: { state: 'PARTIALLY_DELIVERED' } });

    const read = await data(world.api, MESSAGE, { id: message.id }, system.token);
    expect(read.node).toMatchObject({
      state: 'PARTIALLY_DELIVERED',
      protocolNumber: '2026/0001234',
      mailbox: { address: 'protocollo@pec.comune.esempio.example.it', registryOffice: { protocolSystem: { name: 'Halley Protocollo', tokenUsable: true } } },
      recipients: [
        { address: FIXTURE_RECIPIENTS[1], state: 'PENDING', deliveredAt: null },
        { address: FIXTURE_RECIPIENTS[0], state: 'DELIVERED', deliveredAt: '2026-11-20T09:30:07.000Z' },
      ],
      receipts: [
        { type: 'ACCETTAZIONE', issuedAt: '2026-11-20T09:30:02.000Z' },
        { type: 'AVVENUTA_CONSEGNA', issuedAt: '2026-11-20T09:30:07.000Z' },
      ],
    });
    const byMessageId = await data(world.api, '{ pecMessages(first: 5, filter: { messageId: "<20261120103000.4f2a9c@pec.comune.esempio.example.it>" }) { edges { node { id state } } } }', {}, system.token);
    expect(byMessageId.pecMessages.edges).toEqual([{ node: { id: message.id, state: 'PARTIALLY_DELIVERED' } }]);

    // Every mutation is on the audit trail, for the body, by the token, with its target.
    const trail = await t.db.prisma.auditEvent.findMany({ where: { operation: { in: ['registerPecMessage', 'registerPecReceipt'] } }, orderBy: { id: 'asc' } });
    expect(trail.map((e) => [e.operation, e.outcome, e.actorKind, e.actorId, e.entityId, e.targetType])).toEqual([
      ['registerPecMessage', 'SUCCESS', 'token', Buffer.from(system.id, 'base64').toString().split(':')[1], esempio.id, 'PecMessage'],
      ['registerPecReceipt', 'SUCCESS', 'token', Buffer.from(system.id, 'base64').toString().split(':')[1], esempio.id, 'PecReceipt'],
      ['registerPecReceipt', 'SUCCESS', 'token', Buffer.from(system.id, 'base64').toString().split(':')[1], esempio.id, 'PecReceipt'],
    ]);
    expect(trail[2]!.after).toMatchObject({ type: 'AVVENUTA_CONSEGNA', messageState: 'PARTIALLY_DELIVERED' });

    // Another body's protocol system sees nothing of it and cannot write to it.
    const outsider = await protocolToken(world, altro, 'Protocollo Altro');
    const denied = await post(world.api, MESSAGE, { id: message.id }, outsider.token);
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_SCOPE');
    expect(JSON.stringify(denied.body)).not.toContain('2026/0001234');
    const list = await data(world.api, '{ pecMessages(first: 10) { edges { node { id } } } pecMailboxes(first: 10) { totalCount edges { node { address } } } registryOffices { code } }', {}, outsider.token);
    expect(list).toEqual({
      pecMessages: { edges: [] },
      pecMailboxes: { totalCount: 1, edges: [{ node: { address: 'protocollo@pec.comune.altro.example.it' } }] },
      registryOffices: [{ code: 'AALTRO' }],
    });
    const write = await post(world.api, REGISTER_RECEIPT, { mailboxId: esempio.mailboxGid, daticert: await fixture('errore-consegna.xml') }, outsider.token);
    expect(write.body.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_SCOPE');
    const subscribeOther = await post(world.api, 'query ($id: ID!) { pecMessages(first: 1, filter: { entityId: $id }) { edges { node { id } } } }', { id: esempio.gid }, outsider.token);
    expect(subscribeOther.body.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_SCOPE');

    // A second token of the same body that is not the office's protocol system may read, not register.
    const sibling = await protocolToken(world, esempio, 'Script di prova');
    const siblingWrite = await post(world.api, REGISTER_RECEIPT, { mailboxId: esempio.mailboxGid, daticert: await fixture('errore-consegna.xml') }, sibling.token);
    expect(siblingWrite.body.errors?.[0]).toMatchObject({ extensions: { code: 'INSUFFICIENT_SCOPE' }, message: 'This API token is not the protocol system of the mailbox\'s registry office' });
    expect((await data(world.api, MESSAGE, { id: message.id }, sibling.token)).node.state).toBe('PARTIALLY_DELIVERED');
    const refused = await t.db.prisma.auditEvent.findMany({ where: { operation: 'registerPecReceipt', outcome: 'REFUSED' } });
    expect(refused).toHaveLength(2);

    // The protocol system itself records the last receipt: the message settles.
    const failed = await data(world.api, REGISTER_RECEIPT, { mailboxId: esempio.mailboxGid, daticert: await fixture('errore-consegna.xml') }, system.token);
    expect(failed.registerPecReceipt.message).toMatchObject({
      state: 'PARTIALLY_DELIVERED',
      recipients: [
        { address: FIXTURE_RECIPIENTS[1], state: 'ERROR', error: 'altro: 5.4.1 - Recipient address rejected: il destinatario non accetta messaggi' },
        { address: FIXTURE_RECIPIENTS[0], state: 'DELIVERED' },
      ],
    });
  });

  it('a token without the module\'s scopes, a revoked token and a body with the module off are refused', async () => {
    const [esempio] = world.bodies;
    const readOnly = await protocolToken(world, esempio!, 'Sola lettura', ['pec-signatures:read']);
    const write = await post(world.api, REGISTER_RECEIPT, { mailboxId: esempio!.mailboxGid, daticert: await fixture('accettazione.xml') }, readOnly.token);
    expect(write.body.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_SCOPE');
    const revoked = await protocolToken(world, esempio!, 'Revocato');
    await data(world.api, 'mutation ($id: ID!) { revokeApiToken(id: $id) { __typename } }', { id: revoked.id }, world.head);
    const afterRevoke = await post(world.api, '{ pecMailboxes(first: 1) { totalCount } }', {}, revoked.token);
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.body.errors?.[0]?.extensions?.code).toBe('TOKEN_REVOKED');

    await t.db.prisma.moduleEnablement.update({ where: { entityId_moduleKey: { entityId: esempio!.id, moduleKey: 'pec-signatures' } }, data: { enabled: false } });
    try {
      const off = await post(world.api, 'query ($id: ID!) { registryOffices(entityId: $id) { code } }', { id: esempio!.gid }, readOnly.token);
      expect(off.body.errors?.[0]?.extensions?.code).toBe('MODULE_DISABLED');
      expect((await data(world.api, '{ pecMailboxes(first: 10) { totalCount edges { node { address } } } }', {}, readOnly.token)).pecMailboxes).toEqual({ totalCount: 0, edges: [] });
    } finally {
      await t.db.prisma.moduleEnablement.update({ where: { entityId_moduleKey: { entityId: esempio!.id, moduleKey: 'pec-signatures' } }, data: { enabled: true } });
    }
  });

  it('the office\'s protocol system must be a live token of the same body holding the write scope', async () => {
    const [esempio, altro] = world.bodies;
    const foreign = await protocolToken(world, altro!, 'Altro ente');
    const readOnly = await protocolToken(world, esempio!, 'Sola lettura 2', ['pec-signatures:read']);
    const SET = `mutation ($id: ID!, $token: ID) { setRegistryOfficeProtocolSystem(id: $id, name: "X", apiTokenId: $token) { __typename ... on InputError { issues { path message } } } }`;
    expect((await data(world.api, SET, { id: esempio!.officeGid, token: foreign.id }, world.head)).setRegistryOfficeProtocolSystem.issues).toEqual([
      { path: ['apiTokenId'], message: 'the token must act for the registry office\'s body only' },
    ]);
    expect((await data(world.api, SET, { id: esempio!.officeGid, token: readOnly.id }, world.head)).setRegistryOfficeProtocolSystem.issues).toEqual([
      { path: ['apiTokenId'], message: 'the token must hold pec-signatures:write' },
    ]);
  });
});
