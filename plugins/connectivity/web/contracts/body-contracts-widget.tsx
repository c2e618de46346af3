// The body's connectivity sheet (slot `connectivity.body`): the body's connectivity contracts with
// their effective term and notice date.
import { createQuery, formatDate, graphql, WidgetFrame, WidgetList, type WidgetSlots } from '@gea/web-kit';
import { A } from '@solidjs/router';
import './slot.ts';
import { m } from './messages.ts';

const BodyContracts = graphql(`
  query ConnectivityBodyContracts($entityId: ID!) {
    connectivityContracts(filter: { entityId: $entityId }) {
      id
      termEndsOn
      noticeDate
      contract {
        id
        subject
        supplier {
          id
          name
        }
      }
    }
  }
`);

export default function BodyContractsWidget(props: WidgetSlots['connectivity.body']) {
  const [result] = createQuery({ query: BodyContracts, variables: () => ({ entityId: props.entityId }) });
  return (
    <WidgetFrame id="connectivity-body-contracts" title={m('widgetTitle')} data={result.data?.connectivityContracts} error={result.error} empty={m('widgetNone')}>
      {(contracts) => (
        <WidgetList items={contracts}>
          {(row) => (
            <A href={`/connectivity/contracts/${encodeURIComponent(row.contract.id)}`}>
              {m('widgetLine', { subject: row.contract.subject, supplier: row.contract.supplier.name, ends: formatDate(row.termEndsOn), notice: formatDate(row.noticeDate) })}
            </A>
          )}
        </WidgetList>
      )}
    </WidgetFrame>
  );
}
