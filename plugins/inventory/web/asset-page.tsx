// One asset: its description, editable by whoever may write the inventory of its body. Problems the
// API finds in a field (InputError issues) are shown next to that field, and listed above the form.
import {
  centsToInput,
  createMutation,
  createQuery,
  describeTypedError,
  ErrorNotice,
  ErrorSummary,
  fieldIssues,
  formatDate,
  graphql,
  isTypedError,
  Loading,
  locale,
  PageHeading,
  parseEuroToCents,
  SelectField,
  SuccessNotice,
  t,
  TableWrap,
  TextField,
  useShell,
  type ResultOf,
} from '@gea/web-kit';
import { A, useParams } from '@solidjs/router';
import type { CombinedError } from '@urql/core';
import { createEffect, createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { ASSET_KINDS, kindLabel, m, statusLabel, type AssetKind } from './messages.ts';


const AssetQuery = graphql(`
  query InventoryAsset($id: ID!) {
    node(id: $id) {
      __typename
      ... on Asset {
        id
        kind
        status
        inventoryTag
        manufacturer
        model
        serialNumber
        assignedTo
        supplier
        floor
        purchaseDate
        warrantyEnd
        priceCents
        site {
          id
          name
        }
        entity {
          id
          name
          sites {
            id
            name
          }
        }
        statusHistory {
          status
          effectiveOn
          note
        }
      }
    }
  }
`);

const UpdateAssetMutation = graphql(`
  mutation UpdateAsset($id: ID!, $input: UpdateAssetInput!) {
    updateAsset(id: $id, input: $input) {
      __typename
      ... on Asset {
        id
        kind
        inventoryTag
        manufacturer
        model
        serialNumber
        assignedTo
        supplier
        floor
        purchaseDate
        warrantyEnd
        priceCents
        site {
          id
          name
        }
      }
      ... on InputError {
        message
        issues {
          path
          message
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

type Asset = Extract<NonNullable<ResultOf<typeof AssetQuery>['node']>, { __typename: 'Asset' }>;

/** The form's fields, all text as typed; named as the API's UpdateAssetInput. */
const FIELDS = [
  'kind',
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

function formFrom(asset: Asset): Form {
  return {
    kind: asset.kind,
    inventoryTag: asset.inventoryTag ?? '',
    manufacturer: asset.manufacturer ?? '',
    model: asset.model ?? '',
    serialNumber: asset.serialNumber ?? '',
    siteId: asset.site?.id ?? '',
    floor: asset.floor ?? '',
    assignedTo: asset.assignedTo ?? '',
    supplier: asset.supplier ?? '',
    purchaseDate: asset.purchaseDate ?? '',
    warrantyEnd: asset.warrantyEnd ?? '',
    priceCents: centsToInput(asset.priceCents),
  };
}

const labels = (): Record<Field, string> => ({
  kind: m('kind'),
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

export default function AssetPage() {
  const params = useParams<{ id: string }>();
  const shell = useShell();
  const [result] = createQuery({ query: AssetQuery, variables: () => ({ id: decodeURIComponent(params.id) }) });
  const asset = () => (result.data?.node?.__typename === 'Asset' ? result.data.node : undefined);
  const [, update] = createMutation(UpdateAssetMutation);

  const [form, setForm] = createStore<Form>({} as Form);
  const [loadedId, setLoadedId] = createSignal<string>();
  // The form is filled once per asset: a later refresh of the data (after signing in again, after
  // saving) never overwrites what the person is typing.
  createEffect(() => {
    const current = asset();
    if (current && loadedId() !== current.id) {
      setForm(formFrom(current));
      setLoadedId(current.id);
    }
  });

  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [failure, setFailure] = createSignal<{ message?: string; error?: CombinedError }>();
  const [saved, setSaved] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);
  const canWrite = () => {
    const body = asset()?.entity;
    return !!body && shell().access.can('inventory:write', body.id);
  };
  const text = (value: string) => (value.trim() === '' ? null : value.trim());

  async function save(event: SubmitEvent) {
    event.preventDefault();
    const current = asset();
    if (!current) return;
    setSaved(null);
    setFailure(undefined);
    const priceCents = parseEuroToCents(form.priceCents, locale());
    if (priceCents === undefined) {
      setErrors({ priceCents: m('priceInvalid') });
      return;
    }
    setErrors({});
    setSaving(true);
    const outcome = await update({
      id: current.id,
      input: {
        kind: form.kind as AssetKind,
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
        priceCents,
      },
    });
    setSaving(false);
    const value = outcome.data?.updateAsset;
    if (outcome.error || !value) {
      setFailure({ error: outcome.error });
      return;
    }
    if (value.__typename === 'InputError') {
      setErrors(fieldIssues(value.issues, FIELDS));
      return;
    }
    if (isTypedError(value)) {
      setFailure({ message: describeTypedError(value) });
      return;
    }
    setSaved(m('saved'));
  }

  const field = (name: Exclude<Field, 'kind' | 'siteId'>, extra: Record<string, unknown> = {}) => (
    <TextField
      id={`asset-${name}`}
      label={labels()[name]}
      value={form[name] ?? ''}
      onValue={(value) => setForm(name, value)}
      error={errors()[name]}
      {...extra}
    />
  );

  return (
    <>
      <ErrorNotice error={result.error} />
      <Show when={result.data} fallback={<Show when={!result.error}><Loading /></Show>}>
        <Show
          when={asset()}
          fallback={
            <Show when={!result.error}>
              <PageHeading title={t('errors.pageNotFoundTitle')} />
              <p>{m('notFound')}</p>
            </Show>
          }
        >
          {(current) => (
            <>
              <p class="breadcrumb">
                <A href={`/inventory${current().entity ? `?body=${encodeURIComponent(current().entity!.id)}` : ''}`}>{t('common.back')}</A>
              </p>
              <PageHeading title={m('editTitle', { name: current().inventoryTag ?? kindLabel(current().kind) })}>
                <p class="lead">
                  {current().entity?.name} · {statusLabel(current().status)}
                </p>
              </PageHeading>
              <Show when={Object.keys(errors()).length > 0}>
                <ErrorSummary title={m('errorsTitle')} errors={errors()} labels={labels()} idPrefix="asset-" />
              </Show>
              <ErrorNotice message={failure()?.message} error={failure()?.error} />
              <SuccessNotice message={saved()} />
              <Show when={!canWrite()}>
                <p class="notice notice-info">{m('readOnly')}</p>
              </Show>
              <Show when={loadedId()}>
                <form class="form form-grid" onSubmit={(event) => void save(event)} aria-labelledby="asset-details-title">
                  <fieldset disabled={!canWrite() || saving()}>
                    <legend id="asset-details-title">{m('details')}</legend>
                    <SelectField
                      id="asset-kind"
                      label={labels().kind}
                      required
                      value={form.kind}
                      onValue={(value) => setForm('kind', value)}
                      error={errors().kind}
                      options={ASSET_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
                    />
                    {field('inventoryTag')}
                    {field('manufacturer')}
                    {field('model')}
                    {field('serialNumber')}
                    <SelectField
                      id="asset-siteId"
                      label={labels().siteId}
                      value={form.siteId}
                      onValue={(value) => setForm('siteId', value)}
                      error={errors().siteId}
                      empty={m('noSite')}
                      options={(current().entity?.sites ?? []).map((site) => ({ value: site.id, label: site.name }))}
                    />
                    {field('floor')}
                    {field('assignedTo')}
                    {field('supplier')}
                    {field('purchaseDate', { type: 'date' })}
                    {field('warrantyEnd', { type: 'date' })}
                    {field('priceCents', { inputmode: 'decimal', hint: m('priceHint'), autocomplete: 'off' })}
                  </fieldset>
                  <Show when={canWrite()}>
                    <div class="form-actions">
                      <button type="submit" class="button-primary" disabled={saving()}>
                        {saving() ? t('common.saving') : t('common.save')}
                      </button>
                    </div>
                  </Show>
                  <Show when={errors()['']}>
                    <ErrorNotice message={errors()['']} />
                  </Show>
                </form>
              </Show>

              <section aria-labelledby="asset-history-title">
                <h2 id="asset-history-title">{m('history')}</h2>
                <TableWrap label={m('history')}>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{m('effectiveOn')}</th>
                        <th scope="col">{m('status')}</th>
                        <th scope="col">{m('note')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={current().statusHistory}>
                        {(change) => (
                          <tr>
                            <th scope="row">{formatDate(change.effectiveOn)}</th>
                            <td>{statusLabel(change.status)}</td>
                            <td>{change.note}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </TableWrap>
              </section>
            </>
          )}
        </Show>
      </Show>
    </>
  );
}
