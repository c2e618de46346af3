// Inventory list: filters (body, kind, status, text, warranty end), sort and page size kept in the
// address bar, Relay paging with the totals of the whole filtered set, CSV export of everything the
// filters select (in the same order) in the Italian Excel or the standard dialect, and links to
// register an asset and to edit each one.
import {
  createListParams,
  createQuery,
  DataTable,
  DateField,
  describeError,
  downloadCsv,
  ErrorNotice,
  FilterForm,
  formatDate,
  formatEuroCents,
  formatNumber,
  graphql,
  locale,
  PageHeading,
  SelectField,
  SuccessNotice,
  t,
  TextField,
  useClient,
  useShell,
  type ListSource,
  type ResultOf,
} from '@gea/web-kit';
import { A } from '@solidjs/router';
import { createEffect, createMemo, createSignal, on, Show } from 'solid-js';
import { ASSET_KINDS, ASSET_STATUSES, kindLabel, m, statusLabel, type AssetKind, type AssetStatus } from './messages.ts';
import { im } from './import-messages.ts';

const AssetsQuery = graphql(`
  query InventoryAssets($first: Int!, $after: String, $filter: AssetFilter, $sort: AssetSort) {
    assets(first: $first, after: $after, filter: $filter, sort: $sort) {
      edges {
        node {
          id
          inventoryTag
          kind
          status
          manufacturer
          model
          assignedTo
          warrantyEnd
          priceCents
          entity {
            id
            name
          }
          site {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

// The totals of the whole filtered set apart from the pages: a page turn does not count again, and
// over millions of rows the rows do not wait for the aggregate.
const AssetTotalsQuery = graphql(`
  query InventoryAssetTotals($filter: AssetFilter) {
    assets(first: 1, filter: $filter) {
      totalCount
      totalPriceCents
    }
  }
`);

const AssetsCsvQuery = graphql(`
  query InventoryAssetsCsv($filter: AssetFilter, $sort: AssetSort, $dialect: CsvDialect) {
    assetsCsv(filter: $filter, sort: $sort, dialect: $dialect)
  }
`);

/** The columns the API can order assets by (AssetSortField). */
const SORT_FIELDS = ['INVENTORY_TAG', 'KIND', 'DEVICE', 'BODY', 'SITE', 'ASSIGNED_TO', 'STATUS', 'WARRANTY_END', 'PURCHASE_DATE', 'PRICE'] as const;
type SortField = (typeof SORT_FIELDS)[number];
const PAGE_SIZES = ['25', '50', '100'] as const;
type CsvDialect = 'ITALIAN_EXCEL' | 'STANDARD';
type AssetRow = ResultOf<typeof AssetsQuery>['assets']['edges'][number]['node'];
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

export default function AssetsPage() {
  const shell = useShell();
  const client = useClient();
  const list = createListParams<'body' | 'kind' | 'status' | 'q' | 'wfrom' | 'wto' | 'size', SortField>({
    filters: ['body', 'kind', 'status', 'q', 'wfrom', 'wto', 'size'],
    sorts: { fields: SORT_FIELDS, initial: { field: 'INVENTORY_TAG', direction: 'ASC' } },
  });
  const bodies = () => shell().bodiesWithModule('inventory', 'inventory:read');
  const canRegister = () => shell().bodiesWithModule('inventory', 'inventory:write').length > 0;
  const filter = createMemo(() => {
    const params = list.filters();
    return {
      entityIds: params.body ? [params.body] : null,
      kind: (ASSET_KINDS as readonly string[]).includes(params.kind) ? [params.kind as AssetKind] : null,
      status: (ASSET_STATUSES as readonly string[]).includes(params.status) ? [params.status as AssetStatus] : null,
      search: params.q.trim() || null,
      warrantyEndsFrom: isDay(params.wfrom) ? params.wfrom : null,
      warrantyEndsTo: isDay(params.wto) ? params.wto : null,
    };
  });
  const sort = () => list.sort()!;
  // Rows per page from the address bar (`?size=50`); 25 when absent or not one of the choices.
  const pageSize = () => ((PAGE_SIZES as readonly string[]).includes(list.filters().size) ? Number(list.filters().size) : 25);
  const [result] = createQuery({
    query: AssetsQuery,
    variables: () => ({ first: pageSize(), after: list.paging.after(), filter: filter(), sort: sort() }),
  });
  // Asked again each time: a registration elsewhere changes the totals, and their answer names no Asset the cache could watch.
  const [totalsResult] = createQuery({ query: AssetTotalsQuery, variables: () => ({ filter: filter() }), requestPolicy: 'cache-and-network' });
  const connection = () => result.data?.assets;
  const totals = () => totalsResult.data?.assets;
  const assets: ListSource<AssetRow> = {
    rows: () => connection()?.edges.map((edge) => edge.node),
    error: () => result.error,
    pageInfo: () => connection()?.pageInfo,
    totalCount: () => totals()?.totalCount,
    list,
  };
  createEffect(on(pageSize, () => list.paging.reset(), { defer: true }));

  /** This year's warranties in one click: both ends of the range into the address bar at once. */
  function warrantyThisYear() {
    const year = new Date().getFullYear();
    list.field('wfrom').onValue(`${year}-01-01`);
    list.field('wto').onValue(`${year}-12-31`);
    list.apply();
  }

  // Italian Excel by default in Italian, the standard dialect in English; the person may choose.
  const [dialect, setDialect] = createSignal<CsvDialect>(locale() === 'it' ? 'ITALIAN_EXCEL' : 'STANDARD');
  const [exporting, setExporting] = createSignal(false);
  const [exportError, setExportError] = createSignal<string>();
  const [exported, setExported] = createSignal<string | null>(null);
  async function exportCsv() {
    setExporting(true);
    setExportError(undefined);
    setExported(null);
    const outcome = await client.query(AssetsCsvQuery, { filter: filter(), sort: sort(), dialect: dialect() }, { requestPolicy: 'network-only' }).toPromise();
    setExporting(false);
    if (outcome.data?.assetsCsv === undefined) {
      setExportError(outcome.error ? describeError(outcome.error) : undefined);
      return;
    }
    const file = `inventario-${new Date().toISOString().slice(0, 10)}.csv`;
    downloadCsv(outcome.data.assetsCsv, file, dialect());
    setExported(m('exported', { file }));
  }

  const assetName = (asset: { inventoryTag: string | null; manufacturer: string | null; model: string | null }) =>
    asset.inventoryTag ?? ([asset.manufacturer, asset.model].filter(Boolean).join(' ') || m('untagged'));

  return (
    <>
      <PageHeading title={m('title')}>
        <p class="lead">{m('intro')}</p>
      </PageHeading>
      <Show when={canRegister()}>
        <p class="form-actions">
          <A class="button button-primary" href="/inventory/assets/new">
            {m('newAsset')}
          </A>
          <A class="button button-secondary" href="/inventory/import">
            {im('link')}
          </A>
        </p>
      </Show>
      <FilterForm
        label={m('filters')}
        list={list}
        actions={
          <>
            <button type="button" class="button-secondary" aria-label={m('warrantyThisYearLabel', { year: String(new Date().getFullYear()) })} onClick={warrantyThisYear}>
              {m('warrantyThisYear')}
            </button>
          </>
        }
      >
        <Show when={bodies().length > 1}>
          <SelectField
            id="inventory-body"
            label={m('body')}
            empty={t('common.all')}
            options={bodies().map((body) => ({ value: body.id, label: body.name }))}
            {...list.field('body')}
          />
        </Show>
        <SelectField
          id="inventory-kind"
          label={m('kind')}
          empty={t('common.all')}
          options={ASSET_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
          {...list.field('kind')}
        />
        <SelectField
          id="inventory-status"
          label={m('status')}
          empty={t('common.all')}
          options={ASSET_STATUSES.map((status) => ({ value: status, label: statusLabel(status) }))}
          {...list.field('status')}
        />
        <TextField id="inventory-search" type="search" label={m('search')} hint={m('searchHint')} {...list.field('q')} />
        <DateField id="inventory-warranty-from" label={m('warrantyFrom')} {...list.field('wfrom')} />
        <DateField id="inventory-warranty-to" label={m('warrantyTo')} {...list.field('wto')} />
      </FilterForm>
      <div class="list-tools">
        <SelectField
          id="inventory-csv-dialect"
          label={m('csvDialect')}
          hint={m('csvDialectHint')}
          options={[
            { value: 'ITALIAN_EXCEL', label: m('csvItalian') },
            { value: 'STANDARD', label: m('csvStandard') },
          ]}
          value={dialect()}
          onValue={(value) => setDialect(value === 'STANDARD' ? 'STANDARD' : 'ITALIAN_EXCEL')}
        />
        <div class="form-actions">
          <button type="button" class="button-secondary" disabled={exporting()} onClick={() => void exportCsv()}>
            {exporting() ? m('exporting') : m('exportCsv')}
          </button>
        </div>
      </div>
      <ErrorNotice message={exportError()} />
      <SuccessNotice message={exported()} />
      <div class="list-tools">
        <p class="list-totals" role="status" aria-label={m('totalsLabel')}>
          {totals() ? m('totals', { count: formatNumber(totals()!.totalCount), amount: formatEuroCents(totals()!.totalPriceCents) }) : ''}
        </p>
        <SelectField
          id="inventory-page-size"
          label={m('pageSize')}
          options={PAGE_SIZES.map((size) => ({ value: size, label: size }))}
          value={String(pageSize())}
          onValue={(value) => list.setFilter('size', value === '25' ? '' : value)}
        />
      </div>
      <DataTable
        label={m('results')}
        class="compact"
        source={assets}
        empty={m('none')}
        pagerLabel={m('paging')}
        columns={[
          { header: m('tag'), rowHeader: true, nowrap: true, width: 'xs', phone: true, sort: 'INVENTORY_TAG', cell: (asset) => asset.inventoryTag ?? '—' },
          { header: m('kind'), width: 'xs', sort: 'KIND', cell: (asset) => kindLabel(asset.kind) },
          { header: m('device'), width: 'xs', sort: 'DEVICE', cell: (asset) => [asset.manufacturer, asset.model].filter(Boolean).join(' ') },
          { header: m('body'), width: 's', hidden: bodies().length <= 1, sort: 'BODY', cell: (asset) => asset.entity?.name },
          { header: m('site'), width: 'xs', sort: 'SITE', cell: (asset) => asset.site?.name },
          { header: m('assignedTo'), width: 'xs', sort: 'ASSIGNED_TO', cell: (asset) => asset.assignedTo },
          { header: m('status'), width: 'xs', phone: true, sort: 'STATUS', cell: (asset) => statusLabel(asset.status) },
          { header: m('warrantyEnd'), nowrap: true, width: 'xs', sort: 'WARRANTY_END', cell: (asset) => formatDate(asset.warrantyEnd) },
          { header: m('price'), numeric: true, nowrap: true, width: 'xs', sort: 'PRICE', cell: (asset) => formatEuroCents(asset.priceCents) },
          {
            header: m('actions'),
            width: 'xs',
            phone: true,
            cell: (asset) => (
              <A href={`/inventory/assets/${encodeURIComponent(asset.id)}`} aria-label={m('editLabel', { name: assetName(asset) })}>
                {asset.entity && shell().access.can('inventory:write', asset.entity.id) ? m('edit') : m('view')}
              </A>
            ),
          },
        ]}
      />
    </>
  );
}
