// The sessions an API process keeps in memory (packages/core/src/auth/session-cache.ts): a signed-in
// request costs no session lookup, and whatever changes what authentication reads (a session
// revoked, a user disabled, a role taken away) holds from the next request, whether this process
// or another one (another API process, psql) made the change. PostgreSQL announces the changes of
// other processes (migration auth_change_notifications); the tests make them over a connection of
// their own, as another process would. On PGlite nothing is kept: every request looks up.
import inventory from '@gea/plugin-inventory';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@gea/db';
import { createTestApi, type TestApi } from '@gea/test-kit/api.ts';
import { createTestDatabase, testDatabaseKind } from '@gea/test-kit/database.ts';
import { seedBodies } from '@gea/test-kit/seed.ts';
import { createUser, sessionToken } from '@gea/test-kit/users.ts';

let db: Database;
let api: TestApi;
let other: pg.Client;
const onPostgres = testDatabaseKind() === 'postgres';

beforeAll(async () => {
  db = await createTestDatabase();
  api = createTestApi(db, [inventory], { realAuth: true });
  if (onPostgres) {
    other = new pg.Client({ connectionString: (db.target as { url: string }).url });
    await other.connect();
  }
});
afterAll(async () => {
  await other?.end();
  await db?.close();
});

/** A request with the token, and how many statements read the Session table for it. */
async function ask(token: string, query = '{ me { email } }') {
  let sessionReads = 0;
  const stop = db.onQuery((event) => {
    if (/FROM "(public"\.")?Session"/.test(event.query)) sessionReads++;
  });
  try {
    const response = await api.yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] }, sessionReads };
  } finally {
    stop();
  }
}

/** Asks until the answer satisfies `done` (another process's change is announced, not written here). */
async function askUntil(token: string, done: (answer: Awaited<ReturnType<typeof ask>>) => boolean, query?: string) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const answer = await ask(token, query);
    if (done(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Asks until the session is served from memory again (the listening connection is back). */
const untilKept = (token: string, query?: string) => askUntil(token, (answer) => answer.status === 200 && answer.sessionReads === 0, query);

const listenerPid = async () =>
  (await other.query<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database() and query = 'LISTEN gea_auth_changed'`)).rows[0]?.pid;

describe.runIf(onPostgres)('sessions kept in memory (PostgreSQL)', () => {
  it('a second request with the same session reads no session row', async () => {
    const user = await createUser(db, 'kept@example.it', [{ role: 'ICT_HEAD', entityId: null }]);
    const token = await sessionToken(db, user.id);
    const first = await ask(token);
    expect(first.body.data.me.email).toBe('kept@example.it');
    const again = await untilKept(token);
    expect(again.sessionReads).toBe(0);
    expect(again.body.data.me.email).toBe('kept@example.it');
  });

  it('a session revoked by another process is refused on the next request', async () => {
    const user = await createUser(db, 'revoked-elsewhere@example.it', [{ role: 'ICT_HEAD', entityId: null }]);
    const token = await sessionToken(db, user.id);
    expect((await untilKept(token)).sessionReads).toBe(0);
    await other.query(`update "Session" set "revokedAt" = now() where "userId" = $1`, [user.id]);
    const refused = await askUntil(token, (answer) => answer.status === 401);
    expect(refused.status).toBe(401);
    expect(refused.body.errors![0].extensions.code).toBe('TOKEN_REVOKED');
  });

  it('a session revoked in this process is refused at once, with no wait for an announcement', async () => {
    const user = await createUser(db, 'logout@example.it', [{ role: 'ICT_HEAD', entityId: null }]);
    const token = await sessionToken(db, user.id);
    expect((await untilKept(token)).sessionReads).toBe(0);
    const logout = await ask(token, 'mutation { logout }');
    expect(logout.body.data.logout).toBe(true);
    const refused = await ask(token);
    expect(refused.status).toBe(401);
    expect(refused.body.errors![0].extensions.code).toBe('TOKEN_REVOKED');
  });

  it('a role taken away, or the account disabled, by another process holds from the next request', async () => {
    const [body] = await seedBodies(db, 1, 1, 'SC');
    const user = await createUser(db, 'referent-elsewhere@example.it', [{ role: 'REFERENT', entityId: body!.id }]);
    const token = await sessionToken(db, user.id);
    const bodies = '{ entities(first: 10) { edges { node { id } } } }';
    const seen = (answer: Awaited<ReturnType<typeof ask>>) => answer.body.data?.entities.edges.length as number;
    const firstAnswer = await ask(token, bodies);
    expect(firstAnswer.body.errors).toBeUndefined();
    expect(seen(firstAnswer)).toBe(1);
    expect(seen(await untilKept(token, bodies))).toBe(1);
    await other.query(`delete from "RoleAssignment" where "userId" = $1`, [user.id]);
    expect(seen(await askUntil(token, (answer) => seen(answer) === 0, bodies))).toBe(0);
    await other.query(`update "User" set "active" = false where "id" = $1`, [user.id]);
    const refused = await askUntil(token, (answer) => answer.status === 401);
    expect(refused.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it("an API token is kept too; revoked, or its creator's role taken away, by another process, it loses its power on the next request", async () => {
    const [body] = await seedBodies(db, 1, 1, 'TK');
    const creator = await createUser(db, 'token-creator@example.it', [{ role: 'ICT_HEAD', entityId: null }]);
    const bodyGid = Buffer.from(`Entity:${body!.id}`).toString('base64');
    const created = await ask(
      await sessionToken(db, creator.id),
      `mutation { createApiToken(input: { name: "Protocollo", scopes: ["core:entities:read", "inventory:read", "inventory:write"], entityId: "${bodyGid}" }) { __typename ... on CreatedApiToken { token } } }`,
    );
    const token = created.body.data.createApiToken.token as string;
    const write = `mutation { createAsset(input: { entityId: "${bodyGid}", kind: LAPTOP }) { __typename } }`;
    const tokenReads = async (query: string) => {
      let reads = 0;
      const stop = db.onQuery((event) => {
        if (/FROM "(public"\.")?ApiToken"/.test(event.query)) reads++;
      });
      try {
        return { answer: await ask(token, query), reads };
      } finally {
        stop();
      }
    };
    expect((await tokenReads(write)).answer.body.data.createAsset.__typename).toBe('Asset');
    const deadline = Date.now() + 5_000;
    let kept = await tokenReads('{ me { email } }');
    while (kept.reads > 0 && Date.now() < deadline) kept = await tokenReads('{ me { email } }');
    expect(kept.reads).toBe(0);

    await other.query(`delete from "RoleAssignment" where "userId" = $1`, [creator.id]);
    const refused = await askUntil(token, (answer) => answer.body.errors?.[0]?.extensions?.code === 'INSUFFICIENT_SCOPE', write);
    expect(refused.body.errors![0].extensions).toMatchObject({ code: 'INSUFFICIENT_SCOPE', permission: 'inventory:write' });

    await other.query(`update "ApiToken" set "revokedAt" = now() where "name" = 'Protocollo'`);
    const revoked = await askUntil(token, (answer) => answer.status === 401);
    expect(revoked.body.errors![0].extensions.code).toBe('TOKEN_REVOKED');
  });

  it('noting when a session was last used keeps what is kept', async () => {
    const user = await createUser(db, 'touched@example.it', [{ role: 'ICT_HEAD', entityId: null }]);
    const token = await sessionToken(db, user.id);
    expect((await untilKept(token)).sessionReads).toBe(0);
    await other.query(`update "Session" set "lastUsedAt" = now() where "userId" = $1`, [user.id]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await ask(token)).sessionReads).toBe(0);
  });

  it('while the listening connection is lost nothing is kept, so a revocation made meanwhile still holds; then keeping resumes', async () => {
    const user = await createUser(db, 'listener-lost@example.it', [{ role: 'ICT_HEAD', entityId: null }]);
    const token = await sessionToken(db, user.id);
    expect((await untilKept(token)).sessionReads).toBe(0);
    const pid = await listenerPid();
    expect(pid).toBeTypeOf('number');
    await other.query('select pg_terminate_backend($1)', [pid]);
    // Revoked while nobody listens: no announcement reaches this process.
    await other.query(`update "Session" set "revokedAt" = now() where "userId" = $1`, [user.id]);
    const refused = await askUntil(token, (answer) => answer.status === 401);
    expect(refused.body.errors![0].extensions.code).toBe('TOKEN_REVOKED');

    const fresh = await sessionToken(db, user.id);
    const kept = await untilKept(fresh);
    expect(kept.sessionReads).toBe(0);
    expect(await listenerPid()).not.toBe(pid);
  });
});

describe.runIf(!onPostgres)('sessions on PGlite', () => {
  it('are looked up on every request (nothing announces changes, so nothing is kept)', async () => {
    const user = await createUser(db, 'embedded@example.it', [{ role: 'ICT_HEAD', entityId: null }]);
    const token = await sessionToken(db, user.id);
    for (let i = 0; i < 3; i++) {
      const answer = await ask(token);
      expect(answer.body.data.me.email).toBe('embedded@example.it');
      expect(answer.sessionReads).toBe(1);
    }
  });
});
