// The signed-in person's inbox (newest first; mark one or all as read; open the record an alert is
// about) and how they receive each kind of alert (in GEA, by e-mail).
import {
  Badge,
  createListParams,
  createListQuery,
  DataTable,
  describeTypedError,
  ErrorNotice,
  FilterForm,
  formatDateTime,
  graphql,
  isTypedError,
  Loading,
  locale,
  PageHeading,
  SelectField,
  SuccessNotice,
} from '@gea/web-kit';
import { A } from '@solidjs/router';
import { createMutation, createQuery } from '@urql/solid';
import type { CombinedError } from '@urql/core';
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { nm } from './messages.ts';
import { unreadChanged, unreadGeneration } from './unread.ts';

const InboxQuery = graphql(`
  query Inbox($first: Int!, $after: String, $unreadOnly: Boolean, $locale: String) {
    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      edges {
        node {
          id
          kind
          title(locale: $locale)
          body(locale: $locale)
          link
          readAt
          createdAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const InboxUnreadQuery = graphql(`
  query InboxUnread {
    unreadNotificationCount
  }
`);

const PreferencesQuery = graphql(`
  query NotificationPreferences($locale: String) {
    notificationPreferences {
      kind
      label(locale: $locale)
      inbox
      email
    }
  }
`);

const MarkReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {
    markNotificationsRead(ids: $ids, all: $all) {
      __typename
      ... on MarkNotificationsReadResult {
        marked
        unreadCount
      }
      ... on Error {
        message
      }
    }
  }
`);

const SetPreferenceMutation = graphql(`
  mutation SetNotificationPreference($kind: String!, $inbox: Boolean!, $email: Boolean!, $locale: String) {
    setNotificationPreference(kind: $kind, inbox: $inbox, email: $email) {
      __typename
      ... on NotificationPreference {
        kind
        label(locale: $locale)
        inbox
        email
      }
      ... on Error {
        message
      }
    }
  }
`);

type Failure = { message?: string; error?: CombinedError } | undefined;

export default function Notifications() {
  const list = createListParams({ filters: ['show'], pageSize: 20 });
  const unreadOnly = () => list.filters().show === 'unread';
  const inbox = createListQuery({
    query: InboxQuery,
    list,
    variables: () => ({ unreadOnly: unreadOnly(), locale: locale() }),
    connection: (data) => data.notifications,
  });
  const [counts, refetchCounts] = createQuery({ query: InboxUnreadQuery });
  createEffect(on(unreadGeneration, () => refetchCounts({ requestPolicy: 'network-only' }), { defer: true }));
  const [, markRead] = createMutation(MarkReadMutation);
  const [failure, setFailure] = createSignal<Failure>();
  const [done, setDone] = createSignal<string | null>(null);
  let heading!: HTMLHeadingElement;

  async function mark(variables: { ids?: string[]; all?: boolean }) {
    setFailure(undefined);
    setDone(null);
    const outcome = await markRead(variables);
    const value = outcome.data?.markNotificationsRead;
    if (outcome.error || !value || value.__typename !== 'MarkNotificationsReadResult') {
      setFailure(outcome.error ? { error: outcome.error } : { message: value && isTypedError(value) ? describeTypedError(value) : undefined });
      return;
    }
    setDone(variables.all ? nm('markedAll', { count: value.marked }) : nm('markedOne'));
    inbox.refetch();
    unreadChanged();
    // The row's button is gone: the focus goes to the list's heading, next to the notice.
    heading.focus();
  }
  const unread = () => inbox.rows() && (counts.data?.unreadNotificationCount ?? 0);

  return (
    <>
      <PageHeading title={nm('title')}>
        <p class="lead">{nm('intro')}</p>
      </PageHeading>
      <ErrorNotice message={failure()?.message} error={failure()?.error} />
      <SuccessNotice message={done()} />
      <section aria-labelledby="inbox-title">
        <h2 id="inbox-title" tabindex="-1" ref={heading}>
          {nm('list')}
          <Show when={unread() !== undefined}>
            <span class="muted"> · {nm('unreadCount', { count: unread() || 0 })}</span>
          </Show>
        </h2>
        <FilterForm
          label={nm('list')}
          list={list}
          buttons={false}
          actions={
            <button type="button" class="button-secondary" disabled={!unread()} onClick={() => void mark({ all: true })}>
              {nm('markAll')}
            </button>
          }
        >
          <SelectField
            id="notifications-show"
            label={nm('show')}
            value={unreadOnly() ? 'unread' : ''}
            empty={nm('showAll')}
            options={[{ value: 'unread', label: nm('showUnread') }]}
            onValue={(value) => list.setFilter('show', value)}
          />
        </FilterForm>
        <DataTable
          label={nm('list')}
          source={inbox}
          empty={unreadOnly() ? nm('noneUnread') : nm('none')}
          pagerLabel={nm('paging')}
          columns={[
            {
              header: nm('what'),
              rowHeader: true,
              width: 'xl',
              phone: true,
              // PEC addresses in the text must not widen the table on a phone.
              breakAll: true,
              cell: (row) => (
                <div class="notification-cell">
                  <span classList={{ 'notification-unread': !row.readAt }}>{row.title}</span>
                  <br />
                  <span class="muted">{row.body}</span>
                </div>
              ),
            },
            { header: nm('when'), width: 'm', nowrap: true, cell: (row) => formatDateTime(row.createdAt) },
            {
              header: nm('state'),
              width: 's',
              phone: true,
              cell: (row) => <Badge tone={row.readAt ? 'off' : 'warn'}>{row.readAt ? nm('read') : nm('unread')}</Badge>,
            },
            {
              header: nm('actions'),
              width: 'm',
              phone: true,
              cell: (row) => (
                <div class="form-actions">
                  <Show when={row.link}>
                    {(link) => (
                      <A href={link()} aria-label={nm('openLabel', { title: row.title })} onClick={() => !row.readAt && void markRead({ ids: [row.id] }).then(unreadChanged)}>
                        {nm('open')}
                      </A>
                    )}
                  </Show>
                  <Show when={!row.readAt}>
                    <button type="button" class="button-secondary" aria-label={nm('markReadLabel', { title: row.title })} onClick={() => void mark({ ids: [row.id] })}>
                      {nm('markRead')}
                    </button>
                  </Show>
                </div>
              ),
            },
          ]}
        />
      </section>
      <Preferences />
    </>
  );
}

function Preferences() {
  const [result] = createQuery({ query: PreferencesQuery, variables: () => ({ locale: locale() }) });
  const [, setPreference] = createMutation(SetPreferenceMutation);
  const [failure, setFailure] = createSignal<Failure>();
  const [done, setDone] = createSignal<string | null>(null);

  async function change(input: HTMLInputElement, row: { kind: string; label: string; inbox: boolean; email: boolean }, channel: 'inbox' | 'email') {
    setFailure(undefined);
    setDone(null);
    const next = { kind: row.kind, inbox: row.inbox, email: row.email, [channel]: input.checked };
    const outcome = await setPreference({ ...next, locale: locale() });
    const value = outcome.data?.setNotificationPreference;
    if (outcome.error || !value || isTypedError(value)) {
      input.checked = !input.checked;
      setFailure(outcome.error ? { error: outcome.error } : { message: value ? describeTypedError(value) : undefined });
      return;
    }
    setDone(nm('saved', { kind: row.label }));
  }

  return (
    <section aria-labelledby="preferences-title">
      <h2 id="preferences-title">{nm('preferences')}</h2>
      <p>{nm('preferencesIntro')}</p>
      <ErrorNotice error={result.error} />
      <ErrorNotice message={failure()?.message} error={failure()?.error} />
      <SuccessNotice message={done()} />
      <Show when={result.data} fallback={<Show when={!result.error}><Loading /></Show>}>
        {(data) => (
          <Show when={data().notificationPreferences.length > 0} fallback={<p>{nm('noKinds')}</p>}>
            <div class="table-wrap" role="region" aria-labelledby="preferences-title" tabindex="0">
              <table class="matrix">
                <caption class="visually-hidden">{nm('preferences')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{nm('kind')}</th>
                    <th scope="col">{nm('inbox')}</th>
                    <th scope="col">{nm('email')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={data().notificationPreferences}>
                    {(row) => {
                      const id = `pref-${row.kind.replace(/[^A-Za-z0-9_-]/g, '-')}`;
                      return (
                        <tr>
                          <th scope="row">{row.label}</th>
                          <For each={['inbox', 'email'] as const}>
                            {(channel) => (
                              <td class="toggle-cell">
                                <input
                                  type="checkbox"
                                  class="switch"
                                  id={`${id}-${channel}`}
                                  checked={row[channel]}
                                  onChange={(event) => void change(event.currentTarget, row, channel)}
                                />
                                <label for={`${id}-${channel}`} class="visually-hidden">
                                  {nm(channel === 'inbox' ? 'inboxLabel' : 'emailLabel', { kind: row.label })}
                                </label>
                              </td>
                            )}
                          </For>
                        </tr>
                      );
                    }}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        )}
      </Show>
    </section>
  );
}
