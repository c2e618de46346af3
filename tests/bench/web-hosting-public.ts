// npm run bench: the web-hosting public read API under load, on PostgreSQL. One site with ~200
// published pages (services in every category, news, events, places, offices and their contact
// points); the API runs in this process behind node:http, autocannon runs in a child process (so
// the load generator does not share the server's event loop). Measures the page read (a service
// page: sections, references, JSON-LD) and the menu read, each as a plain GET (the page rendered,
// about 4-6 statements) and as a revalidation (If-None-Match with the current ETag -> 304 from
// the in-process stamp cache). Prints req/s, p50 and p99; asserts only that every answer had the
// expected status.
//
//   BENCH_PUBLIC_DATABASE_URL (postgresql://postgres@127.0.0.1:5432/gea_bench_public): created and
//     dropped by the benchmark (BENCH_KEEP=1 keeps it)
//   BENCH_PUBLIC_PAGES (200), BENCH_PUBLIC_SECONDS (10 per scenario), BENCH_PUBLIC_CONNECTIONS (10)
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { createApi } from '@gea/api';
import { openDatabase, type ContentType } from '@gea/db';
import { applyMigrations } from '@gea/db/migrations';
import webHosting from '@gea/plugin-web-hosting';
import { serviceCategories } from '@gea/plugin-web-hosting/model';
import pg from 'pg';

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer from ${min} to ${max}, not "${raw}"`);
  return value;
}

const url = process.env.BENCH_PUBLIC_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/gea_bench_public';
const PAGES = intFromEnv('BENCH_PUBLIC_PAGES', 200, 10, 100_000);
const SECONDS = intFromEnv('BENCH_PUBLIC_SECONDS', 10, 1, 600);
const CONNECTIONS = intFromEnv('BENCH_PUBLIC_CONNECTIONS', 10, 1, 1_000);

const databaseName = decodeURIComponent(new URL(url).pathname.slice(1));
const adminUrl = Object.assign(new URL(url), { pathname: '/postgres' }).toString();
const quoted = `"${databaseName.replaceAll('"', '""')}"`;
const admin = new pg.Client({ connectionString: adminUrl });
try {
  await admin.connect();
} catch (error) {
  console.log(`public API benchmark skipped: PostgreSQL at ${url} does not answer (${(error as Error).message})`);
  process.exit(0);
}
await admin.query(`drop database if exists ${quoted} with (force)`);
await admin.query(`create database ${quoted}`);
await admin.end();

const doc = (...texts: string[]) => ({ type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });
const lorem = 'Il servizio consente ai cittadini di ottenere il documento richiesto presentando la domanda online o allo sportello.';

const db = await openDatabase({ kind: 'postgres', url });
let server: ReturnType<typeof createServer> | undefined;
try {
  await applyMigrations(db);
  console.log(`seeding one site with ${PAGES} published pages into ${databaseName}...`);
  const started = performance.now();
  const prisma = db.prisma;
  const entity = await prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: 'Comune di Banco', ipaCode: 'c_bench', pecAddress: 'comune.banco@pec.example.it' } });
  const author = await prisma.user.create({ data: { email: 'autrice.bench@example.it', name: 'Autrice bench' } });
  const site = await prisma.hostedSite.create({ data: { entityId: entity.id, slug: 'banco', name: 'Comune di Banco', primaryDomain: 'comune.banco.fi.it', cms: 'GEA' } });
  await prisma.sitePublicationStamp.create({ data: { siteId: site.id, stamp: 1 } });
  const attachment = await prisma.contentAttachment.create({
    data: { siteId: site.id, fileName: 'condizioni.pdf', mediaType: 'application/pdf', size: 9, sha256: 'x'.repeat(64), data: Buffer.from('%PDF-1.7\n'), uploadedById: author.id },
  });
  let n = 0;
  const page = async (type: ContentType, slug: string, title: string, fields: Record<string, unknown>, topics: string[], sortDate: Date | null = null) => {
    const item = await prisma.contentItem.create({ data: { siteId: site.id, type, slug, title, createdById: author.id } });
    const revision = await prisma.contentRevision.create({
      data: {
        itemId: item.id,
        number: 1,
        kind: 'SAVE',
        title,
        summary: `Descrizione breve: ${title}`,
        fields: fields as object,
        topics,
        contentHash: createHash('sha256').update(`${++n}`).digest('hex'),
        authorId: author.id,
      },
    });
    await prisma.contentItem.update({
      where: { id: item.id },
      data: { headRevisionId: revision.id, publishedRevisionId: revision.id, status: 'PUBLISHED', firstPublishedAt: new Date(), lastPublishedAt: new Date(), publishedTopics: topics, publishedSortDate: sortDate },
    });
    return item;
  };
  const contacts = [];
  for (let i = 1; i <= 10; i++) contacts.push(await page('PUNTO_DI_CONTATTO', `contatto-${i}`, `Sportello ${i}`, { phone: `055 000 ${100 + i}`, email: `sportello${i}@comune.banco.fi.it` }, []));
  const units = [];
  for (let i = 1; i <= 10; i++) {
    units.push(await page('UNITA_ORGANIZZATIVA', `ufficio-${i}`, `Ufficio ${i}`, { unitType: 'uffici', competences: doc(lorem), address: 'Piazza del Comune 1', contactPoints: [contacts[i - 1]!.id] }, []));
  }
  const remaining = Math.max(0, PAGES - 20);
  const services = Math.round(remaining * 0.6);
  const news = Math.round(remaining * 0.2);
  const events = remaining - services - news;
  for (let i = 1; i <= services; i++) {
    const category = serviceCategories[i % serviceCategories.length]!.key;
    await page(
      'SERVIZIO',
      `servizio-${i}`,
      `Servizio numero ${i}`,
      {
        category,
        audience: doc(lorem),
        howTo: doc(lorem, lorem),
        requirements: doc(lorem),
        outcome: doc(lorem),
        timing: doc(lorem),
        accessDescription: doc(lorem),
        onlineUrl: `https://servizi.example.it/${i}`,
        termsDocument: attachment.id,
        responsibleUnit: units[i % units.length]!.id,
        contactPoints: [contacts[i % contacts.length]!.id, contacts[(i + 1) % contacts.length]!.id],
      },
      ['residenza'],
    );
  }
  for (let i = 1; i <= news; i++) {
    const date = new Date(Date.now() - i * 86_400_000);
    await page('NOTIZIA', `notizia-${i}`, `Notizia ${i}`, { newsType: 'notizie', date: date.toISOString().slice(0, 10), body: doc(lorem, lorem, lorem) }, ['cultura'], date);
  }
  for (let i = 1; i <= events; i++) {
    const startsAt = new Date(Date.now() + i * 86_400_000);
    await page('EVENTO', `evento-${i}`, `Evento ${i}`, { eventType: 'culturale', body: doc(lorem), address: 'Piazza', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString() }, ['tempo-libero'], startsAt);
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('vacuum (analyze)');
  await client.end();
  const total = await prisma.contentItem.count({ where: { siteId: site.id, status: 'PUBLISHED' } });
  console.log(`seeded ${total} published pages in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const api = createApi({ db, plugins: [webHosting], rateLimits: false });
  server = createServer(api.yoga);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/web-hosting/public/sites/banco`;
  const pagePath = `${base}/path/servizi/${serviceCategories[1 % serviceCategories.length]!.key}/servizio-1`;
  const menuPath = `${base}/menu`;

  const autocannonBin = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
  const run = promisify(execFile);
  interface Figure {
    name: string;
    status: number;
    bytes: number;
    requests: number;
    rps: number;
    p50: number;
    p99: number;
    unexpected: number;
  }
  const figures: Figure[] = [];
  async function scenario(name: string, target: string, revalidate: boolean) {
    const first = await fetch(target);
    const body = await first.text();
    if (first.status !== 200) throw new Error(`${name}: ${first.status} ${body.slice(0, 200)}`);
    const etag = first.headers.get('etag')!;
    const expected = revalidate ? 304 : 200;
    const args = [autocannonBin, '-j', '-c', String(CONNECTIONS), '-d', String(SECONDS), ...(revalidate ? ['-H', `if-none-match=${etag}`] : []), target];
    const { stdout } = await run(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
    const result = JSON.parse(stdout) as {
      requests: { average: number; total: number };
      latency: { p50: number; p99: number };
      errors: number;
      timeouts: number;
      '2xx': number;
      '3xx': number;
      non2xx: number;
    };
    const ok = revalidate ? result['3xx'] : result['2xx'];
    const unexpected = result.requests.total - ok + result.errors + result.timeouts;
    figures.push({ name, status: expected, bytes: revalidate ? 0 : Buffer.byteLength(body), requests: result.requests.total, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, unexpected });
  }
  await scenario('page (service), plain GET', pagePath, false);
  await scenario('page (service), If-None-Match', pagePath, true);
  await scenario('menu, plain GET', menuPath, false);
  await scenario('menu, If-None-Match', menuPath, true);

  console.log(`\npublic API over HTTP: ${total} published pages, ${CONNECTIONS} connections, ${SECONDS} s per scenario (autocannon)`);
  console.log('scenario'.padEnd(34), 'status'.padStart(6), 'body'.padStart(8), 'requests'.padStart(9), 'req/s'.padStart(9), 'p50 ms'.padStart(7), 'p99 ms'.padStart(7), 'other'.padStart(6));
  for (const f of figures) {
    console.log(
      f.name.padEnd(34),
      String(f.status).padStart(6),
      `${(f.bytes / 1024).toFixed(1)} kB`.padStart(8),
      String(f.requests).padStart(9),
      f.rps.toFixed(0).padStart(9),
      String(f.p50).padStart(7),
      String(f.p99).padStart(7),
      String(f.unexpected).padStart(6),
    );
  }
  if (figures.some((f) => f.unexpected > 0)) {
    console.log('some answers had another status than expected (column "other")');
    process.exitCode = 1;
  }
} finally {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await db.close();
  if (process.env.BENCH_KEEP !== '1') {
    const drop = new pg.Client({ connectionString: adminUrl });
    await drop.connect();
    await drop.query(`drop database if exists ${quoted} with (force)`);
    await drop.end();
  }
}
process.exit(process.exitCode ?? 0);
