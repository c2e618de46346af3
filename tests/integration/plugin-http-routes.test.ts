import { definePlugin, GeaError, type GeaPlugin } from '@gea/core';
import { createPecSignaturesPlugin } from '@gea/plugin-pec-signatures';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApi, useTestApi, type TestApi } from '@gea/test-kit/api.ts';
import { data, fixture, pecWorld, protocolToken, REGISTER_RECEIPT, registerFixtureMessage, type PecWorld } from '../../plugins/pec-signatures/tests/fixtures/harness.ts';

// A plugin's HTTP routes under /<key>/ go through the API's request id, authentication, typed
// errors and masking, like /graphql: here the pec-signatures download of a receipt's original
// daticert.xml, and a test plugin whose routes are public or fail on purpose.
const probe = definePlugin({
  key: 'route-probe',
  name: 'Route probe',
  http: [
    { method: 'GET', path: '/public/:name', access: 'public', handle: (_request, { params, context }) => Response.json({ hello: params.name, actor: context.actor.kind }) },
    {
      method: 'POST',
      path: '/fail/:how',
      handle: (_request, { params }) => {
        if (params.how === 'typed') throw new GeaError('CONFLICT', 'already done');
        throw new Error('database password is hunter2');
      },
    },
  ],
});
const plugins: GeaPlugin[] = [createPecSignaturesPlugin(), probe];
const t = useTestApi(plugins);
let world: PecWorld;
let api: TestApi;
let esempioToken: string;
let altroToken: string;
let receiptId: string;
let receiptXml: string;

const get = (path: string, token?: string, init: RequestInit = {}) =>
  api.yoga.fetch(`http://yoga${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) } });

beforeAll(async () => {
  world = await pecWorld(t.db, plugins, ['esempio', 'altro']);
  api = createTestApi(t.db, plugins, { realAuth: true });
  const [esempio, altro] = world.bodies as [PecWorld['bodies'][0], PecWorld['bodies'][0]];
  esempioToken = (await protocolToken(world, esempio, 'Protocollo esempio')).token;
  altroToken = (await protocolToken(world, altro, 'Protocollo altro')).token;
  await registerFixtureMessage(world, esempio, esempioToken);
  receiptXml = await fixture('accettazione.xml');
  const registered = await data(world.api, REGISTER_RECEIPT, { mailboxId: esempio.mailboxGid, daticert: receiptXml }, esempioToken);
  expect(registered.registerPecReceipt.__typename).toBe('PecReceipt');
  receiptId = Buffer.from(registered.registerPecReceipt.id, 'base64').toString('utf8').split(':')[1]!;
});

describe('a plugin route: the original daticert.xml of a receipt', () => {
  it('is downloaded as registered by a reader of its body, with the request id echoed', async () => {
    const response = await get(`/pec-signatures/receipts/${receiptId}/daticert.xml`, esempioToken, { headers: { 'x-request-id': 'route-test-0001' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="daticert.xml"/);
    expect(response.headers.get('x-request-id')).toBe('route-test-0001');
    expect(await response.text()).toBe(receiptXml);
  });

  it('answers HEAD without a body', async () => {
    const response = await get(`/pec-signatures/receipts/${receiptId}/daticert.xml`, esempioToken, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('refuses anonymous callers with 401 before looking anything up', async () => {
    const response = await get(`/pec-signatures/receipts/${receiptId}/daticert.xml`);
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: { extensions: { code: string; requestId: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors[0]!.extensions.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('refuses a revoked or unknown token as /graphql does', async () => {
    const response = await get(`/pec-signatures/receipts/${receiptId}/daticert.xml`, `gea_AAAAAAAA_${'x'.repeat(43)}`);
    expect(response.status).toBe(401);
  });

  it('answers 404 to another body\'s reader, as to an id that does not exist', async () => {
    const other = await get(`/pec-signatures/receipts/${receiptId}/daticert.xml`, altroToken);
    const missing = await get('/pec-signatures/receipts/0190c3f2-0000-7000-8000-000000000000/daticert.xml', esempioToken);
    const malformed = await get('/pec-signatures/receipts/not-an-id/daticert.xml', esempioToken);
    for (const response of [other, missing, malformed]) {
      expect(response.status).toBe(404);
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('NOT_FOUND');
    }
  });

  it('answers MODULE_DISABLED once the module is switched off for the body', async () => {
    const esempio = world.bodies[0]!;
    await t.db.prisma.moduleEnablement.updateMany({ where: { entityId: esempio.id, moduleKey: 'pec-signatures' }, data: { enabled: false } });
    try {
      const response = await get(`/pec-signatures/receipts/${receiptId}/daticert.xml`, esempioToken);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('MODULE_DISABLED');
    } finally {
      await t.db.prisma.moduleEnablement.updateMany({ where: { entityId: esempio.id, moduleKey: 'pec-signatures' }, data: { enabled: true } });
    }
  });

  it('answers 405 with the allowed methods to another method on a route path', async () => {
    const response = await get(`/pec-signatures/receipts/${receiptId}/daticert.xml`, esempioToken, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });
});

describe('route access and errors', () => {
  it('serves a public route to anyone, decoding its parameters', async () => {
    const response = await get('/route-probe/public/Borgo%20San%20Lorenzo');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ hello: 'Borgo San Lorenzo', actor: 'anonymous' });
  });

  it('turns a typed error into its code and status', async () => {
    const response = await get('/route-probe/fail/typed', esempioToken, { method: 'POST' });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { errors: { message: string; extensions: { code: string } }[] }).errors[0]).toMatchObject({
      message: 'already done',
      extensions: { code: 'CONFLICT' },
    });
  });

  it('masks an unexpected error, logging it with the request id', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const response = await get('/route-probe/fail/crash', esempioToken, { method: 'POST', headers: { 'x-request-id': 'route-test-crash' } });
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).not.toContain('hunter2');
      expect(JSON.parse(text)).toEqual({ errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'route-test-crash' } }] });
      expect(logged.mock.calls.some((call) => String(call[0]).includes('route-test-crash'))).toBe(true);
    } finally {
      logged.mockRestore();
    }
  });

  it('leaves paths that are no route to the rest of the server', async () => {
    const response = await get('/route-probe/nothing-here');
    expect(response.status).toBe(404);
  });
});
