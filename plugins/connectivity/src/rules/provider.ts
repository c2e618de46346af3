// Rules on connectivity providers that need no database: checked before anything is written.
import { z } from 'zod';

/** Autonomous system numbers: 32-bit (RFC 6793), 0 is reserved (RFC 7607). */
export const ASN_MIN = 1;
export const ASN_MAX = 4_294_967_295;

export const asnSchema = z
  .number()
  .int('must be a whole number')
  .min(ASN_MIN, `is not an autonomous system number (${ASN_MIN} to ${ASN_MAX})`)
  .max(ASN_MAX, `is not an autonomous system number (${ASN_MIN} to ${ASN_MAX})`);

/** Whether a number is a valid ASN. */
export const isValidAsn = (asn: number): boolean => asnSchema.safeParse(asn).success;

/** A name as stored: trimmed, inner runs of white space made one space. */
export const normalName = (name: string): string => name.trim().replace(/\s+/g, ' ');
