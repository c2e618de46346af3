// One virtual circuit: its details, and its members picked among the circuits that end on its
// provider network (a role per circuit, or none). The API checks the topology and the bodies'
// rights; its refusals are shown next to the circuit they concern.
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
  issueMessage,
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
import { m, ROLES, roleLabel, type Failure, type Role } from './messages.ts';
import { statusOptions, VC_FIELDS, vcInput, vcLabels, type VcField } from './virtual-circuits-page.tsx';

const VirtualCircuitQuery = graphql(`
  query ConnectivityVirtualCircuit($id: ID!) {
    node(id: $id) {
      __typename
      ... on VirtualCircuit {
        id
        version
        name
        identifier
        status
        description
        providerNetwork { id name provider { id name } }
        terminations { role circuit { id cid entity { id name } } }
      }
    }
  }
`);
// The circuits a member may be picked from: the provider's, those ending on the network kept below.
const CandidatesQuery = graphql(`
  query ConnectivityVirtualCircuitCandidates($providerId: ID!) {
    circuits(first: 100, filter: { providerId: $providerId }) {
      edges { node { id cid entity { id name } terminations { side providerNetwork { id } } } }
    }
  }
`);
const UpdateVirtualCircuit = graphql(`
  mutation ConnectivityUpdateVirtualCircuit($id: ID!, $expectedVersion: Int!, $input: VirtualCircuitInput!) {
    updateVirtualCircuit(id: $id, expectedVersion: $expectedVersion, input: $input) {
      __typename
      ... on VirtualCircuit { id version name }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);
const SetMembers = graphql(`
  mutation ConnectivitySetVirtualCircuitMembers($id: ID!, $expectedVersion: Int!, $terminations: [VirtualCircuitTerminationInput!]!) {
    setVirtualCircuitTerminations(id: $id, expectedVersion: $expectedVersion, terminations: $terminations) {
      __typename
      ... on VirtualCircuit { id version }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);

type VirtualCircuit = Extract<NonNullable<ResultOf<typeof VirtualCircuitQuery>['node']>, { __typename: 'VirtualCircuit' }>;

export default function VirtualCircuitPage() {
  const params = useParams<{ id: string }>();
  const [result, reload] = createQuery({ query: VirtualCircuitQuery, variables: () => ({ id: decodeURIComponent(params.id) }) });
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const vc = () => {
    const node = result.data?.node;
    return node?.__typename === 'VirtualCircuit' ? node : undefined;
  };
  const [saved, setSaved] = createSignal<string | null>(null);
  const done = (text: string) => {
    setSaved(text);
    refresh();
  };
  return (
    <NodePage error={result.error} loaded={!!result.data} node={vc()} notFound={m('virtualNotFound')}>
      {(current) => (
        <>
          <PageHeading title={current().name}>
            <p class="lead">
              <A href="/connectivity/virtual-circuits">{m('backToVirtual')}</A>
            </p>
          </PageHeading>
          <SuccessNotice focus message={saved()} />
          <DetailsForm vc={current()} onSaved={done} onStale={refresh} />
          <MembersForm vc={current()} onSaved={done} onStale={refresh} />
        </>
      )}
    </NodePage>
  );
}

type SectionProps = { vc: VirtualCircuit; onSaved: (text: string) => void; onStale: () => void };

function DetailsForm(props: SectionProps) {
  const shell = useShell();
  const canWrite = () => shell().access.can('connectivity:write');
  const [, update] = createMutation(UpdateVirtualCircuit);
  const fill = (vc: VirtualCircuit) => ({ name: vc.name, identifier: vc.identifier ?? '', status: vc.status, description: vc.description ?? '' });
  const [form, setForm] = createStore<Record<VcField, string>>(fill(props.vc));
  createEffect(on(() => props.vc.version, () => setForm(fill(props.vc)), { defer: true }));
  const [saving, setSaving] = createSignal(false);
  const [failure, setFailure] = createSignal<Failure>();
  const errors = createFieldErrors(VC_FIELDS);

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setFailure(undefined);
    errors.clear();
    setSaving(true);
    const outcome = await update({ id: props.vc.id, expectedVersion: props.vc.version, input: vcInput(form) });
    setSaving(false);
    const value = outcome.data?.updateVirtualCircuit;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (isStaleVersion(value)) {
      setFailure({ message: m('staleReloaded') });
      props.onStale();
      return;
    }
    if (value.__typename === 'VirtualCircuit') return props.onSaved(m('virtualSaved', { name: value.name }));
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  return (
    <section aria-labelledby="vc-details-title">
      <h2 id="vc-details-title">{m('virtualDetails')}</h2>
      <p>
        {m('network')}: {props.vc.providerNetwork.provider.name} — {props.vc.providerNetwork.name}
      </p>
      <Show when={errors.any()}>
        <ErrorSummary title={m('formErrorsTitle')} errors={errors.all()} labels={vcLabels()} idPrefix="vc-" />
      </Show>
      <ErrorNotice message={failure()?.message} error={failure()?.error} />
      <form class="form form-grid" onSubmit={(event) => void save(event)} aria-labelledby="vc-details-title">
        <fieldset disabled={saving() || !canWrite()}>
          <legend class="visually-hidden">{m('virtualDetails')}</legend>
          <TextField id="vc-name" label={m('name')} required value={form.name} onValue={(v) => setForm('name', v)} error={errors.of('name')} />
          <TextField id="vc-identifier" label={m('identifier')} hint={m('identifierHint')} value={form.identifier} onValue={(v) => setForm('identifier', v)} error={errors.of('identifier')} />
          <SelectField id="vc-status" label={m('status')} required value={form.status} onValue={(v) => setForm('status', v)} options={statusOptions()} error={errors.of('status')} />
          <TextField id="vc-description" label={m('description')} value={form.description} onValue={(v) => setForm('description', v)} error={errors.of('description')} />
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

type Candidate = { id: string; cid: string; entity: { id: string; name: string } | null };

function MembersForm(props: SectionProps) {
  const shell = useShell();
  const canWrite = () => shell().bodiesWithModule('connectivity', 'connectivity:write').length > 0;
  const [candidates] = createQuery({ query: CandidatesQuery, variables: () => ({ providerId: props.vc.providerNetwork.provider.id }) });
  const [, setMembers] = createMutation(SetMembers);
  const current = () => new Map(props.vc.terminations.map((member) => [member.circuit.id, member.role as Role]));
  const [roles, setRoles] = createStore<Record<string, Role | ''>>(Object.fromEntries(current()));
  createEffect(on(() => props.vc.version, () => setRoles(Object.fromEntries([...Object.keys(roles)].map((id) => [id, current().get(id) ?? '']))), { defer: true }));
  const [saving, setSaving] = createSignal(false);
  const [failure, setFailure] = createSignal<Failure>();
  const [issues, setIssues] = createSignal<Record<string, string>>({});

  /** Circuits ending on the network, with the members the reader sees even if the list missed them. */
  const rows = (): Candidate[] => {
    const onNetwork = (candidates.data?.circuits.edges ?? [])
      .map((edge) => edge.node)
      .filter((circuit) => circuit.terminations.some((end) => end.providerNetwork?.id === props.vc.providerNetwork.id));
    const known = new Set(onNetwork.map((circuit) => circuit.id));
    const members = props.vc.terminations.filter((member) => !known.has(member.circuit.id)).map((member) => member.circuit);
    return [...onNetwork, ...members];
  };
  const chosen = () => rows().flatMap((circuit) => (roles[circuit.id] ? [{ circuitId: circuit.id, role: roles[circuit.id] as Role }] : []));

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setFailure(undefined);
    setIssues({});
    const terminations = chosen();
    setSaving(true);
    const outcome = await setMembers({ id: props.vc.id, expectedVersion: props.vc.version, terminations });
    setSaving(false);
    const value = outcome.data?.setVirtualCircuitTerminations;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') {
      // ['terminations', index, field] belongs to that circuit's row; ['terminations'] to the whole list.
      const byCircuit: Record<string, string> = {};
      for (const issue of value.issues) {
        const member = issue.path[1] !== undefined ? terminations[Number(issue.path[1])] : undefined;
        const key = member ? `member-${member.circuitId}` : '';
        byCircuit[key] = byCircuit[key] ? `${byCircuit[key]}; ${issueMessage(issue)}` : issueMessage(issue);
      }
      return setIssues(byCircuit);
    }
    if (isStaleVersion(value)) {
      setFailure({ message: m('staleReloaded') });
      props.onStale();
      return;
    }
    if (value.__typename === 'VirtualCircuit') return props.onSaved(m('membersSaved'));
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  const labels = () => Object.fromEntries(rows().map((circuit) => [`member-${circuit.id}`, m('roleOf', { name: circuit.cid })]));
  return (
    <section aria-labelledby="vc-members-title">
      <h2 id="vc-members-title">{m('membersTitle')}</h2>
      <p>{m('membersIntro', { network: props.vc.providerNetwork.name })}</p>
      <Show when={Object.keys(issues()).length > 0}>
        <ErrorSummary title={m('membersErrors')} errors={issues()} labels={labels()} />
      </Show>
      <ErrorNotice message={failure()?.message} error={failure()?.error ?? candidates.error} />
      <form class="form" onSubmit={(event) => void save(event)} aria-labelledby="vc-members-title">
        <fieldset disabled={saving() || !canWrite()}>
          <legend class="visually-hidden">{m('membersTitle')}</legend>
          <DataTable<Candidate>
            label={m('membersTitle')}
            caption={m('membersCaption')}
            rows={candidates.data || candidates.error ? rows() : undefined}
            empty={m('noCandidates')}
            columns={[
              { header: m('circuit'), rowHeader: true, width: 'm', phone: true, nowrap: true, cell: (circuit) => circuit.cid },
              { header: m('body'), width: 'l', cell: (circuit) => circuit.entity?.name ?? '—' },
              {
                header: m('role'),
                width: 'm',
                phone: true,
                cell: (circuit) => (
                  <SelectField
                    id={`member-${circuit.id}`}
                    label={m('roleOf', { name: circuit.cid })}
                    value={roles[circuit.id] ?? ''}
                    onValue={(v) => setRoles(circuit.id, v as Role | '')}
                    options={ROLES.map((role) => ({ value: role, label: roleLabel(role) }))}
                    empty={m('notMember')}
                    error={issues()[`member-${circuit.id}`]}
                  />
                ),
              },
            ]}
          />
        </fieldset>
        <Show when={canWrite()}>
          <div class="form-actions">
            <button type="submit" class="button-primary" disabled={saving()}>
              {saving() ? t('common.saving') : m('saveMembers')}
            </button>
          </div>
        </Show>
      </form>
    </section>
  );
}
