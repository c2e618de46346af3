// Enums several connectivity files use: defined once per builder.
import { perBuilder } from '@gea/core';
import {
  CircuitStatus,
  CircuitTechnology,
  CircuitType,
  ContractRenewal,
  FrameworkAgreement,
  MaintenanceImpact,
  MaintenanceStatus,
  ProviderNetworkKind,
  RedundancyPriority,
  ServiceWindow,
  TerminationSide,
  VirtualCircuitRole,
} from '@gea/db';

export const circuitTechnologyEnum = perBuilder((builder) =>
  builder.enumType(CircuitTechnology, { name: 'CircuitTechnology', description: 'How a circuit reaches the site; the AGCOM class follows from it.' }),
);
export const circuitTypeEnum = perBuilder((builder) => builder.enumType(CircuitType, { name: 'CircuitType' }));
export const circuitStatusEnum = perBuilder((builder) => builder.enumType(CircuitStatus, { name: 'CircuitStatus' }));
export const providerNetworkKindEnum = perBuilder((builder) => builder.enumType(ProviderNetworkKind, { name: 'ProviderNetworkKind' }));
export const serviceWindowEnum = perBuilder((builder) => builder.enumType(ServiceWindow, { name: 'ServiceWindow' }));
export const terminationSideEnum = perBuilder((builder) => builder.enumType(TerminationSide, { name: 'TerminationSide' }));
export const redundancyPriorityEnum = perBuilder((builder) => builder.enumType(RedundancyPriority, { name: 'RedundancyPriority' }));
export const virtualCircuitRoleEnum = perBuilder((builder) => builder.enumType(VirtualCircuitRole, { name: 'VirtualCircuitRole' }));
export const frameworkAgreementEnum = perBuilder((builder) => builder.enumType(FrameworkAgreement, { name: 'FrameworkAgreement' }));
export const contractRenewalEnum = perBuilder((builder) => builder.enumType(ContractRenewal, { name: 'ContractRenewal' }));
export const maintenanceImpactEnum = perBuilder((builder) => builder.enumType(MaintenanceImpact, { name: 'MaintenanceImpact' }));
export const maintenanceStatusEnum = perBuilder((builder) => builder.enumType(MaintenanceStatus, { name: 'MaintenanceStatus' }));
export const agcomClassEnum = perBuilder((builder) =>
  builder.enumType({ F: 'F', FR: 'FR', R: 'R' } as const, {
    name: 'AgcomClass',
    description: 'AGCOM delibera 292/18/CONS: F fibre, FR mixed fibre-copper or fibre-radio, R copper or radio below 30 Mbit/s.',
  }),
);
