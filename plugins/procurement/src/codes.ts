// Italian public-procurement identifiers. No maintained npm package validates CIG and CUP, so the
// rules are written here from AgID's PEPPOL schematron (AGID-PEPPOL-T01-CIG.sch), which checks them
// the same way the national e-procurement systems do.

const hex = (text: string) => Number.parseInt(text, 16);

/**
 * CIG (Codice Identificativo Gara, ANAC), 10 characters:
 * - ordinary: 7 decimal digits N (not all zero) then 3 hex digits equal to (N * 211) mod 4091;
 * - smart CIG (small purchases): X, Y or Z, 2 hex digits equal to (H * 211) mod 251, where H is the
 *   last 7 characters read as hex (not all zero).
 */
export function isValidCig(value: string): boolean {
  if (/^[XYZ][0-9A-F]{9}$/.test(value)) {
    const body = value.slice(3);
    return body !== '0000000' && hex(value.slice(1, 3)) === (hex(body) * 211) % 251;
  }
  if (!/^[0-9]{7}[0-9A-F]{3}$/.test(value)) return false;
  const progressive = Number(value.slice(0, 7));
  return progressive !== 0 && hex(value.slice(7)) === (progressive * 211) % 4091;
}

/** An ordinary CIG for a progressive number (tests and demo data). */
export function cigFor(progressive: number): string {
  return `${String(progressive).padStart(7, '0')}${((progressive * 211) % 4091).toString(16).toUpperCase().padStart(3, '0')}`;
}

/** CUP (Codice Unico di Progetto, DIPE): 15 characters, a letter, 2 digits, a letter, 11 digits. */
export function isValidCup(value: string): boolean {
  return /^[A-Z][0-9]{2}[A-Z][0-9]{11}$/.test(value);
}

/** Partita IVA: 11 digits, the last a Luhn-style check digit. */
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
