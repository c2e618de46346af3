// The rules a circuit's own fields must follow, whatever records it points to: bandwidths, public
// addresses, dates and the status that needs them. Pure, so the form, the import and the mutations
// agree (the records it points to are checked in the schema, which reads them).
import type { CircuitStatus } from '@gea/db';
import ipaddr from 'ipaddr.js';

export interface CircuitFacts {
  status: CircuitStatus;
  downloadKbps: number;
  uploadKbps: number;
  guaranteedDownloadKbps?: number | null;
  guaranteedUploadKbps?: number | null;
  publicIpAddresses?: readonly string[] | null;
  installedOn?: Date | null;
  terminatedOn?: Date | null;
}

export interface CircuitIssue {
  /** The input field the issue is about. */
  field: string;
  message: string;
  code?: 'INVALID_FORMAT' | 'INVALID_DATE_RANGE' | 'REQUIRED' | 'TOO_BIG' | 'INVALID_VALUE';
}

/** Why a text is not a public IPv4/IPv6 address or CIDR prefix, or null when it is one. */
export function publicAddressProblem(text: string): string | null {
  const value = text.trim();
  let first: ipaddr.IPv4 | ipaddr.IPv6;
  let last: ipaddr.IPv4 | ipaddr.IPv6 | null = null;
  try {
    if (value.includes('/')) {
      const [address] = value.split('/');
      if (!ipaddr.isValid(address!) || (address!.includes('.') && !address!.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(address!))) {
        return `${value} is not an IPv4/IPv6 address or CIDR prefix`;
      }
      const [network, length] = ipaddr.parseCIDR(value);
      if (network.kind() === 'ipv4') {
        first = ipaddr.IPv4.networkAddressFromCIDR(value);
        last = ipaddr.IPv4.broadcastAddressFromCIDR(value);
      } else {
        first = ipaddr.IPv6.networkAddressFromCIDR(value);
        // The longest reserved IPv6 ranges are /16 or shorter; a wider prefix spans several ranges.
        if (length < 16) return `${value} is wider than any public allocation`;
      }
    } else {
      if (!ipaddr.isValid(value) || (!value.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(value))) {
        return `${value} is not an IPv4/IPv6 address or CIDR prefix`;
      }
      first = ipaddr.parse(value);
    }
  } catch {
    return `${value} is not an IPv4/IPv6 address or CIDR prefix`;
  }
  for (const address of last ? [first, last] : [first]) {
    const range = address.range();
    if (range !== 'unicast') return `${value} is not a public address (${range} range)`;
  }
  return null;
}

/** Every problem of a circuit's own fields, one per field at most (in a stable order). */
export function circuitIssues(circuit: CircuitFacts): CircuitIssue[] {
  const issues: CircuitIssue[] = [];
  if (circuit.guaranteedDownloadKbps != null && circuit.guaranteedDownloadKbps > circuit.downloadKbps) {
    issues.push({ field: 'guaranteedDownloadKbps', message: 'cannot exceed the nominal download bandwidth', code: 'TOO_BIG' });
  }
  if (circuit.guaranteedUploadKbps != null && circuit.guaranteedUploadKbps > circuit.uploadKbps) {
    issues.push({ field: 'guaranteedUploadKbps', message: 'cannot exceed the nominal upload bandwidth', code: 'TOO_BIG' });
  }
  const addresses = circuit.publicIpAddresses ?? [];
  const problems = addresses.map(publicAddressProblem).filter((problem): problem is string => problem !== null);
  if (problems.length > 0) issues.push({ field: 'publicIpAddresses', message: problems.join('; '), code: 'INVALID_FORMAT' });
  else if (new Set(addresses.map((a) => a.trim().toLowerCase())).size !== addresses.length) {
    issues.push({ field: 'publicIpAddresses', message: 'lists an address twice' });
  }
  if (circuit.installedOn && circuit.terminatedOn && circuit.terminatedOn.getTime() < circuit.installedOn.getTime()) {
    issues.push({ field: 'terminatedOn', message: 'cannot be before the installation date', code: 'INVALID_DATE_RANGE' });
  } else if (circuit.status === 'DECOMMISSIONED' && !circuit.terminatedOn) {
    issues.push({ field: 'terminatedOn', message: 'is required for a decommissioned circuit', code: 'REQUIRED' });
  }
  if (circuit.status === 'ACTIVE' && !circuit.installedOn) {
    issues.push({ field: 'installedOn', message: 'is required for an active circuit', code: 'REQUIRED' });
  }
  return issues;
}

/**
 * The dates a status change sets: the installation date on the first activation, the termination
 * date on decommissioning (kept when already recorded).
 */
export function datesForStatus(
  current: { installedOn: Date | null; terminatedOn: Date | null },
  status: CircuitStatus,
  on: Date,
): { installedOn: Date | null; terminatedOn: Date | null } {
  return {
    installedOn: status === 'ACTIVE' && !current.installedOn ? on : current.installedOn,
    terminatedOn: status === 'DECOMMISSIONED' ? (current.terminatedOn ?? on) : current.terminatedOn,
  };
}
