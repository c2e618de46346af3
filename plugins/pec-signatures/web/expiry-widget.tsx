// Dashboard, "what needs attention": signature certificates and PEC mailboxes expiring within 30 days.
import { createQuery, ErrorNotice, formatDate, graphql, Loading, type WidgetProps } from '@gea/web/client';
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
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

export default function PecExpiryWidget(props: WidgetProps) {
  const [result] = createQuery({ query: AlertsQuery, variables: () => ({ entityIds: [...props.entityIds], withinDays: DAYS }) });
  const alerts = () => result.data?.pecExpiryAlerts;
  const days = String(DAYS);
  return (
    <section class="widget" aria-labelledby="widget-pec-title">
      <h3 id="widget-pec-title">{m('widgetTitle')}</h3>
      <ErrorNotice error={result.error} />
      <Show when={alerts()} fallback={<Show when={!result.error}><Loading /></Show>}>
        {(data) => (
          <Show when={data().certificates.length + data().mailboxes.length > 0} fallback={<p class="muted">{m('widgetNone', { days })}</p>}>
            <Show when={data().certificates.length > 0}>
              <h4>{m('widgetCertificates', { days })}</h4>
              <ul>
                <For each={data().certificates}>
                  {(certificate) => (
                    <li>
                      {certificate.holderName}
                      <Show when={certificate.entity}> ({certificate.entity!.name})</Show>: {formatDate(certificate.validTo)}, {m('inDays', { days: String(certificate.daysToExpiry) })}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <Show when={data().mailboxes.length > 0}>
              <h4>{m('widgetMailboxes', { days })}</h4>
              <ul>
                <For each={data().mailboxes}>
                  {(mailbox) => (
                    <li>
                      <span class="break">{mailbox.address}</span>: {formatDate(mailbox.expiresOn)}
                      <Show when={mailbox.daysToExpiry !== null}>, {m('inDays', { days: String(mailbox.daysToExpiry) })}</Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </Show>
        )}
      </Show>
      <p>
        <A href="/pec-signatures">{m('widgetLink')}</A>
      </p>
    </section>
  );
}
