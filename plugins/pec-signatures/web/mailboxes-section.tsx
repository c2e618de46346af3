// The PEC mailboxes: paged, filtered by body, text and term ending soon (filters in the address bar,
// prefixed `mb-` so that the page's other lists keep their own), with a link to each one's page.
import {
  Badge,
  createListParams,
  createListQuery,
  DataTable,
  FilterForm,
  formatDate,
  formatNumber,
  graphql,
  SelectField,
  t,
  TextField,
  useShell,
} from '@gea/web-kit';
import { A } from '@solidjs/router';
import { createMemo, Show } from 'solid-js';
import { EXPIRY_WINDOWS, expiryTone } from './expiry.ts';
import { m } from './messages.ts';

const MailboxesQuery = graphql(`
  query PecMailboxes($first: Int!, $after: String, $filter: PecMailboxFilter) {
    pecMailboxes(first: $first, after: $after, filter: $filter) {
      totalCount
      edges {
        node {
          id
          address
          provider
          expiresOn
          daysToExpiry
          entity {
            id
            name
          }
          registryOffice {
            id
            code
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

export function MailboxesSection() {
  const shell = useShell();
  const bodies = () => shell().bodiesWithModule('pec-signatures', 'pec-signatures:read');
  const writable = () => shell().bodiesWithModule('pec-signatures', 'pec-signatures:write');
  const list = createListParams<'mb-body' | 'mb-q' | 'mb-days'>({ filters: ['mb-body', 'mb-q', 'mb-days'], pageSize: 20 });
  const filter = createMemo(() => {
    const params = list.filters();
    const days = Number(params['mb-days']);
    return {
      entityId: params['mb-body'] || null,
      text: params['mb-q'].trim() || null,
      expiringWithinDays: (EXPIRY_WINDOWS as readonly number[]).includes(days) ? days : null,
    };
  });
  const mailboxes = createListQuery({ query: MailboxesQuery, list, variables: () => ({ filter: filter() }), connection: (data) => data.pecMailboxes });
  const canWrite = (entityId: string | undefined) => !!entityId && shell().access.can('pec-signatures:write', entityId);

  return (
    <section aria-labelledby="pec-mailboxes-title">
      <h2 id="pec-mailboxes-title">{m('mailboxes')}</h2>
      <Show when={writable().length > 0}>
        <p>
          <A class="button button-primary" href="/pec-signatures/mailboxes/new">
            {m('newMailbox')}
          </A>
        </p>
      </Show>
      <FilterForm label={m('mailboxFilters')} list={list}>
        <Show when={bodies().length > 1}>
          <SelectField
            id="pec-mb-body"
            label={m('body')}
            empty={t('common.all')}
            options={bodies().map((body) => ({ value: body.id, label: body.name }))}
            {...list.field('mb-body')}
          />
        </Show>
        <TextField id="pec-mb-q" type="search" label={m('search')} hint={m('mailboxSearchHint')} {...list.field('mb-q')} />
        <SelectField
          id="pec-mb-days"
          label={m('expiring')}
          empty={m('anyTime')}
          options={EXPIRY_WINDOWS.map((days) => ({ value: String(days), label: m('expiringWithin', { days: String(days) }) }))}
          {...list.field('mb-days')}
        />
      </FilterForm>
      <DataTable
        label={m('mailboxes')}
        caption={m('mailboxesCaption')}
        source={mailboxes}
        empty={m('noMailboxes')}
        pagerLabel={m('mailboxPaging')}
        columns={[
          { header: m('address'), rowHeader: true, breakAll: true, width: 'l', phone: true, cell: (mailbox) => mailbox.address },
          { header: m('body'), width: 'm', hidden: bodies().length <= 1, cell: (mailbox) => mailbox.entity?.name },
          { header: m('registryOffice'), width: 's', cell: (mailbox) => mailbox.registryOffice?.code ?? '—' },
          { header: m('provider'), width: 'm', cell: (mailbox) => mailbox.provider },
          { header: m('expiresOn'), nowrap: true, width: 's', cell: (mailbox) => formatDate(mailbox.expiresOn) },
          {
            header: m('daysLeft'),
            numeric: true,
            width: 's',
            phone: true,
            cell: (mailbox) => (
              <Show when={mailbox.daysToExpiry !== null} fallback="—">
                <Badge tone={expiryTone(mailbox.daysToExpiry)}>{formatNumber(mailbox.daysToExpiry)}</Badge>
              </Show>
            ),
          },
          {
            header: m('actions'),
            width: 'xs',
            phone: true,
            cell: (mailbox) => {
              const write = canWrite(mailbox.entity?.id);
              return (
                <A
                  href={`/pec-signatures/mailboxes/${encodeURIComponent(mailbox.id)}`}
                  aria-label={m(write ? 'editLabel' : 'viewLabel', { name: mailbox.address })}
                >
                  {write ? m('edit') : m('view')}
                </A>
              );
            },
          },
        ]}
      />
    </section>
  );
}
