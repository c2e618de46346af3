// Host names and slugs of hosted sites, and the form Italian municipalities' sites take:
// comune.<name>.<province>.it. Pure, so the mutations, the alerts and the tests agree.
import { domainToASCII } from 'node:url';

/** The slug rule of the database (CHECK "HostedSite_slug_check"), checked first for a clear message. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SLUG_MAX = 63;

export interface DomainProblem {
  message: string;
  code: 'REQUIRED' | 'INVALID_FORMAT' | 'TOO_LONG';
}

/** Why a slug is refused, or null. */
export function slugProblem(slug: string): DomainProblem | null {
  if (slug === '') return { message: 'is required', code: 'REQUIRED' };
  if (slug.length > SLUG_MAX) return { message: `is longer than ${SLUG_MAX} characters`, code: 'TOO_LONG' };
  if (!SLUG_PATTERN.test(slug)) {
    return { message: 'lowercase letters and digits only, words joined by single hyphens (e.g. "pelago" or "san-godenzo")', code: 'INVALID_FORMAT' };
  }
  return null;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * A host name as stored: trimmed, lowercase, without a final dot, international names in their
 * ASCII (punycode) form. Either the name, or why it is not a host name.
 */
export function normalizeDomain(text: string): { domain: string } | { problem: DomainProblem } {
  const raw = text.trim().replace(/\.$/, '');
  if (raw === '') return { problem: { message: 'is required', code: 'REQUIRED' } };
  if (/[/:@?#\s]/.test(raw)) return { problem: { message: `${raw} is not a host name: write the name alone, without https:// or a path`, code: 'INVALID_FORMAT' } };
  // domainToASCII lowercases and turns "città" into "xn--citt-5qa"; it answers '' for what is no host name.
  const ascii = domainToASCII(raw);
  const refused = { problem: { message: `${raw} is not a valid host name`, code: 'INVALID_FORMAT' as const } };
  if (!ascii || ascii.length > 253) return ascii.length > 253 ? { problem: { message: 'is longer than 253 characters', code: 'TOO_LONG' } } : refused;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return refused;
  // the top-level domain is letters (or an IDN's xn--): a bare address like 10.0.0.1 is no site name
  if (!/^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(labels.at(-1)!)) return refused;
  return { domain: ascii };
}

/** The name of a municipality as the labels of its domain may write it: "Rignano sull'Arno" gives rignano-sullarno, rignanosullarno, rignano-sull-arno. */
export function municipalLabels(name: string): string[] {
  const plain = name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/^comune di\s+/, '');
  const words = (text: string) => text.split(/[^a-z0-9]+/).filter(Boolean);
  const joined = words(plain.replace(/['’`]/g, ''));
  const split = words(plain);
  return [...new Set([joined.join('-'), joined.join(''), split.join('-'), split.join('')])].filter(Boolean);
}

/** The domain the form suggests for a municipality: comune.<name with hyphens>.<province>.it. */
export function municipalDomain(name: string, province: string): string {
  return `comune.${municipalLabels(name)[0]}.${province.trim().toLowerCase()}.it`;
}

/**
 * Whether a domain follows comune.<name>.<province>.it for this municipality (a leading "www." is
 * allowed). The office accepts any valid domain; this only tells whether the site follows the form.
 */
export function followsMunicipalForm(domain: string, name: string, province: string): boolean {
  const host = domain.replace(/^www\./, '');
  const prov = province.trim().toLowerCase();
  return municipalLabels(name).some((label) => host === `comune.${label}.${prov}.it`);
}
