// The closed vocabularies visitors browse by, with how many published pages use each term, and the
// page rating's question and choices (the front end's feedback form).
import type { PluginRouteCall } from '@gea/core';
import { documentTypes, eventTypes, lifeEventsBusinesses, lifeEventsPeople, newsTypes, placeTypes, serviceCategories, topics, type VocabularyTerm } from '../model/taxonomies.ts';
import { FEEDBACK_QUESTION, negativeFeedbackReasons, positiveFeedbackReasons } from './feedback-reasons.ts';
import { publicRead } from './respond.ts';

const withCounts = (terms: readonly VocabularyTerm[], counts: ReadonlyMap<string, number>) =>
  terms.map((term) => ({ key: term.key, label: { it: term.it, en: term.en }, count: counts.get(term.key) ?? 0 }));

/** Published pages per topic, and per value of the fields lists group by: one statement. */
async function termCounts(context: PluginRouteCall['context'], siteId: string) {
  const rows = await context.db.$queryRaw<{ vocabulary: string; key: string; count: number }[]>`
    with published as (
      select i.type, r.fields, r.topics from "ContentItem" i join "ContentRevision" r on r.id = i."publishedRevisionId"
      where i."siteId" = ${siteId}::uuid and i.status = 'PUBLISHED')
    select 'topics' as vocabulary, t as key, count(*)::int as count from published, unnest(topics) t group by t
    union all
    select f.key as vocabulary, f.value as key, count(*)::int from published,
      lateral (values ('serviceCategories', fields->>'category'), ('newsTypes', fields->>'newsType'), ('documentTypes', fields->>'documentType'),
                      ('placeTypes', fields->>'placeType'), ('eventTypes', fields->>'eventType')) f(key, value)
      where f.value is not null group by 1, 2
    union all
    select 'lifeEvents' as vocabulary, e as key, count(*)::int from published,
      lateral jsonb_array_elements_text(case when jsonb_typeof(fields->'lifeEvents') = 'array' then fields->'lifeEvents' else '[]'::jsonb end
                                     || case when jsonb_typeof(fields->'businessEvents') = 'array' then fields->'businessEvents' else '[]'::jsonb end) e
      group by e`;
  const counts = new Map<string, Map<string, number>>();
  for (const row of rows) {
    if (!counts.has(row.vocabulary)) counts.set(row.vocabulary, new Map());
    counts.get(row.vocabulary)!.set(row.key, row.count);
  }
  return (vocabulary: string) => counts.get(vocabulary) ?? new Map<string, number>();
}

export const taxonomiesRoute = {
  method: 'GET',
  path: '/public/sites/:site/taxonomies',
  access: 'public',
  handle: (request: Request, call: PluginRouteCall) =>
    publicRead(request, call, false, async ({ head }) => {
      const count = await termCounts(call.context, head.id);
      return {
        json: {
          topics: withCounts(topics, count('topics')),
          serviceCategories: withCounts(serviceCategories, count('serviceCategories')),
          newsTypes: withCounts(newsTypes, count('newsTypes')),
          documentTypes: withCounts(documentTypes, count('documentTypes')),
          placeTypes: withCounts(placeTypes, count('placeTypes')),
          eventTypes: withCounts(eventTypes, count('eventTypes')),
          lifeEventsPeople: withCounts(lifeEventsPeople, count('lifeEvents')),
          lifeEventsBusinesses: withCounts(lifeEventsBusinesses, count('lifeEvents')),
          feedback: { question: FEEDBACK_QUESTION, negativeReasons: negativeFeedbackReasons, positiveReasons: positiveFeedbackReasons },
        },
      };
    }),
} as const;
