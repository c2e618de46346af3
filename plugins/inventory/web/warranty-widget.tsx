// Dashboard, "what needs attention": equipment in service whose warranty ends within 60 days.
import { createMessages, createQuery, formatDate, graphql, WidgetFrame, WidgetList, type WidgetSlots } from '@gea/web-kit';
import { A } from '@solidjs/router';
import { Show } from 'solid-js';

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

export default function WarrantyWidget(props: WidgetSlots['dashboard.attention']) {
  const [result] = createQuery({
    query: WarrantyQuery,
    variables: () => ({ filter: { entityIds: [...props.entityIds], status: ['IN_SERVICE' as const], warrantyEndsBefore: day(DAYS) } }),
  });
  // Latest first from the end of the window back; warranties already ended are not "ending". Shown soonest first.
  const assets = () =>
    result.data && result.data.assets.edges.map((edge) => edge.node).filter((asset) => (asset.warrantyEnd ?? '') >= day(0)).reverse();
  const days = String(DAYS);
  return (
    <WidgetFrame
      id="warranty"
      title={w('title')}
      data={assets()}
      error={result.error}
      empty={w('none', { days })}
      intro={w('intro', { days })}
      link={{ href: '/inventory?status=IN_SERVICE', label: w('link') }}
    >
      {(list) => (
        <WidgetList items={list}>
          {(asset) => (
            <>
              <A href={`/inventory/assets/${encodeURIComponent(asset.id)}`}>
                {asset.inventoryTag ?? ([asset.manufacturer, asset.model].filter(Boolean).join(' ') || w('untagged'))}
              </A>
              <Show when={asset.entity}> ({asset.entity!.name})</Show>: {formatDate(asset.warrantyEnd)}
            </>
          )}
        </WidgetList>
      )}
    </WidgetFrame>
  );
}
