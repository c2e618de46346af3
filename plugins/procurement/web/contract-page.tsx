// One contract: its details (changed in place by those who may write every body it serves), the
// equipment and licences it covers (picked from the inventory of the bodies it serves), and its
// documents (signed contract, determina), downloaded with the API's own read check.
import {
  createMutation,
  createQuery,
  DataTable,
  describeTypedError,
  ErrorNotice,
  formatDate,
  formatEuroCents,
  graphql,
  isTypedError,
  NodePage,
  PageHeading,
  type ResultOf,
  SelectField,
  SuccessNotice,
  t,
  TextField,
  useShell,
} from '@gea/web-kit';
import { A, useParams, useSearchParams } from '@solidjs/router';
import { createMemo, createSignal, Show } from 'solid-js';
import { ContractForm } from './contract-form.tsx';
import { ContractDocuments } from './contract-documents.tsx';
import type { Failure } from './failure.ts';
import { kindLabel, m } from './messages.ts';
import './procurement.css';

const ContractQuery = graphql(`
  query ProcurementContract($id: ID!) {
    node(id: $id) {
      __typename
      ... on Contract {
        id
        version
        kind
        subject
        cig
        cup
        mepaReference
        startsOn
        endsOn
        renewableUntil
        valueCents
        daysToEnd
        supplier {
          id
          name
        }
        contractingEntity {
          id
          name
        }
        entities {
          id
          name
        }
        assets {
          id
          kind
          inventoryTag
          model
          entity {
            id
            name
          }
        }
        licences {
          id
          reference
          validUntil
          product {
            id
            name
          }
        }
        documents {
          id
          kind
          fileName
          mediaType
          signed
          sizeBytes
          uploadedBy
          uploadedAt
          downloadPath
        }
      }
    }
  }
`);

const AssetChoices = graphql(`
  query ProcurementCoverageAssets($filter: AssetFilter) {
    assets(first: 50, filter: $filter) {
      edges {
        node {
          id
          kind
          inventoryTag
          model
          entity {
            id
            name
          }
        }
      }
    }
  }
`);
const LicenceChoices = graphql(`
  query ProcurementCoverageLicences($filter: SoftwareLicenceFilter) {
    softwareLicences(first: 50, filter: $filter) {
      edges {
        node {
          id
          reference
          validUntil
          product {
            id
            name
          }
        }
      }
    }
  }
`);

const SetCoverage = graphql(`
  mutation ProcurementSetCoverage($contractId: ID!, $addAssetIds: [ID!], $removeAssetIds: [ID!], $addLicenceIds: [ID!], $removeLicenceIds: [ID!]) {
    setContractCoverage(
      contractId: $contractId
      addAssetIds: $addAssetIds
      removeAssetIds: $removeAssetIds
      addLicenceIds: $addLicenceIds
      removeLicenceIds: $removeLicenceIds
    ) {
      __typename
      ... on Contract {
        id
        version
        coveredAssetCount
      }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);

export type Contract = Extract<NonNullable<ResultOf<typeof ContractQuery>['node']>, { __typename: 'Contract' }>;
type Licence = Contract['licences'][number];

const assetName = (asset: { inventoryTag: string | null; model: string | null; kind: string }) => asset.inventoryTag ?? asset.model ?? asset.kind;
const licenceName = (licence: Licence) => `${licence.product.name}${licence.reference ? ` (${licence.reference})` : ''}`;

export default function ContractPage() {
  const params = useParams<{ id: string }>();
  const shell = useShell();
  const [result, reload] = createQuery({ query: ContractQuery, variables: () => ({ id: decodeURIComponent(params.id) }) });
  const contract = () => (result.data?.node?.__typename === 'Contract' ? result.data.node : undefined);
  const refresh = () => reload({ requestPolicy: 'network-only' });
  // A contract of bodies the reader may not see answers null with FORBIDDEN: to them it does not exist.
  const shownError = () => {
    const error = result.error;
    const hidden = result.data?.node === null && !!error && error.graphQLErrors.length > 0 && error.graphQLErrors.every((e) => e.extensions?.code === 'FORBIDDEN');
    return hidden ? undefined : error;
  };
  // Changing a contract needs procurement:write on every body it serves (as the API checks).
  const canWrite = () => {
    const current = contract();
    return !!current && current.entities.length > 0 && current.entities.every((body) => shell().access.can('procurement:write', body.id));
  };
  const [editing, setEditing] = createSignal(false);
  const [search] = useSearchParams();
  // Coming from the new contract's form: say it was recorded.
  const [saved, setSaved] = createSignal<string | null>(search.created ? m('created') : null);

  return (
    <NodePage error={shownError()} loaded={!!result.data} node={contract()} notFound={m('contractNotFound')}>
      {(current) => (
        <>
          <p class="breadcrumb">
            <A href="/procurement/contracts">{t('common.back')}</A>
          </p>
          <PageHeading title={m('contractTitle', { subject: current().subject })}>
            <p class="lead">
              {kindLabel(current().kind)} · {current().supplier.name} · {current().entities.map((body) => body.name).join(', ')}
            </p>
          </PageHeading>
          <SuccessNotice focus message={saved()} />
          <Show when={!canWrite()}>
            <p class="notice notice-info">{m('readOnly')}</p>
          </Show>
          <Show
            when={editing()}
            fallback={
              <section aria-labelledby="contract-details-title">
                <h2 id="contract-details-title">{m('contractDetails')}</h2>
                <dl class="procurement-details">
                  <dt>{m('cig')}</dt>
                  <dd>{current().cig ?? '—'}</dd>
                  <dt>{m('cup')}</dt>
                  <dd>{current().cup ?? '—'}</dd>
                  <dt>{m('supplier')}</dt>
                  <dd>{current().supplier.name}</dd>
                  <dt>{m('contractingEntity')}</dt>
                  <dd>{current().contractingEntity?.name ?? '—'}</dd>
                  <dt>{m('bodiesServed')}</dt>
                  <dd>{current().entities.map((body) => body.name).join(', ')}</dd>
                  <dt>{m('startsOn')}</dt>
                  <dd>{formatDate(current().startsOn)}</dd>
                  <dt>{m('endsOn')}</dt>
                  <dd>{formatDate(current().endsOn)}</dd>
                  <dt>{m('renewableUntil')}</dt>
                  <dd>{formatDate(current().renewableUntil) || '—'}</dd>
                  <dt>{m('mepaReference')}</dt>
                  <dd>{current().mepaReference ?? '—'}</dd>
                  <dt>{m('value')}</dt>
                  <dd>{formatEuroCents(current().valueCents)}</dd>
                </dl>
                <Show when={canWrite()}>
                  <button type="button" class="button-secondary" onClick={() => (setSaved(null), setEditing(true))}>
                    {m('edit')}
                  </button>
                </Show>
              </section>
            }
          >
            <ContractForm
              contract={{ ...current(), kind: current().kind }}
              onSaved={() => {
                setEditing(false);
                refresh();
                setSaved(m('saved'));
              }}
              onStale={refresh}
              onCancel={() => setEditing(false)}
            />
          </Show>
          <Coverage contract={current()} canWrite={canWrite()} onChanged={refresh} />
          <ContractDocuments contract={current()} canWrite={canWrite()} onChanged={refresh} />
        </>
      )}
    </NodePage>
  );
}

/** What the contract covers, with pickers over the inventory of the bodies it serves. */
function Coverage(props: { contract: Contract; canWrite: boolean; onChanged: () => void }) {
  const [search, setSearch] = createSignal('');
  const served = () => props.contract.entities.map((body) => body.id);
  const [assets] = createQuery({
    query: AssetChoices,
    variables: () => ({ filter: { entityIds: served(), search: search().trim() || null } }),
    pause: () => !props.canWrite,
  });
  const [licences] = createQuery({ query: LicenceChoices, variables: () => ({ filter: { entityIds: served() } }), pause: () => !props.canWrite });
  const [, setCoverage] = createMutation(SetCoverage);
  const [assetId, setAssetId] = createSignal('');
  const [licenceId, setLicenceId] = createSignal('');
  const [failure, setFailure] = createSignal<Failure>();
  const [saved, setSaved] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const covered = createMemo(() => new Set([...props.contract.assets.map((a) => a.id), ...props.contract.licences.map((l) => l.id)]));

  async function change(variables: { addAssetIds?: string[]; removeAssetIds?: string[]; addLicenceIds?: string[]; removeLicenceIds?: string[] }) {
    setFailure(undefined);
    setSaved(null);
    setBusy(true);
    const outcome = await setCoverage({ contractId: props.contract.id, ...variables });
    setBusy(false);
    const value = outcome.data?.setContractCoverage;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return setFailure({ message: value.issues.map((issue) => issue.message).join('; ') });
    if (value.__typename === 'Contract') {
      setAssetId('');
      setLicenceId('');
      props.onChanged();
      setSaved(m('coverageSaved'));
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  return (
    <section aria-labelledby="coverage-title">
      <h2 id="coverage-title">{m('coverage')}</h2>
      <SuccessNotice focus message={saved()} />
      <ErrorNotice message={failure()?.message} error={failure()?.error} />
      <h3 id="coverage-assets-title">{m('coveredAssets')}</h3>
      <DataTable
        label={m('coveredAssets')}
        rows={props.contract.assets}
        empty={m('noAssets')}
        columns={[
          {
            header: m('inventoryTag'),
            rowHeader: true,
            width: 's',
            phone: true,
            cell: (asset) => <A href={`/inventory/assets/${encodeURIComponent(asset.id)}`}>{assetName(asset)}</A>,
          },
          { header: m('model'), width: 'm', cell: (asset) => asset.model ?? '—' },
          { header: m('body'), width: 'm', phone: true, cell: (asset) => asset.entity?.name ?? '—' },
          {
            header: m('actions'),
            width: 's',
            hidden: !props.canWrite,
            cell: (asset) => (
              <button type="button" class="button-secondary" disabled={busy()} aria-label={m('removeNamed', { name: assetName(asset) })} onClick={() => void change({ removeAssetIds: [asset.id] })}>
                {m('remove')}
              </button>
            ),
          },
        ]}
      />
      <Show when={props.canWrite}>
        <form
          class="form form-grid"
          aria-labelledby="coverage-add-asset"
          onSubmit={(event) => {
            event.preventDefault();
            if (assetId()) void change({ addAssetIds: [assetId()] });
          }}
        >
          <fieldset disabled={busy()}>
            <legend id="coverage-add-asset">{m('addAsset')}</legend>
            <TextField id="coverage-asset-search" type="search" label={t('common.search')} hint={m('assetSearchHint')} value={search()} onValue={setSearch} />
            <SelectField
              id="coverage-asset"
              label={m('addAsset')}
              value={assetId()}
              onValue={setAssetId}
              empty="—"
              options={(assets.data?.assets.edges ?? [])
                .filter((edge) => !covered().has(edge.node.id))
                .map((edge) => ({ value: edge.node.id, label: `${assetName(edge.node)} · ${edge.node.model ?? ''} · ${edge.node.entity?.name ?? ''}` }))}
            />
          </fieldset>
          <div class="form-actions">
            <button type="submit" class="button-primary" disabled={busy() || !assetId()}>
              {m('add')}
            </button>
          </div>
        </form>
      </Show>

      <h3>{m('coveredLicences')}</h3>
      <DataTable
        label={m('coveredLicences')}
        rows={props.contract.licences}
        empty={m('noLicences')}
        columns={[
          { header: m('product'), rowHeader: true, width: 'l', phone: true, cell: (licence) => licenceName(licence) },
          { header: m('licenceValidUntil'), width: 's', nowrap: true, phone: true, cell: (licence) => formatDate(licence.validUntil) || '—' },
          {
            header: m('actions'),
            width: 's',
            hidden: !props.canWrite,
            cell: (licence) => (
              <button type="button" class="button-secondary" disabled={busy()} aria-label={m('removeNamed', { name: licenceName(licence) })} onClick={() => void change({ removeLicenceIds: [licence.id] })}>
                {m('remove')}
              </button>
            ),
          },
        ]}
      />
      <Show when={props.canWrite}>
        <form
          class="form form-grid"
          aria-labelledby="coverage-add-licence"
          onSubmit={(event) => {
            event.preventDefault();
            if (licenceId()) void change({ addLicenceIds: [licenceId()] });
          }}
        >
          <fieldset disabled={busy()}>
            <legend id="coverage-add-licence">{m('addLicence')}</legend>
            <SelectField
              id="coverage-licence"
              label={m('addLicence')}
              value={licenceId()}
              onValue={setLicenceId}
              empty="—"
              options={(licences.data?.softwareLicences.edges ?? [])
                .filter((edge) => !covered().has(edge.node.id))
                .map((edge) => ({ value: edge.node.id, label: `${licenceName(edge.node)} · ${formatDate(edge.node.validUntil) || '—'}` }))}
            />
          </fieldset>
          <div class="form-actions">
            <button type="submit" class="button-primary" disabled={busy() || !licenceId()}>
              {m('add')}
            </button>
          </div>
        </form>
      </Show>
    </section>
  );
}
