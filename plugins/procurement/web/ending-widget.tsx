// Dashboard, "what needs attention": contracts in force that end within 60 days.
import { createQuery, ErrorNotice, formatDate, graphql, Loading, type WidgetProps } from '@gea/web/client';
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { dayFromToday, m } from './messages.ts';

const EndingQuery = graphql(`
  query ProcurementEndingWidget($filter: ContractFilter) {
    contracts(first: 10, filter: $filter) {
      edges {
        node {
          id
          subject
          endsOn
          daysToEnd
          supplier {
            id
            name
          }
        }
      }
    }
  }
`);

const DAYS = 60;

export default function ContractsEndingWidget(props: WidgetProps) {
  const [result] = createQuery({
    query: EndingQuery,
    variables: () => ({ filter: { entityIds: [...props.entityIds], inForceOn: dayFromToday(0), endingBefore: dayFromToday(DAYS) } }),
  });
  const contracts = () => result.data?.contracts.edges.map((edge) => edge.node) ?? [];
  const days = String(DAYS);
  return (
    <section class="widget" aria-labelledby="widget-contracts-title">
      <h3 id="widget-contracts-title">{m('widgetTitle')}</h3>
      <ErrorNotice error={result.error} />
      <Show when={result.data} fallback={<Show when={!result.error}><Loading /></Show>}>
        <Show when={contracts().length > 0} fallback={<p class="muted">{m('widgetNone', { days })}</p>}>
          <p>{m('widgetIntro', { days })}</p>
          <ul>
            <For each={contracts()}>
              {(contract) => (
                <li>
                  {contract.subject} ({contract.supplier.name}): {formatDate(contract.endsOn)}, {m('inDays', { days: String(contract.daysToEnd) })}
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
      <p>
        <A href={`/procurement/contracts?before=${dayFromToday(DAYS)}`}>{m('widgetLink')}</A>
      </p>
    </section>
  );
}
