// Staff a member body lends to the ICT office in a year (art. 13.5: its cost is reimbursed in
// full): the list, and for those who may record it one form to add or change a secondment (with the
// version it was read at), and deletion.
import {
  centsToInput,
  createFieldErrors,
  createMutation,
  createQuery,
  DataTable,
  describeTypedError,
  ErrorNotice,
  ErrorSummary,
  EuroField,
  formatEuroCents,
  formatNumber,
  graphql,
  isStaleVersion,
  isTypedError,
  locale,
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
import { createSignal, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { AssociationYearPicker, createAssociationYear } from './association-year.tsx';
import type { Failure } from './failure.ts';
import { m } from './messages.ts';
import './procurement.css';

const StaffQuery = graphql(`
  query ProcurementStaff($id: ID!, $year: Int!) {
    node(id: $id) {
      __typename
      ... on Association {
        id
        staffSecondments(year: $year) {
          id
          version
          year
          personName
          role
          timeShareBasisPoints
          costCents
          lendingEntity {
            id
            name
          }
        }
      }
    }
  }
`);
const CreateStaff = graphql(`
  mutation ProcurementCreateStaff($associationId: ID!, $input: StaffSecondmentInput!) {
    createStaffSecondment(associationId: $associationId, input: $input) {
      __typename
      ... on StaffSecondment { id personName }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);
const UpdateStaff = graphql(`
  mutation ProcurementUpdateStaff($id: ID!, $expectedVersion: Int!, $input: StaffSecondmentInput!) {
    updateStaffSecondment(id: $id, expectedVersion: $expectedVersion, input: $input) {
      __typename
      ... on StaffSecondment { id personName }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);
const DeleteStaff = graphql(`
  mutation ProcurementDeleteStaff($id: ID!, $expectedVersion: Int) {
    deleteStaffSecondment(id: $id, expectedVersion: $expectedVersion) {
      __typename
      ... on MutationDeleteStaffSecondmentSuccess { data }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);

type Secondment = Extract<NonNullable<ResultOf<typeof StaffQuery>['node']>, { __typename: 'Association' }>['staffSecondments'][number];
const FIELDS = ['lendingEntityId', 'personName', 'role', 'timeShareBasisPoints', 'costCents'] as const;
type Field = (typeof FIELDS)[number];
type Form = Record<Field, string>;
const emptyForm = (): Form => ({ lendingEntityId: '', personName: '', role: '', timeShareBasisPoints: '100', costCents: '' });
const labels = (): Record<Field, string> => ({
  lendingEntityId: m('lendingEntity'),
  personName: m('personName'),
  role: m('role'),
  timeShareBasisPoints: m('timeShare'),
  costCents: m('costEuro'),
});
/** A percentage as typed (Italian or English decimals) to basis points; undefined when it is not one in (0, 100]. */
function basisPoints(text: string): number | undefined {
  const value = Number(text.trim().replace(locale() === 'it' ? ',' : /(?!)/, '.'));
  if (!Number.isFinite(value) || value <= 0 || value > 100) return undefined;
  const points = Math.round(value * 100);
  return points >= 1 ? points : undefined;
}
const percentInput = (points: number) => {
  const text = String(points / 100);
  return locale() === 'it' ? text.replace('.', ',') : text;
};

export default function StaffPage() {
  const shell = useShell();
  const state = createAssociationYear();
  return (
    <>
      <PageHeading title={m('staffTitle')}>
        <p class="lead">{m('staffIntro')}</p>
      </PageHeading>
      <AssociationYearPicker state={state} withYear idPrefix="staff">
        {(associationId) => <Staff associationId={associationId} year={state.year()} members={state.members()} canWrite={shell().access.can('procurement:write')} />}
      </AssociationYearPicker>
    </>
  );
}

function Staff(props: { associationId: string; year: number; members: readonly { id: string; name: string }[]; canWrite: boolean }) {
  const [result, reload] = createQuery({ query: StaffQuery, variables: () => ({ id: props.associationId, year: props.year }) });
  const rows = () => (result.data?.node?.__typename === 'Association' ? result.data.node.staffSecondments : undefined);
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const [, create] = createMutation(CreateStaff);
  const [, update] = createMutation(UpdateStaff);
  const [, remove] = createMutation(DeleteStaff);
  const [form, setForm] = createStore<Form>(emptyForm());
  const [editing, setEditing] = createSignal<Secondment | null>(null);
  const [saving, setSaving] = createSignal(false);
  const [saved, setSaved] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<Failure>();
  const errors = createFieldErrors(FIELDS);
  let nameInput: HTMLInputElement | undefined;

  const reset = () => {
    setEditing(null);
    setForm(emptyForm());
    errors.clear();
  };
  const startEdit = (row: Secondment) => {
    reset();
    setSaved(null);
    setFailure(undefined);
    setEditing(row);
    setForm({
      lendingEntityId: row.lendingEntity.id,
      personName: row.personName,
      role: row.role ?? '',
      timeShareBasisPoints: percentInput(row.timeShareBasisPoints),
      costCents: centsToInput(row.costCents),
    });
    nameInput?.focus();
  };

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setSaved(null);
    setFailure(undefined);
    const costCents = parseEuroToCents(form.costCents, locale());
    const points = basisPoints(form.timeShareBasisPoints);
    const local: Partial<Record<Field, string>> = {};
    if (costCents === undefined || costCents === null) local.costCents = m('valueInvalid');
    if (points === undefined) local.timeShareBasisPoints = m('timeShareInvalid');
    if (Object.keys(local).length > 0) return errors.set(local);
    errors.clear();
    const input = {
      year: props.year,
      lendingEntityId: form.lendingEntityId,
      personName: form.personName.trim(),
      role: form.role.trim() || null,
      timeShareBasisPoints: points!,
      costCents: costCents!,
    };
    setSaving(true);
    const current = editing();
    const outcome = current ? await update({ id: current.id, expectedVersion: current.version, input }) : await create({ associationId: props.associationId, input });
    setSaving(false);
    const value = outcome.data ? ('updateStaffSecondment' in outcome.data ? outcome.data.updateStaffSecondment : outcome.data.createStaffSecondment) : undefined;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (isStaleVersion(value)) {
      setFailure({ message: describeTypedError(value) });
      refresh();
      return;
    }
    if (value.__typename === 'StaffSecondment') {
      reset();
      refresh();
      setSaved(m('staffSaved', { name: value.personName }));
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  async function drop(row: Secondment) {
    if (!window.confirm(m('confirmDeleteStaff', { name: row.personName }))) return;
    setSaved(null);
    setFailure(undefined);
    const outcome = await remove({ id: row.id, expectedVersion: row.version });
    const value = outcome.data?.deleteStaffSecondment;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'MutationDeleteStaffSecondmentSuccess') {
      if (editing()?.id === row.id) reset();
      refresh();
      setSaved(m('staffDeleted', { name: row.personName }));
      return;
    }
    if (isStaleVersion(value)) refresh();
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  const bind = (name: Field) => ({ id: `staff-${name}`, label: labels()[name], value: form[name], onValue: (value: string) => setForm(name, value), error: errors.of(name) });

  return (
    <>
      <SuccessNotice focus message={saved()} />
      <Show when={!props.canWrite}>
        <p class="notice notice-info">{m('viewOnly')}</p>
      </Show>
      <DataTable
        label={m('staffCaption', { year: String(props.year) })}
        caption={m('staffCaption', { year: String(props.year) })}
        rows={rows()}
        error={result.error}
        empty={m('noStaff')}
        columns={[
          { header: m('personName'), rowHeader: true, width: 'm', phone: true, cell: (row) => row.personName },
          { header: m('role'), width: 'm', cell: (row) => row.role ?? '—' },
          { header: m('lendingEntity'), width: 'm', phone: true, cell: (row) => row.lendingEntity.name },
          { header: m('timeShare'), width: 's', numeric: true, cell: (row) => formatNumber(row.timeShareBasisPoints / 100) },
          { header: m('costEuro'), width: 's', numeric: true, nowrap: true, phone: true, cell: (row) => formatEuroCents(row.costCents) },
          {
            header: m('actions'),
            width: 'm',
            hidden: !props.canWrite,
            cell: (row) => (
              <span class="procurement-actions">
                <button type="button" class="button-secondary" aria-label={m('editNamed', { name: row.personName })} onClick={() => startEdit(row)}>
                  {m('edit')}
                </button>
                <button type="button" class="button-secondary" aria-label={m('deleteNamed', { name: row.personName })} onClick={() => void drop(row)}>
                  {m('delete')}
                </button>
              </span>
            ),
          },
        ]}
      />
      <Show when={props.canWrite}>
        <section aria-labelledby="staff-form-title">
          <h2 id="staff-form-title">{editing() ? m('editStaff', { name: editing()!.personName }) : m('newStaff')}</h2>
          <Show when={errors.any()}>
            <ErrorSummary title={m('formErrorsTitle')} errors={errors.all()} labels={labels()} idPrefix="staff-" />
          </Show>
          <ErrorNotice message={failure()?.message} error={failure()?.error} />
          <form class="form form-grid" onSubmit={(event) => void save(event)} aria-labelledby="staff-form-title">
            <fieldset disabled={saving()}>
              <legend>{editing() ? m('editStaff', { name: editing()!.personName }) : m('newStaff')}</legend>
              <TextField {...bind('personName')} required ref={nameInput} />
              <TextField {...bind('role')} />
              <SelectField {...bind('lendingEntityId')} required empty={m('chooseBody')} options={props.members.map((body) => ({ value: body.id, label: body.name }))} />
              <NumberField {...bind('timeShareBasisPoints')} required hint={m('timeShareHint')} />
              <EuroField {...bind('costCents')} required hint={m('valueHint')} />
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
    </>
  );
}
