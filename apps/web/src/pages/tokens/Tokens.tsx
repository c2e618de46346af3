// API tokens for the bodies' protocol systems and other machine clients: the list (permissions,
// body, created, last use, expiry, revoked), a new token whose secret is shown once with a copy
// button, and revoking one after a confirmation.
import {
  Badge,
  createFieldErrors,
  createMutation,
  createQuery,
  DataTable,
  DateField,
  describeTypedError,
  ErrorNotice,
  ErrorSummary,
  formatDate,
  formatDateTime,
  graphql,
  isTypedError,
  moduleLabel,
  PageHeading,
  SelectField,
  SuccessNotice,
  TextField,
  useShell,
} from '@gea/web-kit';
import type { CombinedError } from '@urql/core';
import { createSignal, For, Show } from 'solid-js';
import { createConfirm } from '../admin/ConfirmDialog.tsx';
import { km, permissionLabel } from './messages.ts';

const TokensQuery = graphql(`
  query ApiTokens($includeRevoked: Boolean) {
    apiTokens(includeRevoked: $includeRevoked) {
      id
      name
      prefix
      scopes
      entity {
        id
        name
      }
      createdAt
      lastUsedAt
      expiresAt
      revokedAt
    }
    permissions {
      name
      forTokens
    }
  }
`);

const CreateTokenMutation = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      __typename
      ... on CreatedApiToken {
        token
        apiToken {
          id
          name
        }
      }
      ... on InputError {
        issues {
          path
          message
          code
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const RevokeTokenMutation = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      __typename
      ... on ApiToken {
        id
        revokedAt
      }
      ... on Error {
        message
      }
    }
  }
`);

const FIELDS = ['name', 'entityId', 'scopes', 'expiresAt'] as const;
type Failure = { message?: string; error?: CombinedError } | undefined;

export default function Tokens() {
  const shell = useShell();
  const [includeRevoked, setIncludeRevoked] = createSignal(true);
  const [result, reload] = createQuery({ query: TokensQuery, variables: () => ({ includeRevoked: includeRevoked() }) });
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const [, createToken] = createMutation(CreateTokenMutation);
  const [, revokeToken] = createMutation(RevokeTokenMutation);
  const confirm = createConfirm('token');
  const [failure, setFailure] = createSignal<Failure>();
  const [done, setDone] = createSignal<string | null>(null);
  const label = (name: string) => permissionLabel(name, (key) => moduleLabel(key));

  // The new token's form.
  const [name, setName] = createSignal('');
  const [entityId, setEntityId] = createSignal('');
  const [scopes, setScopes] = createSignal<readonly string[]>([]);
  const [expiresOn, setExpiresOn] = createSignal('');
  const [saving, setSaving] = createSignal(false);
  const errors = createFieldErrors(FIELDS);
  /** Shown once, kept only in this page's memory: gone on reload or when dismissed. */
  const [secret, setSecret] = createSignal<{ name: string; token: string }>();
  const [copyState, setCopyState] = createSignal<string | null>(null);
  let secretHeading!: HTMLHeadingElement;
  let listHeading!: HTMLHeadingElement;

  const offered = () =>
    (result.data?.permissions ?? []).filter((p) => p.forTokens && shell().access.can(p.name, entityId() || undefined)).map((p) => p.name);
  const labels = () => ({ name: km('newName'), entityId: km('newBody'), scopes: km('newScopes'), expiresAt: km('newExpiry') });

  async function create(event: SubmitEvent) {
    event.preventDefault();
    setFailure(undefined);
    setDone(null);
    errors.clear();
    const chosen = scopes().filter((scope) => offered().includes(scope));
    if (chosen.length === 0) return void errors.set({ scopes: km('scopesRequired') });
    setSaving(true);
    const outcome = await createToken({
      input: {
        name: name(),
        scopes: chosen,
        entityId: entityId() || null,
        // The end of the chosen day, in the office's time.
        expiresAt: expiresOn() ? new Date(`${expiresOn()}T23:59:59`).toISOString() : null,
      },
    });
    setSaving(false);
    const value = outcome.data?.createApiToken;
    if (outcome.error || !value) return void setFailure({ error: outcome.error });
    if (value.__typename === 'CreatedApiToken') {
      setSecret({ name: value.apiToken!.name, token: value.token });
      setCopyState(null);
      setName('');
      setEntityId('');
      setScopes([]);
      setExpiresOn('');
      refresh();
      queueMicrotask(() => secretHeading?.focus());
      return;
    }
    if (value.__typename === 'InputError') return void errors.fromIssues(value.issues);
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret()!.token);
      setCopyState(km('copied'));
    } catch {
      setCopyState(km('copyFailed'));
    }
  }

  type Row = NonNullable<typeof result.data>['apiTokens'][number];
  async function revoke(row: Row) {
    const yes = await confirm.ask({ title: km('revokeTitle', { name: row.name }), paragraphs: [km('revokeEffect')], confirm: km('revokeConfirm') });
    if (!yes) return;
    setFailure(undefined);
    setDone(null);
    const outcome = await revokeToken({ id: row.id });
    const value = outcome.data?.revokeApiToken;
    if (outcome.error || !value) return void setFailure({ error: outcome.error });
    if (value.__typename !== 'ApiToken') return void setFailure({ message: isTypedError(value) ? describeTypedError(value) : undefined });
    setDone(km('revokedDone', { name: row.name }));
    refresh();
    listHeading.focus();
  }

  const state = (row: Row) => {
    if (row.revokedAt) return <Badge tone="off">{km('revoked', { date: formatDate(row.revokedAt) })}</Badge>;
    if (row.expiresAt && new Date(row.expiresAt) <= new Date()) return <Badge tone="warn">{km('expired')}</Badge>;
    return <Badge tone="ok">{km('active')}</Badge>;
  };

  return (
    <>
      <PageHeading title={km('title')}>
        <p class="lead">{km('intro')}</p>
      </PageHeading>
      <ErrorNotice message={failure()?.message} error={failure()?.error} />
      <SuccessNotice message={done()} />

      <Show when={secret()}>
        {(shown) => (
          <section class="notice notice-info" aria-labelledby="token-secret-title">
            <h2 id="token-secret-title" tabindex="-1" ref={secretHeading}>
              {km('secretTitle', { name: shown().name })}
            </h2>
            <p>
              <strong>{km('secretWarning')}</strong>
            </p>
            <div class="secret-box">
              <span class="visually-hidden">{km('secretLabel')}: </span>
              <code id="token-secret">{shown().token}</code>
              <button type="button" class="button-primary" onClick={() => void copy()}>
                {km('copy')}
              </button>
              <button type="button" class="button-secondary" onClick={() => setSecret(undefined)}>
                {km('secretDone')}
              </button>
            </div>
            <p role="status">{copyState()}</p>
          </section>
        )}
      </Show>

      <section aria-labelledby="tokens-list-title">
        <h2 id="tokens-list-title" tabindex="-1" ref={listHeading}>
          {km('list')}
        </h2>
        <p>
          <input type="checkbox" id="tokens-revoked" checked={includeRevoked()} onChange={(event) => setIncludeRevoked(event.currentTarget.checked)} />{' '}
          <label for="tokens-revoked">{km('showRevoked')}</label>
        </p>
        <DataTable
          label={km('list')}
          rows={result.data?.apiTokens}
          error={result.error}
          empty={km('none')}
          columns={[
            {
              header: km('name'),
              rowHeader: true,
              width: 'm',
              phone: true,
              breakAll: true,
              cell: (row) => (
                <>
                  {row.name}
                  <br />
                  <code class="muted">gea_{row.prefix}_…</code>
                </>
              ),
            },
            {
              header: km('scopes'),
              width: 'l',
              cell: (row) => (
                <ul class="plain">
                  <For each={row.scopes}>{(scope) => <li>{label(scope)}</li>}</For>
                </ul>
              ),
            },
            { header: km('body'), width: 'm', cell: (row) => row.entity?.name ?? km('wholeAssociation') },
            { header: km('created'), width: 's', cell: (row) => formatDate(row.createdAt) },
            { header: km('lastUsed'), width: 's', phone: true, cell: (row) => (row.lastUsedAt ? formatDateTime(row.lastUsedAt) : km('never')) },
            { header: km('expires'), width: 's', cell: (row) => (row.expiresAt ? formatDate(row.expiresAt) : km('noExpiry')) },
            { header: km('state'), width: 's', phone: true, cell: state },
            {
              header: km('actions'),
              width: 's',
              cell: (row) => (
                <Show when={!row.revokedAt}>
                  <button type="button" class="button-secondary" aria-label={km('revokeLabel', { name: row.name })} onClick={() => void revoke(row)}>
                    {km('revoke')}
                  </button>
                </Show>
              ),
            },
          ]}
        />
      </section>

      <section aria-labelledby="token-new-title">
        <h2 id="token-new-title">{km('newTitle')}</h2>
        <Show when={errors.any()}>
          <ErrorSummary title={km('errorsTitle')} errors={errors.all()} labels={labels()} idPrefix="token-" />
        </Show>
        <form class="form form-grid" onSubmit={(event) => void create(event)} novalidate>
          <fieldset disabled={saving()}>
            <legend class="visually-hidden">{km('newTitle')}</legend>
            <TextField id="token-name" label={km('newName')} hint={km('newNameHint')} required value={name()} onValue={setName} error={errors.of('name')} autocomplete="off" />
            <SelectField
              id="token-entityId"
              label={km('newBody')}
              hint={km('newBodyHint')}
              empty={km('wholeAssociation')}
              value={entityId()}
              onValue={setEntityId}
              options={shell().bodies.map((body) => ({ value: body.id, label: body.name }))}
              error={errors.of('entityId')}
            />
            <DateField id="token-expiresAt" label={km('newExpiry')} hint={km('newExpiryHint')} value={expiresOn()} onValue={setExpiresOn} error={errors.of('expiresAt')} />
          </fieldset>
          <fieldset id="token-scopes" tabindex="-1" disabled={saving()} aria-describedby="token-scopes-hint" classList={{ 'field-invalid': !!errors.of('scopes') }}>
            <legend>{km('newScopes')}</legend>
            <p class="hint" id="token-scopes-hint">
              {km('newScopesHint')}
            </p>
            <Show when={errors.of('scopes')}>
              <p class="field-error">{errors.of('scopes')}</p>
            </Show>
            <ul class="scope-list">
              <For each={offered()}>
                {(scope) => {
                  const id = `token-scope-${scope.replace(/[^A-Za-z0-9_-]/g, '-')}`;
                  return (
                    <li>
                      <input
                        type="checkbox"
                        id={id}
                        value={scope}
                        checked={scopes().includes(scope)}
                        onChange={(event) =>
                          setScopes(event.currentTarget.checked ? [...scopes(), scope] : scopes().filter((s) => s !== scope))
                        }
                      />{' '}
                      <label for={id}>
                        {label(scope)} <code class="muted">{scope}</code>
                      </label>
                    </li>
                  );
                }}
              </For>
            </ul>
          </fieldset>
          <div class="form-actions">
            <button type="submit" class="button-primary" disabled={saving()}>
              {saving() ? km('creating') : km('create')}
            </button>
          </div>
        </form>
      </section>
      {confirm.dialog}
    </>
  );
}
