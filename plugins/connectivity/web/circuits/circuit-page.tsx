// A circuit: the form with every field (a new circuit also picks its body and provider), the
// status change with its day, the two terminations (a site or a provider network, the port, the
// CPE from the body's assets) and the redundancy group it belongs to. /connectivity/circuits/new
// shows the form alone; once saved, the circuit's page.
import {
  announceNextPage,
  centsToInput,
  createFieldErrors,
  createMutation,
  createQuery,
  DateField,
  describeTypedError,
  ErrorNotice,
  ErrorSummary,
  EuroField,
  graphql,
  isTypedError,
  NumberField,
  PageHeading,
  parseEuroToCents,
  type ResultOf,
  SelectField,
  SuccessNotice,
  t,
  TextField,
  useShell,
} from '@gea/web-kit';
import { A, useNavigate, useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { m, STATUSES, TECHNOLOGIES, TYPES, WINDOWS } from './messages.ts';

const CIRCUIT_FIELDS = `
  id version cid type technology status agcomClass downloadKbps uploadKbps guaranteedDownloadKbps guaranteedUploadKbps
  publicIpAddresses installedOn terminatedOn slaAvailabilityHundredths slaRestoreHours slaServiceWindow
  monthlyCostCents yearlyCostCents oneOffCostCents vatRateBasisPoints description`;

const CircuitQuery = graphql(`
  query ConnectivityCircuit($id: ID!) {
    node(id: $id) {
      ... on Circuit {
        id version cid type technology status agcomClass downloadKbps uploadKbps guaranteedDownloadKbps guaranteedUploadKbps
        publicIpAddresses installedOn terminatedOn slaAvailabilityHundredths slaRestoreHours slaServiceWindow
        monthlyCostCents yearlyCostCents oneOffCostCents vatRateBasisPoints description
        provider { id name networks { id name } }
        entity { id name sites { id name } assets(first: 100, filter: { kind: [NETWORK_DEVICE, OTHER] }) { edges { node { id inventoryTag model } } } }
        terminations { id version side portSpeedKbps crossConnect site { id name } providerNetwork { id name } cpe { id } }
        redundancy { priority group { name } }
      }
    }
  }
`);
const ProvidersQuery = graphql(`
  query ConnectivityCircuitFormProviders {
    connectivityProviders { id name }
  }
`);
const CreateCircuit = graphql(`
  mutation ConnectivityCreateCircuit($providerId: ID!, $entityId: ID!, $input: CircuitInput!) {
    createCircuit(providerId: $providerId, entityId: $entityId, input: $input) {
      __typename
      ... on Circuit { id cid }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);
const UpdateCircuit = graphql(`
  mutation ConnectivityUpdateCircuit($id: ID!, $expectedVersion: Int!, $input: CircuitInput!) {
    updateCircuit(id: $id, expectedVersion: $expectedVersion, input: $input) {
      __typename
      ... on Circuit { id cid version }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);
const SetStatus = graphql(`
  mutation ConnectivitySetCircuitStatus($id: ID!, $expectedVersion: Int!, $status: CircuitStatus!, $on: Date!) {
    setCircuitStatus(id: $id, expectedVersion: $expectedVersion, status: $status, on: $on) {
      __typename
      ... on Circuit { id version status }
      ... on InputError { message issues { path message code } }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);
const SetTermination = graphql(`
  mutation ConnectivitySetCircuitTermination($circuitId: ID!, $side: TerminationSide!, $expectedVersion: Int, $input: CircuitTerminationInput!) {
    setCircuitTermination(circuitId: $circuitId, side: $side, expectedVersion: $expectedVersion, input: $input) {
      __typename
      ... on CircuitTermination { id version }
      ... on InputError { message issues { path message code } }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);
const RemoveTermination = graphql(`
  mutation ConnectivityRemoveCircuitTermination($id: ID!) {
    removeCircuitTermination(id: $id) {
      __typename
      ... on Error { code message }
    }
  }
`);
void CIRCUIT_FIELDS;

const FIELDS = [
  'cid', 'type', 'technology', 'status', 'downloadKbps', 'uploadKbps', 'guaranteedDownloadKbps', 'guaranteedUploadKbps', 'publicIpAddresses',
  'installedOn', 'terminatedOn', 'slaAvailabilityHundredths', 'slaRestoreHours', 'slaServiceWindow', 'monthlyCostCents', 'yearlyCostCents',
  'oneOffCostCents', 'vatRateBasisPoints', 'description',
] as const;
type Field = (typeof FIELDS)[number];

const whole = (text: string): number | null | undefined => (text.trim() === '' ? null : /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined);
/** "99,9" or "99.9" as hundredths (9990). */
const hundredths = (text: string): number | null | undefined => {
  const value = text.trim().replace(',', '.');
  if (value === '') return null;
  return /^\d+(\.\d{1,2})?$/.test(value) ? Math.round(Number(value) * 100) : undefined;
};
const fromHundredths = (value: number | null | undefined) => (value == null ? '' : String(value / 100).replace('.', ','));
const today = () => new Date().toISOString().slice(0, 10);

export default function CircuitPage() {
  const params = useParams<{ id?: string }>();
  const navigate = useNavigate();
  const shell = useShell();
  const isNew = () => !params.id || params.id === 'new';
  const [circuit, refetch] = createQuery({ query: CircuitQuery, variables: () => ({ id: decodeURIComponent(params.id ?? '') }), pause: () => isNew() });
  const [providers] = createQuery({ query: ProvidersQuery });
  const [, create] = createMutation(CreateCircuit);
  const [, update] = createMutation(UpdateCircuit);
  const [, setStatus] = createMutation(SetStatus);
  const node = createMemo(() => {
    const value = circuit.data?.node;
    return value && 'cid' in value ? value : null;
  });
  const canWrite = () => (node() ? shell().access.can('connectivity:write', node()!.entity?.id ?? '') : shell().bodiesWithModule('connectivity', 'connectivity:write').length > 0);

  const empty: Record<Field, string> & { entityId: string; providerId: string } = {
    entityId: '', providerId: '', cid: '', type: 'INTERNET', technology: 'FTTH_FTTB', status: 'PLANNED', downloadKbps: '', uploadKbps: '',
    guaranteedDownloadKbps: '', guaranteedUploadKbps: '', publicIpAddresses: '', installedOn: '', terminatedOn: '', slaAvailabilityHundredths: '',
    slaRestoreHours: '', slaServiceWindow: '', monthlyCostCents: '', yearlyCostCents: '', oneOffCostCents: '', vatRateBasisPoints: '22', description: '',
  };
  const [form, setForm] = createStore({ ...empty });
  createEffect(
    on(node, (value) => {
      if (!value) return;
      setForm({
        cid: value.cid, type: value.type, technology: value.technology, status: value.status, downloadKbps: String(value.downloadKbps), uploadKbps: String(value.uploadKbps),
        guaranteedDownloadKbps: value.guaranteedDownloadKbps == null ? '' : String(value.guaranteedDownloadKbps),
        guaranteedUploadKbps: value.guaranteedUploadKbps == null ? '' : String(value.guaranteedUploadKbps),
        publicIpAddresses: value.publicIpAddresses.join(' '), installedOn: value.installedOn ?? '', terminatedOn: value.terminatedOn ?? '',
        slaAvailabilityHundredths: fromHundredths(value.slaAvailabilityHundredths), slaRestoreHours: value.slaRestoreHours == null ? '' : String(value.slaRestoreHours),
        slaServiceWindow: value.slaServiceWindow ?? '', monthlyCostCents: centsToInput(value.monthlyCostCents), yearlyCostCents: centsToInput(value.yearlyCostCents),
        oneOffCostCents: centsToInput(value.oneOffCostCents), vatRateBasisPoints: fromHundredths(value.vatRateBasisPoints), description: value.description ?? '',
      });
    }),
  );
  const errors = createFieldErrors([...FIELDS, 'entityId', 'providerId'] as const);
  const [saving, setSaving] = createSignal(false);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<string | undefined>();
  const labels = (): Record<Field | 'entityId' | 'providerId', string> => ({
    entityId: m('body'), providerId: m('provider'), cid: m('cid'), type: m('type'), technology: m('technology'), status: m('status'),
    downloadKbps: m('downloadKbps'), uploadKbps: m('uploadKbps'), guaranteedDownloadKbps: m('guaranteedDownloadKbps'), guaranteedUploadKbps: m('guaranteedUploadKbps'),
    publicIpAddresses: m('publicIpAddresses'), installedOn: m('installedOn'), terminatedOn: m('terminatedOn'), slaAvailabilityHundredths: m('slaAvailability'),
    slaRestoreHours: m('slaRestoreHours'), slaServiceWindow: m('slaServiceWindow'), monthlyCostCents: m('monthlyCost'), yearlyCostCents: m('yearlyCost'),
    oneOffCostCents: m('oneOffCost'), vatRateBasisPoints: m('vatRate'), description: m('description'),
  });

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setNotice(null);
    setFailure(undefined);
    errors.clear();
    const local: Partial<Record<string, string>> = {};
    const number = (field: Field, parse: (text: string) => number | null | undefined, message = m('notANumber')) => {
      const value = parse(form[field]);
      if (value === undefined) local[field] = message;
      return value ?? null;
    };
    const input = {
      cid: form.cid.trim(), type: form.type as never, technology: form.technology as never, status: form.status as never,
      downloadKbps: number('downloadKbps', whole) ?? 0, uploadKbps: number('uploadKbps', whole) ?? 0,
      guaranteedDownloadKbps: number('guaranteedDownloadKbps', whole), guaranteedUploadKbps: number('guaranteedUploadKbps', whole),
      publicIpAddresses: form.publicIpAddresses.split(/[\s,;]+/).filter(Boolean),
      installedOn: form.installedOn || null, terminatedOn: form.terminatedOn || null,
      slaAvailabilityHundredths: number('slaAvailabilityHundredths', hundredths), slaRestoreHours: number('slaRestoreHours', whole),
      slaServiceWindow: (form.slaServiceWindow || null) as never,
      monthlyCostCents: number('monthlyCostCents', (text) => parseEuroToCents(text), m('notAnAmount')) ?? 0,
      yearlyCostCents: number('yearlyCostCents', (text) => parseEuroToCents(text), m('notAnAmount')) ?? 0,
      oneOffCostCents: number('oneOffCostCents', (text) => parseEuroToCents(text), m('notAnAmount')) ?? 0,
      vatRateBasisPoints: number('vatRateBasisPoints', hundredths) ?? 2200, description: form.description.trim() || null,
    };
    if (isNew() && !form.entityId) local.entityId = m('required');
    if (isNew() && !form.providerId) local.providerId = m('required');
    if (Object.keys(local).length > 0) return errors.set(local);
    setSaving(true);
    const current = node();
    const outcome = current
      ? await update({ id: current.id, expectedVersion: current.version, input })
      : await create({ providerId: form.providerId, entityId: form.entityId, input });
    setSaving(false);
    const value = outcome.data ? ('updateCircuit' in outcome.data ? outcome.data.updateCircuit : outcome.data.createCircuit) : undefined;
    if (outcome.error || !value) return setFailure(outcome.error?.message ?? 'error');
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (value.__typename === 'Circuit') {
      if (!current) {
        announceNextPage();
        return navigate(`/connectivity/circuits/${encodeURIComponent(value.id)}`);
      }
      refetch({ requestPolicy: 'network-only' });
      return setNotice(m('saved', { cid: value.cid }));
    }
    if (isTypedError(value)) {
      setFailure(describeTypedError(value));
      refetch({ requestPolicy: 'network-only' });
    }
  }

  const [newStatus, setNewStatus] = createSignal('ACTIVE');
  const [statusOn, setStatusOn] = createSignal(today());
  const [statusError, setStatusError] = createSignal<string | undefined>();
  async function changeStatus(event: SubmitEvent) {
    event.preventDefault();
    const current = node();
    if (!current) return;
    setNotice(null);
    setStatusError(undefined);
    const outcome = await setStatus({ id: current.id, expectedVersion: current.version, status: newStatus() as never, on: statusOn() });
    const value = outcome.data?.setCircuitStatus;
    if (outcome.error || !value) return setStatusError(outcome.error?.message);
    if (value.__typename === 'Circuit') {
      refetch({ requestPolicy: 'network-only' });
      return setNotice(m('statusChanged', { status: m(`statuses.${value.status}`) }));
    }
    if (value.__typename === 'InputError') return setStatusError(value.issues.map((issue) => issue.message).join('; '));
    if (isTypedError(value)) setStatusError(describeTypedError(value));
  }

  return (
    <>
      <p class="breadcrumb">
        <A href="/connectivity/circuits">{t('common.back')}</A>
      </p>
      <PageHeading title={isNew() ? m('newTitle') : m('circuitTitle', { cid: node()?.cid ?? '' })}>
        <Show when={node()}>
          <p class="lead">
            {node()!.entity?.name} · {node()!.provider.name} · {m(`statuses.${node()!.status}`)}
          </p>
        </Show>
      </PageHeading>
      <SuccessNotice focus message={notice()} />
      <section aria-labelledby="circuit-form-title">
        <h2 id="circuit-form-title">{m('formTitle')}</h2>
        <Show when={errors.any()}>
          <ErrorSummary title={m('formErrorsTitle')} errors={errors.all()} labels={labels()} idPrefix="circuit-" />
        </Show>
        <ErrorNotice message={failure()} />
        <form class="form form-grid" onSubmit={(event) => void save(event)} aria-labelledby="circuit-form-title">
          <fieldset disabled={saving() || !canWrite()}>
            <legend class="visually-hidden">{m('formTitle')}</legend>
            <Show when={isNew()}>
              <SelectField id="circuit-entityId" label={labels().entityId} required empty="" value={form.entityId} onValue={(v) => setForm('entityId', v)} error={errors.of('entityId')}
                options={shell().bodiesWithModule('connectivity', 'connectivity:write').map((body) => ({ value: body.id, label: body.name }))} />
              <SelectField id="circuit-providerId" label={labels().providerId} required empty="" value={form.providerId} onValue={(v) => setForm('providerId', v)} error={errors.of('providerId')}
                options={(providers.data?.connectivityProviders ?? []).map((provider) => ({ value: provider.id, label: provider.name }))} />
            </Show>
            <TextField id="circuit-cid" label={labels().cid} required value={form.cid} onValue={(v) => setForm('cid', v)} error={errors.of('cid')} />
            <SelectField id="circuit-type" label={labels().type} required value={form.type} onValue={(v) => setForm('type', v)} options={TYPES.map((v) => ({ value: v, label: m(`types.${v}`) }))} error={errors.of('type')} />
            <SelectField id="circuit-technology" label={labels().technology} required value={form.technology} onValue={(v) => setForm('technology', v)} options={TECHNOLOGIES.map((v) => ({ value: v, label: m(`technologies.${v}`) }))} error={errors.of('technology')} />
            <SelectField id="circuit-status" label={labels().status} required value={form.status} onValue={(v) => setForm('status', v)} options={STATUSES.map((v) => ({ value: v, label: m(`statuses.${v}`) }))} error={errors.of('status')} />
            <NumberField id="circuit-downloadKbps" label={labels().downloadKbps} required value={form.downloadKbps} onValue={(v) => setForm('downloadKbps', v)} error={errors.of('downloadKbps')} />
            <NumberField id="circuit-uploadKbps" label={labels().uploadKbps} required value={form.uploadKbps} onValue={(v) => setForm('uploadKbps', v)} error={errors.of('uploadKbps')} />
            <NumberField id="circuit-guaranteedDownloadKbps" label={labels().guaranteedDownloadKbps} value={form.guaranteedDownloadKbps} onValue={(v) => setForm('guaranteedDownloadKbps', v)} error={errors.of('guaranteedDownloadKbps')} />
            <NumberField id="circuit-guaranteedUploadKbps" label={labels().guaranteedUploadKbps} value={form.guaranteedUploadKbps} onValue={(v) => setForm('guaranteedUploadKbps', v)} error={errors.of('guaranteedUploadKbps')} />
            <TextField id="circuit-publicIpAddresses" label={labels().publicIpAddresses} hint={m('publicIpHint')} value={form.publicIpAddresses} onValue={(v) => setForm('publicIpAddresses', v)} error={errors.of('publicIpAddresses')} />
            <DateField id="circuit-installedOn" label={labels().installedOn} value={form.installedOn} onValue={(v) => setForm('installedOn', v)} error={errors.of('installedOn')} />
            <DateField id="circuit-terminatedOn" label={labels().terminatedOn} value={form.terminatedOn} onValue={(v) => setForm('terminatedOn', v)} error={errors.of('terminatedOn')} />
            <TextField id="circuit-slaAvailabilityHundredths" label={labels().slaAvailabilityHundredths} inputmode="decimal" value={form.slaAvailabilityHundredths} onValue={(v) => setForm('slaAvailabilityHundredths', v)} error={errors.of('slaAvailabilityHundredths')} />
            <NumberField id="circuit-slaRestoreHours" label={labels().slaRestoreHours} value={form.slaRestoreHours} onValue={(v) => setForm('slaRestoreHours', v)} error={errors.of('slaRestoreHours')} />
            <SelectField id="circuit-slaServiceWindow" label={labels().slaServiceWindow} empty="—" value={form.slaServiceWindow} onValue={(v) => setForm('slaServiceWindow', v)} options={WINDOWS.map((v) => ({ value: v, label: m(`windows.${v}`) }))} error={errors.of('slaServiceWindow')} />
            <EuroField id="circuit-monthlyCostCents" label={labels().monthlyCostCents} value={form.monthlyCostCents} onValue={(v) => setForm('monthlyCostCents', v)} error={errors.of('monthlyCostCents')} />
            <EuroField id="circuit-yearlyCostCents" label={labels().yearlyCostCents} value={form.yearlyCostCents} onValue={(v) => setForm('yearlyCostCents', v)} error={errors.of('yearlyCostCents')} />
            <EuroField id="circuit-oneOffCostCents" label={labels().oneOffCostCents} value={form.oneOffCostCents} onValue={(v) => setForm('oneOffCostCents', v)} error={errors.of('oneOffCostCents')} />
            <TextField id="circuit-vatRateBasisPoints" label={labels().vatRateBasisPoints} inputmode="decimal" value={form.vatRateBasisPoints} onValue={(v) => setForm('vatRateBasisPoints', v)} error={errors.of('vatRateBasisPoints')} />
            <TextField id="circuit-description" label={labels().description} value={form.description} onValue={(v) => setForm('description', v)} error={errors.of('description')} />
          </fieldset>
          <Show when={canWrite()}>
            <div class="form-actions">
              <button type="submit" class="button-primary" disabled={saving()}>
                {saving() ? t('common.saving') : m('save')}
              </button>
            </div>
          </Show>
        </form>
      </section>

      <Show when={node() && canWrite()}>
        <section aria-labelledby="circuit-status-title">
          <h2 id="circuit-status-title">{m('statusTitle')}</h2>
          <ErrorNotice message={statusError()} />
          <form class="form form-grid" onSubmit={(event) => void changeStatus(event)} aria-labelledby="circuit-status-title">
            <SelectField id="circuit-new-status" label={m('status')} value={newStatus()} onValue={setNewStatus} options={STATUSES.map((v) => ({ value: v, label: m(`statuses.${v}`) }))} />
            <DateField id="circuit-status-on" label={m('statusOn')} required value={statusOn()} onValue={setStatusOn} />
            <div class="form-actions">
              <button type="submit" class="button-secondary">
                {m('changeStatus')}
              </button>
            </div>
          </form>
        </section>
      </Show>

      <Show when={node()}>
        <section aria-labelledby="circuit-terminations-title">
          <h2 id="circuit-terminations-title">{m('terminationsTitle')}</h2>
          <For each={['A', 'Z'] as const}>
            {(side) => (
              <TerminationForm
                side={side}
                circuit={node()!}
                canWrite={canWrite()}
                onDone={(message) => {
                  refetch({ requestPolicy: 'network-only' });
                  setNotice(message);
                }}
              />
            )}
          </For>
        </section>
        <section aria-labelledby="circuit-redundancy-title">
          <h2 id="circuit-redundancy-title">{m('redundancyTitle')}</h2>
          <p>
            {node()!.redundancy
              ? m('redundancyOf', { group: node()!.redundancy!.group.name, priority: m(`priorities.${node()!.redundancy!.priority}`) })
              : m('redundancyNone')}
          </p>
        </section>
      </Show>
    </>
  );
}

type CircuitNode = Extract<NonNullable<ResultOf<typeof CircuitQuery>['node']>, { cid: string }>;

function TerminationForm(props: {
  side: 'A' | 'Z';
  circuit: CircuitNode;
  canWrite: boolean;
  onDone: (message: string) => void;
}) {
  const [, save] = createMutation(SetTermination);
  const [, remove] = createMutation(RemoveTermination);
  const current = () => props.circuit.terminations.find((end) => end.side === props.side);
  const prefix = `termination-${props.side}`;
  // One choice for the end: a site ("site:<id>") or a provider network ("net:<id>").
  const [place, setPlace] = createSignal('');
  const [port, setPort] = createSignal('');
  const [cpe, setCpe] = createSignal('');
  const [crossConnect, setCrossConnect] = createSignal('');
  const [error, setError] = createSignal<string | undefined>();
  createEffect(() => {
    const end = current();
    setPlace(end?.site ? `site:${end.site.id}` : end?.providerNetwork ? `net:${end.providerNetwork.id}` : '');
    setPort(end?.portSpeedKbps == null ? '' : String(end.portSpeedKbps));
    setCpe(end?.cpe?.id ?? '');
    setCrossConnect(end?.crossConnect ?? '');
  });
  const places = () => [
    ...(props.circuit.entity?.sites ?? []).map((site) => ({ value: `site:${site.id}`, label: `${m('site')}: ${site.name}` })),
    ...props.circuit.provider.networks.map((network) => ({ value: `net:${network.id}`, label: `${m('providerNetwork')}: ${network.name}` })),
  ];
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setError(undefined);
    const [kind, id] = place().split(':');
    const input = {
      siteId: kind === 'site' ? id : null,
      providerNetworkId: kind === 'net' ? id : null,
      portSpeedKbps: port().trim() ? Number(port().trim()) : null,
      cpeAssetId: cpe() || null,
      crossConnect: crossConnect().trim() || null,
    };
    const outcome = await save({ circuitId: props.circuit.id, side: props.side, expectedVersion: current()?.version ?? null, input });
    const value = outcome.data?.setCircuitTermination;
    if (outcome.error || !value) return setError(outcome.error?.message);
    if (value.__typename === 'CircuitTermination') return props.onDone(m('terminationSaved', { side: props.side }));
    if (value.__typename === 'InputError') return setError(value.issues.map((issue) => issue.message).join('; '));
    if (isTypedError(value)) setError(describeTypedError(value));
  }
  async function drop() {
    const end = current();
    if (!end) return;
    const outcome = await remove({ id: end.id });
    if (outcome.error) return setError(outcome.error.message);
    props.onDone(m('terminationRemoved', { side: props.side }));
  }
  return (
    <form class="form form-grid" onSubmit={(event) => void submit(event)} aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{m('side', { side: props.side })}</h3>
      <ErrorNotice message={error()} />
      <fieldset disabled={!props.canWrite}>
        <legend class="visually-hidden">{m('side', { side: props.side })}</legend>
        <SelectField id={`${prefix}-place`} label={`${m('site')} / ${m('providerNetwork')}`} empty={m('noSite')} value={place()} onValue={setPlace} options={places()} />
        <NumberField id={`${prefix}-port`} label={m('portSpeed')} value={port()} onValue={setPort} />
        <SelectField
          id={`${prefix}-cpe`}
          label={m('cpe')}
          empty="—"
          value={cpe()}
          onValue={setCpe}
          options={(props.circuit.entity?.assets?.edges ?? []).map(({ node }) => ({ value: node.id, label: [node.inventoryTag, node.model].filter(Boolean).join(' · ') }))}
        />
        <TextField id={`${prefix}-cross`} label={m('crossConnect')} value={crossConnect()} onValue={setCrossConnect} />
      </fieldset>
      <Show when={props.canWrite}>
        <div class="form-actions">
          <button type="submit" class="button-secondary" disabled={!place()}>
            {m('saveTermination', { side: props.side })}
          </button>
          <Show when={current()}>
            <button type="button" class="button-secondary" onClick={() => void drop()}>
              {m('removeTermination', { side: props.side })}
            </button>
          </Show>
        </div>
      </Show>
    </form>
  );
}
