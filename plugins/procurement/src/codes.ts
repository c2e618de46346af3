// Italian public-procurement identifiers. No maintained npm package validates CIG and CUP, so the
// rules are written here. Check characters follow AgID's PEPPOL schematron (AGID-PEPPOL-T01-CIG.sch),
// which checks them the same way the national e-procurement systems do; the formats in use since
// 2024 follow what the administrative courts' filing system (PAT) accepts.

const hex = (text: string) => Number.parseInt(text, 16);

/** The kinds of CIG that ANAC issues. */
export type CigKind = 'ORDINARY' | 'SMART' | 'PLATFORM';

const ORDINARY = /^[0-9]{7}[0-9A-F]{3}$/;
const SMART = /^[V-Z][0-9A-F]{9}$/;
const PLATFORM = /^[A-U][0-9A-F]{9}$/;

/**
 * The kind of a CIG (Codice Identificativo Gara, ANAC), or null when it is none of them. 10 characters:
 * - ORDINARY (SIMOG, until 2023): 7 decimal digits N (not all zero) then 3 hex digits equal to (N * 211) mod 4091;
 * - SMART (small purchases, SmartCIG system): a letter V-Z then 9 hex characters. For X, Y and Z the
 *   2 hex characters after the letter equal (H * 211) mod 251, where H is the last 7 characters read
 *   as hex (not all zero). No check is documented for V and W, so only their shape is checked;
 * - PLATFORM (issued through the certified e-procurement platforms and ANAC's PCP since 2024): a letter
 *   A-U then 9 hex characters. ANAC publishes no check character for them: only the shape is checked.
 * Every regular expression is anchored: a valid code with anything before or after it is refused.
 */
export function cigKind(value: string): CigKind | null {
  if (ORDINARY.test(value)) {
    const progressive = Number(value.slice(0, 7));
    return progressive !== 0 && hex(value.slice(7)) === (progressive * 211) % 4091 ? 'ORDINARY' : null;
  }
  if (SMART.test(value)) {
    // X, Y and Z carry the documented check; for V and W none is documented.
    if (value[0]! < 'X') return 'SMART';
    const body = value.slice(3);
    return body !== '0000000' && hex(value.slice(1, 3)) === (hex(body) * 211) % 251 ? 'SMART' : null;
  }
  return PLATFORM.test(value) ? 'PLATFORM' : null;
}

/** Whether a CIG of any kind ANAC issues is well formed and its check characters, where it has them, match. */
export function isValidCig(value: string): boolean {
  return cigKind(value) !== null;
}

/** An ordinary CIG for a progressive number (tests and demo data). */
export function cigFor(progressive: number): string {
  return `${String(progressive).padStart(7, '0')}${((progressive * 211) % 4091).toString(16).toUpperCase().padStart(3, '0')}`;
}

/** A smart CIG with its check characters, for a letter X, Y or Z and a progressive H (tests and demo data). */
export function smartCigFor(letter: 'X' | 'Y' | 'Z', progressive: number): string {
  const check = ((progressive * 211) % 251).toString(16).toUpperCase().padStart(2, '0');
  return `${letter}${check}${progressive.toString(16).toUpperCase().padStart(7, '0')}`;
}

/** CUP (Codice Unico di Progetto, DIPE): 15 characters, a letter, 2 digits, a letter, 11 digits. */
export function isValidCup(value: string): boolean {
  return /^[A-Z][0-9]{2}[A-Z][0-9]{11}$/.test(value);
}

/** Partita IVA: 11 digits, not all zero, the last a Luhn-style check digit. */
export function isValidVatNumber(value: string): boolean {
  if (!/^[0-9]{11}$/.test(value) || value === '00000000000') return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = Number(value[i]);
    if (i % 2 === 0) sum += digit;
    else sum += digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
  }
  return (10 - (sum % 10)) % 10 === Number(value[10]);
}
