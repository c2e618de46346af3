// The bodies the person may see, by name, filtered by kind, a page at a time.
import { createListParams, createListQuery, DataTable, FilterForm, formatNumber, graphql, PageHeading, SelectField, t } from '@gea/web-kit';
import { A } from '@solidjs/router';

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
  const list = createListParams({ filters: ['kind'] });
  const kind = () => ((ENTITY_KINDS as readonly string[]).includes(list.filters().kind) ? (list.filters().kind as EntityKind) : null);
  const bodies = createListQuery({ query: BodiesQuery, list, variables: () => ({ kind: kind() }), connection: (data) => data.entities });

  return (
    <>
      <PageHeading title={t('bodies.title')} />
      <FilterForm label={t('bodies.filters')} list={list} buttons={false}>
        <SelectField
          id="kind"
          label={t('bodies.kind')}
          value={kind() ?? ''}
          empty={t('common.all')}
          options={ENTITY_KINDS.map((value) => ({ value, label: t(`entityKinds.${value}`) }))}
          onValue={(value) => list.setFilter('kind', value)}
        />
      </FilterForm>
      <DataTable
        label={t('bodies.title')}
        source={bodies}
        empty={t('bodies.none')}
        pagerLabel={t('bodies.paging')}
        columns={[
          { header: t('bodies.name'), rowHeader: true, width: 'l', phone: true, cell: (body) => <A href={`/bodies/${encodeURIComponent(body.id)}`}>{body.name}</A> },
          { header: t('bodies.kind'), width: 'm', phone: true, cell: (body) => t(`entityKinds.${body.kind}`) },
          { header: t('bodies.istatCode'), width: 's', cell: (body) => body.istatCode },
          { header: t('bodies.province'), width: 's', cell: (body) => body.province },
          { header: t('bodies.population'), numeric: true, width: 's', phone: true, cell: (body) => formatNumber(body.population) },
          { header: t('bodies.pec'), breakAll: true, width: 'l', cell: (body) => body.pecAddress },
        ]}
      />
    </>
  );
}
