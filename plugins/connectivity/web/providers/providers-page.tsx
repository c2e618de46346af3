// Connectivity providers: the list (supplier, ASN, networks, the accounts the reader may see) and
// the form that makes a procurement supplier a provider. Recording is for connectivity:write over the
// whole association, as the API requires.
import {
  createFieldErrors,
  createMutation,
  createQuery,
  DataTable,
  describeTypedError,
  ErrorNotice,
  ErrorSummary,
  graphql,
  isTypedError,
  PageHeading,
  SelectField,
  SuccessNotice,
  t,
  TextField,
  useShell,
} from '@gea/web-kit';
import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { m, type Failure } from './messages.ts';

const ProvidersQuery = graphql(`
  query ConnectivityProviders {
    connectivityProviders {
      id
      name
      asn
      supplier { id name }
      networks { id name }
      accounts { id accountNumber entity { id name } }
    }
  }
`);
const SupplierChoices = graphql(`
  query ConnectivitySupplierChoices {
    suppliers(first: 100) { edges { node { id name } } }
  }
`);
const CreateProvider = graphql(`
  mutation ConnectivityCreateProvider($supplierId: ID!, $input: ConnectivityProviderInput!) {
    createConnectivityProvider(supplierId: $supplierId, input: $input) {
      __typename
      ... on ConnectivityProvider { id name }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);

export const PROVIDER_FIELDS = ['name', 'asn', 'supportContact', 'note'] as const;
export type ProviderField = (typeof PROVIDER_FIELDS)[number];
export const providerLabels = (): Record<ProviderField | 'supplierId', string> => ({
  supplierId: m('supplier'),
  name: m('name'),
  asn: m('asn'),
  supportContact: m('supportContact'),
  note: m('note'),
});
/** The form's text as the API's input; an ASN that is not a whole number is the form's own error. */
export function providerInput(form: Record<ProviderField, string>): { input: Record<string, unknown> } | { asnError: string } {
  const asnText = form.asn.trim();
  const asn = asnText ? Number(asnText) : null;
  if (asn !== null && !Number.isSafeInteger(asn)) return { asnError: m('asnHint') };
  return {
    input: { name: form.name.trim() || null, asn, supportContact: form.supportContact.trim() || null, note: form.note.trim() || null },
  };
}

export default function ProvidersPage() {
  const shell = useShell();
  const canWrite = () => shell().access.can('connectivity:write');
  const [providers, refetch] = createQuery({ query: ProvidersQuery });
  const [suppliers] = createQuery({ query: SupplierChoices, pause: () => !canWrite() });
  const [, create] = createMutation(CreateProvider);

  const empty = { supplierId: '', name: '', asn: '', supportContact: '', note: '' };
  const [form, setForm] = createStore<Record<ProviderField | 'supplierId', string>>({ ...empty });
  const [saving, setSaving] = createSignal(false);
  const [saved, setSaved] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<Failure>();
  const errors = createFieldErrors(['supplierId', ...PROVIDER_FIELDS] as const);
  const taken = () => new Set((providers.data?.connectivityProviders ?? []).map((provider) => provider.supplier?.id));
  const supplierOptions = () =>
    (suppliers.data?.suppliers.edges ?? []).filter((edge) => !taken().has(edge.node.id)).map((edge) => ({ value: edge.node.id, label: edge.node.name }));

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setSaved(null);
    setFailure(undefined);
    errors.clear();
    if (!form.supplierId) return errors.set({ supplierId: m('required') });
    const built = providerInput(form);
    if ('asnError' in built) return errors.set({ asn: built.asnError });
    setSaving(true);
    const outcome = await create({ supplierId: form.supplierId, input: built.input });
    setSaving(false);
    const value = outcome.data?.createConnectivityProvider;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (value.__typename === 'ConnectivityProvider') {
      setForm({ ...empty });
      refetch({ requestPolicy: 'network-only' });
      setSaved(m('providerSaved', { name: value.name }));
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  type Row = NonNullable<typeof providers.data>['connectivityProviders'][number];
  return (
    <>
      <PageHeading title={m('providersTitle')}>
        <p class="lead">{m('providersIntro')}</p>
      </PageHeading>
      <SuccessNotice focus message={saved()} />
      <DataTable<Row>
        label={m('providersTitle')}
        caption={m('providersCaption')}
        rows={providers.data?.connectivityProviders}
        error={providers.error}
        empty={m('noProviders')}
        columns={[
          {
            header: m('name'),
            rowHeader: true,
            width: 'l',
            phone: true,
            cell: (provider) => <A href={`/connectivity/providers/${encodeURIComponent(provider.id)}`}>{provider.name}</A>,
          },
          { header: m('supplier'), width: 'l', cell: (provider) => provider.supplier?.name ?? '—' },
          { header: m('asn'), width: 's', numeric: true, phone: true, cell: (provider) => (provider.asn === null ? '—' : `AS${provider.asn}`) },
          { header: m('networks'), width: 'm', cell: (provider) => provider.networks.map((network) => network.name).join(', ') || '—' },
          {
            header: m('accounts'),
            width: 'l',
            cell: (provider) => provider.accounts.map((account) => `${account.accountNumber} (${account.entity?.name ?? '—'})`).join(', ') || '—',
          },
        ]}
      />
      <Show when={canWrite()}>
        <section aria-labelledby="provider-form-title">
          <h2 id="provider-form-title">{m('newProvider')}</h2>
          <Show when={errors.any()}>
            <ErrorSummary title={m('formErrorsTitle')} errors={errors.all()} labels={providerLabels()} idPrefix="provider-" />
          </Show>
          <ErrorNotice message={failure()?.message} error={failure()?.error ?? suppliers.error} />
          <form class="form form-grid" onSubmit={(event) => void save(event)} aria-labelledby="provider-form-title">
            <fieldset disabled={saving()}>
              <legend class="visually-hidden">{m('newProvider')}</legend>
              <SelectField
                id="provider-supplierId"
                label={m('supplier')}
                required
                value={form.supplierId}
                onValue={(v) => setForm('supplierId', v)}
                options={supplierOptions()}
                empty={m('pickSupplier')}
                error={errors.of('supplierId')}
              />
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
            <div class="form-actions">
              <button type="submit" class="button-primary" disabled={saving()}>
                {saving() ? t('common.saving') : t('common.save')}
              </button>
            </div>
          </form>
        </section>
      </Show>
    </>
  );
}
