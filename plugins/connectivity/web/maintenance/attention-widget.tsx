// Dashboard, "what needs attention": sites maintenance will leave without a link in the next 14
// days, circuits offline, notice dates within 30 days.
import { createQuery, formatDate, formatDateTime, graphql, WidgetFrame, WidgetList, type WidgetSlots } from '@gea/web-kit';
import { createMemo } from 'solid-js';
import { m } from './messages.ts';
import { dayFromToday } from './time.ts';

const AttentionQuery = graphql(`
  query ConnectivityAttentionWidget($from: DateTime!, $to: DateTime!, $fromDay: Date!, $toDay: Date!) {
    connectivityRisks(from: $from, to: $to) {
      isolatedSites { from site { id name } }
      offlineCircuits { id cid }
    }
    connectivityDeadlines(from: $fromDay, to: $toDay) { kind on subject contractId }
  }
`);

export default function ConnectivityAttentionWidget(_props: WidgetSlots['dashboard.attention']) {
  const now = new Date();
  const [result] = createQuery({
    query: AttentionQuery,
    variables: {
      from: now.toISOString(),
      to: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
      fromDay: dayFromToday(0),
      toDay: dayFromToday(30),
    },
  });
  const items = createMemo(() => {
    const data = result.data;
    if (!data) return undefined;
    return [
      ...data.connectivityRisks.isolatedSites.map((row) => ({ key: `i-${row.site?.id}-${row.from}`, text: m('widgetIsolated', { site: row.site?.name ?? '', from: formatDateTime(row.from) }) })),
      ...data.connectivityRisks.offlineCircuits.flatMap((circuit) => (circuit ? [{ key: `o-${circuit.id}`, text: m('widgetOffline', { cid: circuit.cid }) }] : [])),
      ...data.connectivityDeadlines
        .filter((deadline) => deadline.kind === 'NOTICE_DATE')
        .map((deadline) => ({ key: `n-${deadline.contractId}-${deadline.on}`, text: m('widgetNotice', { day: formatDate(deadline.on), subject: deadline.subject }) })),
    ];
  });
  return (
    <WidgetFrame
      id="connectivity-attention"
      title={m('widgetTitle')}
      data={items()}
      error={result.error}
      empty={m('widgetNone')}
      intro={m('widgetIntro')}
      link={{ href: '/connectivity/calendar', label: m('widgetLink') }}
    >
      {(rows) => <WidgetList items={rows}>{(row) => <>{row.text}</>}</WidgetList>}
    </WidgetFrame>
  );
}
