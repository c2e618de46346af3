// Dashboard, "what needs attention": contracts in force that end within 60 days.
import { createQuery, formatDate, graphql, WidgetFrame, WidgetList, type WidgetSlots } from '@gea/web-kit';
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

export default function ContractsEndingWidget(props: WidgetSlots['dashboard.attention']) {
  const [result] = createQuery({
    query: EndingQuery,
    variables: () => ({ filter: { entityIds: [...props.entityIds], inForceOn: dayFromToday(0), endingBefore: dayFromToday(DAYS) } }),
  });
  const days = String(DAYS);
  return (
    <WidgetFrame
      id="contracts"
      title={m('widgetTitle')}
      data={result.data?.contracts.edges.map((edge) => edge.node)}
      error={result.error}
      empty={m('widgetNone', { days })}
      intro={m('widgetIntro', { days })}
      link={{ href: `/procurement/contracts?before=${dayFromToday(DAYS)}`, label: m('widgetLink') }}
    >
      {(contracts) => (
        <WidgetList items={contracts}>
          {(contract) => (
            <>
              {contract.subject} ({contract.supplier.name}): {formatDate(contract.endsOn)}, {m('inDays', { days: String(contract.daysToEnd) })}
            </>
          )}
        </WidgetList>
      )}
    </WidgetFrame>
  );
}
