// How common a search text is among the assets, estimated in the process from PostgreSQL's own
// statistics of Asset.searchText (1,000 histogram entries, migration asset_search_text), the way its
// planner estimates an ILIKE: the share of the sampled values that contain the text. Read once and
// kept for a while, so a search costs no statement more.
import type { GeaContext } from '@gea/core';

interface SearchTextSample {
  /** Values that hold a known share of the rows, with that share. */
  common: { value: string; share: number }[];
  /** Values sampled evenly from the rest, and the share of rows the rest stands for. */
  spread: string[];
  spreadShare: number;
}

const KEEP_MS = 10 * 60_000;
const samples = new WeakMap<object, { sample: SearchTextSample | null; readAt: number; reading?: Promise<void> }>();

async function readSample(prisma: GeaContext['db']): Promise<SearchTextSample | null> {
  const [row] = await prisma.$queryRaw<{ common: string[] | null; shares: number[] | null; spread: string[] | null; nulls: number }[]>`
    select most_common_vals::text::text[] as common, most_common_freqs as shares, histogram_bounds::text::text[] as spread, null_frac as nulls
    from pg_stats where schemaname = current_schema() and tablename = 'Asset' and attname = 'searchText'`;
  if (!row || (!row.common && !row.spread)) return null;
  const common = (row.common ?? []).map((value, index) => ({ value: value.toLowerCase(), share: row.shares?.[index] ?? 0 }));
  const commonShare = common.reduce((sum, entry) => sum + entry.share, 0);
  return { common, spread: (row.spread ?? []).map((value) => value.toLowerCase()), spreadShare: Math.max(0, 1 - commonShare - row.nulls) };
}

/**
 * The estimated share (0 to 1) of assets whose search text contains `text`, or null while no
 * statistics are known (a new database before its first ANALYZE): the first call starts reading
 * them, later calls use them.
 */
export function searchShare(context: Pick<GeaContext, 'db'>, text: string): number | null {
  // The root client: the same for every request on a database, and never a transaction's or the
  // compiled read path's recording client.
  const key = context.db as object;
  let entry = samples.get(key);
  if (!entry) samples.set(key, (entry = { sample: null, readAt: 0 }));
  if (!entry.reading && Date.now() - entry.readAt > KEEP_MS) {
    const current = entry;
    current.reading = readSample(context.db)
      .then((sample) => {
        current.sample = sample;
      })
      // No statistics to read (a missing view, a closed connection): searches keep the default plan.
      .catch(() => undefined)
      .finally(() => {
        current.readAt = Date.now();
        current.reading = undefined;
      });
  }
  const sample = entry.sample;
  if (!sample || sample.spread.length < 100) return null;
  const needle = text.toLowerCase();
  const common = sample.common.reduce((sum, entry) => sum + (entry.value.includes(needle) ? entry.share : 0), 0);
  const spread = sample.spread.reduce((count, value) => count + (value.includes(needle) ? 1 : 0), 0) / sample.spread.length;
  return common + spread * sample.spreadShare;
}
