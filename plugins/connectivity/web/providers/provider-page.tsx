// One connectivity provider: its details (changed by connectivity:write over the association), the
// accounts of the bodies the reader may see (added or changed by connectivity:write on the paying
// body), and its networks (association-wide). A change made on an old version reloads the page.
import {
  createFieldErrors,
  createMutation,
  createQuery,
  DataTable,
  describeTypedError,
  ErrorNotice,
  ErrorSummary,
  graphql,
  isStaleVersion,
  isTypedError,
  NodePage,
  PageHeading,
  type ResultOf,
  SelectField,
  SuccessNotice,
  t,
  TextField,
  useShell,
} from '@gea/web-kit';
import { A, useParams } from '@solidjs/router';
import { createEffect, createSignal, on, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { kindLabel, m, NETWORK_KINDS, type Failure, type NetworkKind } from './messages.ts';
import { PROVIDER_FIELDS, providerInput, providerLabels, type ProviderField } from './providers-page.tsx';

const ProviderQuery = graphql(`
  query ConnectivityProvider($id: ID!) {
    node(id: $id) {
      __typename
      ... on ConnectivityProvider {
        id
        version
        name
        asn
        supportContact
        note
        supplier { id name }
        accounts { id version accountNumber name entity { id name } }
        networks { id version name kind description }
      }
    }
  }
`);
const UpdateProvider = graphql(`
  mutation ConnectivityUpdateProvider($id: ID!, $expectedVersion: Int!, $input: ConnectivityProviderInput!) {
    updateConnectivityProvider(id: $id, expectedVersion: $expectedVersion, input: $input) {
      __typename
      ... on ConnectivityProvider { id version name }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);
const CreateAccount = graphql(`
  mutation ConnectivityCreateAccount($providerId: ID!, $entityId: ID!, $input: ProviderAccountInput!) {
    createProviderAccount(providerId: $providerId, entityId: $entityId, input: $input) {
      __typename
      ... on ProviderAccount { id accountNumber }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);
const UpdateAccount = graphql(`
  mutation ConnectivityUpdateAccount($id: ID!, $expectedVersion: Int!, $entityId: ID, $input: ProviderAccountInput!) {
    updateProviderAccount(id: $id, expectedVersion: $expectedVersion, entityId: $entityId, input: $input) {
      __typename
      ... on ProviderAccount { id accountNumber }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);
const CreateNetwork = graphql(`
  mutation ConnectivityCreateNetwork($providerId: ID!, $input: ProviderNetworkInput!) {
    createProviderNetwork(providerId: $providerId, input: $input) {
      __typename
      ... on ProviderNetwork { id name }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);
const UpdateNetwork = graphql(`
  mutation ConnectivityUpdateNetwork($id: ID!, $expectedVersion: Int!, $input: ProviderNetworkInput!) {
    updateProviderNetwork(id: $id, expectedVersion: $expectedVersion, input: $input) {
      __typename
      ... on ProviderNetwork { id name }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);

type Provider = Extract<NonNullable<ResultOf<typeof ProviderQuery>['node']>, { __typename: 'ConnectivityProvider' }>;
type Account = Provider['accounts'][number];
type Network = Provider['networks'][number];

export default function ProviderPage() {
  const params = useParams<{ id: string }>();
  const [result, reload] = createQuery({ query: ProviderQuery, variables: () => ({ id: decodeURIComponent(params.id) }) });
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const provider = () => {
    const node = result.data?.node;
    return node?.__typename === 'ConnectivityProvider' ? node : undefined;
  };
  const [saved, setSaved] = createSignal<string | null>(null);
  return (
    <NodePage error={result.error} loaded={!!result.data} node={provider()} notFound={m('providerNotFound')}>
      {(current) => (
        <>
          <PageHeading title={current().name}>
            <p class="lead">
              <A href="/connectivity/providers">{m('backToProviders')}</A>
            </p>
          </PageHeading>
          <SuccessNotice focus message={saved()} />
          <ProviderForm provider={current()} onSaved={(text) => (setSaved(text), refresh())} onStale={refresh} />
          <AccountsSection provider={current()} onSaved={(text) => (setSaved(text), refresh())} onStale={refresh} />
          <NetworksSection provider={current()} onSaved={(text) => (setSaved(text), refresh())} onStale={refresh} />
        </>
      )}
    </NodePage>
  );
}

type SectionProps = { provider: Provider; onSaved: (text: string) => void; onStale: () => void };

function ProviderForm(props: SectionProps) {
  const shell = useShell();
  const canWrite = () => shell().access.can('connectivity:write');
  const [, update] = createMutation(UpdateProvider);
  const fill = (p: Provider) => ({ name: p.name, asn: p.asn === null ? '' : String(p.asn), supportContact: p.supportContact ?? '', note: p.note ?? '' });
  const [form, setForm] = createStore<Record<ProviderField, string>>(fill(props.provider));
  const [saving, setSaving] = createSignal(false);
  const [failure, setFailure] = createSignal<Failure>();
  const errors = createFieldErrors(PROVIDER_FIELDS);
  // A new version (saved here, or reloaded after a stale save) shows what is stored now.
  createEffect(on(() => props.provider.version, () => setForm(fill(props.provider)), { defer: true }));

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setFailure(undefined);
    errors.clear();
    const built = providerInput(form);
    if ('asnError' in built) return errors.set({ asn: built.asnError });
    setSaving(true);
    const outcome = await update({ id: props.provider.id, expectedVersion: props.provider.version, input: built.input });
    setSaving(false);
    const value = outcome.data?.updateConnectivityProvider;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (isStaleVersion(value)) {
      setFailure({ message: m('staleReloaded') });
      props.onStale();
      return;
    }
    if (value.__typename === 'ConnectivityProvider') return props.onSaved(m('providerSaved', { name: value.name }));
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  return (
    <section aria-labelledby="provider-details-title">
      <h2 id="provider-details-title">{m('providerDetails')}</h2>
      <p>
        {m('supplier')}: {props.provider.supplier?.name ?? '—'}
      </p>
      <Show when={errors.any()}>
        <ErrorSummary title={m('formErrorsTitle')} errors={errors.all()} labels={providerLabels()} idPrefix="provider-" />
      </Show>
      <ErrorNotice message={failure()?.message} error={failure()?.error} />
      <form class="form form-grid" onSubmit={(event) => void save(event)} aria-labelledby="provider-details-title">
        <fieldset disabled={saving() || !canWrite()}>
          <legend class="visually-hidden">{m('providerDetails')}</legend>
          <TextField id="provider-name" label={m('name')} hint={m('nameDefaultHint')} value={form.name} onValue={(v) => setForm('name', v)} error={errors.of('name')} />
          <TextField id="provider-asn" label={m('asn')} hint={m('asnHint')} inputmode="numeric" value={form.asn} onValue={(v) => setForm('asn', v)} error={errors.of('asn')} />
          <TextField
            id="provider-supportContact"
            label={m('supportContact')}
            hint={m('supportContactHint')}
            value={form.supportContact}
            onValue={(v) => setForm('supportContact', v)}
            error={errors.of('supportContact')}
          />
          <TextField id="provider-note" label={m('note')} value={form.note} onValue={(v) => setForm('note', v)} error={errors.of('note')} />
        </fieldset>
        <Show when={canWrite()}>
          <div class="form-actions">
            <button type="submit" class="button-primary" disabled={saving()}>
              {saving() ? t('common.saving') : t('common.save')}
            </button>
          </div>
        </Show>
      </form>
    </section>
  );
}

const ACCOUNT_FIELDS = ['accountNumber', 'name', 'entityId'] as const;
type AccountField = (typeof ACCOUNT_FIELDS)[number];

function AccountsSection(props: SectionProps) {
  const shell = useShell();
  // The bodies where the reader may record accounts (module on, connectivity:write).
  const payers = () => shell().bodiesWithModule('connectivity', 'connectivity:write');
  const canWrite = () => payers().length > 0;
  const [, create] = createMutation(CreateAccount);
  const [, update] = createMutation(UpdateAccount);
  const empty = { accountNumber: '', name: '', entityId: '' };
  const [form, setForm] = createStore<Record<AccountField, string>>({ ...empty });
  const [editing, setEditing] = createSignal<Account | null>(null);
  const [saving, setSaving] = createSignal(false);
  const [failure, setFailure] = createSignal<Failure>();
  const errors = createFieldErrors(ACCOUNT_FIELDS);
  const labels = (): Record<AccountField, string> => ({ accountNumber: m('accountNumber'), name: m('accountName'), entityId: m('payingBody') });
  let numberInput: HTMLInputElement | undefined;

  function startEdit(account: Account) {
    setEditing(account);
    setForm({ accountNumber: account.accountNumber, name: account.name ?? '', entityId: account.entity?.id ?? '' });
    errors.clear();
    setFailure(undefined);
    numberInput?.focus();
  }
  function reset() {
    setEditing(null);
    setForm({ ...empty });
    errors.clear();
  }

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setFailure(undefined);
    errors.clear();
    if (!form.entityId) return errors.set({ entityId: m('required') });
    const input = { accountNumber: form.accountNumber.trim(), name: form.name.trim() || null };
    setSaving(true);
    const current = editing();
    const outcome = current
      ? await update({ id: current.id, expectedVersion: current.version, entityId: form.entityId, input })
      : await create({ providerId: props.provider.id, entityId: form.entityId, input });
    setSaving(false);
    const value = outcome.data ? ('updateProviderAccount' in outcome.data ? outcome.data.updateProviderAccount : outcome.data.createProviderAccount) : undefined;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (isStaleVersion(value)) {
      setFailure({ message: m('staleReloaded') });
      reset();
      props.onStale();
      return;
    }
    if (value.__typename === 'ProviderAccount') {
      reset();
      return props.onSaved(m('accountSaved', { name: value.accountNumber }));
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  const title = () => (editing() ? m('editAccount', { name: editing()!.accountNumber }) : m('newAccount'));
  return (
    <section aria-labelledby="accounts-title">
      <h2 id="accounts-title">{m('accountsTitle')}</h2>
      <DataTable<Account>
        label={m('accountsTitle')}
        caption={m('accountsCaption')}
        rows={props.provider.accounts}
        empty={m('noAccounts')}
        columns={[
          { header: m('accountNumber'), rowHeader: true, width: 'm', phone: true, nowrap: true, cell: (account) => account.accountNumber },
          { header: m('accountName'), width: 'l', cell: (account) => account.name ?? '—' },
          { header: m('payingBody'), width: 'l', phone: true, cell: (account) => account.entity?.name ?? '—' },
          {
            header: m('actions'),
            width: 's',
            hidden: !canWrite(),
            cell: (account) => (
              <Show when={account.entity && shell().access.can('connectivity:write', account.entity.id)}>
                <button type="button" class="button-secondary" aria-label={m('editNamed', { name: account.accountNumber })} onClick={() => startEdit(account)}>
                  {m('edit')}
                </button>
              </Show>
            ),
          },
        ]}
      />
      <Show when={canWrite()}>
        <h3 id="account-form-title">{title()}</h3>
        <Show when={errors.any()}>
          <ErrorSummary title={m('formErrorsTitle')} errors={errors.all()} labels={labels()} idPrefix="account-" />
        </Show>
        <ErrorNotice message={failure()?.message} error={failure()?.error} />
        <form class="form form-grid" onSubmit={(event) => void save(event)} aria-labelledby="account-form-title">
          <fieldset disabled={saving()}>
            <legend class="visually-hidden">{title()}</legend>
            <TextField
              id="account-accountNumber"
              label={labels().accountNumber}
              required
              value={form.accountNumber}
              onValue={(v) => setForm('accountNumber', v)}
              error={errors.of('accountNumber')}
              ref={numberInput}
            />
            <TextField id="account-name" label={labels().name} value={form.name} onValue={(v) => setForm('name', v)} error={errors.of('name')} />
            <SelectField
              id="account-entityId"
              label={labels().entityId}
              required
              value={form.entityId}
              onValue={(v) => setForm('entityId', v)}
              options={payers().map((body) => ({ value: body.id, label: body.name }))}
              empty={m('pickBody')}
              error={errors.of('entityId')}
            />
          </fieldset>
          <div class="form-actions">
            <button type="submit" class="button-primary" disabled={saving()}>
              {saving() ? t('common.saving') : t('common.save')}
            </button>
            <Show when={editing()}>
              <button type="button" class="button-secondary" onClick={reset}>
                {t('common.cancel')}
              </button>
            </Show>
          </div>
        </form>
      </Show>
    </section>
  );
}

const NETWORK_FIELDS = ['name', 'kind', 'description'] as const;
type NetworkField = (typeof NETWORK_FIELDS)[number];

function NetworksSection(props: SectionProps) {
  const shell = useShell();
  const canWrite = () => shell().access.can('connectivity:write');
  const [, create] = createMutation(CreateNetwork);
  const [, update] = createMutation(UpdateNetwork);
  const empty = { name: '', kind: '', description: '' };
  const [form, setForm] = createStore<Record<NetworkField, string>>({ ...empty });
  const [editing, setEditing] = createSignal<Network | null>(null);
  const [saving, setSaving] = createSignal(false);
  const [failure, setFailure] = createSignal<Failure>();
  const errors = createFieldErrors(NETWORK_FIELDS);
  const labels = (): Record<NetworkField, string> => ({ name: m('name'), kind: m('kind'), description: m('description') });
  let nameInput: HTMLInputElement | undefined;

  function startEdit(network: Network) {
    setEditing(network);
    setForm({ name: network.name, kind: network.kind, description: network.description ?? '' });
    errors.clear();
    setFailure(undefined);
    nameInput?.focus();
  }
  function reset() {
    setEditing(null);
    setForm({ ...empty });
    errors.clear();
  }

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setFailure(undefined);
    errors.clear();
    if (!form.kind) return errors.set({ kind: m('required') });
    const input = { name: form.name.trim(), kind: form.kind as NetworkKind, description: form.description.trim() || null };
    setSaving(true);
    const current = editing();
    const outcome = current ? await update({ id: current.id, expectedVersion: current.version, input }) : await create({ providerId: props.provider.id, input });
    setSaving(false);
    const value = outcome.data ? ('updateProviderNetwork' in outcome.data ? outcome.data.updateProviderNetwork : outcome.data.createProviderNetwork) : undefined;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (isStaleVersion(value)) {
      setFailure({ message: m('staleReloaded') });
      reset();
      props.onStale();
      return;
    }
    if (value.__typename === 'ProviderNetwork') {
      reset();
      return props.onSaved(m('networkSaved', { name: value.name }));
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  const title = () => (editing() ? m('editNetwork', { name: editing()!.name }) : m('newNetwork'));
  return (
    <section aria-labelledby="networks-title">
      <h2 id="networks-title">{m('networksTitle')}</h2>
      <DataTable<Network>
        label={m('networksTitle')}
        caption={m('networksCaption')}
        rows={props.provider.networks}
        empty={m('noNetworks')}
        columns={[
          { header: m('name'), rowHeader: true, width: 'l', phone: true, cell: (network) => network.name },
          { header: m('kind'), width: 'm', phone: true, cell: (network) => kindLabel(network.kind) },
          { header: m('description'), width: 'l', cell: (network) => network.description ?? '—' },
          {
            header: m('actions'),
            width: 's',
            hidden: !canWrite(),
            cell: (network) => (
              <button type="button" class="button-secondary" aria-label={m('editNamed', { name: network.name })} onClick={() => startEdit(network)}>
                {m('edit')}
              </button>
            ),
          },
        ]}
      />
      <Show when={canWrite()}>
        <h3 id="network-form-title">{title()}</h3>
        <Show when={errors.any()}>
          <ErrorSummary title={m('formErrorsTitle')} errors={errors.all()} labels={labels()} idPrefix="network-" />
        </Show>
        <ErrorNotice message={failure()?.message} error={failure()?.error} />
        <form class="form form-grid" onSubmit={(event) => void save(event)} aria-labelledby="network-form-title">
          <fieldset disabled={saving()}>
            <legend class="visually-hidden">{title()}</legend>
            <TextField id="network-name" label={labels().name} required value={form.name} onValue={(v) => setForm('name', v)} error={errors.of('name')} ref={nameInput} />
            <SelectField
              id="network-kind"
              label={labels().kind}
              required
              value={form.kind}
              onValue={(v) => setForm('kind', v)}
              options={NETWORK_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
              empty={m('pickKind')}
              error={errors.of('kind')}
            />
            <TextField id="network-description" label={labels().description} value={form.description} onValue={(v) => setForm('description', v)} error={errors.of('description')} />
          </fieldset>
          <div class="form-actions">
            <button type="submit" class="button-primary" disabled={saving()}>
              {saving() ? t('common.saving') : t('common.save')}
            </button>
            <Show when={editing()}>
              <button type="button" class="button-secondary" onClick={reset}>
                {t('common.cancel')}
              </button>
            </Show>
          </div>
        </form>
      </Show>
    </section>
  );
}
