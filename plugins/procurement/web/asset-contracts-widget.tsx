// The inventory's asset page (slot `inventory.asset`): the contracts that cover the asset, the
// maintenance contract in force marked.
import { createQuery, formatDate, graphql, WidgetFrame, WidgetList, type WidgetSlots } from '@gea/web-kit';
import type {} from '@gea/plugin-inventory/web';
import { Show } from 'solid-js';
import { kindLabel, m } from './messages.ts';

const AssetContractsQuery = graphql(`
  query ProcurementAssetContracts($id: ID!) {
    node(id: $id) {
      __typename
      ... on Asset {
        id
        maintenanceContract {
          id
        }
        contracts {
          id
          subject
          kind
          endsOn
          supplier {
            id
            name
          }
        }
      }
    }
  }
`);

export default function AssetContractsWidget(props: WidgetSlots['inventory.asset']) {
  const [result] = createQuery({ query: AssetContractsQuery, variables: () => ({ id: props.assetId }) });
  const asset = () => (result.data?.node?.__typename === 'Asset' ? result.data.node : undefined);
  return (
    <WidgetFrame
      id="asset-contracts"
      title={m('assetTitle')}
      data={result.data ? (asset()?.contracts ?? []) : undefined}
      error={result.error}
      empty={m('assetNone')}
    >
      {(contracts) => (
        <WidgetList items={contracts}>
          {(contract) => (
            <>
              {contract.subject} ({kindLabel(contract.kind)}, {contract.supplier.name}): {formatDate(contract.endsOn)}
              <Show when={asset()?.maintenanceContract?.id === contract.id}> · {m('assetMaintenance')}</Show>
            </>
          )}
        </WidgetList>
      )}
    </WidgetFrame>
  );
}
