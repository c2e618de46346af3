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

export interface FieldIssue {
  path: string[];
  message: string;
}

/** Bad input, with one issue per offending field so a client can show each next to its field. */
export class InputError extends GeaError {
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    super('BAD_USER_INPUT', issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; '), {
      issues,
    });
    this.issues = issues;
  }
}

/** The Prisma error code (`P2002` unique, `P2003` foreign key, ...) of a failed query, if it is one. */
export function prismaErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown; name?: string })?.code;
  return (error as { name?: string })?.name === 'PrismaClientKnownRequestError' && typeof code === 'string' ? code : undefined;
}
