// Virtual circuits: the list (network, provider, status, members the reader may see) and the form
// that records one over a provider network (connectivity:write over the association).
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
import { CIRCUIT_STATUSES, m, roleLabel, statusLabel, type CircuitStatus, type Failure } from './messages.ts';

const VirtualCircuitsQuery = graphql(`
  query ConnectivityVirtualCircuits {
    virtualCircuits {
      id
      name
      identifier
      status
      providerNetwork { id name provider { id name } }
      terminations { role circuit { id cid } }
    }
    connectivityProviders { id name networks { id name } }
  }
`);
const CreateVirtualCircuit = graphql(`
  mutation ConnectivityCreateVirtualCircuit($providerNetworkId: ID!, $input: VirtualCircuitInput!) {
    createVirtualCircuit(providerNetworkId: $providerNetworkId, input: $input) {
      __typename
      ... on VirtualCircuit { id name }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);

export const VC_FIELDS = ['name', 'identifier', 'status', 'description'] as const;
export type VcField = (typeof VC_FIELDS)[number];
export const vcLabels = (): Record<VcField | 'providerNetworkId', string> => ({
  providerNetworkId: m('network'),
  name: m('name'),
  identifier: m('identifier'),
  status: m('status'),
  description: m('description'),
});
export const vcInput = (form: Record<VcField, string>) => ({
  name: form.name.trim(),
  identifier: form.identifier.trim() || null,
  status: form.status as CircuitStatus,
  description: form.description.trim() || null,
});
export const statusOptions = () => CIRCUIT_STATUSES.map((status) => ({ value: status, label: statusLabel(status) }));

export default function VirtualCircuitsPage() {
  const shell = useShell();
  const canWrite = () => shell().access.can('connectivity:write');
  const [result, refetch] = createQuery({ query: VirtualCircuitsQuery });
  const [, create] = createMutation(CreateVirtualCircuit);
  const empty = { providerNetworkId: '', name: '', identifier: '', status: 'PLANNED', description: '' };
  const [form, setForm] = createStore<Record<VcField | 'providerNetworkId', string>>({ ...empty });
  const [saving, setSaving] = createSignal(false);
  const [saved, setSaved] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<Failure>();
  const errors = createFieldErrors(['providerNetworkId', ...VC_FIELDS] as const);
  const networkOptions = () =>
    (result.data?.connectivityProviders ?? []).flatMap((provider) =>
      provider.networks.map((network) => ({ value: network.id, label: `${provider.name} — ${network.name}` })),
    );

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setSaved(null);
    setFailure(undefined);
    errors.clear();
    if (!form.providerNetworkId) return errors.set({ providerNetworkId: m('required') });
    setSaving(true);
    const outcome = await create({ providerNetworkId: form.providerNetworkId, input: vcInput(form) });
    setSaving(false);
    const value = outcome.data?.createVirtualCircuit;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (value.__typename === 'VirtualCircuit') {
      setForm({ ...empty });
      refetch({ requestPolicy: 'network-only' });
      setSaved(m('virtualSaved', { name: value.name }));
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  type Row = NonNullable<typeof result.data>['virtualCircuits'][number];
  return (
    <>
      <PageHeading title={m('virtualTitle')}>
        <p class="lead">{m('virtualIntro')}</p>
      </PageHeading>
      <SuccessNotice focus message={saved()} />
      <DataTable<Row>
        label={m('virtualTitle')}
        caption={m('virtualCaption')}
        rows={result.data?.virtualCircuits}
        error={result.error}
        empty={m('noVirtual')}
        columns={[
          {
            header: m('name'),
            rowHeader: true,
            width: 'l',
            phone: true,
            cell: (vc) => <A href={`/connectivity/virtual-circuits/${encodeURIComponent(vc.id)}`}>{vc.name}</A>,
          },
          { header: m('network'), width: 'l', cell: (vc) => `${vc.providerNetwork.provider.name} — ${vc.providerNetwork.name}` },
          { header: m('identifier'), width: 's', nowrap: true, cell: (vc) => vc.identifier ?? '—' },
          { header: m('status'), width: 's', phone: true, cell: (vc) => statusLabel(vc.status) },
          {
            header: m('members'),
            width: 'l',
            cell: (vc) => vc.terminations.map((member) => `${member.circuit.cid} (${roleLabel(member.role)})`).join(', ') || '—',
          },
        ]}
      />
      <Show when={canWrite()}>
        <section aria-labelledby="vc-form-title">
          <h2 id="vc-form-title">{m('newVirtual')}</h2>
          <Show when={errors.any()}>
            <ErrorSummary title={m('formErrorsTitle')} errors={errors.all()} labels={vcLabels()} idPrefix="vc-" />
          </Show>
          <ErrorNotice message={failure()?.message} error={failure()?.error} />
          <form class="form form-grid" onSubmit={(event) => void save(event)} aria-labelledby="vc-form-title">
            <fieldset disabled={saving()}>
              <legend class="visually-hidden">{m('newVirtual')}</legend>
              <SelectField
                id="vc-providerNetworkId"
                label={m('network')}
                required
                value={form.providerNetworkId}
                onValue={(v) => setForm('providerNetworkId', v)}
                options={networkOptions()}
                empty={m('pickNetwork')}
                error={errors.of('providerNetworkId')}
              />
              <TextField id="vc-name" label={m('name')} required value={form.name} onValue={(v) => setForm('name', v)} error={errors.of('name')} />
              <TextField id="vc-identifier" label={m('identifier')} hint={m('identifierHint')} value={form.identifier} onValue={(v) => setForm('identifier', v)} error={errors.of('identifier')} />
              <SelectField id="vc-status" label={m('status')} required value={form.status} onValue={(v) => setForm('status', v)} options={statusOptions()} error={errors.of('status')} />
              <TextField id="vc-description" label={m('description')} value={form.description} onValue={(v) => setForm('description', v)} error={errors.of('description')} />
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
