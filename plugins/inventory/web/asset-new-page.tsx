// Registering a piece of equipment: only for the bodies where the person may write the inventory
// and the module is on (the API checks regardless). After registering, the asset's own page opens
// with the focus on its heading, where its status can change.
import {
  announceNextPage,
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
  locale,
  PageHeading,
  parseEuroToCents,
  SelectField,
  t,
  TextField,
  useShell,
} from '@gea/web-kit';
import { A, useNavigate } from '@solidjs/router';
import type { CombinedError } from '@urql/core';
import { createSignal, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { ASSET_KINDS, ASSET_STATUSES, kindLabel, m, statusLabel, type AssetKind, type AssetStatus } from './messages.ts';

const BodySitesQuery = graphql(`
  query InventoryBodySites($id: ID!) {
    node(id: $id) {
      __typename
      ... on Entity {
        id
        sites {
          id
          name
        }
      }
    }
  }
`);

const CreateAssetMutation = graphql(`
  mutation CreateAsset($input: CreateAssetInput!) {
    createAsset(input: $input) {
      __typename
      ... on Asset {
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

/** The form's fields, all text as typed; named as the API's CreateAssetInput. */
const FIELDS = [
  'entityId',
  'kind',
  'status',
  'inventoryTag',
  'manufacturer',
  'model',
  'serialNumber',
  'siteId',
  'floor',
  'assignedTo',
  'supplier',
  'purchaseDate',
  'warrantyEnd',
  'priceCents',
] as const;
type Field = (typeof FIELDS)[number];
type Form = Record<Field, string>;

const labels = (): Record<Field, string> => ({
  entityId: m('body'),
  kind: m('kind'),
  status: m('initialStatus'),
  inventoryTag: m('inventoryTag'),
  manufacturer: m('manufacturer'),
  model: m('model'),
  serialNumber: m('serialNumber'),
  siteId: m('site'),
  floor: m('floor'),
  assignedTo: m('assignedTo'),
  supplier: m('supplier'),
  purchaseDate: m('purchaseDate'),
  warrantyEnd: m('warrantyEnd'),
  priceCents: m('priceEuro'),
});

export default function AssetNewPage() {
  const shell = useShell();
  const navigate = useNavigate();
  const bodies = () => shell().bodiesWithModule('inventory', 'inventory:write');
  const blank = Object.fromEntries(FIELDS.map((field) => [field, ''])) as Form;
  // One body to choose from: already chosen.
  const [form, setForm] = createStore<Form>({ ...blank, status: 'IN_SERVICE', entityId: bodies().length === 1 ? bodies()[0]!.id : '' });
  const [sites] = createQuery({
    query: BodySitesQuery,
    variables: () => ({ id: form.entityId }),
    pause: () => !form.entityId,
  });
  const siteOptions = () => {
    const node = sites.data?.node;
    return node?.__typename === 'Entity' && node.id === form.entityId ? node.sites.map((site) => ({ value: site.id, label: site.name })) : [];
  };

  const [, create] = createMutation(CreateAssetMutation);
  const errors = createFieldErrors(FIELDS);
  const [saving, setSaving] = createSignal(false);
  const [failure, setFailure] = createSignal<{ message?: string; error?: CombinedError }>();
  const text = (value: string) => (value.trim() === '' ? null : value.trim());

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setFailure(undefined);
    const priceCents = parseEuroToCents(form.priceCents, locale());
    const own: Partial<Record<Field, string>> = {
      ...(form.entityId ? {} : { entityId: m('bodyRequired') }),
      ...(form.kind ? {} : { kind: m('kindRequired') }),
      ...(priceCents === undefined ? { priceCents: m('priceInvalid') } : {}),
    };
    if (Object.keys(own).length > 0) {
      errors.set(own);
      // The summary above the form lists them; the first field in error takes the focus.
      document.getElementById(`asset-new-${FIELDS.find((field) => own[field])}`)?.focus();
      return;
    }
    errors.clear();
    setSaving(true);
    const outcome = await create({
      input: {
        entityId: form.entityId,
        kind: form.kind as AssetKind,
        status: form.status as AssetStatus,
        inventoryTag: text(form.inventoryTag),
        manufacturer: text(form.manufacturer),
        model: text(form.model),
        serialNumber: text(form.serialNumber),
        siteId: form.siteId || null,
        floor: text(form.floor),
        assignedTo: text(form.assignedTo),
        supplier: text(form.supplier),
        purchaseDate: form.purchaseDate || null,
        warrantyEnd: form.warrantyEnd || null,
        priceCents: priceCents ?? null,
      },
    });
    setSaving(false);
    const value = outcome.data?.createAsset;
    if (outcome.error || !value) {
      setFailure({ error: outcome.error });
      return;
    }
    if (value.__typename === 'Asset') {
      // The new asset's page, its heading taking the focus.
      announceNextPage();
      navigate(`/inventory/assets/${encodeURIComponent(value.id)}`);
      return;
    }
    if (value.__typename === 'InputError') {
      errors.fromIssues(value.issues);
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  /** Id, label, value and error of one field of the form. */
  const bind = (name: Field) => ({
    id: `asset-new-${name}`,
    label: labels()[name],
    value: form[name] ?? '',
    onValue: (value: string) => setForm(name, value),
    error: errors.of(name),
  });
  const field = (name: 'inventoryTag' | 'manufacturer' | 'model' | 'serialNumber' | 'floor' | 'assignedTo' | 'supplier') => (
    <TextField {...bind(name)} />
  );

  return (
    <>
      <p class="breadcrumb">
        <A href="/inventory">{t('common.back')}</A>
      </p>
      <PageHeading title={m('newTitle')}>
        <p class="lead">{m('newIntro')}</p>
      </PageHeading>
      <Show when={bodies().length > 0} fallback={<p class="notice notice-info">{m('noWritableBody')}</p>}>
        <Show when={errors.any()}>
          <ErrorSummary title={m('errorsTitle')} errors={errors.all()} labels={labels()} idPrefix="asset-new-" />
        </Show>
        <ErrorNotice message={failure()?.message} error={failure()?.error} />
        <form class="form form-grid" onSubmit={(event) => void save(event)} aria-labelledby="asset-new-legend">
          <fieldset disabled={saving()}>
            <legend id="asset-new-legend">{m('details')}</legend>
            <SelectField
              {...bind('entityId')}
              required
              empty={bodies().length === 1 ? undefined : m('chooseBody')}
              options={bodies().map((body) => ({ value: body.id, label: body.name }))}
              onValue={(value) => {
                setForm('entityId', value);
                // A site belongs to one body.
                setForm('siteId', '');
              }}
            />
            <SelectField {...bind('kind')} required empty={m('chooseKind')} options={ASSET_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))} />
            <SelectField {...bind('status')} options={ASSET_STATUSES.map((status) => ({ value: status, label: statusLabel(status) }))} />
            {field('inventoryTag')}
            {field('manufacturer')}
            {field('model')}
            {field('serialNumber')}
            <SelectField {...bind('siteId')} empty={m('noSite')} options={siteOptions()} />
            {field('floor')}
            {field('assignedTo')}
            {field('supplier')}
            <DateField {...bind('purchaseDate')} />
            <DateField {...bind('warrantyEnd')} />
            <EuroField {...bind('priceCents')} hint={m('priceHint')} />
          </fieldset>
          <div class="form-actions">
            <button type="submit" class="button-primary" disabled={saving()}>
              {saving() ? m('creating') : m('create')}
            </button>
          </div>
          <Show when={errors.of('')}>
            <ErrorNotice message={errors.of('')} />
          </Show>
        </form>
      </Show>
    </>
  );
}
