// The terms of a licence, for a new one and for changing one: product, kind, reference, seats,
// validity, cost and the bodies it serves (those the person may write the inventory of). Amounts
// are typed in euros and sent as cents; the API's field errors come back next to their fields.
import {
  createFieldErrors,
  createQuery,
  DateField,
  ErrorNotice,
  ErrorSummary,
  EuroField,
  graphql,
  locale,
  NumberField,
  parseEuroToCents,
  SelectField,
  t,
  TextField,
  useShell,
  type FieldIssue,
  type VariablesOf,
} from '@gea/web-kit';
import { For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { LICENCE_KINDS, licenceKindLabel, s, type LicenceKind } from './software-messages.ts';
import './software.css';

const ProductChoicesQuery = graphql(`
  query InventorySoftwareProductChoices {
    softwareProducts(first: 100) {
      edges {
        node {
          id
          name
          publisher
        }
      }
    }
  }
`);

/** Records a new licence; its input type is also the one updateSoftwareLicence takes. */
export const CreateLicenceMutation = graphql(`
  mutation InventoryCreateSoftwareLicence($input: SoftwareLicenceInput!) {
    createSoftwareLicence(input: $input) {
      __typename
      ... on SoftwareLicence {
        id
      }
      ... on InputError {
        message
        issues {
          path
          message
          code
          minimum
          maximum
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);
export type LicenceInput = VariablesOf<typeof CreateLicenceMutation>['input'];

export const LICENCE_FIELDS = ['productId', 'kind', 'reference', 'seats', 'validFrom', 'validUntil', 'costCents', 'entityIds'] as const;
export type LicenceField = (typeof LICENCE_FIELDS)[number];

export interface LicenceFormValues {
  productId: string;
  kind: LicenceKind;
  reference: string;
  seats: string;
  validFrom: string;
  validUntil: string;
  costCents: string;
  entityIds: string[];
}

export const emptyLicence = (): LicenceFormValues => ({
  productId: '',
  kind: 'SUBSCRIPTION',
  reference: '',
  seats: '',
  validFrom: '',
  validUntil: '',
  costCents: '',
  entityIds: [],
});

export const licenceLabels = (): Record<LicenceField, string> => ({
  productId: s('product'),
  kind: s('kind'),
  reference: s('reference'),
  seats: s('seatsField'),
  validFrom: s('validFrom'),
  validUntil: s('validUntilField'),
  costCents: s('costField'),
  entityIds: s('bodiesField'),
});

export function createLicenceForm(initial: LicenceFormValues) {
  const [values, setValues] = createStore<LicenceFormValues>(initial);
  const errors = createFieldErrors(LICENCE_FIELDS);
  return {
    values,
    setValues,
    errors,
    /** The API's input, or null after showing the problems the screen can tell by itself. */
    input(): LicenceInput | null {
      const problems: Partial<Record<LicenceField, string>> = {};
      const seatsText = values.seats.trim();
      const seats = seatsText === '' ? null : Number(seatsText);
      if (seats !== null && (!Number.isInteger(seats) || seats < 1)) problems.seats = s('seatsInvalid');
      const costCents = parseEuroToCents(values.costCents, locale());
      if (costCents === undefined) problems.costCents = s('costInvalid');
      if (Object.keys(problems).length > 0) {
        errors.set(problems);
        return null;
      }
      errors.clear();
      return {
        productId: values.productId,
        kind: values.kind,
        reference: values.reference.trim() || null,
        seats,
        validFrom: values.validFrom || null,
        validUntil: values.validUntil || null,
        costCents: costCents ?? null,
        entityIds: values.entityIds,
      };
    },
    fromIssues: (issues: readonly FieldIssue[]) => errors.fromIssues(issues),
  };
}
export type LicenceForm = ReturnType<typeof createLicenceForm>;

export function LicenceFields(props: {
  form: LicenceForm;
  disabled: boolean;
  /** A licence stays with its product: fixed when changing one. */
  productFixed?: boolean;
  submitLabel: string;
  saving: boolean;
  onSubmit: () => void;
  labelledBy: string;
}) {
  const shell = useShell();
  const [products] = createQuery({ query: ProductChoicesQuery });
  const writable = () => shell().bodiesWithModule('inventory', 'inventory:write');
  const { values, setValues, errors } = props.form;
  const bind = (name: Exclude<LicenceField, 'entityIds' | 'kind' | 'productId'>) => ({
    id: `licence-${name}`,
    label: licenceLabels()[name],
    value: values[name],
    onValue: (value: string) => setValues(name, value),
    error: errors.of(name),
  });
  const toggleBody = (id: string, on: boolean) =>
    setValues('entityIds', (ids) => (on ? [...new Set([...ids, id])] : ids.filter((other) => other !== id)));

  return (
    <>
      <Show when={errors.any()}>
        <ErrorSummary title={s('errorsTitle')} errors={errors.all()} labels={licenceLabels()} idPrefix="licence-" />
      </Show>
      <form
        class="form form-grid"
        novalidate
        aria-labelledby={props.labelledBy}
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit();
        }}
      >
        <fieldset disabled={props.disabled || props.saving}>
          <legend>{s('terms')}</legend>
          <SelectField
            id="licence-productId"
            label={s('product')}
            required
            empty={s('chooseProduct')}
            value={values.productId}
            onValue={(value) => setValues('productId', value)}
            error={errors.of('productId')}
            options={(products.data?.softwareProducts.edges ?? [])
              .map((edge) => edge.node)
              .filter((product) => !props.productFixed || product.id === values.productId)
              .map((product) => ({ value: product.id, label: `${product.name} (${product.publisher})` }))}
          />
          <SelectField
            id="licence-kind"
            label={s('kind')}
            required
            value={values.kind}
            onValue={(value) => setValues('kind', value as LicenceKind)}
            error={errors.of('kind')}
            options={LICENCE_KINDS.map((kind) => ({ value: kind, label: licenceKindLabel(kind) }))}
          />
          <TextField {...bind('reference')} hint={s('referenceHint')} />
          <NumberField {...bind('seats')} hint={s('seatsHint')} />
          <DateField {...bind('validFrom')} />
          <DateField {...bind('validUntil')} hint={s('validUntilHint')} />
          <EuroField {...bind('costCents')} hint={s('costHint')} />
        </fieldset>
        <fieldset disabled={props.disabled || props.saving} class="checkbox-group" aria-describedby="licence-entityIds-hint">
          <legend id="licence-entityIds">
            {s('bodiesField')}
            <span class="required" aria-hidden="true">
              {' '}*
            </span>
          </legend>
          <p class="hint" id="licence-entityIds-hint">
            {s('bodiesHint')}
          </p>
          <Show when={errors.of('entityIds')}>
            <p class="field-error">
              <span class="visually-hidden">{t('common.error')}: </span>
              {errors.of('entityIds')}
            </p>
          </Show>
          <For each={writable()}>
            {(body) => (
              <label class="checkbox">
                <input
                  type="checkbox"
                  name="licence-body"
                  value={body.id}
                  checked={values.entityIds.includes(body.id)}
                  onChange={(event) => toggleBody(body.id, event.currentTarget.checked)}
                />{' '}
                {body.name}
              </label>
            )}
          </For>
        </fieldset>
        <Show when={!props.disabled}>
          <div class="form-actions">
            <button type="submit" class="button-primary" disabled={props.saving}>
              {props.saving ? t('common.saving') : props.submitLabel}
            </button>
          </div>
        </Show>
        <Show when={errors.of('')}>
          <ErrorNotice message={errors.of('')} />
        </Show>
      </form>
    </>
  );
}
