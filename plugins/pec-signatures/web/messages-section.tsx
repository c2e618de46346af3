// The PEC messages, latest first, paged; each opens its page with recipients and receipts.
import { Badge, createListParams, createListQuery, DataTable, formatDateTime, graphql } from '@gea/web-kit';
import { A } from '@solidjs/router';
import { m } from './messages.ts';

const MessagesQuery = graphql(`
  query PecMessages($first: Int!, $after: String) {
    pecMessages(first: $first, after: $after) {
      edges {
        node {
          id
          subject
          direction
          state
          registeredAt
          mailbox {
            id
            address
          }
          receipts {
            id
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const messageTone = (state: string) => (state === 'ERROR' ? 'warn' : state === 'DELIVERED' || state === 'RECEIVED' ? 'ok' : 'off');

export function MessagesSection() {
  const list = createListParams({ filters: [], pageSize: 20 });
  const messages = createListQuery({ query: MessagesQuery, list, connection: (data) => data.pecMessages });
  return (
    <section aria-labelledby="pec-messages-title">
      <h2 id="pec-messages-title">{m('messages')}</h2>
      <DataTable
        label={m('messages')}
        caption={m('messagesCaption')}
        source={messages}
        empty={m('noMessages')}
        pagerLabel={m('paging')}
        columns={[
          {
            header: m('subject'),
            rowHeader: true,
            width: 'l',
            phone: true,
            cell: (message) => (
              <A href={`/pec-signatures/messages/${encodeURIComponent(message.id)}`} aria-label={m('openMessage', { subject: message.subject })}>
                {message.subject}
              </A>
            ),
          },
          { header: m('direction'), width: 's', cell: (message) => m(`directions.${message.direction}`) },
          { header: m('mailbox'), breakAll: true, width: 'm', cell: (message) => message.mailbox.address },
          { header: m('registeredAt'), nowrap: true, width: 's', cell: (message) => formatDateTime(message.registeredAt) },
          { header: m('state'), width: 's', phone: true, cell: (message) => <Badge tone={messageTone(message.state)}>{m(`states.${message.state}`)}</Badge> },
          { header: m('receipts'), numeric: true, width: 'xs', cell: (message) => String(message.receipts.length) },
        ]}
      />
    </section>
  );
}
