// Inventory list: filters (body, kind, status, text) kept in the address bar, Relay paging, CSV
// export of everything the filters select, and a link to edit each asset.
import {
  createCursorPaging,
  createQuery,
  describeError,
  ErrorNotice,
  formatDate,
  formatEuroCents,
  graphql,
  Loading,
  PageHeading,
  Pager,
  SelectField,
  SuccessNotice,
  t,
  TableWrap,
  TextField,
  useClient,
  useShell,
} from '@gea/web-kit';
import { A, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import { ASSET_KINDS, ASSET_STATUSES, kindLabel, m, statusLabel, type AssetKind, type AssetStatus } from './messages.ts';

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

type Filters = { body?: string; kind?: string; status?: string; q?: string };
const PAGE_SIZE = 25;
const SORT = { field: 'INVENTORY_TAG', direction: 'ASC' } as const;

export default function AssetsPage() {
  const shell = useShell();
  const client = useClient();
  const [params, setParams] = useSearchParams<Filters>();
  const [draft, setDraft] = createSignal<Filters>({ ...params });
  // The address bar may change from elsewhere (a body page's link): the form follows it.
  createEffect(on(() => ({ ...params }), (current) => setDraft(current), { defer: true }));
  const bodies = () => shell().bodiesWithModule('inventory', 'inventory:read');
  const filter = createMemo(() => ({
    entityIds: params.body ? [params.body] : null,
    kind: (ASSET_KINDS as readonly string[]).includes(params.kind ?? '') ? [params.kind as AssetKind] : null,
    status: (ASSET_STATUSES as readonly string[]).includes(params.status ?? '') ? [params.status as AssetStatus] : null,
    search: params.q?.trim() || null,
  }));
  const paging = createCursorPaging();
  createEffect(on(filter, () => paging.reset(), { defer: true }));
  const [result] = createQuery({
    query: AssetsQuery,
    variables: () => ({ first: PAGE_SIZE, after: paging.after(), filter: filter(), sort: SORT }),
  });
  const set = (key: keyof Filters) => (value: string) => setDraft({ ...draft(), [key]: value });

  const [exporting, setExporting] = createSignal(false);
  const [exportError, setExportError] = createSignal<string>();
  const [exported, setExported] = createSignal<string | null>(null);
  async function exportCsv() {
    setExporting(true);
    setExportError(undefined);
    setExported(null);
    const outcome = await client.query(AssetsCsvQuery, { filter: filter(), sort: SORT }, { requestPolicy: 'network-only' }).toPromise();
    setExporting(false);
    if (outcome.data?.assetsCsv === undefined) {
      setExportError(outcome.error ? describeError(outcome.error) : undefined);
      return;
    }
    const file = `inventario-${new Date().toISOString().slice(0, 10)}.csv`;
    // A byte-order mark so that spreadsheet programs read the accents right.
    const url = URL.createObjectURL(new Blob(['\ufeff', outcome.data.assetsCsv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = file;
    link.rel = 'external';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setExported(m('exported', { file }));
  }

  const assetName = (asset: { inventoryTag: string | null; manufacturer: string | null; model: string | null }) =>
    asset.inventoryTag ?? ([asset.manufacturer, asset.model].filter(Boolean).join(' ') || m('untagged'));

  return (
    <>
      <PageHeading title={m('title')}>
        <p class="lead">{m('intro')}</p>
      </PageHeading>
      <form
        class="filters"
        role="search"
        aria-label={m('filters')}
        onSubmit={(event) => {
          event.preventDefault();
          const next = draft();
          setParams({ body: next.body || undefined, kind: next.kind || undefined, status: next.status || undefined, q: next.q?.trim() || undefined });
        }}
      >
        <Show when={bodies().length > 1}>
          <SelectField
            id="inventory-body"
            label={m('body')}
            value={draft().body ?? ''}
            empty={t('common.all')}
            options={bodies().map((body) => ({ value: body.id, label: body.name }))}
            onValue={set('body')}
          />
        </Show>
        <SelectField
          id="inventory-kind"
          label={m('kind')}
          value={draft().kind ?? ''}
          empty={t('common.all')}
          options={ASSET_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
          onValue={set('kind')}
        />
        <SelectField
          id="inventory-status"
          label={m('status')}
          value={draft().status ?? ''}
          empty={t('common.all')}
          options={ASSET_STATUSES.map((status) => ({ value: status, label: statusLabel(status) }))}
          onValue={set('status')}
        />
        <TextField id="inventory-search" type="search" label={m('search')} hint={m('searchHint')} value={draft().q ?? ''} onValue={set('q')} />
        <div class="form-actions">
          <button type="submit" class="button-primary">
            {t('common.filter')}
          </button>
          <button type="button" class="button-secondary" onClick={() => setParams({ body: undefined, kind: undefined, status: undefined, q: undefined })}>
            {t('common.clearFilters')}
          </button>
          <button type="button" class="button-secondary" disabled={exporting()} onClick={() => void exportCsv()}>
            {exporting() ? m('exporting') : m('exportCsv')}
          </button>
        </div>
      </form>
      <ErrorNotice message={exportError()} />
      <SuccessNotice message={exported()} />
      <ErrorNotice error={result.error} />
      <Show when={result.data} fallback={<Show when={!result.error}><Loading /></Show>}>
        {(data) => (
          <>
            <TableWrap label={m('results')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{m('tag')}</th>
                    <th scope="col">{m('kind')}</th>
                    <th scope="col">{m('device')}</th>
                    <Show when={bodies().length > 1}>
                      <th scope="col">{m('body')}</th>
                    </Show>
                    <th scope="col">{m('site')}</th>
                    <th scope="col">{m('status')}</th>
                    <th scope="col">{m('warrantyEnd')}</th>
                    <th scope="col" class="num">
                      {m('price')}
                    </th>
                    <th scope="col">{m('actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={data().assets.edges.map((edge) => edge.node)} fallback={<tr><td colspan="9">{m('none')}</td></tr>}>
                    {(node) => (
                      <tr>
                        <th scope="row" class="nowrap">
                          {node.inventoryTag ?? '—'}
                        </th>
                        <td>{kindLabel(node.kind)}</td>
                        <td>{[node.manufacturer, node.model].filter(Boolean).join(' ')}</td>
                        <Show when={bodies().length > 1}>
                          <td>{node.entity?.name}</td>
                        </Show>
                        <td>{node.site?.name}</td>
                        <td class="nowrap">{statusLabel(node.status)}</td>
                        <td class="nowrap">{formatDate(node.warrantyEnd)}</td>
                        <td class="num nowrap">{formatEuroCents(node.priceCents)}</td>
                        <td>
                          <A href={`/inventory/assets/${encodeURIComponent(node.id)}`} aria-label={m('editLabel', { name: assetName(node) })}>
                            {node.entity && shell().access.can('inventory:write', node.entity.id) ? m('edit') : m('view')}
                          </A>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableWrap>
            <Pager paging={paging} pageInfo={data().assets.pageInfo} label={m('paging')} />
          </>
        )}
      </Show>
    </>
  );
}
