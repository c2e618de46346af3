// On an asset's page (slot `inventory.asset`): the software installed on it, with a form to install
// a product under a licence of the asset's body that has a free seat, and a button to remove one.
import {
  createMutation,
  createQuery,
  DataTable,
  DateField,
  describeTypedError,
  ErrorNotice,
  formatDate,
  graphql,
  isTypedError,
  SelectField,
  SuccessNotice,
  TextField,
  useShell,
  type WidgetSlots,
} from '@gea/web-kit';
import { A } from '@solidjs/router';
import type { CombinedError } from '@urql/core';
import { createSignal, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { s } from './software-messages.ts';
import { licenceName, todayIso, untilText } from './software-format.ts';
import { RemoveSoftwareMutation } from './software-remove.ts';

const AssetSoftwareQuery = graphql(`
  query InventoryAssetSoftware($id: ID!) {
    node(id: $id) {
      __typename
      ... on Asset {
        id
        software {
          id
          installedOn
          version
          product {
            id
            name
          }
          licence {
            id
            reference
            product {
              name
            }
          }
        }
      }
    }
  }
`);

const InstallChoicesQuery = graphql(`
  query InventoryInstallChoices($entityId: ID!) {
    softwareProducts(first: 100) {
      edges {
        node {
          id
          name
          publisher
        }
      }
    }
    softwareLicences(first: 100, filter: { entityIds: [$entityId] }) {
      edges {
        node {
          id
          reference
          seats
          seatsUsed
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

const InstallMutation = graphql(`
  mutation InventoryInstallSoftware($input: InstallSoftwareInput!) {
    installSoftware(input: $input) {
      __typename
      ... on SoftwareInstallation {
        id
        product {
          name
        }
      }
      ... on InputError {
        message
        issues {
          path
          message
          code
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

export default function SoftwareAssetWidget(props: WidgetSlots['inventory.asset']) {
  const shell = useShell();
  const [software, reloadSoftware] = createQuery({ query: AssetSoftwareQuery, variables: () => ({ id: props.assetId }) });
  const canWrite = () => shell().access.can('inventory:write', props.entityId);
  const [choices, reloadChoices] = createQuery({ query: InstallChoicesQuery, variables: () => ({ entityId: props.entityId }), pause: () => !canWrite() });
  const [, install] = createMutation(InstallMutation);
  const [, remove] = createMutation(RemoveSoftwareMutation);
  const [form, setForm] = createStore({ productId: '', licenceId: '', version: '', installedOn: todayIso() });
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [saving, setSaving] = createSignal(false);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<{ message?: string; error?: CombinedError }>();

  const rows = () => (software.data?.node?.__typename === 'Asset' ? software.data.node.software : undefined);
  const licencesOfProduct = () =>
    (choices.data?.softwareLicences.edges ?? []).map((edge) => edge.node).filter((licence) => licence.product.id === form.productId);
  const refresh = () => {
    reloadSoftware({ requestPolicy: 'network-only' });
    reloadChoices({ requestPolicy: 'network-only' });
  };

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setNotice(null);
    setFailure(undefined);
    setErrors({});
    if (!form.productId) return void setErrors({ productId: s('chooseProduct') });
    setSaving(true);
    const outcome = await install({
      input: {
        assetId: props.assetId,
        productId: form.productId,
        licenceId: form.licenceId || null,
        version: form.version.trim() || null,
        installedOn: form.installedOn || null,
      },
    });
    setSaving(false);
    const value = outcome.data?.installSoftware;
    if (outcome.error || !value) return void setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') {
      // Issues name input fields (`input.licenceId`); shown next to the fields of this form.
      return void setErrors(Object.fromEntries(value.issues.map((issue) => [String(issue.path[issue.path.length - 1] ?? ''), issue.message])));
    }
    if (value.__typename === 'SoftwareInstallation') {
      setForm({ productId: '', licenceId: '', version: '', installedOn: todayIso() });
      setNotice(s('installed', { product: value.product.name }));
      refresh();
      document.getElementById('asset-software-notice')?.focus();
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  async function removeInstallation(installation: { id: string; product: { name: string } }) {
    setNotice(null);
    setFailure(undefined);
    const outcome = await remove({ installationId: installation.id });
    const value = outcome.data?.removeSoftware;
    if (outcome.error || !value) return void setFailure({ error: outcome.error });
    if (value.__typename === 'SoftwareInstallation') {
      setNotice(s('removedHere', { product: installation.product.name }));
      refresh();
      document.getElementById('asset-software-notice')?.focus();
      return;
    }
    if (value.__typename === 'InputError') return void setFailure({ message: value.issues.map((issue) => issue.message).join('; ') });
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  return (
    <section aria-labelledby="asset-software-title" class="asset-software">
      <h2 id="asset-software-title">{s('onAsset')}</h2>
      <div id="asset-software-notice" tabindex="-1">
        <SuccessNotice message={notice()} />
      </div>
      <ErrorNotice message={failure()?.message} error={failure()?.error ?? software.error} />
      <DataTable
        label={s('onAsset')}
        rows={rows()}
        empty={s('noSoftware')}
        columns={[
          { header: s('product'), rowHeader: true, width: 'm', phone: true, cell: (row) => row.product.name },
          { header: s('version'), width: 's', cell: (row) => row.version ?? '—' },
          {
            header: s('licence'),
            width: 'm',
            cell: (row) =>
              row.licence ? <A href={`/inventory/software/licences/${encodeURIComponent(row.licence.id)}`}>{licenceName(row.licence)}</A> : '—',
          },
          { header: s('installedOn'), width: 's', nowrap: true, phone: true, cell: (row) => formatDate(row.installedOn) },
          {
            header: s('actions'),
            width: 's',
            hidden: !canWrite(),
            phone: true,
            cell: (row) => (
              <button
                type="button"
                class="button-secondary"
                aria-label={s('removeHereLabel', { product: row.product.name })}
                onClick={() => void removeInstallation(row)}
              >
                {s('remove')}
              </button>
            ),
          },
        ]}
      />
      <Show when={canWrite()}>
        <form class="form form-grid" novalidate onSubmit={(event) => void submit(event)} aria-labelledby="asset-install-title">
          <fieldset disabled={saving()}>
            <legend id="asset-install-title">{s('installTitle')}</legend>
            <SelectField
              id="install-productId"
              label={s('product')}
              required
              empty={s('chooseProduct')}
              value={form.productId}
              onValue={(value) => setForm({ productId: value, licenceId: '' })}
              error={errors().productId}
              options={(choices.data?.softwareProducts.edges ?? []).map((edge) => ({
                value: edge.node.id,
                label: `${edge.node.name} (${edge.node.publisher})`,
              }))}
            />
            <SelectField
              id="install-licenceId"
              label={s('licence')}
              empty={s('noLicence')}
              value={form.licenceId}
              onValue={(value) => setForm('licenceId', value)}
              error={errors().licenceId}
              options={licencesOfProduct().map((licence) => ({
                value: licence.id,
                label: s('licenceOption', {
                  reference: licence.reference ?? licence.product.name,
                  seats: licence.seats === null ? `${licence.seatsUsed}/∞` : `${licence.seatsUsed}/${licence.seats}`,
                  until: untilText(licence.validUntil),
                }),
              }))}
            />
            <TextField id="install-version" label={s('version')} value={form.version} onValue={(value) => setForm('version', value)} error={errors().version} />
            <DateField
              id="install-installedOn"
              label={s('installedOn')}
              value={form.installedOn}
              onValue={(value) => setForm('installedOn', value)}
              error={errors().installedOn}
            />
          </fieldset>
          <div class="form-actions">
            <button type="submit" class="button-primary" disabled={saving()}>
              {s('install')}
            </button>
          </div>
          <Show when={errors().assetId}>
            <ErrorNotice message={errors().assetId} />
          </Show>
        </form>
      </Show>
    </section>
  );
}
