// On the core's body page (slot `entity.page`): the body's links in one line, a warning count of
// sites left on a single link, and the way to its connectivity sheet.
import { createQuery, graphql, WidgetFrame, type WidgetSlots } from '@gea/web-kit';
import { Show } from 'solid-js';
import { formatKbps, m, technologyLabel } from './messages.ts';

const BodyLinksQuery = graphql(`
  query ConnectivityBodyLinks($id: ID!) {
    node(id: $id) {
      __typename
      ... on Entity {
        id
        sites {
          id
          activeLinkCount
        }
        circuits {
          id
          technology
          status
          downloadKbps
        }
      }
    }
  }
`);

export default function ConnectivityBodyWidget(props: WidgetSlots['entity.page']) {
  const [result] = createQuery({ query: BodyLinksQuery, variables: () => ({ id: props.entityId }) });
  const body = () => (result.data?.node?.__typename === 'Entity' ? result.data.node : undefined);
  const live = () => (body()?.circuits ?? []).filter((c) => c.status !== 'DECOMMISSIONED');
  const single = () => (body()?.sites ?? []).filter((s) => s.activeLinkCount === 1).length;
  return (
    <WidgetFrame
      id="connectivity-body"
      title={m('widgetTitle')}
      data={result.data ? live() : undefined}
      error={result.error}
      empty={m('widgetNone')}
      link={{ href: `/connectivity/bodies/${encodeURIComponent(props.entityId)}`, label: m('widgetLink') }}
    >
      {(circuits) => (
        <p>
          {m('widgetLine', {
            count: circuits.length,
            active: circuits.filter((c) => c.status === 'ACTIVE').length,
            list: circuits.map((c) => `${technologyLabel(c.technology)} ${formatKbps(c.downloadKbps)}`).join(', '),
          })}
          <Show when={single() > 0}>
            {' · '}
            <strong>{m('widgetSingle', { count: single() })}</strong>
          </Show>
        </p>
      )}
    </WidgetFrame>
  );
}
