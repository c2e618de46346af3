import type { GeaBuilder } from '@gea/core';
import { addCircuitTerminationType } from './circuit-termination.ts';
import { addCircuitType } from './circuit.ts';
import { addConnectivityContractType } from './connectivity-contract.ts';
import { addEntityConnectivityFields } from './extends/entity.ts';
import { addConnectivityHub } from './hub.ts';
import { addMaintenanceEventType } from './maintenance-event.ts';
import { addNetworkView } from './network-view.ts';
import { addProviderAccountType } from './provider-account.ts';
import { addProviderNetworkType } from './provider-network.ts';
import { addProviderType } from './provider.ts';
import { addRedundancyGroupType } from './redundancy-group.ts';
import { addVirtualCircuitType } from './virtual-circuit.ts';

/** One file per type; fields this plugin adds to other types go in ./extends/. */
export function addConnectivitySchema(builder: GeaBuilder) {
  addProviderType(builder);
  addProviderAccountType(builder);
  addProviderNetworkType(builder);
  addCircuitType(builder);
  addCircuitTerminationType(builder);
  addRedundancyGroupType(builder);
  addVirtualCircuitType(builder);
  addConnectivityContractType(builder);
  addMaintenanceEventType(builder);
  addEntityConnectivityFields(builder);
  addConnectivityHub(builder);
  addNetworkView(builder);
}
