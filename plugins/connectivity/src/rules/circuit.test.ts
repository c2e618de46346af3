import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { circuitIssues, datesForStatus, publicAddressProblem } from './circuit.ts';
import { terminationIssues } from './circuit-termination.ts';
import { parseDay, parseEuroCents, parsePercentHundredths, parseStatus, parseTechnology } from './circuit-import.ts';
import { eurosOfCents } from '@gea/core';
import { memberIssues } from './redundancy.ts';

const base = { status: 'PLANNED' as const, downloadKbps: 100_000, uploadKbps: 20_000 };
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('public addresses', () => {
  it('accepts public IPv4/IPv6 addresses and prefixes', () => {
    for (const address of ['151.12.34.56', '8.8.8.0/24', '2a01:4f8::1', '2a01:4f8::/32', '193.43.0.0/16']) expect(publicAddressProblem(address), address).toBeNull();
  });
  it('refuses private, reserved, loopback, documentation and malformed ones', () => {
    expect(publicAddressProblem('192.168.0.1')).toMatch(/private/);
    expect(publicAddressProblem('100.64.0.1')).toMatch(/carrierGradeNat/);
    expect(publicAddressProblem('127.0.0.1')).toMatch(/loopback/);
    expect(publicAddressProblem('fe80::1')).toMatch(/linkLocal/);
    expect(publicAddressProblem('2001:db8::/32')).toMatch(/reserved/);
    // A prefix reaching into a private range from a public one.
    expect(publicAddressProblem('8.0.0.0/6')).toMatch(/not a public address/);
    for (const text of ['1.2.3', '010.1.1.1', '1.2.3.4/40', 'abc', '2001:::1', '8.8.8.8/']) expect(publicAddressProblem(text), text).toMatch(/not an IPv4\/IPv6/);
  });
  it('refuses every address of the private IPv4 ranges', () => {
    fc.assert(
      fc.property(fc.constantFrom([10, 8], [172, 12], [192, 16]), fc.integer({ min: 0, max: 2 ** 32 - 1 }), ([first, bits], random) => {
        const prefix = first === 10 ? 10 << 24 : first === 172 ? (172 << 24) | (16 << 16) : (192 << 24) | (168 << 16);
        const value = (prefix | (random >>> bits)) >>> 0;
        const text = [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
        expect(publicAddressProblem(text)).toMatch(/private/);
      }),
    );
  });
});

describe('circuit rules', () => {
  it('never lets a guaranteed band exceed the nominal one, and accepts it when it does not', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.nat(10_000_000), (nominal, guaranteed) => {
        const issues = circuitIssues({ ...base, downloadKbps: nominal, guaranteedDownloadKbps: guaranteed });
        expect(issues.some((issue) => issue.field === 'guaranteedDownloadKbps')).toBe(guaranteed > nominal);
      }),
    );
  });
  it('needs an installation date when active and a termination date, not before it, when decommissioned', () => {
    expect(circuitIssues({ ...base, status: 'ACTIVE' })).toEqual([{ field: 'installedOn', message: 'is required for an active circuit', code: 'REQUIRED' }]);
    expect(circuitIssues({ ...base, status: 'DECOMMISSIONED', installedOn: day('2024-01-01') })).toMatchObject([{ field: 'terminatedOn', code: 'REQUIRED' }]);
    expect(circuitIssues({ ...base, installedOn: day('2024-01-02'), terminatedOn: day('2024-01-01') })).toMatchObject([{ field: 'terminatedOn', code: 'INVALID_DATE_RANGE' }]);
    expect(circuitIssues({ ...base, status: 'DECOMMISSIONED', installedOn: day('2024-01-01'), terminatedOn: day('2024-01-01') })).toEqual([]);
    expect(circuitIssues({ ...base, publicIpAddresses: ['8.8.8.8', '8.8.8.8'] })).toMatchObject([{ field: 'publicIpAddresses', message: 'lists an address twice' }]);
  });
  it('status changes record the first activation and the decommissioning', () => {
    fc.assert(
      fc.property(fc.option(fc.date({ noInvalidDate: true })), fc.option(fc.date({ noInvalidDate: true })), fc.date({ noInvalidDate: true }), (installedOn, terminatedOn, on) => {
        const active = datesForStatus({ installedOn, terminatedOn }, 'ACTIVE', on);
        expect(active.installedOn).toBe(installedOn ?? on);
        const ceased = datesForStatus({ installedOn, terminatedOn }, 'DECOMMISSIONED', on);
        expect(ceased.terminatedOn).toBe(terminatedOn ?? on);
        expect(ceased.installedOn).toBe(installedOn);
      }),
    );
  });
});

describe('terminations', () => {
  const circuit = { entityId: 'alfa', providerId: 'p' };
  it('side A on the body only; Z anywhere; networks of the provider; the CPE of the site body', () => {
    expect(terminationIssues({ side: 'A', circuit, site: { entityId: 'beta' }, providerNetwork: null, cpe: null })).toMatchObject([{ field: 'siteId' }]);
    expect(terminationIssues({ side: 'Z', circuit, site: { entityId: 'union' }, providerNetwork: null, cpe: { entityId: 'union' } })).toEqual([]);
    expect(terminationIssues({ side: 'Z', circuit, site: null, providerNetwork: { providerId: 'q' }, cpe: null })).toMatchObject([{ field: 'providerNetworkId' }]);
    expect(terminationIssues({ side: 'Z', circuit, site: null, providerNetwork: { providerId: 'p' }, cpe: { entityId: 'alfa' } })).toMatchObject([{ field: 'cpeAssetId' }]);
    expect(terminationIssues({ side: 'A', circuit, site: { entityId: 'alfa' }, providerNetwork: { providerId: 'p' }, cpe: null })).toMatchObject([{ field: 'siteId', code: 'REQUIRED' }]);
    expect(terminationIssues({ side: 'A', circuit, site: { entityId: 'alfa' }, providerNetwork: null, cpe: { entityId: 'beta' } })).toMatchObject([{ field: 'cpeAssetId' }]);
  });
});

describe('redundancy members', () => {
  it('gives each priority to one circuit at most', () => {
    const priorities = ['PRIMARY', 'SECONDARY', 'TERTIARY'] as const;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...priorities), { maxLength: 3 }), (chosen) => {
        const members = chosen.map((priority, i) => ({ circuitId: `c${i}`, priority, entityId: 'alfa', siteA: 's', groupId: null }));
        const issues = memberIssues({ id: 'g', entityId: 'alfa', siteId: 's' }, members);
        expect(issues.length === 0).toBe(new Set(chosen).size === chosen.length);
      }),
    );
  });
});

describe('reading the cells of a circuit file', () => {
  it('reads back every amount written with a decimal comma or point', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (cents) => {
        expect(parseEuroCents(eurosOfCents(cents, ','))).toEqual({ ok: true, value: cents });
        expect(parseEuroCents(eurosOfCents(cents, '.'))).toEqual({ ok: true, value: cents });
      }),
    );
  });
  it('reads Italian amounts, percentages, dates and names', () => {
    expect(parseEuroCents('1.234,56')).toEqual({ ok: true, value: 123_456 });
    expect(parseEuroCents('€ 49,90')).toEqual({ ok: true, value: 4990 });
    expect(parseEuroCents('49,999').ok).toBe(false);
    expect(parseEuroCents('-5').ok).toBe(false);
    expect(parsePercentHundredths('99,9')).toEqual({ ok: true, value: 9990 });
    expect(parsePercentHundredths('22%')).toEqual({ ok: true, value: 2200 });
    expect(parseDay('05/03/2024')).toEqual({ ok: true, value: day('2024-03-05') });
    expect(parseDay('2024-02-30').ok).toBe(false);
    expect(parseStatus('Cessato')).toEqual({ ok: true, value: 'DECOMMISSIONED' });
    expect(parseStatus('in attivazione')).toEqual({ ok: true, value: 'PROVISIONING' });
    expect(parseTechnology('FTTB')).toEqual({ ok: true, value: 'FTTH_FTTB' });
    expect(parseTechnology('ftth_fttb')).toEqual({ ok: true, value: 'FTTH_FTTB' });
  });
});
