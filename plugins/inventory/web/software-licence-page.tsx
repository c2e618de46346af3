// One licence: its terms (changeable by whoever may write the inventory of every body it serves,
// with the version it was read at: someone else's change in between is reported, nothing lost),
// its seats used, and its installations, each removable by whoever may write its asset's body.
import {
  centsToInput,
  createMutation,
  createQuery,
  DataTable,
  describeTypedError,
  ErrorNotice,
  formatDate,
  formatEuroCents,
  graphql,
  isStaleVersion,
  isTypedError,
  NodePage,
  PageHeading,
  SuccessNotice,
  t,
  useShell,
  type ResultOf,
} from '@gea/web-kit';
import { A, useParams, useSearchParams } from '@solidjs/router';
import type { CombinedError } from '@urql/core';
import { createEffect, createSignal, Show } from 'solid-js';
import { createLicenceForm, emptyLicence, LicenceFields, type LicenceFormValues } from './software-licence-form.tsx';
import { licenceKindLabel, s, type LicenceKind } from './software-messages.ts';
import { SoftwareTabs } from './software-tabs.tsx';
import { licenceName, seatsText, untilText } from './software-format.ts';
import { RemoveSoftwareMutation } from './software-remove.ts';

const LicenceQuery = graphql(`
  query InventorySoftwareLicence($id: ID!) {
    node(id: $id) {
      __typename
      ... on SoftwareLicence {
        id
        version
        kind
        reference
        seats
        seatsUsed
        validFrom
        validUntil
        costCents
        product {
          id
          name
          publisher
        }
        entities {
          id
          name
        }
        installations(first: 100) {
          edges {
            node {
              id
              installedOn
              version
              product {
                id
                name
              }
              asset {
                id
                inventoryTag
                manufacturer
                model
                entity {
                  id
                  name
                }
              }
            }
          }
        }
      }
    }
  }
`);

const UpdateLicenceMutation = graphql(`
  mutation InventoryUpdateSoftwareLicence($id: ID!, $expectedVersion: Int!, $input: SoftwareLicenceInput!) {
    updateSoftwareLicence(id: $id, expectedVersion: $expectedVersion, input: $input) {
      __typename
      ... on SoftwareLicence {
        id
        version
        seats
        seatsUsed
        validUntil
        costCents
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

type Licence = Extract<NonNullable<ResultOf<typeof LicenceQuery>['node']>, { __typename: 'SoftwareLicence' }>;

const valuesOf = (licence: Licence): LicenceFormValues => ({
  productId: licence.product.id,
  kind: licence.kind as LicenceKind,
  reference: licence.reference ?? '',
  seats: licence.seats === null ? '' : String(licence.seats),
  validFrom: licence.validFrom ?? '',
  validUntil: licence.validUntil ?? '',
  costCents: centsToInput(licence.costCents),
  entityIds: licence.entities.map((body) => body.id),
});

export const assetLabel = (asset: { inventoryTag: string | null; manufacturer: string | null; model: string | null }) =>
  asset.inventoryTag ?? ([asset.manufacturer, asset.model].filter(Boolean).join(' ') || s('untagged'));

export default function SoftwareLicencePage() {
  const params = useParams<{ id: string }>();
  const [search] = useSearchParams<{ created?: string }>();
  const shell = useShell();
  const [result, reload] = createQuery({ query: LicenceQuery, variables: () => ({ id: decodeURIComponent(params.id) }) });
  const licence = () => (result.data?.node?.__typename === 'SoftwareLicence' ? result.data.node : undefined);
  const [, update] = createMutation(UpdateLicenceMutation);
  const [, remove] = createMutation(RemoveSoftwareMutation);

  const form = createLicenceForm(emptyLicence());
  const [loadedId, setLoadedId] = createSignal<string>();
  const [version, setVersion] = createSignal(0);
  // Filled once per licence, and again after a refusal for a stale version: never while typing.
  const [refill, setRefill] = createSignal(false);
  createEffect(() => {
    const current = licence();
    if (!current) return;
    if (loadedId() !== current.id || refill()) {
      form.setValues(valuesOf(current));
      setVersion(current.version);
      setLoadedId(current.id);
      setRefill(false);
    }
  });

  const [saving, setSaving] = createSignal(false);
  const [notice, setNotice] = createSignal<string | null>(search.created ? s('created') : null);
  const [failure, setFailure] = createSignal<{ message?: string; error?: CombinedError }>();
  const canWrite = () => {
    const current = licence();
    return !!current && current.entities.length > 0 && current.entities.every((body) => shell().access.can('inventory:write', body.id));
  };

  async function save() {
    const current = licence();
    if (!current) return;
    setNotice(null);
    setFailure(undefined);
    const input = form.input();
    if (!input) return;
    setSaving(true);
    const outcome = await update({ id: current.id, expectedVersion: version(), input });
    setSaving(false);
    const value = outcome.data?.updateSoftwareLicence;
    if (outcome.error || !value) return void setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return form.fromIssues(value.issues);
    if (isStaleVersion(value)) {
      // Nothing saved: the licence as it now is replaces the form, and the person is told.
      setFailure({ message: describeTypedError(value) });
      setRefill(true);
      reload({ requestPolicy: 'network-only' });
      return;
    }
    if (value.__typename === 'SoftwareLicence') {
      setVersion(value.version);
      setNotice(s('saved'));
      reload({ requestPolicy: 'network-only' });
      document.getElementById('licence-notice')?.focus();
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  async function removeInstallation(installation: Licence['installations']['edges'][number]['node']) {
    setNotice(null);
    setFailure(undefined);
    const outcome = await remove({ installationId: installation.id });
    const value = outcome.data?.removeSoftware;
    if (outcome.error || !value) return void setFailure({ error: outcome.error });
    if (value.__typename === 'SoftwareInstallation') {
      setNotice(s('removed', { product: installation.product.name, asset: assetLabel(installation.asset) }));
      reload({ requestPolicy: 'network-only' });
      document.getElementById('licence-notice')?.focus();
      return;
    }
    if (value.__typename === 'InputError') return void setFailure({ message: value.issues.map((issue) => issue.message).join('; ') });
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  return (
    <NodePage error={result.error} loaded={!!result.data} node={licence()} notFound={s('notFound')}>
      {(current) => (
        <>
          <p class="breadcrumb">
            <A href="/inventory/software/licences">{s('backToLicences')}</A>
          </p>
          <PageHeading title={s('licenceTitle', { name: licenceName(current()) })}>
            <p class="lead">
              {licenceKindLabel(current().kind as LicenceKind)} · {s('seats')}: {seatsText(current())} · {s('validUntil')}: {untilText(current().validUntil)}
              {current().costCents !== null ? ` · ${s('cost')}: ${formatEuroCents(current().costCents)}` : ''}
            </p>
            <p>
              {s('bodies')}: {current().entities.map((body) => body.name).join(', ')}
            </p>
          </PageHeading>
          <SoftwareTabs />
          <div id="licence-notice" tabindex="-1">
            <SuccessNotice message={notice()} />
          </div>
          <ErrorNotice message={failure()?.message} error={failure()?.error} />

          <section aria-labelledby="licence-installations-title">
            <h2 id="licence-installations-title">
              {s('installations')} ({seatsText(current())})
            </h2>
            <DataTable
              label={s('installations')}
              rows={current().installations.edges.map((edge) => edge.node)}
              empty={s('noInstallations')}
              columns={[
                {
                  header: s('asset'),
                  rowHeader: true,
                  width: 'm',
                  phone: true,
                  cell: (installation) => <A href={`/inventory/assets/${encodeURIComponent(installation.asset.id)}`}>{assetLabel(installation.asset)}</A>,
                },
                { header: s('body'), width: 'm', cell: (installation) => installation.asset.entity?.name },
                { header: s('installedOn'), width: 's', nowrap: true, phone: true, cell: (installation) => formatDate(installation.installedOn) },
                { header: s('version'), width: 's', cell: (installation) => installation.version ?? '—' },
                {
                  header: s('actions'),
                  width: 's',
                  phone: true,
                  cell: (installation) => (
                    <Show when={installation.asset.entity && shell().access.can('inventory:write', installation.asset.entity.id)}>
                      <button
                        type="button"
                        class="button-secondary"
                        aria-label={s('removeLabel', { product: installation.product.name, asset: assetLabel(installation.asset) })}
                        onClick={() => void removeInstallation(installation)}
                      >
                        {s('remove')}
                      </button>
                    </Show>
                  ),
                },
              ]}
            />
          </section>

          <section aria-labelledby="licence-terms-title">
            <h2 id="licence-terms-title">{s('terms')}</h2>
            <Show when={!canWrite()}>
              <p class="notice notice-info">{s('readOnly')}</p>
            </Show>
            <Show when={loadedId()}>
              <LicenceFields
                form={form}
                disabled={!canWrite()}
                productFixed
                saving={saving()}
                submitLabel={t('common.save')}
                onSubmit={() => void save()}
                labelledBy="licence-terms-title"
              />
            </Show>
          </section>
        </>
      )}
    </NodePage>
  );
}
