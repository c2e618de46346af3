// Dashboard, "what needs attention": equipment in service whose warranty ends within 60 days.
import { createMessages, createQuery, ErrorNotice, formatDate, graphql, Loading, type WidgetProps } from '@gea/web/client';
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';

const w = createMessages({
  it: {
    title: 'Garanzie in scadenza',
    intro: 'Apparecchiature in uso la cui garanzia finisce entro {{ days }} giorni',
    none: 'Nessuna garanzia finisce nei prossimi {{ days }} giorni.',
    link: 'Vai all’inventario',
    untagged: 'senza etichetta',
  },
  en: {
    title: 'Warranties ending',
    intro: 'Equipment in service whose warranty ends within {{ days }} days',
    none: 'No warranty ends in the next {{ days }} days.',
    link: 'Go to the inventory',
    untagged: 'untagged',
  },
});

const WarrantyQuery = graphql(`
  query InventoryWarrantyWidget($filter: AssetFilter) {
    assets(first: 20, filter: $filter, sort: { field: WARRANTY_END, direction: DESC }) {
      edges {
        node {
          id
          inventoryTag
          manufacturer
          model
          warrantyEnd
          entity {
            id
            name
          }
        }
      }
    }
  }
`);

const DAYS = 60;
const day = (offset: number) => {
  const date = new Date();
  date.setDate(date.getDate() + offset);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
};

export default function WarrantyWidget(props: WidgetProps) {
  const [result] = createQuery({
    query: WarrantyQuery,
    variables: () => ({ filter: { entityIds: [...props.entityIds], status: ['IN_SERVICE' as const], warrantyEndsBefore: day(DAYS) } }),
  });
  // Latest first from the end of the window back; warranties already ended are not "ending". Shown soonest first.
  const assets = () =>
    (result.data?.assets.edges.map((edge) => edge.node) ?? []).filter((asset) => (asset.warrantyEnd ?? '') >= day(0)).reverse();
  const days = String(DAYS);
  return (
    <section class="widget" aria-labelledby="widget-warranty-title">
      <h3 id="widget-warranty-title">{w('title')}</h3>
      <ErrorNotice error={result.error} />
      <Show when={result.data} fallback={<Show when={!result.error}><Loading /></Show>}>
        <Show when={assets().length > 0} fallback={<p class="muted">{w('none', { days })}</p>}>
          <p>{w('intro', { days })}</p>
          <ul>
            <For each={assets()}>
              {(asset) => (
                <li>
                  <A href={`/inventory/assets/${encodeURIComponent(asset.id)}`}>
                    {asset.inventoryTag ?? ([asset.manufacturer, asset.model].filter(Boolean).join(' ') || w('untagged'))}
                  </A>
                  <Show when={asset.entity}> ({asset.entity!.name})</Show>: {formatDate(asset.warrantyEnd)}
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
      <p>
        <A href="/inventory?status=IN_SERVICE">{w('link')}</A>
      </p>
    </section>
  );
}
