import { GraphQLError } from 'graphql';

/** Error codes clients can rely on (`extensions.code` on GraphQL errors, `code` on typed error results). */
export const errorCodes = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'STALE_VERSION',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'SESSION_EXPIRED',
  'TOKEN_EXPIRED',
  'TOKEN_REVOKED',
  'TOKEN_CREATOR_DISABLED',
  'FORBIDDEN',
  'INSUFFICIENT_SCOPE',
  'MODULE_DISABLED',
  'RATE_LIMITED',
  'REQUEST_ENTITY_TOO_LARGE',
  'SERVICE_UNAVAILABLE',
  'REQUEST_TIMEOUT',
  /** A cost allocation lacks member bodies' population at the reference date (cost-sharing). */
  'POPULATION_MISSING',
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
 * The record changed since the client read it: someone else saved first. Nothing was written; the
 * client reloads the record (now at `currentVersion`) and applies its change again.
 */
export class StaleVersionError extends GeaError {
  readonly currentVersion: number;
  readonly expectedVersion: number;
  constructor(what: string, expectedVersion: number, currentVersion: number) {
    super(
      'STALE_VERSION',
      `${what} was changed by someone else meanwhile: it is now at version ${currentVersion}, not ${expectedVersion}. Reload it and apply your change again.`,
      { currentVersion, expectedVersion },
    );
    this.currentVersion = currentVersion;
    this.expectedVersion = expectedVersion;
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
  SEARCH_TOO_SHORT:
    'A text search without `minimum` letters or digits in a row: a shorter one would read the whole list instead of the search index.',
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

/**
 * Why the API refused a request before running any of it (query limits, introspection, trusted
 * documents, idempotency keys): `extensions.code` of the error, with the bound in `extensions.limit`
 * and what was found in `extensions.found` where they apply. Each code has its message in Italian
 * (the default) and English (`Accept-Language: en`); `{limit}` and `{found}` are filled in.
 */
export const requestRefusalCodes = {
  QUERY_TOO_LONG: {
    it: 'La richiesta è troppo lunga: al massimo {limit} caratteri (ne ha {found}).',
    en: 'The request is too long: at most {limit} characters (it has {found}).',
  },
  TOO_MANY_TOKENS: {
    it: 'La richiesta è troppo lunga: al massimo {limit} elementi sintattici.',
    en: 'The request is too long: at most {limit} tokens.',
  },
  QUERY_TOO_DEEP: {
    it: 'La richiesta è annidata troppo in profondità: al massimo {limit} livelli (ne ha {found}).',
    en: 'The request is nested too deeply: at most {limit} levels (it has {found}).',
  },
  TOO_MANY_ALIASES: {
    it: 'La richiesta usa troppi alias: al massimo {limit} (ne usa {found}).',
    en: 'The request uses too many aliases: at most {limit} (it uses {found}).',
  },
  TOO_MANY_DIRECTIVES: {
    it: 'La richiesta usa troppe direttive: al massimo {limit} (ne usa {found}).',
    en: 'The request uses too many directives: at most {limit} (it uses {found}).',
  },
  INTROSPECTION_TOO_DEEP: {
    it: 'La richiesta sullo schema è annidata troppo in profondità.',
    en: 'The schema introspection request is nested too deeply.',
  },
  QUERY_TOO_COSTLY: {
    it: 'La richiesta chiede troppi dati in una volta: costo {found}, al massimo {limit}. Chiedere pagine più piccole o meno campi.',
    en: 'The request asks for too much data at once: cost {found}, at most {limit}. Ask for smaller pages or fewer fields.',
  },
  PAGE_TOO_LARGE: {
    it: 'Pagina troppo grande: al massimo {limit} elementi per pagina (ne sono stati chiesti {found}). Chiedere le pagine successive con `after`.',
    en: 'Page too large: at most {limit} items per page ({found} were asked). Ask for the next pages with `after`.',
  },
  BATCHING_NOT_ALLOWED: {
    it: 'Inviare una sola operazione per richiesta.',
    en: 'Send one operation per request.',
  },
  INTROSPECTION_DISABLED: {
    it: 'La lettura dello schema non è consentita.',
    en: 'Schema introspection is not allowed.',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    it: 'Operazione registrata sconosciuta: aggiornare la pagina.',
    en: 'Unknown registered operation: reload the page.',
  },
  PERSISTED_QUERY_REQUIRED: {
    it: 'Da un browser sono ammesse solo le operazioni del client web.',
    en: 'Only the web client\'s operations are accepted from a browser.',
  },
  IDEMPOTENCY_KEY_INVALID: {
    it: 'Idempotency-Key non valida: da 8 a 255 caratteri visibili, senza spazi.',
    en: 'Invalid Idempotency-Key: 8 to 255 visible characters, no spaces.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    it: 'Questa Idempotency-Key è già stata usata per un\'altra operazione o con altri dati.',
    en: 'This Idempotency-Key was already used for another operation or other variables.',
  },
  IDEMPOTENCY_KEY_IN_PROGRESS: {
    it: 'Una richiesta con questa Idempotency-Key è ancora in corso: riprovare tra poco.',
    en: 'A request with this Idempotency-Key is still running: retry shortly.',
  },
} as const satisfies Record<string, { it: string; en: string }>;
export type RequestRefusalCode = keyof typeof requestRefusalCodes;

/** A refusal's message in the reader's language, with its bound and what was found. */
export function requestRefusalMessage(code: RequestRefusalCode, locale: 'it' | 'en', values: { limit?: number; found?: number } = {}): string {
  return requestRefusalCodes[code][locale].replace(/\{(limit|found)\}/g, (_, key: 'limit' | 'found') => String(values[key] ?? '?'));
}
