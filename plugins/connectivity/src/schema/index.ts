import type { GeaBuilder } from '@gea/core';
import { addCircuitImportSchema } from './circuit-import.ts';
import { addCircuitTerminationType } from './circuit-termination.ts';
import { addCircuitType } from './circuit.ts';
import { addConnectivityContractType } from './connectivity-contract.ts';
import { addConnectivityCosts } from './connectivity-costs.ts';
import { addContractConnectivityFields } from './extends/contract.ts';
import { addConnectivityRisksType } from './connectivity-risks.ts';
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
  addCircuitImportSchema(builder);
  addVirtualCircuitType(builder);
  addConnectivityContractType(builder);
  addMaintenanceEventType(builder);
  addConnectivityRisksType(builder);
  addEntityConnectivityFields(builder);
  addContractConnectivityFields(builder);
  addConnectivityCosts(builder);
  addConnectivityHub(builder);
  addNetworkView(builder);
}
