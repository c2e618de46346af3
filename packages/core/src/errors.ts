import { GraphQLError } from 'graphql';

/** Error codes clients can rely on (`extensions.code` on GraphQL errors, `code` on typed error results). */
export const errorCodes = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'SESSION_EXPIRED',
  'TOKEN_EXPIRED',
  'TOKEN_REVOKED',
  'FORBIDDEN',
  'INSUFFICIENT_SCOPE',
  'MODULE_DISABLED',
  'SERVICE_UNAVAILABLE',
  'REQUEST_TIMEOUT',
] as const;
export type GeaErrorCode = (typeof errorCodes)[number];

/** An expected failure. Listed in a field's `errors.types`, it becomes a typed result; otherwise a GraphQL error with the code. */
export class GeaError extends GraphQLError {
  readonly code: GeaErrorCode;
  constructor(code: GeaErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.code = code;
  }
}

export class NotFoundError extends GeaError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} not found`);
  }
}

export class ConflictError extends GeaError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

/**
 * Stable codes of what is wrong with one input field (`FieldIssue.code`). A client translates the
 * code (with `minimum` / `maximum` where they apply); the English `message` is for API clients
 * and logs. New codes may be added: a client shows `message` for a code it does not know.
 */
export const fieldIssueCodes = {
  REQUIRED: 'The field is empty or missing.',
  TOO_SHORT: 'Text or list shorter than `minimum` (characters or items).',
  TOO_LONG: 'Text or list longer than `maximum` (characters or items).',
  TOO_SMALL: 'Number or date below `minimum` (dates: no `minimum` given).',
  TOO_BIG: 'Number or date above `maximum` (dates: no `maximum` given).',
  NOT_INTEGER: 'A whole number is expected.',
  INVALID_FORMAT: 'Text that does not have the expected shape.',
  INVALID_EMAIL: 'Not an e-mail address.',
  INVALID_CHOICE: 'Not one of the allowed values.',
  INVALID_DATE: 'A date that is not allowed here (for example not 31 December, or not in the future).',
  INVALID_DATE_RANGE: 'An end date before its start date (or a later date before an earlier one).',
  INVALID_CIG: 'Not a valid CIG (ANAC tender code with its check characters).',
  INVALID_CUP: 'Not a valid CUP (project code: letter, 2 digits, letter, 11 digits).',
  INVALID_VAT_NUMBER: 'Not a valid partita IVA (11 digits with its check digit).',
  INVALID_VALUE: 'Any other problem: `message` says what.',
} as const;
export type FieldIssueCode = keyof typeof fieldIssueCodes;

export interface FieldIssue {
  path: string[];
  message: string;
  /** Omitted: `INVALID_VALUE`. */
  code?: FieldIssueCode;
  /** The bound that was not met, for TOO_SHORT / TOO_LONG / TOO_SMALL / TOO_BIG. */
  minimum?: number | null;
  maximum?: number | null;
}

/** Bad input, with one issue per offending field so a client can show each next to its field. */
export class InputError extends GeaError {
  readonly issues: (FieldIssue & { code: FieldIssueCode })[];
  constructor(issues: FieldIssue[]) {
    const coded = issues.map((issue) => ({ ...issue, code: issue.code ?? ('INVALID_VALUE' as const) }));
    super('BAD_USER_INPUT', coded.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; '), {
      issues: coded,
    });
    this.issues = coded;
  }
}

/** The Prisma error code (`P2002` unique, `P2003` foreign key, ...) of a failed query, if it is one. */
export function prismaErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown; name?: string })?.code;
  return (error as { name?: string })?.name === 'PrismaClientKnownRequestError' && typeof code === 'string' ? code : undefined;
}
