// Suppliers: a list filtered by name or partita IVA, and one form that records a new supplier or
// changes the one picked in the list (with the version it was read at). Writing is for those
// holding procurement:write for the whole association, as the API requires.
import {
  createFieldErrors,
  createListParams,
  createListQuery,
  createMutation,
  DataTable,
  describeTypedError,
  ErrorNotice,
  ErrorSummary,
  FilterForm,
  graphql,
  isStaleVersion,
  isTypedError,
  PageHeading,
  SuccessNotice,
  t,
  TextField,
  useShell,
} from '@gea/web-kit';
import { createMemo, createSignal, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { Failure } from './failure.ts';
import { m } from './messages.ts';

const SuppliersQuery = graphql(`
  query ProcurementSuppliers($first: Int!, $after: String, $search: String) {
    suppliers(first: $first, after: $after, search: $search) {
      edges {
        node {
          id
          version
          name
          vatNumber
          pecAddress
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const CreateSupplier = graphql(`
  mutation ProcurementCreateSupplier($input: SupplierInput!) {
    createSupplier(input: $input) {
      __typename
      ... on Supplier { id version name vatNumber pecAddress }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);
const UpdateSupplier = graphql(`
  mutation ProcurementUpdateSupplier($id: ID!, $expectedVersion: Int!, $input: SupplierInput!) {
    updateSupplier(id: $id, expectedVersion: $expectedVersion, input: $input) {
      __typename
      ... on Supplier { id version name vatNumber pecAddress }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);

const FIELDS = ['name', 'vatNumber', 'pecAddress'] as const;
type Field = (typeof FIELDS)[number];
type Supplier = { id: string; version: number; name: string; vatNumber: string | null; pecAddress: string | null };

export default function SuppliersPage() {
  const shell = useShell();
  const canWrite = () => shell().access.can('procurement:write');
  const list = createListParams({ filters: ['q'] });
  const search = createMemo(() => list.filters().q.trim() || null);
  const suppliers = createListQuery({ query: SuppliersQuery, list, variables: () => ({ search: search() }), connection: (data) => data.suppliers });
  const [, create] = createMutation(CreateSupplier);
  const [, update] = createMutation(UpdateSupplier);

  const empty = { name: '', vatNumber: '', pecAddress: '' };
  const [form, setForm] = createStore<Record<Field, string>>({ ...empty });
  const [editing, setEditing] = createSignal<Supplier | null>(null);
  const [saving, setSaving] = createSignal(false);
  const [saved, setSaved] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<Failure>();
  const errors = createFieldErrors(FIELDS);
  const labels = (): Record<Field, string> => ({ name: m('name'), vatNumber: m('vatNumber'), pecAddress: m('pecAddress') });
  let nameInput: HTMLInputElement | undefined;

  function startEdit(supplier: Supplier) {
    setEditing(supplier);
    setForm({ name: supplier.name, vatNumber: supplier.vatNumber ?? '', pecAddress: supplier.pecAddress ?? '' });
    errors.clear();
    setFailure(undefined);
    setSaved(null);
    nameInput?.focus();
  }
  function reset() {
    setEditing(null);
    setForm({ ...empty });
    errors.clear();
  }

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setSaved(null);
    setFailure(undefined);
    errors.clear();
    const input = { name: form.name.trim(), vatNumber: form.vatNumber.trim() || null, pecAddress: form.pecAddress.trim() || null };
    setSaving(true);
    const current = editing();
    const outcome = current ? await update({ id: current.id, expectedVersion: current.version, input }) : await create({ input });
    setSaving(false);
    const value = outcome.data ? ('updateSupplier' in outcome.data ? outcome.data.updateSupplier : outcome.data.createSupplier) : undefined;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (isStaleVersion(value)) {
      setFailure({ message: describeTypedError(value) });
      suppliers.refetch();
      setEditing(null);
      return;
    }
    if (value.__typename === 'Supplier') {
      reset();
      suppliers.refetch();
      setSaved(m('supplierSaved', { name: value.name }));
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  return (
    <>
      <PageHeading title={m('suppliersTitle')}>
        <p class="lead">{m('suppliersIntro')}</p>
      </PageHeading>
      <SuccessNotice focus message={saved()} />
      <FilterForm label={m('suppliersFilters')} list={list}>
        <TextField id="suppliers-search" type="search" label={m('supplierSearch')} {...list.field('q')} />
      </FilterForm>
      <DataTable
        label={m('suppliersTitle')}
        caption={m('suppliersCaption')}
        source={suppliers}
        empty={m('noSuppliers')}
        pagerLabel={m('suppliersPaging')}
        columns={[
          { header: m('name'), rowHeader: true, width: 'l', phone: true, cell: (supplier) => supplier.name },
          { header: m('vatNumber'), nowrap: true, width: 's', phone: true, cell: (supplier) => supplier.vatNumber ?? '—' },
          { header: m('pecAddress'), width: 'l', breakAll: true, cell: (supplier) => supplier.pecAddress ?? '—' },
          {
            header: m('actions'),
            width: 's',
            hidden: !canWrite(),
            cell: (supplier) => (
              <button type="button" class="button-secondary" aria-label={m('editNamed', { name: supplier.name })} onClick={() => startEdit(supplier)}>
                {m('edit')}
              </button>
            ),
          },
        ]}
      />
      <Show when={canWrite()}>
        <section aria-labelledby="supplier-form-title">
          <h2 id="supplier-form-title">{editing() ? m('editSupplier', { name: editing()!.name }) : m('newSupplier')}</h2>
          <Show when={errors.any()}>
            <ErrorSummary title={m('formErrorsTitle')} errors={errors.all()} labels={labels()} idPrefix="supplier-" />
          </Show>
          <ErrorNotice message={failure()?.message} error={failure()?.error} />
          <form class="form form-grid" onSubmit={(event) => void save(event)} aria-labelledby="supplier-form-title">
            <fieldset disabled={saving()}>
              <legend class="visually-hidden">{editing() ? m('editSupplier', { name: editing()!.name }) : m('newSupplier')}</legend>
              <TextField id="supplier-name" label={labels().name} required value={form.name} onValue={(v) => setForm('name', v)} error={errors.of('name')} ref={nameInput} />
              <TextField id="supplier-vatNumber" label={labels().vatNumber} inputmode="numeric" value={form.vatNumber} onValue={(v) => setForm('vatNumber', v)} error={errors.of('vatNumber')} />
              <TextField id="supplier-pecAddress" type="email" label={labels().pecAddress} value={form.pecAddress} onValue={(v) => setForm('pecAddress', v)} error={errors.of('pecAddress')} />
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
