// Maintenance: the events from last month to next year (with the risks they bring), and one form
// that records a new event or changes the one picked in the list; an event is cancelled, never
// deleted. The window is entered in Italian time; the circuits are picked from the provider's.
import {
  createFieldErrors,
  createMutation,
  createQuery,
  describeTypedError,
  ErrorNotice,
  ErrorSummary,
  formatDateTime,
  graphql,
  isStaleVersion,
  isTypedError,
  PageHeading,
  SelectField,
  SuccessNotice,
  t,
  TableWrap,
  TextField,
  useShell,
} from '@gea/web-kit';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { m } from './messages.ts';
import { RisksSection } from './risks-section.tsx';
import { dayFromToday, isoToRomeLocal, romeLocalToIso } from './time.ts';

const EventsQuery = graphql(`
  query ConnectivityMaintenanceEvents($from: DateTime!, $to: DateTime!) {
    maintenanceEvents(from: $from, to: $to) {
      id
      version
      reference
      summary
      startsAt
      endsAt
      impact
      status
      provider { id name }
      circuits { id cid }
    }
  }
`);
const CircuitsQuery = graphql(`
  query ConnectivityMaintenanceCircuits {
    circuits(first: 100) {
      edges { node { id cid status description provider { id name } entity { id name } } }
    }
  }
`);
const CreateEvent = graphql(`
  mutation ConnectivityCreateMaintenanceEvent($providerId: ID!, $input: MaintenanceEventInput!) {
    createMaintenanceEvent(providerId: $providerId, input: $input) {
      __typename
      ... on MaintenanceEvent { id summary }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);
const UpdateEvent = graphql(`
  mutation ConnectivityUpdateMaintenanceEvent($id: ID!, $expectedVersion: Int!, $input: MaintenanceEventInput!) {
    updateMaintenanceEvent(id: $id, expectedVersion: $expectedVersion, input: $input) {
      __typename
      ... on MaintenanceEvent { id summary }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);
const CancelEvent = graphql(`
  mutation ConnectivityCancelMaintenanceEvent($id: ID!, $expectedVersion: Int!) {
    cancelMaintenanceEvent(id: $id, expectedVersion: $expectedVersion) {
      __typename
      ... on MaintenanceEvent { id summary status }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);

const FIELDS = ['summary', 'reference', 'startsAt', 'endsAt', 'impact', 'status', 'circuitIds'] as const;
type Field = (typeof FIELDS)[number];
const IMPACTS = ['OUTAGE', 'DEGRADED', 'NONE'] as const;
const STATUSES = ['TENTATIVE', 'CONFIRMED', 'CANCELLED', 'COMPLETED'] as const;
type Impact = (typeof IMPACTS)[number];
type Status = (typeof STATUSES)[number];
interface EventRow {
  id: string;
  version: number;
  reference: string | null;
  summary: string;
  startsAt: string;
  endsAt: string;
  impact: Impact;
  status: Status;
  provider: { id: string; name: string };
  circuits: ({ id: string; cid: string } | null)[];
}

export default function MaintenancePage() {
  const shell = useShell();
  const canWrite = () => shell().access.can('connectivity:write');
  const range = { from: `${dayFromToday(-31)}T00:00:00.000Z`, to: `${dayFromToday(366)}T00:00:00.000Z` };
  const [events, refetchEvents] = createQuery({ query: EventsQuery, variables: range });
  const [circuitsResult] = createQuery({ query: CircuitsQuery, pause: () => !canWrite() });
  const [, create] = createMutation(CreateEvent);
  const [, update] = createMutation(UpdateEvent);
  const [, cancel] = createMutation(CancelEvent);
  const refetch = () => refetchEvents({ requestPolicy: 'network-only' });

  const circuits = createMemo(() => circuitsResult.data?.circuits.edges.map((edge) => edge.node).filter((node) => !!node) ?? []);
  const providers = createMemo(() => {
    const seen = new Map<string, string>();
    for (const circuit of circuits()) seen.set(circuit.provider.id, circuit.provider.name);
    return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
  });

  const empty = { providerId: '', summary: '', reference: '', startsAt: '', endsAt: '', impact: 'OUTAGE' as Impact, status: 'CONFIRMED' as Status, circuitIds: [] as string[] };
  const [form, setForm] = createStore({ ...empty });
  const [editing, setEditing] = createSignal<EventRow | null>(null);
  const [saving, setSaving] = createSignal(false);
  const [saved, setSaved] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<{ message?: string; error?: unknown }>();
  const errors = createFieldErrors(FIELDS);
  const labels = (): Record<Field, string> => ({
    summary: m('summary'),
    reference: m('reference'),
    startsAt: m('startsAt'),
    endsAt: m('endsAt'),
    impact: m('impact'),
    status: m('status'),
    circuitIds: m('circuits'),
  });
  const providerCircuits = createMemo(() => circuits().filter((circuit) => circuit.provider.id === form.providerId));
  let summaryInput: HTMLInputElement | undefined;

  function startEdit(event: EventRow) {
    setEditing(event);
    setForm({
      providerId: event.provider.id,
      summary: event.summary,
      reference: event.reference ?? '',
      startsAt: isoToRomeLocal(event.startsAt),
      endsAt: isoToRomeLocal(event.endsAt),
      impact: event.impact,
      status: event.status,
      circuitIds: event.circuits.flatMap((circuit) => (circuit ? [circuit.id] : [])),
    });
    errors.clear();
    setFailure(undefined);
    setSaved(null);
    summaryInput?.focus();
  }
  function reset() {
    setEditing(null);
    setForm({ ...empty, circuitIds: [] });
    errors.clear();
  }
  function toggleCircuit(id: string, on: boolean) {
    setForm('circuitIds', (ids) => (on ? [...new Set([...ids, id])] : ids.filter((other) => other !== id)));
  }

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setSaved(null);
    setFailure(undefined);
    errors.clear();
    const startsAt = romeLocalToIso(form.startsAt);
    const endsAt = romeLocalToIso(form.endsAt);
    if (!startsAt || !endsAt || !form.providerId) {
      return errors.fromIssues([
        ...(!startsAt ? [{ path: ['input', 'startsAt'], message: 'is required', code: 'REQUIRED' as const }] : []),
        ...(!endsAt ? [{ path: ['input', 'endsAt'], message: 'is required', code: 'REQUIRED' as const }] : []),
        ...(!form.providerId ? [{ path: ['input', 'circuitIds'], message: m('chooseProvider'), code: 'INVALID_VALUE' as const }] : []),
      ]);
    }
    const input = {
      summary: form.summary.trim(),
      reference: form.reference.trim() || null,
      startsAt,
      endsAt,
      impact: form.impact,
      status: form.status,
      circuitIds: form.circuitIds,
    };
    setSaving(true);
    const current = editing();
    const outcome = current
      ? await update({ id: current.id, expectedVersion: current.version, input })
      : await create({ providerId: form.providerId, input });
    setSaving(false);
    const value = outcome.data ? ('updateMaintenanceEvent' in outcome.data ? outcome.data.updateMaintenanceEvent : outcome.data.createMaintenanceEvent) : undefined;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (isStaleVersion(value)) {
      setFailure({ message: describeTypedError(value) });
      refetch();
      setEditing(null);
      return;
    }
    if (value.__typename === 'MaintenanceEvent') {
      reset();
      refetch();
      setSaved(m('saved', { name: value.summary }));
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  async function cancelOne(row: EventRow) {
    if (!window.confirm(m('confirmCancel', { name: row.summary }))) return;
    setSaved(null);
    setFailure(undefined);
    const outcome = await cancel({ id: row.id, expectedVersion: row.version });
    const value = outcome.data?.cancelMaintenanceEvent;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    refetch();
    if (value.__typename === 'MaintenanceEvent') setSaved(m('cancelled', { name: value.summary }));
    else if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  const rows = () => (events.data?.maintenanceEvents.filter((row) => !!row) ?? []) as EventRow[];
  return (
    <>
      <PageHeading title={m('maintenanceTitle')}>
        <p class="lead">{m('maintenanceIntro')}</p>
      </PageHeading>
      <SuccessNotice focus message={saved()} />
      <ErrorNotice message={failure()?.message} error={failure()?.error as never} />
      <Show when={events.data} fallback={<ErrorNotice error={events.error} />}>
        <Show when={rows().length > 0} fallback={<p>{m('noEvents')}</p>}>
          <TableWrap label={m('maintenanceTitle')}>
            <table>
              <caption>{m('eventsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{m('summary')}</th>
                  <th scope="col">{m('provider')}</th>
                  <th scope="col">{m('window')}</th>
                  <th scope="col">{m('impact')}</th>
                  <th scope="col">{m('status')}</th>
                  <th scope="col">{m('circuits')}</th>
                  <Show when={canWrite()}>
                    <th scope="col">{m('actions')}</th>
                  </Show>
                </tr>
              </thead>
              <tbody>
                <For each={rows()}>
                  {(row) => (
                    <tr>
                      <th scope="row">
                        {row.summary}
                        <Show when={row.reference}> ({row.reference})</Show>
                      </th>
                      <td>{row.provider.name}</td>
                      <td>
                        {formatDateTime(row.startsAt)} – {formatDateTime(row.endsAt)}
                      </td>
                      <td>{m(`impacts.${row.impact}` as 'impacts.OUTAGE')}</td>
                      <td>{m(`statuses.${row.status}` as 'statuses.CONFIRMED')}</td>
                      <td>{row.circuits.flatMap((c) => (c ? [c.cid] : [])).join(', ')}</td>
                      <Show when={canWrite()}>
                        <td class="actions">
                          <button type="button" class="button-secondary" aria-label={m('editNamed', { name: row.summary })} onClick={() => startEdit(row)}>
                            {m('edit')}
                          </button>{' '}
                          <Show when={row.status !== 'CANCELLED'}>
                            <button type="button" class="button-secondary" aria-label={m('cancelNamed', { name: row.summary })} onClick={() => void cancelOne(row)}>
                              {m('cancelEvent')}
                            </button>
                          </Show>
                        </td>
                      </Show>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </TableWrap>
        </Show>
      </Show>

      <Show when={canWrite()}>
        <section aria-labelledby="maintenance-form-title">
          <h2 id="maintenance-form-title">{editing() ? m('editEvent', { name: editing()!.summary }) : m('newEvent')}</h2>
          <Show when={errors.any()}>
            <ErrorSummary title={m('formErrorsTitle')} errors={errors.all()} labels={labels()} idPrefix="maintenance-" />
          </Show>
          <form class="form form-grid" onSubmit={(event) => void save(event)} aria-labelledby="maintenance-form-title">
            <fieldset disabled={saving()}>
              <legend class="visually-hidden">{editing() ? m('editEvent', { name: editing()!.summary }) : m('newEvent')}</legend>
              <Show
                when={!editing()}
                fallback={
                  <p>
                    {m('provider')}: {editing()!.provider.name}
                  </p>
                }
              >
                <SelectField
                  id="maintenance-provider"
                  label={m('provider')}
                  required
                  empty={m('chooseProvider')}
                  options={providers()}
                  value={form.providerId}
                  onValue={(value) => {
                    setForm('providerId', value);
                    setForm('circuitIds', []);
                  }}
                />
              </Show>
              <TextField id="maintenance-summary" label={labels().summary} required value={form.summary} onValue={(v) => setForm('summary', v)} error={errors.of('summary')} ref={summaryInput} />
              <TextField id="maintenance-reference" label={labels().reference} value={form.reference} onValue={(v) => setForm('reference', v)} error={errors.of('reference')} />
              <TextField id="maintenance-startsAt" type="datetime-local" label={labels().startsAt} required value={form.startsAt} onValue={(v) => setForm('startsAt', v)} error={errors.of('startsAt')} />
              <TextField id="maintenance-endsAt" type="datetime-local" label={labels().endsAt} required value={form.endsAt} onValue={(v) => setForm('endsAt', v)} error={errors.of('endsAt')} />
              <SelectField
                id="maintenance-impact"
                label={labels().impact}
                required
                options={IMPACTS.map((value) => ({ value, label: m(`impacts.${value}` as 'impacts.OUTAGE') }))}
                value={form.impact}
                onValue={(v) => setForm('impact', v as Impact)}
                error={errors.of('impact')}
              />
              <SelectField
                id="maintenance-status"
                label={labels().status}
                required
                options={STATUSES.map((value) => ({ value, label: m(`statuses.${value}` as 'statuses.CONFIRMED') }))}
                value={form.status}
                onValue={(v) => setForm('status', v as Status)}
                error={errors.of('status')}
              />
              <fieldset id="maintenance-circuitIds" class="field" classList={{ 'field-invalid': !!errors.of('circuitIds') }} aria-describedby="maintenance-circuits-hint">
                <legend>{labels().circuitIds}</legend>
                <p class="hint" id="maintenance-circuits-hint">
                  {m('circuitsHint')}
                </p>
                <Show when={errors.of('circuitIds')}>
                  <p class="field-error">{errors.of('circuitIds')}</p>
                </Show>
                <Show when={form.providerId} fallback={<p>{m('chooseProvider')}</p>}>
                  <Show when={providerCircuits().length > 0} fallback={<p>{m('noCircuits')}</p>}>
                    <For each={providerCircuits()}>
                      {(circuit) => (
                        <label class="checkbox">
                          <input
                            type="checkbox"
                            value={circuit.id}
                            checked={form.circuitIds.includes(circuit.id)}
                            onChange={(event) => toggleCircuit(circuit.id, event.currentTarget.checked)}
                          />{' '}
                          {circuit.cid} — {circuit.entity?.name ?? ''}
                          <Show when={circuit.description}> ({circuit.description})</Show>
                        </label>
                      )}
                    </For>
                  </Show>
                </Show>
              </fieldset>
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
        </section>
      </Show>

      <RisksSection from={`${dayFromToday(0)}T00:00:00.000Z`} to={`${dayFromToday(366)}T00:00:00.000Z`} />
    </>
  );
}
