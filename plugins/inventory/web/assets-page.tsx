// Inventory list: filters (body, kind, status, text) and sort kept in the address bar, Relay paging,
// CSV export of everything the filters select (in the same order), and a link to edit each asset.
import {
  createListParams,
  createListQuery,
  DataTable,
  describeError,
  downloadCsv,
  ErrorNotice,
  FilterForm,
  formatDate,
  formatEuroCents,
  graphql,
  PageHeading,
  SelectField,
  SuccessNotice,
  t,
  TextField,
  useClient,
  useShell,
} from '@gea/web-kit';
import { A } from '@solidjs/router';
import { createMemo, createSignal, Show } from 'solid-js';
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

const AssetsCsvQuery = graphql(`
  query InventoryAssetsCsv($filter: AssetFilter, $sort: AssetSort) {
    assetsCsv(filter: $filter, sort: $sort)
  }
`);

/** The columns the API can order assets by (AssetSortField). */
const SORT_FIELDS = ['INVENTORY_TAG', 'KIND', 'STATUS', 'WARRANTY_END', 'PURCHASE_DATE', 'PRICE'] as const;
type SortField = (typeof SORT_FIELDS)[number];

export default function AssetsPage() {
  const shell = useShell();
  const client = useClient();
  const list = createListParams<'body' | 'kind' | 'status' | 'q', SortField>({
    filters: ['body', 'kind', 'status', 'q'],
    sorts: { fields: SORT_FIELDS, initial: { field: 'INVENTORY_TAG', direction: 'ASC' } },
  });
  const bodies = () => shell().bodiesWithModule('inventory', 'inventory:read');
  const filter = createMemo(() => {
    const params = list.filters();
    return {
      entityIds: params.body ? [params.body] : null,
      kind: (ASSET_KINDS as readonly string[]).includes(params.kind) ? [params.kind as AssetKind] : null,
      status: (ASSET_STATUSES as readonly string[]).includes(params.status) ? [params.status as AssetStatus] : null,
      search: params.q.trim() || null,
    };
  });
  const sort = () => list.sort()!;
  const assets = createListQuery({ query: AssetsQuery, list, variables: () => ({ filter: filter(), sort: sort() }), connection: (data) => data.assets });

  const [exporting, setExporting] = createSignal(false);
  const [exportError, setExportError] = createSignal<string>();
  const [exported, setExported] = createSignal<string | null>(null);
  async function exportCsv() {
    setExporting(true);
    setExportError(undefined);
    setExported(null);
    const outcome = await client.query(AssetsCsvQuery, { filter: filter(), sort: sort() }, { requestPolicy: 'network-only' }).toPromise();
    setExporting(false);
    if (outcome.data?.assetsCsv === undefined) {
      setExportError(outcome.error ? describeError(outcome.error) : undefined);
      return;
    }
    const file = `inventario-${new Date().toISOString().slice(0, 10)}.csv`;
    downloadCsv(outcome.data.assetsCsv, file);
    setExported(m('exported', { file }));
  }

  const assetName = (asset: { inventoryTag: string | null; manufacturer: string | null; model: string | null }) =>
    asset.inventoryTag ?? ([asset.manufacturer, asset.model].filter(Boolean).join(' ') || m('untagged'));

  return (
    <>
      <PageHeading title={m('title')}>
        <p class="lead">{m('intro')}</p>
      </PageHeading>
      <Show when={shell().bodiesWithModule('inventory', 'inventory:write').length > 0}><p><A href="/inventory/import">{im('link')}</A></p></Show>
      <FilterForm
        label={m('filters')}
        list={list}
        actions={
          <button type="button" class="button-secondary" disabled={exporting()} onClick={() => void exportCsv()}>
            {exporting() ? m('exporting') : m('exportCsv')}
          </button>
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
      </FilterForm>
      <ErrorNotice message={exportError()} />
      <SuccessNotice message={exported()} />
      <DataTable
        label={m('results')}
        source={assets}
        empty={m('none')}
        pagerLabel={m('paging')}
        columns={[
          { header: m('tag'), rowHeader: true, nowrap: true, width: 's', sort: 'INVENTORY_TAG', cell: (asset) => asset.inventoryTag ?? '—' },
          { header: m('kind'), width: 's', sort: 'KIND', cell: (asset) => kindLabel(asset.kind) },
          { header: m('device'), width: 'm', cell: (asset) => [asset.manufacturer, asset.model].filter(Boolean).join(' ') },
          { header: m('body'), width: 'm', hidden: bodies().length <= 1, cell: (asset) => asset.entity?.name },
          { header: m('site'), width: 'm', cell: (asset) => asset.site?.name },
          { header: m('status'), nowrap: true, width: 's', sort: 'STATUS', cell: (asset) => statusLabel(asset.status) },
          { header: m('warrantyEnd'), nowrap: true, width: 's', sort: 'WARRANTY_END', cell: (asset) => formatDate(asset.warrantyEnd) },
          { header: m('price'), numeric: true, nowrap: true, width: 's', sort: 'PRICE', cell: (asset) => formatEuroCents(asset.priceCents) },
          {
            header: m('actions'),
            width: 'xs',
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
