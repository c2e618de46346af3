import type { StandardSchemaV1 } from '@pothos/plugin-validation';
import { fieldIssueCodes, type FieldIssue, type FieldIssueCode } from './errors.ts';

/** What zod (4) puts on an issue besides the standard `message` and `path`. */
interface ZodIssueDetails {
  code?: string;
  message?: string;
  origin?: string;
  format?: string;
  expected?: string;
  input?: unknown;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  params?: { code?: unknown };
}

const INT_LIMIT = 2 ** 31 - 1;

/** A bound the client can show: a GraphQL Int, inclusive (exclusive bounds and dates stay in the message). */
function bound(value: number | bigint | undefined, details: ZodIssueDetails): number | null {
  if (details.inclusive === false || details.origin === 'date' || value === undefined) return null;
  const number = Number(value);
  return Number.isInteger(number) && Math.abs(number) <= INT_LIMIT ? number : null;
}

const isTextOrList = (origin: string | undefined) => origin === 'string' || origin === 'array' || origin === 'set';

/** The stable code of one validation issue: zod's own issue codes, or the `params.code` a refinement gives. */
export function fieldIssueCodeOf(details: ZodIssueDetails): FieldIssueCode {
  switch (details.code) {
    case 'invalid_type':
      if (details.expected === 'int') return 'NOT_INTEGER';
      // zod leaves the input off its issues unless asked (reportInput): then only its message says what came.
      if ('input' in details ? details.input == null : /received (undefined|null)$/.test(details.message ?? '')) return 'REQUIRED';
      return 'INVALID_VALUE';
    case 'too_small':
      if (isTextOrList(details.origin)) return Number(details.minimum) === 1 ? 'REQUIRED' : 'TOO_SHORT';
      return 'TOO_SMALL';
    case 'too_big':
      return isTextOrList(details.origin) ? 'TOO_LONG' : 'TOO_BIG';
    case 'invalid_format':
      return details.format === 'email' ? 'INVALID_EMAIL' : 'INVALID_FORMAT';
    case 'invalid_value':
      return 'INVALID_CHOICE';
    case 'custom': {
      const code = details.params?.code;
      return typeof code === 'string' && code in fieldIssueCodes ? (code as FieldIssueCode) : 'INVALID_VALUE';
    }
    default:
      return 'INVALID_VALUE';
  }
}

/** One issue of a Standard Schema validator (zod on an argument or input field) as a FieldIssue. */
export function fieldIssueOf(issue: StandardSchemaV1.Issue): FieldIssue {
  const details = issue as StandardSchemaV1.Issue & ZodIssueDetails;
  const code = fieldIssueCodeOf(details);
  const withBounds = code === 'TOO_SHORT' || code === 'TOO_LONG' || code === 'TOO_SMALL' || code === 'TOO_BIG' || code === 'SEARCH_TOO_SHORT';
  return {
    path: (issue.path ?? []).map((segment) => (typeof segment === 'object' ? String(segment.key) : String(segment))),
    message: issue.message,
    code,
    minimum: withBounds ? bound(details.minimum, details) : null,
    maximum: withBounds ? bound(details.maximum, details) : null,
  };
}
