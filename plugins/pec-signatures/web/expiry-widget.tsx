// Dashboard, "what needs attention": signature certificates and PEC mailboxes expiring within 30 days.
import { createQuery, formatDate, graphql, WidgetFrame, WidgetList, type WidgetSlots } from '@gea/web-kit';
import { Show } from 'solid-js';
import { m } from './messages.ts';

const AlertsQuery = graphql(`
  query PecExpiryWidget($entityIds: [ID!], $withinDays: Int!) {
    pecExpiryAlerts(entityIds: $entityIds, withinDays: $withinDays) {
      withinDays
      certificates {
        id
        holderName
        validTo
        daysToExpiry
        entity {
          id
          name
        }
      }
      mailboxes {
        id
        address
        expiresOn
        daysToExpiry
      }
    }
  }
`);

const DAYS = 30;

export default function PecExpiryWidget(props: WidgetSlots['dashboard.attention']) {
  const [result] = createQuery({ query: AlertsQuery, variables: () => ({ entityIds: [...props.entityIds], withinDays: DAYS }) });
  const days = String(DAYS);
  return (
    <WidgetFrame
      id="pec"
      title={m('widgetTitle')}
      data={result.data?.pecExpiryAlerts}
      error={result.error}
      isEmpty={(alerts) => alerts.certificates.length + alerts.mailboxes.length === 0}
      empty={m('widgetNone', { days })}
      link={{ href: '/pec-signatures', label: m('widgetLink') }}
    >
      {(alerts) => (
        <>
          <Show when={alerts.certificates.length > 0}>
            <h4>{m('widgetCertificates', { days })}</h4>
            <WidgetList items={alerts.certificates}>
              {(certificate) => (
                <>
                  {certificate.holderName}
                  <Show when={certificate.entity}> ({certificate.entity!.name})</Show>: {formatDate(certificate.validTo)},{' '}
                  {m('inDays', { days: String(certificate.daysToExpiry) })}
                </>
              )}
            </WidgetList>
          </Show>
          <Show when={alerts.mailboxes.length > 0}>
            <h4>{m('widgetMailboxes', { days })}</h4>
            <WidgetList items={alerts.mailboxes}>
              {(mailbox) => (
                <>
                  <span class="break">{mailbox.address}</span>: {formatDate(mailbox.expiresOn)}
                  <Show when={mailbox.daysToExpiry !== null}>, {m('inDays', { days: String(mailbox.daysToExpiry) })}</Show>
                </>
              )}
            </WidgetList>
          </Show>
        </>
      )}
    </WidgetFrame>
  );
}
