// The office's expenses of a year for an association: totals (gross, grants, net), the list, and
// for those who may record them (procurement:write for the whole association, as the API wants)
// one form to add or change an expense with its grant lines, and deletion. Changes carry the
// version they were read at.
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
  graphql,
  isStaleVersion,
  isTypedError,
  locale,
  PageHeading,
  parseEuroToCents,
  type ResultOf,
  SelectField,
  SuccessNotice,
  t,
  TextField,
  useShell,
} from '@gea/web-kit';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { AssociationYearPicker, createAssociationYear } from './association-year.tsx';
import type { Failure } from './failure.ts';
import { EXPENSE_CATEGORIES, EXPENSE_PLANS, GRANT_SOURCES, m, type ExpenseCategory, type ExpensePlan, type GrantSource } from './messages.ts';
import './procurement.css';

const ExpensesQuery = graphql(`
  query ProcurementExpenses($id: ID!, $year: Int!) {
    node(id: $id) {
      __typename
      ... on Association {
        id
        expenses(year: $year) {
          id
          version
          year
          description
          plan
          category
          amountCents
          vatCents
          grossCents
          grantsCents
          netCents
          orderReference
          contract {
            id
            subject
          }
          project {
            id
            name
          }
          grants {
            source
            grantor
            amountCents
            reference
          }
        }
        projects {
          id
          name
        }
      }
    }
    contracts(first: 100) {
      edges {
        node {
          id
          subject
          cig
        }
      }
    }
  }
`);

const ExpenseResult = graphql(`
  mutation ProcurementCreateExpense($associationId: ID!, $input: ExpenseInput!) {
    createExpense(associationId: $associationId, input: $input) {
      __typename
      ... on Expense { id description }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);
const UpdateExpense = graphql(`
  mutation ProcurementUpdateExpense($id: ID!, $expectedVersion: Int!, $input: ExpenseInput!) {
    updateExpense(id: $id, expectedVersion: $expectedVersion, input: $input) {
      __typename
      ... on Expense { id description }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);
const DeleteExpense = graphql(`
  mutation ProcurementDeleteExpense($id: ID!, $expectedVersion: Int) {
    deleteExpense(id: $id, expectedVersion: $expectedVersion) {
      __typename
      ... on MutationDeleteExpenseSuccess { data }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);

type Association = Extract<NonNullable<ResultOf<typeof ExpensesQuery>['node']>, { __typename: 'Association' }>;
type Expense = Association['expenses'][number];
type GrantLine = { source: string; grantor: string; amount: string; reference: string };

const FIELDS = ['description', 'plan', 'category', 'amountCents', 'vatCents', 'contractId', 'orderReference', 'projectId', 'grants'] as const;
type Field = (typeof FIELDS)[number];
type Form = Omit<Record<Field, string>, 'grants'> & { grants: GrantLine[] };

const emptyForm = (): Form => ({
  description: '',
  plan: 'PURCHASES',
  category: 'CURRENT',
  amountCents: '',
  vatCents: '',
  contractId: '',
  orderReference: '',
  projectId: '',
  grants: [],
});
const formFrom = (expense: Expense): Form => ({
  description: expense.description,
  plan: expense.plan,
  category: expense.category,
  amountCents: centsToInput(expense.amountCents),
  vatCents: centsToInput(expense.vatCents),
  contractId: expense.contract?.id ?? '',
  orderReference: expense.orderReference ?? '',
  projectId: expense.project?.id ?? '',
  grants: expense.grants.map((grant) => ({ source: grant.source, grantor: grant.grantor, amount: centsToInput(grant.amountCents), reference: grant.reference ?? '' })),
});
const labels = (): Record<Field, string> => ({
  description: m('description'),
  plan: m('plan'),
  category: m('category'),
  amountCents: m('amountEuro'),
  vatCents: m('vatEuro'),
  contractId: m('contract'),
  orderReference: m('orderReference'),
  projectId: m('project'),
  grants: m('grants'),
});

export default function ExpensesPage() {
  const shell = useShell();
  const state = createAssociationYear();
  return (
    <>
      <PageHeading title={m('expensesTitle')}>
        <p class="lead">{m('expensesIntro')}</p>
      </PageHeading>
      <AssociationYearPicker state={state} withYear idPrefix="expenses">
        {(associationId) => <Expenses associationId={associationId} year={state.year()} canWrite={shell().access.can('procurement:write')} />}
      </AssociationYearPicker>
    </>
  );
}

function Expenses(props: { associationId: string; year: number; canWrite: boolean }) {
  const [result, reload] = createQuery({ query: ExpensesQuery, variables: () => ({ id: props.associationId, year: props.year }) });
  const association = () => (result.data?.node?.__typename === 'Association' ? result.data.node : undefined);
  const expenses = () => association()?.expenses;
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const totals = createMemo(() =>
    (expenses() ?? []).reduce((sum, e) => ({ gross: sum.gross + e.grossCents, grants: sum.grants + e.grantsCents, net: sum.net + e.netCents }), { gross: 0, grants: 0, net: 0 }),
  );
  const [, create] = createMutation(ExpenseResult);
  const [, update] = createMutation(UpdateExpense);
  const [, remove] = createMutation(DeleteExpense);
  const [form, setForm] = createStore<Form>(emptyForm());
  const [editing, setEditing] = createSignal<Expense | null>(null);
  const [saving, setSaving] = createSignal(false);
  const [saved, setSaved] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<Failure>();
  const errors = createFieldErrors(FIELDS);
  const [grantErrors, setGrantErrors] = createSignal<Record<string, string>>({});
  let descriptionInput: HTMLInputElement | undefined;

  const reset = () => {
    setEditing(null);
    setForm(emptyForm());
    errors.clear();
    setGrantErrors({});
  };
  const startEdit = (expense: Expense) => {
    reset();
    setSaved(null);
    setFailure(undefined);
    setEditing(expense);
    setForm(formFrom(expense));
    descriptionInput?.focus();
  };

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setSaved(null);
    setFailure(undefined);
    errors.clear();
    setGrantErrors({});
    const amountCents = parseEuroToCents(form.amountCents, locale());
    const vatCents = parseEuroToCents(form.vatCents, locale());
    const grantAmounts = form.grants.map((grant) => parseEuroToCents(grant.amount, locale()));
    const local: Partial<Record<Field, string>> = {};
    if (amountCents === undefined || amountCents === null) local.amountCents = m('valueInvalid');
    if (vatCents === undefined) local.vatCents = m('valueInvalid');
    const badGrants = Object.fromEntries(grantAmounts.flatMap((cents, index) => (cents === undefined || cents === null ? [[`grant-${index}-amount`, m('valueInvalid')]] : [])));
    if (Object.keys(local).length > 0 || Object.keys(badGrants).length > 0) {
      errors.set(local);
      setGrantErrors(badGrants);
      if (Object.keys(local).length === 0) document.getElementById(Object.keys(badGrants)[0]!)?.focus();
      return;
    }
    const input = {
      year: props.year,
      description: form.description.trim(),
      plan: form.plan as ExpensePlan,
      category: form.category as ExpenseCategory,
      amountCents: amountCents!,
      vatCents: vatCents ?? 0,
      contractId: form.contractId || null,
      orderReference: form.orderReference.trim() || null,
      projectId: form.projectId || null,
      grants: form.grants.map((grant, index) => ({
        source: grant.source as GrantSource,
        grantor: grant.grantor.trim(),
        amountCents: grantAmounts[index]!,
        reference: grant.reference.trim() || null,
      })),
    };
    setSaving(true);
    const current = editing();
    const outcome = current ? await update({ id: current.id, expectedVersion: current.version, input }) : await create({ associationId: props.associationId, input });
    setSaving(false);
    const value = outcome.data ? ('updateExpense' in outcome.data ? outcome.data.updateExpense : outcome.data.createExpense) : undefined;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') {
      errors.fromIssues(value.issues);
      // Issues of one grant line (input.grants.N.field) go next to that line's field.
      setGrantErrors(
        Object.fromEntries(
          value.issues.flatMap((issue) =>
            issue.path[1] === 'grants' && issue.path.length >= 4 ? [[`grant-${issue.path[2]}-${issue.path[3] === 'amountCents' ? 'amount' : issue.path[3]}`, issue.message]] : [],
          ),
        ),
      );
      return;
    }
    if (isStaleVersion(value)) {
      setFailure({ message: describeTypedError(value) });
      refresh();
      return;
    }
    if (value.__typename === 'Expense') {
      reset();
      refresh();
      setSaved(m('expenseSaved', { name: value.description }));
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  async function drop(expense: Expense) {
    if (!window.confirm(m('confirmDeleteExpense', { name: expense.description }))) return;
    setSaved(null);
    setFailure(undefined);
    const outcome = await remove({ id: expense.id, expectedVersion: expense.version });
    const value = outcome.data?.deleteExpense;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'MutationDeleteExpenseSuccess') {
      if (editing()?.id === expense.id) reset();
      refresh();
      setSaved(m('expenseDeleted', { name: expense.description }));
      return;
    }
    if (isStaleVersion(value)) refresh();
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  const bind = (name: Exclude<Field, 'grants'>) => ({
    id: `expense-${name}`,
    label: labels()[name],
    value: form[name],
    onValue: (value: string) => setForm(name, value),
    error: errors.of(name),
  });

  return (
    <>
      <SuccessNotice focus message={saved()} />
      <ErrorNotice error={result.error} />
      <Show when={!props.canWrite}>
        <p class="notice notice-info">{m('viewOnly')}</p>
      </Show>
      <dl class="procurement-details" aria-label={m('totals')}>
        <dt>{m('gross')}</dt>
        <dd>{formatEuroCents(totals().gross)}</dd>
        <dt>{m('grants')}</dt>
        <dd>{formatEuroCents(totals().grants)}</dd>
        <dt>{m('net')}</dt>
        <dd>{formatEuroCents(totals().net)}</dd>
      </dl>
      <DataTable
        label={m('expensesCaption', { year: String(props.year) })}
        caption={m('expensesCaption', { year: String(props.year) })}
        rows={expenses()}
        error={result.error}
        empty={m('noExpenses')}
        columns={[
          {
            header: m('description'),
            rowHeader: true,
            width: 'l',
            phone: true,
            cell: (expense) => (
              <>
                {expense.description}
                <Show when={expense.project || expense.contract}>
                  <br />
                  <span class="muted">{[expense.project?.name, expense.contract?.subject].filter(Boolean).join(' · ')}</span>
                </Show>
              </>
            ),
          },
          { header: m('plan'), width: 's', cell: (expense) => m(`plans.${expense.plan}`) },
          { header: m('category'), width: 's', cell: (expense) => m(`categories.${expense.category}`) },
          { header: m('gross'), width: 's', numeric: true, nowrap: true, cell: (expense) => formatEuroCents(expense.grossCents) },
          { header: m('grants'), width: 's', numeric: true, nowrap: true, cell: (expense) => formatEuroCents(expense.grantsCents) },
          { header: m('net'), width: 's', numeric: true, nowrap: true, phone: true, cell: (expense) => formatEuroCents(expense.netCents) },
          {
            header: m('actions'),
            width: 'm',
            hidden: !props.canWrite,
            cell: (expense) => (
              <span class="procurement-actions">
                <button type="button" class="button-secondary" aria-label={m('editNamed', { name: expense.description })} onClick={() => startEdit(expense)}>
                  {m('edit')}
                </button>
                <button type="button" class="button-secondary" aria-label={m('deleteNamed', { name: expense.description })} onClick={() => void drop(expense)}>
                  {m('delete')}
                </button>
              </span>
            ),
          },
        ]}
      />
      <Show when={props.canWrite}>
        <section aria-labelledby="expense-form-title">
          <h2 id="expense-form-title">{editing() ? m('editExpense') : m('newExpense')}</h2>
          <Show when={errors.any()}>
            <ErrorSummary title={m('formErrorsTitle')} errors={errors.all()} labels={labels()} idPrefix="expense-" />
          </Show>
          <ErrorNotice message={failure()?.message} error={failure()?.error} />
          <form class="form form-grid" onSubmit={(event) => void save(event)} aria-labelledby="expense-form-title">
            <fieldset disabled={saving()}>
              <legend>{editing() ? m('editExpense') : m('newExpense')}</legend>
              <TextField {...bind('description')} required ref={descriptionInput} />
              <SelectField {...bind('plan')} required options={EXPENSE_PLANS.map((value) => ({ value, label: m(`plans.${value}`) }))} />
              <SelectField {...bind('category')} required options={EXPENSE_CATEGORIES.map((value) => ({ value, label: m(`categories.${value}`) }))} />
              <EuroField {...bind('amountCents')} required hint={m('valueHint')} />
              <EuroField {...bind('vatCents')} />
              <SelectField
                {...bind('contractId')}
                empty={m('noContract')}
                options={(result.data?.contracts.edges ?? []).map((edge) => ({ value: edge.node.id, label: `${edge.node.subject}${edge.node.cig ? ` (CIG ${edge.node.cig})` : ''}` }))}
              />
              <TextField {...bind('orderReference')} />
              <SelectField {...bind('projectId')} empty={m('noProject')} options={(association()?.projects ?? []).map((project) => ({ value: project.id, label: project.name }))} />
            </fieldset>
            <For each={form.grants}>
              {(grant, index) => (
                <fieldset class="procurement-grant" disabled={saving()}>
                  <legend>{m('grant', { n: String(index() + 1) })}</legend>
                  <SelectField
                    id={`grant-${index()}-source`}
                    label={m('grantSource')}
                    value={grant.source}
                    onValue={(value) => setForm('grants', index(), 'source', value)}
                    options={GRANT_SOURCES.map((value) => ({ value, label: m(`grantSources.${value}`) }))}
                  />
                  <TextField id={`grant-${index()}-grantor`} label={m('grantor')} required value={grant.grantor} onValue={(value) => setForm('grants', index(), 'grantor', value)} error={grantErrors()[`grant-${index()}-grantor`]} />
                  <EuroField id={`grant-${index()}-amount`} label={m('grantEuro')} required value={grant.amount} onValue={(value) => setForm('grants', index(), 'amount', value)} error={grantErrors()[`grant-${index()}-amount`]} />
                  <TextField id={`grant-${index()}-reference`} label={m('grantReference')} value={grant.reference} onValue={(value) => setForm('grants', index(), 'reference', value)} error={grantErrors()[`grant-${index()}-reference`]} />
                  <div class="form-actions">
                    <button type="button" class="button-secondary" onClick={() => setForm('grants', (lines) => lines.filter((_, i) => i !== index()))}>
                      {m('removeGrant', { n: String(index() + 1) })}
                    </button>
                  </div>
                </fieldset>
              )}
            </For>
            <Show when={errors.of('grants')}>
              <p class="field-error" id="expense-grants">
                {errors.of('grants')}
              </p>
            </Show>
            <div class="form-actions">
              <button
                type="button"
                class="button-secondary"
                disabled={saving()}
                onClick={() => {
                  setForm('grants', (lines) => [...lines, { source: 'REGIONAL', grantor: '', amount: '', reference: '' }]);
                  document.getElementById(`grant-${form.grants.length - 1}-source`)?.focus();
                }}
              >
                {m('addGrant')}
              </button>
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
