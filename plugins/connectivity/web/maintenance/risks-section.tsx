// The risks to the links of the bodies the reader may see (or one body's): sites that maintenance
// will leave without a link, sites with a single active link, circuits offline.
import { createQuery, ErrorNotice, formatDateTime, graphql } from '@gea/web-kit';
import { For, Show } from 'solid-js';
import { m } from './messages.ts';

export const RisksQuery = graphql(`
  query ConnectivityRisks($from: DateTime!, $to: DateTime!, $entityId: ID) {
    connectivityRisks(from: $from, to: $to, entityId: $entityId) {
      isolatedSites { from to site { id name } entity { id name } maintenanceEvents { id summary } }
      singleLinkSites { site { id name } circuit { id cid } }
      offlineCircuits { id cid provider { id name } }
    }
  }
`);

export function RisksSection(props: { from: string; to: string; entityId?: string }) {
  const [risks] = createQuery({ query: RisksQuery, variables: () => ({ from: props.from, to: props.to, entityId: props.entityId ?? null }) });
  const data = () => risks.data?.connectivityRisks;
  return (
    <section aria-labelledby="connectivity-risks-title">
      <h2 id="connectivity-risks-title">{m('risksTitle')}</h2>
      <ErrorNotice error={risks.error} />
      <Show when={data()}>
        {(current) => (
          <>
            <h3>{m('isolatedTitle')}</h3>
            <Show when={current().isolatedSites.length > 0} fallback={<p>{m('isolatedNone')}</p>}>
              <ul>
                <For each={current().isolatedSites}>
                  {(row) => (
                    <li>
                      {m('isolatedLine', { site: row.site?.name ?? '', entity: row.entity?.name ?? '', from: formatDateTime(row.from), to: formatDateTime(row.to) })}
                      {' — '}
                      {row.maintenanceEvents.flatMap((event) => (event ? [event.summary] : [])).join('; ')}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <h3>{m('singleTitle')}</h3>
            <Show when={current().singleLinkSites.length > 0} fallback={<p>{m('singleNone')}</p>}>
              <ul>
                <For each={current().singleLinkSites}>{(row) => <li>{row.site?.name}{row.circuit ? ` (${row.circuit.cid})` : ''}</li>}</For>
              </ul>
            </Show>
            <h3>{m('offlineTitle')}</h3>
            <Show when={current().offlineCircuits.length > 0} fallback={<p>{m('offlineNone')}</p>}>
              <ul>
                <For each={current().offlineCircuits}>{(circuit) => <Show when={circuit}>{(c) => <li>{c().cid} ({c().provider.name})</li>}</Show>}</For>
              </ul>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
