// How common a search text is among the assets, estimated in the process from PostgreSQL's own
// statistics of Asset.searchText (1,000 histogram entries, migration asset_search_text), the way its
// planner estimates an ILIKE: the share of the sampled values that contain the text. Read once and
// kept for ten minutes, so a search costs no statement more.
import { TRIGRAM_SEARCH_MINIMUM, type GeaContext } from '@gea/core';
import { searchableByField } from './schema/asset-filter.ts';

interface SearchTextSample {
  /** Values that hold a known share of the rows, with that share. */
  common: { value: string; share: number }[];
  /** Values sampled evenly from the rest, and the share of rows the rest stands for. */
  spread: string[];
  spreadShare: number;
}

const KEEP_MS = 10 * 60_000;
type Kept = { sample: Promise<SearchTextSample | null>; readAt: number };
const samples = new WeakMap<object, Kept>();

async function readSample(prisma: GeaContext['db']): Promise<SearchTextSample | null> {
  const [row] = await prisma.$queryRaw<{ common: string[] | null; shares: number[] | null; spread: string[] | null; nulls: number }[]>`
    select most_common_vals::text::text[] as common, most_common_freqs as shares, histogram_bounds::text::text[] as spread, null_frac as nulls
    from pg_stats where schemaname = current_schema() and tablename = 'Asset' and attname = 'searchText'`;
  if (!row || !row.spread || row.spread.length < 100) return null;
  const common = (row.common ?? []).map((value, index) => ({ value: value.toLowerCase(), share: row.shares?.[index] ?? 0 }));
  const commonShare = common.reduce((sum, entry) => sum + entry.share, 0);
  return { common, spread: row.spread.map((value) => value.toLowerCase()), spreadShare: Math.max(0, 1 - commonShare - row.nulls) };
}

/**
 * The statistics, read by the first search of a database and again by the first one after ten
 * minutes (that search waits for one statement more; concurrent ones share it): read in the
 * background instead, the statement would land in whichever request came next. Null when there
 * are none (a new database before its first ANALYZE) or they cannot be read: searches then keep
 * the default plan.
 */
function sampleOf(context: Pick<GeaContext, 'db'>): Promise<SearchTextSample | null> {
  // The root client: the same for every request on a database, and never a transaction's or the
  // compiled read path's recording client.
  const key = context.db as object;
  const kept = samples.get(key);
  if (kept && Date.now() - kept.readAt <= KEEP_MS) return kept.sample;
  const sample = readSample(context.db).catch(() => null);
  samples.set(key, { sample, readAt: Date.now() });
  return sample;
}

/** The estimated share (0 to 1) of assets whose search text contains `text`, or null without statistics. */
export async function searchShare(context: Pick<GeaContext, 'db'>, text: string): Promise<number | null> {
  const sample = await sampleOf(context);
  return sample ? shareIn(sample, text) : null;
}

function shareIn(sample: SearchTextSample, text: string): number {
  const needle = text.toLowerCase();
  const common = sample.common.reduce((sum, entry) => sum + (entry.value.includes(needle) ? entry.share : 0), 0);
  const spread = sample.spread.reduce((count, value) => count + (value.includes(needle) ? 1 : 0), 0) / sample.spread.length;
  return common + spread * sample.spreadShare;
}

/** Above this share a word is common: reading its trigrams' entries costs more than it narrows. */
const COMMON_WORD_SHARE = 0.05;
/** Below this share what is left of a search is rare enough to be found by its own trigrams. */
const RARE_SHARE = 0.005;

/**
 * The part of a search of several words to look up in the trigram index, when the search begins or
 * ends with a word most assets have ("Modello 133": " 133"); null to look up the whole text. The
 * index then reads the few entries of the rare part instead of the millions of the common word
 * (50-100 ms -> 10 ms at 2,000,000 assets), and the whole text is checked on the rows it finds.
 * The part keeps the separator next to it, so it is still implied by the whole text.
 */
function indexedPartOfSearch(sample: SearchTextSample, text: string, minimumRun: number): string | null {
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((match) => ({ start: match.index!, end: match.index! + match[0].length, word: match[0] }));
  if (words.length < 2) return null;
  const hasRun = (part: string) => [...part.matchAll(/[\p{L}\p{N}]+/gu)].some((match) => match[0].length >= minimumRun);
  // The window [from, to) of the text, between its words first and last.
  let [first, last, from, to] = [0, words.length - 1, 0, text.length];
  // A short word adds few trigrams to read, and without it the rest may match far more ("PC-000002"
  // without "PC" is every kind's tag 000002): only words of a trigram's length or more are dropped.
  const common = (word: string) => word.length >= minimumRun && shareIn(sample, word) >= COMMON_WORD_SHARE;
  const acceptable = (part: string) => hasRun(part) && shareIn(sample, part) <= RARE_SHARE;
  while (first < last) {
    // Words are maximal runs, so the character before a word (or after one) is a separator.
    const withoutFirst = common(words[first]!.word) ? text.slice(words[first + 1]!.start - 1, to) : null;
    const withoutLast = common(words[last]!.word) ? text.slice(from, words[last - 1]!.end + 1) : null;
    if (withoutFirst !== null && acceptable(withoutFirst)) {
      from = words[++first]!.start - 1;
    } else if (withoutLast !== null && acceptable(withoutLast)) {
      to = words[--last]!.end + 1;
    } else {
      break;
    }
  }
  const part = text.slice(from, to);
  return part === text ? null : part;
}

/** What assetWhere needs to know of a search over every readable body (nothing without a search). */
export async function searchPlan(context: Pick<GeaContext, 'db'>, search: string | null | undefined): Promise<{ searchShare: number | null; indexedText: string | null }> {
  const text = search?.trim();
  if (!text || !searchableByField(text)) return { searchShare: null, indexedText: null };
  const sample = await sampleOf(context);
  if (!sample) return { searchShare: null, indexedText: null };
  const indexedText = indexedPartOfSearch(sample, text, TRIGRAM_SEARCH_MINIMUM);
  return { searchShare: shareIn(sample, indexedText ?? text), indexedText };
}
