// The people who use a mailbox: listed, removed one by one, added by searching the users by name or
// e-mail (for those who may read the users), and saved together (setPecMailboxUsers).
import { createMutation, createQuery, describeTypedError, ErrorNotice, graphql, isStaleVersion, t, TextField, useShell , SuccessNotice } from '@gea/web-kit';
import type { CombinedError } from '@urql/core';
import { createSignal, For, Show } from 'solid-js';
import { m } from './messages.ts';

const FindUsers = graphql(`
  query PecFindUsers($search: String!) {
    users(first: 8, search: $search) {
      edges {
        node {
          id
          name
          email
          active
        }
      }
    }
  }
`);

const SetUsers = graphql(`
  mutation PecSetMailboxUsers($mailboxId: ID!, $userIds: [ID!]!, $expectedVersion: Int) {
    setPecMailboxUsers(mailboxId: $mailboxId, userIds: $userIds, expectedVersion: $expectedVersion) {
      __typename
      ... on PecMailbox {
        id
        version
        users {
          userId
          name
          email
        }
      }
      ... on InputError {
        message
      }
      ... on StaleVersionError {
        currentVersion
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

interface Person {
  userId: string;
  name: string;
  email: string;
}

export function MailboxUsers(props: {
  mailboxId: string;
  users: readonly Person[];
  canWrite: boolean;
  version: number;
  onSaved: (version: number) => void;
  onStale: () => void;
}) {
  const shell = useShell();
  const [people, setPeople] = createSignal<readonly Person[]>(props.users);
  const [search, setSearch] = createSignal('');
  const [query, setQuery] = createSignal('');
  const canSearch = () => props.canWrite && shell().access.can('core:users:read');
  const [found] = createQuery({ query: FindUsers, variables: () => ({ search: query() }), pause: () => !canSearch() || query().length < 2 });
  const [, setUsers] = createMutation(SetUsers);
  const [saving, setSaving] = createSignal(false);
  const [saved, setSaved] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<{ message?: string; error?: CombinedError }>();

  const candidates = () =>
    (found.data?.users.edges ?? []).map((edge) => edge.node).filter((user) => user.active && !people().some((person) => person.userId === user.id));

  async function save() {
    setSaved(null);
    setFailure(undefined);
    setSaving(true);
    const outcome = await setUsers({ mailboxId: props.mailboxId, userIds: people().map((person) => person.userId), expectedVersion: props.version });
    setSaving(false);
    const value = outcome.data?.setPecMailboxUsers;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'PecMailbox') {
      setPeople(value.users);
      props.onSaved(value.version);
      setSaved(m('usersSaved'));
      return;
    }
    if (isStaleVersion(value)) props.onStale();
    setFailure({ message: describeTypedError(value as Parameters<typeof describeTypedError>[0]) });
  }

  return (
    <section aria-labelledby="mailbox-users-title">
      <h2 id="mailbox-users-title">{m('mailboxUsers')}</h2>
      <ErrorNotice message={failure()?.message} error={failure()?.error} />
      <SuccessNotice focus message={saved()} />
      <ul class="plain">
        <For each={people()} fallback={<li>{m('noUsers')}</li>}>
          {(person) => (
            <li>
              {person.name} ({person.email})
              <Show when={props.canWrite}>
                {' '}
                <button type="button" class="button-secondary" onClick={() => setPeople(people().filter((p) => p.userId !== person.userId))} aria-label={m('removeUser', { name: person.name })}>
                  ✕
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={canSearch()}>
        <form
          role="search"
          aria-label={m('findUsers')}
          onSubmit={(event) => {
            event.preventDefault();
            setQuery(search().trim());
          }}
        >
          <TextField id="mailbox-user-search" type="search" label={m('findUsers')} hint={m('findUsersHint')} value={search()} onValue={setSearch} />
          <div class="form-actions">
            <button type="submit" class="button-secondary">
              {t('common.search')}
            </button>
          </div>
        </form>
        <Show when={query().length >= 2 && found.data}>
          <ul class="plain">
            <For each={candidates()} fallback={<li>{m('noMatches')}</li>}>
              {(user) => (
                <li>
                  <button type="button" class="button-secondary" onClick={() => setPeople([...people(), { userId: user.id, name: user.name, email: user.email }])}>
                    {m('addUser', { name: `${user.name} (${user.email})` })}
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
      <Show when={props.canWrite}>
        <div class="form-actions">
          <button type="button" class="button-primary" disabled={saving()} onClick={() => void save()}>
            {saving() ? t('common.saving') : m('saveUsers')}
          </button>
        </div>
      </Show>
    </section>
  );
}
