// One asset: its description, editable by whoever may write the inventory of its body, and its
// status, changed from a date with a note (the history below). Problems the API finds in a field
// (InputError issues) are shown next to that field, and listed above the form.
import {
  centsToInput,
  createFieldErrors,
  createMutation,
  createQuery,
  DataTable,
  DateField,
  describeTypedError,
  ErrorNotice,
  ErrorSummary,
  EuroField,
  formatDate,
  graphql,
  isStaleVersion,
  isTypedError,
  mergeAfterConflict,
  NodePage,
  locale,
  PageHeading,
  parseEuroToCents,
  SelectField,
  SuccessNotice,
  t,
  TextField,
  useShell,
  WidgetSlot,
  type ResultOf,
} from '@gea/web-kit';
import { A, useParams } from '@solidjs/router';
import type { CombinedError } from '@urql/core';
import { createEffect, createSignal, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { ASSET_KINDS, ASSET_STATUSES, kindLabel, m, statusLabel, type AssetKind, type AssetStatus } from './messages.ts';

const AssetQuery = graphql(`
  query InventoryAsset($id: ID!) {
    node(id: $id) {
      __typename
      ... on Asset {
        id
        version
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
  mutation UpdateAsset($id: ID!, $expectedVersion: Int!, $input: UpdateAssetInput!) {
    updateAsset(id: $id, expectedVersion: $expectedVersion, input: $input) {
      __typename
      ... on Asset {
        id
        version
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
          code
          minimum
          maximum
        }
      }
      ... on StaleVersionError {
        currentVersion
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

const ChangeAssetStatusMutation = graphql(`
  mutation ChangeAssetStatus($assetId: ID!, $expectedVersion: Int, $status: AssetStatus!, $effectiveOn: Date, $note: String) {
    changeAssetStatus(assetId: $assetId, expectedVersion: $expectedVersion, status: $status, effectiveOn: $effectiveOn, note: $note) {
      __typename
      ... on Asset {
        id
        version
        status
        statusHistory {
          status
          effectiveOn
          note
        }
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
      ... on StaleVersionError {
        currentVersion
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

/** The status form's fields, named as changeAssetStatus's arguments. */
const STATUS_FIELDS = ['status', 'effectiveOn', 'note'] as const;
type StatusField = (typeof STATUS_FIELDS)[number];

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
  const [result, reload] = createQuery({ query: AssetQuery, variables: () => ({ id: decodeURIComponent(params.id) }) });
  const asset = () => (result.data?.node?.__typename === 'Asset' ? result.data.node : undefined);
  const [, update] = createMutation(UpdateAssetMutation);

  const [form, setForm] = createStore<Form>({} as Form);
  const [loadedId, setLoadedId] = createSignal<string>();
  // The version the form started from (sent back on save) and the form as filled from it.
  const [version, setVersion] = createSignal(0);
  const [loadedForm, setLoadedForm] = createSignal<Form>();
  // After a STALE_VERSION refusal: the version being reloaded.
  const [awaitedVersion, setAwaitedVersion] = createSignal<number>();
  const [failure, setFailure] = createSignal<{ message?: string; error?: CombinedError }>();
  // The form is filled once per asset: a later refresh of the data (after signing in again, after
  // saving) never overwrites what the person is typing. After someone else saved first, the
  // reloaded record fills the fields the person did not touch, and the fields others changed are named.
  createEffect(() => {
    const current = asset();
    if (!current) return;
    if (loadedId() !== current.id) {
      setForm(formFrom(current));
      setLoadedForm(formFrom(current));
      setVersion(current.version);
      setLoadedId(current.id);
      return;
    }
    const awaited = awaitedVersion();
    if (awaited !== undefined && current.version >= awaited) {
      const merge = mergeAfterConflict(FIELDS, loadedForm() ?? formFrom(current), { ...form }, formFrom(current));
      setForm(merge.form);
      setLoadedForm(formFrom(current));
      setVersion(current.version);
      setAwaitedVersion(undefined);
      const names = merge.changedByOthers.map((field) => labels()[field]).join(', ');
      setFailure({
        message: names
          ? t('errors.staleVersionFields', { version: String(current.version), fields: names })
          : t('errors.staleVersion', { version: String(current.version) }),
      });
    }
  });

  const errors = createFieldErrors(FIELDS);
  const [saved, setSaved] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);
  const canWrite = () => {
    const body = asset()?.entity;
    return !!body && shell().access.can('inventory:write', body.id);
  };
  const text = (value: string) => (value.trim() === '' ? null : value.trim());

  const [, changeStatus] = createMutation(ChangeAssetStatusMutation);
  const [statusForm, setStatusForm] = createStore<Record<StatusField, string>>({ status: '', effectiveOn: '', note: '' });
  const statusErrors = createFieldErrors(STATUS_FIELDS, []);
  const statusLabels = (): Record<StatusField, string> => ({ status: m('newStatus'), effectiveOn: m('statusEffectiveOn'), note: m('statusNote') });
  const [statusFailure, setStatusFailure] = createSignal<{ message?: string; error?: CombinedError }>();
  const [statusSaved, setStatusSaved] = createSignal<string | null>(null);
  const [changingStatus, setChangingStatus] = createSignal(false);
  let statusNotice!: HTMLDivElement;

  async function saveStatus(event: SubmitEvent) {
    event.preventDefault();
    const current = asset();
    if (!current) return;
    setStatusSaved(null);
    setStatusFailure(undefined);
    if (!statusForm.status || statusForm.status === current.status) {
      statusErrors.set({ status: m('statusSame') });
      document.getElementById('asset-status-status')?.focus();
      return;
    }
    statusErrors.clear();
    setChangingStatus(true);
    const outcome = await changeStatus({
      assetId: current.id,
      expectedVersion: version(),
      status: statusForm.status as AssetStatus,
      effectiveOn: statusForm.effectiveOn || null,
      note: text(statusForm.note),
    });
    setChangingStatus(false);
    const value = outcome.data?.changeAssetStatus;
    if (outcome.error || !value) {
      setStatusFailure({ error: outcome.error });
      return;
    }
    if (value.__typename === 'InputError') {
      statusErrors.fromIssues(value.issues);
      return;
    }
    if (isStaleVersion(value)) {
      // Someone changed the asset meanwhile: reload it (the description form merges what was typed).
      setStatusFailure({ message: describeTypedError(value) });
      setAwaitedVersion(value.currentVersion);
      reload({ requestPolicy: 'network-only' });
      return;
    }
    if (value.__typename === 'Asset') {
      // The description form saves next from this version: a status change raises it too.
      setVersion(value.version);
      setStatusForm({ status: '', effectiveOn: '', note: '' });
      setStatusSaved(m('statusChanged', { status: statusLabel(value.status) }));
      // The new content: the notice, then the history below it.
      statusNotice.focus();
      return;
    }
    if (isTypedError(value)) setStatusFailure({ message: describeTypedError(value) });
  }

  async function save(event: SubmitEvent) {
    event.preventDefault();
    const current = asset();
    if (!current) return;
    setSaved(null);
    setFailure(undefined);
    const priceCents = parseEuroToCents(form.priceCents, locale());
    if (priceCents === undefined) {
      errors.set({ priceCents: m('priceInvalid') });
      return;
    }
    errors.clear();
    setSaving(true);
    const outcome = await update({
      id: current.id,
      expectedVersion: version(),
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
      errors.fromIssues(value.issues);
      return;
    }
    if (isStaleVersion(value)) {
      // Nothing was saved: reload the asset; the effect above merges it with what was typed.
      setFailure({ message: describeTypedError(value) });
      setAwaitedVersion(value.currentVersion);
      reload({ requestPolicy: 'network-only' });
      return;
    }
    if (value.__typename === 'Asset') {
      // The next save starts from the version just written.
      setVersion(value.version);
      setLoadedForm({ ...form });
      setSaved(m('saved'));
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  /** Id, label, value and error of one field of the form. */
  const bind = (name: Field) => ({
    id: `asset-${name}`,
    label: labels()[name],
    value: form[name] ?? '',
    onValue: (value: string) => setForm(name, value),
    error: errors.of(name),
  });
  const field = (name: Exclude<Field, 'kind' | 'siteId' | 'purchaseDate' | 'warrantyEnd' | 'priceCents'>) => <TextField {...bind(name)} />;

  return (
    <>
      <NodePage error={result.error} loaded={!!result.data} node={asset()} notFound={m('notFound')}>
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
              <Show when={errors.any()}>
                <ErrorSummary title={m('errorsTitle')} errors={errors.all()} labels={labels()} idPrefix="asset-" />
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
                      {...bind('kind')}
                      required
                      options={ASSET_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
                    />
                    {field('inventoryTag')}
                    {field('manufacturer')}
                    {field('model')}
                    {field('serialNumber')}
                    <SelectField
                      {...bind('siteId')}
                      empty={m('noSite')}
                      options={(current().entity?.sites ?? []).map((site) => ({ value: site.id, label: site.name }))}
                    />
                    {field('floor')}
                    {field('assignedTo')}
                    {field('supplier')}
                    <DateField {...bind('purchaseDate')} />
                    <DateField {...bind('warrantyEnd')} />
                    <EuroField {...bind('priceCents')} hint={m('priceHint')} />
                  </fieldset>
                  <Show when={canWrite()}>
                    <div class="form-actions">
                      <button type="submit" class="button-primary" disabled={saving()}>
                        {saving() ? t('common.saving') : t('common.save')}
                      </button>
                    </div>
                  </Show>
                  <Show when={errors.of('')}>
                    <ErrorNotice message={errors.of('')} />
                  </Show>
                </form>
              </Show>

              <Show when={canWrite()}>
                <section aria-labelledby="asset-status-title">
                  <h2 id="asset-status-title">{m('changeStatus')}</h2>
                  <Show when={statusErrors.any()}>
                    <ErrorSummary title={m('errorsTitle')} errors={statusErrors.all()} labels={statusLabels()} idPrefix="asset-status-" />
                  </Show>
                  <ErrorNotice message={statusFailure()?.message} error={statusFailure()?.error} />
                  <div ref={statusNotice} tabindex="-1">
                    <SuccessNotice message={statusSaved()} />
                  </div>
                  <form class="form form-grid" onSubmit={(event) => void saveStatus(event)} aria-labelledby="asset-status-title">
                    <fieldset disabled={changingStatus()}>
                      <legend class="visually-hidden">{m('changeStatus')}</legend>
                      <SelectField
                        id="asset-status-status"
                        label={m('newStatus')}
                        required
                        empty={m('currentStatus', { status: statusLabel(current().status) })}
                        options={ASSET_STATUSES.filter((status) => status !== current().status).map((status) => ({ value: status, label: statusLabel(status) }))}
                        value={statusForm.status}
                        onValue={(value) => setStatusForm('status', value)}
                        error={statusErrors.of('status')}
                      />
                      <DateField
                        id="asset-status-effectiveOn"
                        label={m('statusEffectiveOn')}
                        hint={m('statusEffectiveOnHint')}
                        value={statusForm.effectiveOn}
                        onValue={(value) => setStatusForm('effectiveOn', value)}
                        error={statusErrors.of('effectiveOn')}
                      />
                      <TextField
                        id="asset-status-note"
                        label={m('statusNote')}
                        hint={m('statusNoteHint')}
                        value={statusForm.note}
                        onValue={(value) => setStatusForm('note', value)}
                        error={statusErrors.of('note')}
                      />
                    </fieldset>
                    <div class="form-actions">
                      <button type="submit" class="button-primary" disabled={changingStatus()}>
                        {changingStatus() ? t('common.saving') : m('recordStatus')}
                      </button>
                    </div>
                    <Show when={statusErrors.of('')}>
                      <ErrorNotice message={statusErrors.of('')} />
                    </Show>
                  </form>
                </section>
              </Show>

              <section aria-labelledby="asset-history-title">
                <h2 id="asset-history-title">{m('history')}</h2>
                <DataTable
                  label={m('history')}
                  rows={current().statusHistory}
                  empty={m('none')}
                  columns={[
                    { header: m('effectiveOn'), rowHeader: true, width: 's', cell: (change) => formatDate(change.effectiveOn) },
                    { header: m('status'), width: 's', cell: (change) => statusLabel(change.status) },
                    { header: m('note'), width: 'l', cell: (change) => change.note },
                  ]}
                />
              </section>

              <Show when={current().entity}>
                {(body) => (
                  <WidgetSlot name="inventory.asset" entityId={body().id} props={{ assetId: current().id, entityId: body().id }} class="asset-widgets" />
                )}
              </Show>
            </>
          )}
      </NodePage>
    </>
  );
}
