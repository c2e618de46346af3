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

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** The special (not public) range a prefix overlaps, from ipaddr.js's tables, or null. */
function specialRangeOverlapped(network: Address, length: number): string | null {
  const ranges = (network as unknown as { SpecialRanges: Record<string, [Address, number][] | [Address, number]> }).SpecialRanges;
  for (const [name, value] of Object.entries(ranges)) {
    const list = (Array.isArray(value[0]) ? value : [value]) as [Address, number][];
    for (const [rangeNetwork, rangeLength] of list) {
      if (rangeNetwork.kind() !== network.kind()) continue;
      const overlaps = length >= rangeLength ? network.match(rangeNetwork as never, rangeLength) : rangeNetwork.match(network as never, length);
      if (overlaps) return name;
    }
  }
  return null;
}

/** Why a text is not a public IPv4/IPv6 address or CIDR prefix, or null when it is one. */
export function publicAddressProblem(text: string): string | null {
  const value = text.trim();
  const [address, length, ...rest] = value.split('/');
  const malformed = `${value} is not an IPv4/IPv6 address or CIDR prefix`;
  // Four decimal parts for IPv4: ipaddr.js also reads "1.2.3" and octal "010.1.1.1" the way inet_aton does.
  if (rest.length > 0 || !address || !ipaddr.isValid(address) || (!address.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(address))) return malformed;
  if (length === undefined) {
    const range = ipaddr.parse(address).range();
    return range === 'unicast' ? null : `${value} is not a public address (${range} range)`;
  }
  let network: Address;
  let bits: number;
  try {
    [network, bits] = ipaddr.parseCIDR(value);
  } catch {
    return malformed;
  }
  if (!/^\d{1,3}$/.test(length)) return malformed;
  const range = specialRangeOverlapped(network, bits);
  return range === null ? null : `${value} is not a public address (${range} range)`;
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
