// The guide's walkthrough (docs/integrations/protocol-systems.md, section 10) as written: a real
// server on a fresh embedded database with the demo data, the GraphQL steps taken from the guide's
// own code blocks, and the example client started with the guide's own command line.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '@gea/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '@gea/test-kit/server-process.ts';

const GUIDE = path.join(repoRoot, 'docs/integrations/protocol-systems.md');
const TIMEOUT = 900_000;

let tmp: string;
let server: ServerProcess;
let url: string;
let steps: { graphql: string[]; client: string; start: string };

/** The fenced blocks of section 10, indented or not, by language. */
function walkthrough(guide: string) {
  const section = guide.slice(guide.indexOf('## 10.'));
  const blocks = [...section.matchAll(/^([ \t]*)```(\w+)\n([\s\S]*?)^\1```/gm)].map(([, indent, lang, body]) => ({
    lang: lang!,
    code: body!.replace(new RegExp(`^${indent}`, 'gm'), '').trim(),
  }));
  const shells = blocks.filter((b) => b.lang === 'sh');
  return { graphql: blocks.filter((b) => b.lang === 'graphql').map((b) => b.code), client: shells.at(-1)!.code, start: shells[0]!.code };
}

async function graphql(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    // No kept-alive connection: the client's runs (spawnSync) block this process for seconds, so a
    // pooled socket the server closed meanwhile would be reused before its close is noticed.
    headers: { connection: 'close', 'content-type': 'application/json', 'x-gea-client': 'walkthrough-test', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

/** The guide's client command, with this server's URL and the token in place of the placeholders. */
function runClient(command: string, token: string) {
  const line = command.replace('GEA_API_URL=http://127.0.0.1:4000/graphql', `GEA_API_URL=${url}`).replace('GEA_TOKEN=gea_...', `GEA_TOKEN=${token}`);
  expect(line).toContain(`GEA_API_URL=${url}`);
  const result = spawnSync('bash', ['-c', line], { cwd: repoRoot, encoding: 'utf8', timeout: 300_000, env: { ...process.env, INIT_CWD: undefined } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'gea-e2e-walkthrough-'));
  steps = walkthrough(await readFile(GUIDE, 'utf8'));
  // Step 1 (`npm start` on a fresh clone): the server on a new embedded database, which seeds the demo data.
  server = startServerProcess({ GEA_DATA_DIR: path.join(tmp, 'data'), GEA_WEB_CLIENT: 'off' });
  url = await server.ready;
}, TIMEOUT);

afterAll(async () => {
  await server?.stop();
  await rm(tmp, { recursive: true, force: true });
});

describe('protocol-systems guide, section 10', () => {
  it('starts as the guide says: npm ci, npm start', () => {
    expect(steps.start).toBe('npm ci\nnpm start');
  });

  it(
    'runs as written: sign in, token, protocol system, then the client reaches DELIVERED and explains it; again: the same; a wrong path writes nothing',
    async () => {
      const [login, offices, createToken, setProtocolSystem] = steps.graphql;
      expect(steps.graphql).toHaveLength(4);
      const session = (await graphql(login!)).login.token as string;
      const office = ((await graphql(offices!, {}, session)).registryOffices as { id: string; entity: { id: string; name: string }; mailboxes: { address: string }[] }[]).find((o) =>
        o.mailboxes.some((m) => m.address === 'protocollo@pec.comune.cantagallo.example.it'),
      );
      expect(office?.entity.name).toBe('Cantagallo');
      const created = (await graphql(createToken!, { entityId: office!.entity.id }, session)).createApiToken;
      expect(created.token).toMatch(/^gea_/);
      const named = (await graphql(setProtocolSystem!, { officeId: office!.id, tokenId: created.apiToken.id }, session)).setRegistryOfficeProtocolSystem;
      expect(named.protocolSystem).toEqual({ name: 'Protocollo di esempio', tokenUsable: true });

      const first = runClient(steps.client, created.token);
      expect(first.stderr.replace(/^.*ExperimentalWarning.*$|^.*--trace-warnings.*$/gm, '').trim()).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/message registered \(SENT\) in AOO /);
      expect(first.stdout).toContain('apps/protocol-client/examples/accettazione.xml: ACCETTAZIONE recorded, message now ACCEPTED');
      expect(first.stdout).toContain('apps/protocol-client/examples/avvenuta-consegna-tributi.xml: AVVENUTA_CONSEGNA recorded, message now PARTIALLY_DELIVERED');
      expect(first.stdout).toContain('apps/protocol-client/examples/avvenuta-consegna-carmignano.xml: AVVENUTA_CONSEGNA recorded, message now DELIVERED');
      expect(first.stdout.trim().split('\n').at(-1)).toBe('message DELIVERED: delivered to every recipient');

      const again = runClient(steps.client, created.token);
      expect(again.status).toBe(0);
      expect(again.stdout.trim().split('\n').at(-1)).toBe('message DELIVERED: delivered to every recipient');

      // Without the last receipt (copies of the examples about another message), the message stays
      // PARTIALLY_DELIVERED and the client says who is waiting.
      for (const name of ['accettazione.xml', 'avvenuta-consegna-tributi.xml']) {
        const text = await readFile(path.join(repoRoot, 'apps/protocol-client/examples', name), 'utf8');
        await writeFile(path.join(tmp, name), text.replaceAll('7c1e5a', '7c1e5b'));
      }
      const partial = runClient(
        steps.client
          .replace('7c1e5a', '7c1e5b')
          .replace(/apps\/protocol-client\/examples\/(accettazione|avvenuta-consegna-tributi)\.xml/g, (_m, name: string) => path.join(tmp, `${name}.xml`))
          .replace(/ \\\n\s*apps\/protocol-client\/examples\/avvenuta-consegna-carmignano\.xml/, ''),
        created.token,
      );
      expect(partial.status).toBe(0);
      expect(partial.stdout.trim().split('\n').at(-1)).toBe(
        'message PARTIALLY_DELIVERED: delivered to some recipients; the others are waiting for a delivery receipt or failed; not delivered: protocollo@pec.comune.carmignano.example.it (PENDING)',
      );

      // Receipts about another message than the one given: recorded there, and the client says so.
      const mismatched = runClient(steps.client.replace('7c1e5a', '7c1e5d'), created.token);
      expect(mismatched.status).toBe(1);
      expect(mismatched.stderr).toContain(
        'apps/protocol-client/examples/accettazione.xml: ACCETTAZIONE recorded for another message, <20261120103000.7c1e5a@pec.comune.cantagallo.example.it> (its msgid), not this one',
      );

      // A wrong path: the client stops before registering anything.
      const wrong = runClient(steps.client.replace('7c1e5a', '7c1e5c').replace('examples/accettazione.xml', 'examples/accettazione.xlm'), created.token);
      expect(wrong.status).toBe(2);
      expect(wrong.stderr).toContain(`apps/protocol-client/examples/accettazione.xlm: cannot read it (no such file; paths are relative to ${repoRoot}). Nothing was registered.`);
      const messages = await graphql(
        'query ($id: String!) { pecMessages(first: 5, filter: { messageId: $id }) { edges { node { id } } } }',
        { id: '20261120103000.7c1e5c@pec.comune.cantagallo.example.it' },
        created.token,
      );
      expect(messages.pecMessages.edges).toEqual([]);
    },
    TIMEOUT,
  );
});
