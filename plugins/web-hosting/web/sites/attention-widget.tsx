// Dashboard, "what needs attention": certificates expired or expiring within 30 days and sites on
// a CMS below the supported minimum, of the sites the reader may see.
import { createQuery, formatDate, graphql, WidgetFrame, WidgetList, type WidgetSlots } from '@gea/web-kit';
import { A } from '@solidjs/router';
import { createMemo } from 'solid-js';
import { alertText, m } from './messages.ts';

const AttentionQuery = graphql(`
  query WebHostingAttentionWidget {
    siteAlerts(kinds: [TLS_EXPIRED, TLS_EXPIRING, CMS_UNSUPPORTED]) {
      kind
      dueOn
      linkKind
      site { id name }
    }
  }
`);

export default function WebHostingAttentionWidget(_props: WidgetSlots['dashboard.attention']) {
  const [result] = createQuery({ query: AttentionQuery });
  const items = createMemo(() =>
    result.data?.siteAlerts.map((alert, index) => ({
      key: `${alert.site?.id ?? index}-${alert.kind}`,
      href: alert.site ? `/web-hosting/sites/${encodeURIComponent(alert.site.id)}` : '/web-hosting/sites',
      text: m('widgetItem', { site: alert.site?.name ?? '', text: alertText(alert, formatDate) }),
    })),
  );
  return (
    <WidgetFrame
      id="web-hosting-attention"
      title={m('widgetTitle')}
      data={items()}
      error={result.error}
      empty={m('widgetNone')}
      intro={m('widgetIntro')}
      link={{ href: '/web-hosting/sites?alert=ANY', label: m('widgetLink') }}
    >
      {(rows) => <WidgetList items={rows}>{(row) => <A href={row.href}>{row.text}</A>}</WidgetList>}
    </WidgetFrame>
  );
}
