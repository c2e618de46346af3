// The bodies the person may see, by name, filtered by kind, a page at a time.
import { A, useSearchParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { createEffect, For, on, Show } from 'solid-js';
import { formatNumber } from '../format.ts';
import { graphql } from '../graphql.ts';
import { t } from '../i18n/index.ts';
import { createCursorPaging, ErrorNotice, Loading, PageHeading, Pager, SelectField, TableWrap } from '../ui/index.tsx';

const BodiesQuery = graphql(`
  query Bodies($first: Int!, $after: String, $kind: EntityKind) {
    entities(first: $first, after: $after, kind: $kind) {
      edges {
        node {
          id
          name
          kind
          istatCode
          province
          population
          pecAddress
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ENTITY_KINDS = ['MUNICIPALITY', 'UNION', 'PROVINCE', 'OTHER'] as const;
type EntityKind = (typeof ENTITY_KINDS)[number];

export default function Bodies() {
  const [params, setParams] = useSearchParams<{ kind?: string }>();
  const kind = () => (ENTITY_KINDS as readonly string[]).includes(params.kind ?? '') ? (params.kind as EntityKind) : null;
  const paging = createCursorPaging();
  createEffect(on(kind, () => paging.reset(), { defer: true }));
  const [result] = createQuery({
    query: BodiesQuery,
    variables: () => ({ first: 25, after: paging.after(), kind: kind() }),
  });

  return (
    <>
      <PageHeading title={t('bodies.title')} />
      <form class="filters" role="search" aria-label={t('bodies.filters')} onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id="kind"
          label={t('bodies.kind')}
          value={kind() ?? ''}
          empty={t('common.all')}
          options={ENTITY_KINDS.map((value) => ({ value, label: t(`entityKinds.${value}`) }))}
          onValue={(value) => setParams({ kind: value || undefined })}
        />
      </form>
      <ErrorNotice error={result.error} />
      <Show when={result.data} fallback={<Show when={!result.error}><Loading /></Show>}>
        {(data) => (
          <>
            <TableWrap label={t('bodies.title')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('bodies.name')}</th>
                    <th scope="col">{t('bodies.kind')}</th>
                    <th scope="col">{t('bodies.istatCode')}</th>
                    <th scope="col">{t('bodies.province')}</th>
                    <th scope="col" class="num">
                      {t('bodies.population')}
                    </th>
                    <th scope="col">{t('bodies.pec')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={data().entities.edges.map((edge) => edge.node)} fallback={<tr><td colspan="6">{t('bodies.none')}</td></tr>}>
                    {(node) => (
                      <tr>
                        <th scope="row">
                          <A href={`/bodies/${encodeURIComponent(node.id)}`}>{node.name}</A>
                        </th>
                        <td>{t(`entityKinds.${node.kind}`)}</td>
                        <td>{node.istatCode}</td>
                        <td>{node.province}</td>
                        <td class="num">{formatNumber(node.population)}</td>
                        <td class="break">{node.pecAddress}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableWrap>
            <Pager paging={paging} pageInfo={data().entities.pageInfo} label={t('bodies.paging')} />
          </>
        )}
      </Show>
    </>
  );
}
