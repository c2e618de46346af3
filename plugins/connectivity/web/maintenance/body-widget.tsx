// A body's connectivity sheet: its maintenance in the next 60 days and the risks to its links.
import { createQuery, formatDateTime, graphql, WidgetFrame, WidgetList, type WidgetSlots } from '@gea/web-kit';
import { createMemo } from 'solid-js';
import './slot.ts';
import { m } from './messages.ts';
import { RisksSection } from './risks-section.tsx';

const BodyMaintenanceQuery = graphql(`
  query ConnectivityBodyMaintenance($from: DateTime!, $to: DateTime!, $entityId: ID) {
    maintenanceEvents(from: $from, to: $to, entityId: $entityId) { id summary startsAt endsAt impact status }
  }
`);

export default function BodyMaintenanceWidget(props: WidgetSlots['connectivity.body']) {
  const now = new Date();
  const range = { from: now.toISOString(), to: new Date(now.getTime() + 60 * 86_400_000).toISOString() };
  const [result] = createQuery({ query: BodyMaintenanceQuery, variables: () => ({ ...range, entityId: props.entityId }) });
  const events = createMemo(() => result.data?.maintenanceEvents.flatMap((event) => (event && event.status !== 'CANCELLED' ? [event] : [])));
  return (
    <>
      <WidgetFrame id="connectivity-body-maintenance" title={m('bodyTitle')} data={events()} error={result.error} empty={m('bodyNone')}>
        {(rows) => (
          <WidgetList items={rows}>
            {(event) => (
              <>
                {m('bodyEvent', {
                  summary: event.summary,
                  from: formatDateTime(event.startsAt),
                  to: formatDateTime(event.endsAt),
                  impact: m(`impacts.${event.impact}` as 'impacts.OUTAGE'),
                })}
              </>
            )}
          </WidgetList>
        )}
      </WidgetFrame>
      <RisksSection from={range.from} to={range.to} entityId={props.entityId} />
    </>
  );
}
