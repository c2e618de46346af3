// importAssets tells its caller how far it is (assetImportProgress over Server-Sent Events): the
// rows checked, then the rows written of the total, in the import's one transaction; nobody else
// hears of it, and a refused file writes nothing.
import inventory from '@gea/plugin-inventory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, useTestApi, type TestApi } from '@gea/test-kit/api.ts';
import { enableModules } from '@gea/test-kit/seed.ts';
import { createUser, sessionToken } from '@gea/test-kit/users.ts';

const t = useTestApi([inventory]);
let api: TestApi;
let staffToken: string;
let otherStaffToken: string;

const IMPORT = `mutation ($csv: String!, $dryRun: Boolean, $progressId: String) {
  importAssets(csv: $csv, dryRun: $dryRun, progressId: $progressId) {
    __typename
    ... on AssetImportResult { created }
    ... on AssetImportError { issues { line column message } }
    ... on InputError { issues { path message } }
  }
}`;
const PROGRESS = `subscription ($id: String!) { assetImportProgress(progressId: $id) { phase done total } }`;

async function post(query: string, variables: Record<string, unknown>, token: string) {
  const response = await api.yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: any[] };
}

/** The events of one subscription, read as they come. */
async function listen(token: string, progressId: string) {
  const controller = new AbortController();
  const response = await api.yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: PROGRESS, variables: { id: progressId } }),
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: any[] = [];
  let buffer = '';
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((line) => line.startsWith('data:'));
        if (block.includes('event: next') && data) events.push(JSON.parse(data.slice(5)));
      }
    }
  })();
  // The stream is open; a moment for the server side to attach to the bus.
  await new Promise((resolve) => setTimeout(resolve, 150));
  return {
    status: response.status,
    events,
    async close() {
      controller.abort();
      await reader.cancel().catch(() => undefined);
      await pump;
    },
  };
}

const file = (rows: number, prefix: string) =>
  ['body,inventory_tag,kind,purchase_date', ...Array.from({ length: rows }, (_, i) => `Comune Progresso,${prefix}-${i},LAPTOP,2024-01-0${(i % 9) + 1}`)].join('\n');

beforeAll(async () => {
  api = createTestApi(t.db, [inventory], { realAuth: true });
  const body = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: 'Comune Progresso' } });
  await enableModules(t.db, [body.id]);
  const staff = await createUser(t.db, 'staff.progress@example.it', [{ role: 'ICT_STAFF', entityId: null }]);
  const other = await createUser(t.db, 'other.progress@example.it', [{ role: 'ICT_STAFF', entityId: null }]);
  staffToken = await sessionToken(t.db, staff.id);
  otherStaffToken = await sessionToken(t.db, other.id);
});

afterAll(async () => {
  await api?.close?.();
});

describe('progress of an asset import', () => {
  it('tells the caller the rows checked, then the rows written up to the total, and nobody else', async () => {
    const mine = await listen(staffToken, 'import-progress-1');
    const theirs = await listen(otherStaffToken, 'import-progress-1');
    expect(mine.status).toBe(200);
    try {
      const result = await post(IMPORT, { csv: file(12, 'PRG'), progressId: 'import-progress-1' }, staffToken);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      expect(result.data.importAssets).toEqual({ __typename: 'AssetImportResult', created: 12 });
      await expect.poll(() => mine.events.at(-1)?.data?.assetImportProgress).toEqual({ phase: 'WRITING', done: 24, total: 24 });
      const seen = mine.events.map((event) => event.data.assetImportProgress);
      expect(seen.slice(0, 2)).toEqual([
        { phase: 'CHECKING', done: 0, total: 12 },
        { phase: 'CHECKING', done: 12, total: 12 },
      ]);
      // 12 assets, then their 12 first history entries: each statement reports how far it got.
      expect(seen.slice(2)).toEqual([
        { phase: 'WRITING', done: 12, total: 24 },
        { phase: 'WRITING', done: 24, total: 24 },
      ]);
      expect(theirs.events).toEqual([]);
    } finally {
      await mine.close();
      await theirs.close();
    }
  });

  it('reports only the check of a refused file, and writes nothing', async () => {
    const before = await t.db.prisma.asset.count();
    const mine = await listen(staffToken, 'import-progress-2');
    try {
      const bad = `${file(3, 'BAD')}\nComune Progresso,BAD-9,TOASTER,2024-01-01\n`;
      const result = await post(IMPORT, { csv: bad, progressId: 'import-progress-2' }, staffToken);
      expect(result.data.importAssets.__typename).toBe('AssetImportError');
      expect(result.data.importAssets.issues).toEqual([{ line: 5, column: 'kind', message: expect.stringContaining('"TOASTER"') }]);
      await expect.poll(() => mine.events.length).toBe(2);
      expect(mine.events.map((event) => event.data.assetImportProgress.phase)).toEqual(['CHECKING', 'CHECKING']);
      expect(await t.db.prisma.asset.count()).toBe(before);
    } finally {
      await mine.close();
    }
  });

  it('refuses a progress id that is not plain, before anything is read', async () => {
    const result = await post(IMPORT, { csv: file(1, 'ID'), progressId: 'no spaces!' }, staffToken);
    expect(result.data.importAssets).toEqual({ __typename: 'InputError', issues: [{ path: ['progressId'], message: 'must be 8 to 64 letters, digits, - or _' }] });
    expect(await t.db.prisma.asset.count({ where: { inventoryTag: 'ID-0' } })).toBe(0);
  });
});
