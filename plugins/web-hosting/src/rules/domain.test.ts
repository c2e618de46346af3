import { describe, expect, it } from 'vitest';
import { followsMunicipalForm, municipalDomain, municipalLabels, normalizeDomain, slugProblem } from './domain.ts';

describe('host names of hosted sites', () => {
  it('stores names lowercase, without a final dot, international names as punycode', () => {
    expect(normalizeDomain(' WWW.Comune.Pelago.FI.it. ')).toEqual({ domain: 'www.comune.pelago.fi.it' });
    expect(normalizeDomain('città.it')).toEqual({ domain: 'xn--citt-3na.it' });
    expect(normalizeDomain('xn--citt-3na.it')).toEqual({ domain: 'xn--citt-3na.it' });
  });

  it.each([
    ['https://comune.pelago.fi.it', /without https:\/\//],
    ['comune.pelago.fi.it/home', /without https:\/\//],
    ['localhost', /not a valid host name/],
    ['10.0.0.1', /not a valid host name/],
    ['a..it', /not a valid host name/],
    ['-comune.fi.it', /not a valid host name/],
    ['comune-.fi.it', /not a valid host name/],
    ['foo_bar.it', /not a valid host name/],
    ['exa mple.it', /without https/],
    [`${'a'.repeat(64)}.it`, /not a valid host name/],
  ])('refuses %s', (text, message) => {
    const result = normalizeDomain(text);
    expect('problem' in result && result.problem.message).toMatch(message);
  });

  it('refuses an empty name as required', () => {
    expect(normalizeDomain('  ')).toEqual({ problem: { message: 'is required', code: 'REQUIRED' } });
  });
});

describe('slugs', () => {
  it('follows the database rule with a clear message', () => {
    expect(slugProblem('san-godenzo')).toBeNull();
    expect(slugProblem('pelago2')).toBeNull();
    for (const bad of ['San-Godenzo', 'san--godenzo', '-pelago', 'pelago-', 'san godenzo', 'città']) {
      expect(slugProblem(bad), bad).toMatchObject({ code: 'INVALID_FORMAT' });
    }
    expect(slugProblem('')).toMatchObject({ code: 'REQUIRED' });
    expect(slugProblem('a'.repeat(64))).toMatchObject({ code: 'TOO_LONG' });
  });
});

describe('the comune.<name>.<province>.it form', () => {
  it('writes the name with hyphens or joined, apostrophes dropped or as separators, accents plain', () => {
    expect(municipalLabels("Rignano sull'Arno")).toEqual(['rignano-sullarno', 'rignanosullarno', 'rignano-sull-arno', 'rignanosullarno'].filter((v, i, a) => a.indexOf(v) === i));
    expect(municipalLabels('Forlì')).toEqual(['forli']);
    expect(municipalDomain('San Godenzo', 'FI')).toBe('comune.san-godenzo.fi.it');
  });

  it('accepts the form with or without www, and tells other domains apart', () => {
    expect(followsMunicipalForm('comune.pelago.fi.it', 'Pelago', 'FI')).toBe(true);
    expect(followsMunicipalForm('www.comune.pelago.fi.it', 'Pelago', 'FI')).toBe(true);
    expect(followsMunicipalForm('comune.sangodenzo.fi.it', 'San Godenzo', 'FI')).toBe(true);
    expect(followsMunicipalForm('comune.rignano-sullarno.fi.it', "Rignano sull'Arno", 'FI')).toBe(true);
    expect(followsMunicipalForm('comune.pelago.fi.it', 'Pelago', 'PO')).toBe(false);
    expect(followsMunicipalForm('pelago.comune.it', 'Pelago', 'FI')).toBe(false);
    expect(followsMunicipalForm('comune.londa.fi.it', 'Pelago', 'FI')).toBe(false);
  });
});
