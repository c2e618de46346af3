import { describe, expect, it } from 'vitest';
import { agcomClassOf, ULTRA_BROADBAND_KBPS } from './agcom-class.ts';

describe('AGCOM class (delibera 292/18/CONS)', () => {
  it('fibre to the home or building is F whatever the speed', () => {
    expect(agcomClassOf('FTTH_FTTB', 1_000)).toBe('F');
    expect(agcomClassOf('FTTH_FTTB', 1_000_000)).toBe('F');
  });
  it('FTTC is mixed fibre-copper', () => {
    expect(agcomClassOf('FTTC', 200_000)).toBe('FR');
  });
  it('fixed wireless and radio are FR from 30 Mbit/s down, R below', () => {
    for (const technology of ['FWA', 'RADIO'] as const) {
      expect(agcomClassOf(technology, ULTRA_BROADBAND_KBPS)).toBe('FR');
      expect(agcomClassOf(technology, ULTRA_BROADBAND_KBPS - 1)).toBe('R');
    }
  });
  it('copper-only lines are R; satellite and other links have no class', () => {
    expect(agcomClassOf('XDSL', 20_000)).toBe('R');
    expect(agcomClassOf('SATELLITE', 100_000)).toBeNull();
    expect(agcomClassOf('OTHER', 100_000)).toBeNull();
  });
});
