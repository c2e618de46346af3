// The form of a contract, to record a new one or change one (with the version it was read at): CIG
// and CUP checked by the API (src/codes.ts), supplier, signing body, the bodies served (one or
// more), term and value in cents. Problems come back next to their fields.
import {
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
  isStaleVersion,
  isTypedError,
  locale,
  parseEuroToCents,
  SelectField,
  t,
  TextField,
  useShell,
} from '@gea/web-kit';
import { createSignal, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { BodyChecklist } from './body-checklist.tsx';
import type { Failure } from './failure.ts';
import { CONTRACT_KINDS, kindLabel, m, type ContractKind } from './messages.ts';

const SupplierChoices = graphql(`
  query ProcurementSupplierChoices {
    suppliers(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const CreateContract = graphql(`
  mutation ProcurementCreateContract($input: ContractInput!) {
    createContract(input: $input) {
      __typename
      ... on Contract { id version }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);
const UpdateContract = graphql(`
  mutation ProcurementUpdateContract($id: ID!, $expectedVersion: Int!, $input: ContractInput!) {
    updateContract(id: $id, expectedVersion: $expectedVersion, input: $input) {
      __typename
      ... on Contract { id version }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);

export const CONTRACT_FIELDS = [
  'kind',
  'subject',
  'supplierId',
  'contractingEntityId',
  'entityIds',
  'cig',
  'cup',
  'mepaReference',
  'startsOn',
  'endsOn',
  'renewableUntil',
  'valueCents',
] as const;
type Field = (typeof CONTRACT_FIELDS)[number];
type Form = Omit<Record<Field, string>, 'entityIds'> & { entityIds: string[] };

/** What the form needs of an existing contract. */
export interface ContractForForm {
  id: string;
  version: number;
  kind: ContractKind;
  subject: string;
  supplier: { id: string };
  contractingEntity: { id: string } | null;
  entities: readonly { id: string }[];
  cig: string | null;
  cup: string | null;
  mepaReference: string | null;
  startsOn: string;
  endsOn: string;
  renewableUntil: string | null;
  valueCents: number;
}

const formFrom = (contract: ContractForForm | undefined): Form => ({
  kind: contract?.kind ?? 'MAINTENANCE',
  subject: contract?.subject ?? '',
  supplierId: contract?.supplier.id ?? '',
  contractingEntityId: contract?.contractingEntity?.id ?? '',
  entityIds: contract?.entities.map((body) => body.id) ?? [],
  cig: contract?.cig ?? '',
  cup: contract?.cup ?? '',
  mepaReference: contract?.mepaReference ?? '',
  startsOn: contract?.startsOn ?? '',
  endsOn: contract?.endsOn ?? '',
  renewableUntil: contract?.renewableUntil ?? '',
  valueCents: contract ? centsToInput(contract.valueCents) : '',
});

const labels = (): Record<Field, string> => ({
  kind: m('kind'),
  subject: m('subject'),
  supplierId: m('supplier'),
  contractingEntityId: m('contractingEntity'),
  entityIds: m('bodiesServed'),
  cig: m('cig'),
  cup: m('cup'),
  mepaReference: m('mepaReference'),
  startsOn: m('startsOn'),
  endsOn: m('endsOn'),
  renewableUntil: m('renewableUntil'),
  valueCents: m('valueEuro'),
});

export function ContractForm(props: {
  contract?: ContractForForm;
  /** Called with the saved contract's id and version. */
  onSaved: (saved: { id: string; version: number }) => void;
  onCancel?: () => void;
  /** After a STALE_VERSION refusal: the contract should be read again. */
  onStale?: () => void;
}) {
  const shell = useShell();
  const [suppliers] = createQuery({ query: SupplierChoices });
  const [, create] = createMutation(CreateContract);
  const [, update] = createMutation(UpdateContract);
  const [form, setForm] = createStore<Form>(formFrom(props.contract));
  const [saving, setSaving] = createSignal(false);
  const [failure, setFailure] = createSignal<Failure>();
  const errors = createFieldErrors(CONTRACT_FIELDS);
  // Bodies the writer may record contracts for (the API checks every one of them again).
  const writable = () => shell().bodiesWithModule('procurement', 'procurement:write');
  const text = (value: string) => (value.trim() === '' ? null : value.trim());

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setFailure(undefined);
    const valueCents = parseEuroToCents(form.valueCents, locale());
    if (valueCents === undefined || valueCents === null) {
      errors.set({ valueCents: m('valueInvalid') });
      return;
    }
    errors.clear();
    const input = {
      kind: form.kind as ContractKind,
      subject: form.subject.trim(),
      supplierId: form.supplierId,
      contractingEntityId: form.contractingEntityId,
      entityIds: form.entityIds,
      cig: text(form.cig),
      cup: text(form.cup),
      mepaReference: text(form.mepaReference),
      startsOn: form.startsOn,
      endsOn: form.endsOn,
      renewableUntil: form.renewableUntil || null,
      valueCents,
    };
    setSaving(true);
    const current = props.contract;
    const outcome = current ? await update({ id: current.id, expectedVersion: current.version, input }) : await create({ input });
    setSaving(false);
    const value = outcome.data ? ('updateContract' in outcome.data ? outcome.data.updateContract : outcome.data.createContract) : undefined;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (isStaleVersion(value)) {
      setFailure({ message: describeTypedError(value) });
      props.onStale?.();
      return;
    }
    if (value.__typename === 'Contract') return props.onSaved({ id: value.id, version: value.version });
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  const bind = (name: Exclude<Field, 'entityIds'>) => ({
    id: `contract-${name}`,
    label: labels()[name],
    value: form[name],
    onValue: (value: string) => setForm(name, value),
    error: errors.of(name),
  });

  return (
    <>
      <Show when={errors.any()}>
        <ErrorSummary title={m('errorsTitle')} errors={errors.all()} labels={labels()} idPrefix="contract-" />
      </Show>
      <ErrorNotice message={failure()?.message} error={failure()?.error} />
      <form class="form form-grid" onSubmit={(event) => void save(event)} aria-labelledby="contract-form-legend">
        <fieldset disabled={saving()}>
          <legend id="contract-form-legend">{m('contractDetails')}</legend>
          <TextField {...bind('subject')} required class="procurement-wide" />
          <SelectField {...bind('kind')} required options={CONTRACT_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))} />
          <SelectField
            {...bind('supplierId')}
            required
            empty={m('chooseSupplier')}
            options={(suppliers.data?.suppliers.edges ?? []).map((edge) => ({ value: edge.node.id, label: edge.node.name }))}
          />
          <SelectField
            {...bind('contractingEntityId')}
            required
            empty={m('chooseBody')}
            options={writable().map((body) => ({ value: body.id, label: body.name }))}
          />
          <TextField {...bind('cig')} hint={m('cigHint')} autocomplete="off" maxlength={10} />
          <TextField {...bind('cup')} hint={m('cupHint')} autocomplete="off" maxlength={15} />
          <TextField {...bind('mepaReference')} />
          <DateField {...bind('startsOn')} required />
          <DateField {...bind('endsOn')} required />
          <DateField {...bind('renewableUntil')} />
          <EuroField {...bind('valueCents')} required hint={m('valueHint')} />
          <BodyChecklist
            id="contract-entityIds"
            legend={labels().entityIds}
            hint={m('bodiesHint')}
            error={errors.of('entityIds')}
            bodies={writable()}
            selected={form.entityIds}
            onChange={(ids) => setForm('entityIds', ids)}
          />
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button-primary" disabled={saving()}>
            {saving() ? t('common.saving') : t('common.save')}
          </button>
          <Show when={props.onCancel}>
            <button type="button" class="button-secondary" onClick={() => props.onCancel?.()}>
              {t('common.cancel')}
            </button>
          </Show>
        </div>
        <Show when={errors.of('')}>
          <ErrorNotice message={errors.of('')} />
        </Show>
      </form>
    </>
  );
}
