// Money in euro cents. GraphQL's Int is 32-bit (at most €21,474,836.47), too small for framework
// contracts and national totals; JavaScript numbers hold every integer up to 2^53 - 1 exactly
// (about €90 trillion), so amounts stay numbers in the code and bigint only in the database
// (BigInt columns): convert with centsOf where Prisma hands a bigint over.
import { GraphQLError, Kind, type ValueNode } from 'graphql';

/** Why an amount was refused (`extensions.reason`, with `extensions.code` BAD_USER_INPUT). */
export type CentsRefusal = 'CENTS_NOT_AN_INTEGER' | 'CENTS_OUT_OF_RANGE';

export const MAX_CENTS = Number.MAX_SAFE_INTEGER;

const refuse = (reason: CentsRefusal, shown: string) =>
  new GraphQLError(
    reason === 'CENTS_OUT_OF_RANGE'
      ? `${shown} is beyond the amounts the API holds exactly (at most ±${MAX_CENTS} cents)`
      : `${shown} is not a whole number of cents: send an integer or a string of digits`,
    { extensions: { code: 'BAD_USER_INPUT', reason } },
  );

const DIGITS = /^-?[0-9]+$/;

function fromDigits(text: string): number {
  if (!DIGITS.test(text)) throw refuse('CENTS_NOT_AN_INTEGER', JSON.stringify(text.slice(0, 40)));
  const value = BigInt(text);
  if (value > BigInt(MAX_CENTS) || value < -BigInt(MAX_CENTS)) throw refuse('CENTS_OUT_OF_RANGE', text.slice(0, 40));
  return Number(value);
}

/** A client's amount: a JSON integer, or a string of digits (optionally negative) for clients without 64-bit numbers. */
export function parseCents(value: unknown): number {
  if (typeof value === 'string') return fromDigits(value.trim());
  if (typeof value === 'bigint') return fromDigits(value.toString());
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw refuse(Number.isFinite(value) ? 'CENTS_NOT_AN_INTEGER' : 'CENTS_OUT_OF_RANGE', String(value));
    if (!Number.isSafeInteger(value)) throw refuse('CENTS_OUT_OF_RANGE', String(value));
    return value;
  }
  throw refuse('CENTS_NOT_AN_INTEGER', typeof value);
}

/** An amount in a query's text: an integer literal (any length: checked here) or a string of digits. */
export function parseCentsLiteral(node: ValueNode): number {
  if (node.kind === Kind.INT || node.kind === Kind.STRING) return fromDigits(node.value);
  if (node.kind === Kind.FLOAT) throw refuse('CENTS_NOT_AN_INTEGER', node.value);
  throw refuse('CENTS_NOT_AN_INTEGER', node.kind);
}

/** An amount from the database (bigint) or the code (number), as the number it is; an error if it cannot be exact. */
export function centsOf(value: bigint | number): number {
  if (typeof value === 'bigint') {
    if (value > BigInt(MAX_CENTS) || value < -BigInt(MAX_CENTS)) throw new RangeError(`${value} cents is beyond the exact range of numbers`);
    return Number(value);
  }
  if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not a whole number of cents within the exact range`);
  return value;
}

/** The same, keeping null. */
export function centsOrNull(value: bigint | number | null | undefined): number | null {
  return value === null || value === undefined ? null : centsOf(value);
}
