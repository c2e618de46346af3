// The API's field issue codes (fieldIssueCodes in @gea/core) in the reader's language. INVALID_VALUE
// and codes this client does not know keep the API's own message, which names the problem itself.
import { createMessages } from './i18n/index.ts';

const it = {
  REQUIRED: 'è obbligatorio',
  TOO_SHORT: 'è troppo corto',
  TOO_SHORT_N: 'deve avere almeno {{ n }} caratteri',
  TOO_LONG: 'è troppo lungo',
  TOO_LONG_N: 'può avere al massimo {{ n }} caratteri',
  TOO_SMALL: 'è troppo piccolo',
  TOO_SMALL_N: 'deve essere almeno {{ n }}',
  TOO_BIG: 'è troppo grande',
  TOO_BIG_N: 'può essere al massimo {{ n }}',
  NOT_INTEGER: 'deve essere un numero intero',
  INVALID_FORMAT: 'non ha la forma attesa',
  INVALID_EMAIL: 'non è un indirizzo e-mail',
  INVALID_CHOICE: 'non è tra i valori ammessi',
  INVALID_DATE: 'questa data non è ammessa qui',
  INVALID_DATE_RANGE: 'è precedente alla data da cui dipende',
  INVALID_CIG: 'non è un CIG valido (10 caratteri come li rilascia ANAC: 7 cifre e 3 caratteri di controllo, oppure una lettera e 9 caratteri esadecimali)',
  INVALID_CUP: 'non è un CUP valido (lettera, 2 cifre, lettera, 11 cifre)',
  INVALID_VAT_NUMBER: 'non è una partita IVA valida (11 cifre con la cifra di controllo)',
  SEARCH_TOO_SHORT: 'deve contenere qualche lettera o cifra consecutiva in più',
  SEARCH_TOO_SHORT_N: 'deve contenere almeno {{ n }} lettere o cifre consecutive',
};
const en: typeof it = {
  REQUIRED: 'is required',
  TOO_SHORT: 'is too short',
  TOO_SHORT_N: 'must have at least {{ n }} characters',
  TOO_LONG: 'is too long',
  TOO_LONG_N: 'may have at most {{ n }} characters',
  TOO_SMALL: 'is too small',
  TOO_SMALL_N: 'must be at least {{ n }}',
  TOO_BIG: 'is too big',
  TOO_BIG_N: 'may be at most {{ n }}',
  NOT_INTEGER: 'must be a whole number',
  INVALID_FORMAT: 'does not have the expected shape',
  INVALID_EMAIL: 'is not an e-mail address',
  INVALID_CHOICE: 'is not one of the allowed values',
  INVALID_DATE: 'this date is not allowed here',
  INVALID_DATE_RANGE: 'is earlier than the date it depends on',
  INVALID_CIG: 'is not a valid CIG (10 characters as ANAC issues them: 7 digits and 3 check characters, or a letter and 9 hexadecimal characters)',
  INVALID_CUP: 'is not a valid CUP (letter, 2 digits, letter, 11 digits)',
  INVALID_VAT_NUMBER: 'is not a valid partita IVA (11 digits with its check digit)',
  SEARCH_TOO_SHORT: 'needs a few more letters or digits in a row',
  SEARCH_TOO_SHORT_N: 'must contain at least {{ n }} letters or digits in a row',
};

const words = createMessages({ it, en });
type Code = keyof typeof it;

/** The issue in the reader's words by its code, with its bound where the API gave one. */
export function translateIssueCode(issue: { code?: string | null; minimum?: number | null; maximum?: number | null }): string | undefined {
  const code = issue.code;
  if (!code || !(code in it)) return undefined;
  const bound = code === 'TOO_SHORT' || code === 'TOO_SMALL' || code === 'SEARCH_TOO_SHORT' ? issue.minimum : code === 'TOO_LONG' || code === 'TOO_BIG' ? issue.maximum : null;
  if (bound !== null && bound !== undefined) return words(`${code}_N` as Code, { n: String(bound) });
  return words(code as Code);
}

// Requests the API refused before running them (requestRefusalCodes in @gea/core). The web client's
// own requests stay within the limits; these show when a page is older than the server or the
// server is configured more strictly.
const refusalsIt = {
  QUERY_TOO_LONG: 'La richiesta è troppo grande per il server.',
  TOO_MANY_TOKENS: 'La richiesta è troppo grande per il server.',
  QUERY_TOO_DEEP: 'La richiesta è troppo complessa per il server.',
  TOO_MANY_ALIASES: 'La richiesta è troppo complessa per il server.',
  TOO_MANY_DIRECTIVES: 'La richiesta è troppo complessa per il server.',
  INTROSPECTION_TOO_DEEP: 'La richiesta è troppo complessa per il server.',
  QUERY_TOO_COSTLY: 'La richiesta chiede troppi dati in una volta: prova con meno righe per pagina.',
  PAGE_TOO_LARGE: 'Troppe righe per pagina: al massimo 1000.',
  BATCHING_NOT_ALLOWED: 'Il server accetta una sola operazione per richiesta.',
  INTROSPECTION_DISABLED: 'La lettura dello schema non è consentita.',
  PERSISTED_QUERY_NOT_FOUND: 'Questa pagina è più vecchia del server: ricaricala.',
  PERSISTED_QUERY_REQUIRED: 'Questa pagina è più vecchia del server: ricaricala.',
  IDEMPOTENCY_KEY_INVALID: 'Chiave di idempotenza non valida.',
  IDEMPOTENCY_KEY_REUSED: 'Chiave di idempotenza già usata per un’altra operazione.',
  IDEMPOTENCY_KEY_IN_PROGRESS: 'La stessa operazione è ancora in corso: riprova tra poco.',
};
const refusalsEn: typeof refusalsIt = {
  QUERY_TOO_LONG: 'The request is too large for the server.',
  TOO_MANY_TOKENS: 'The request is too large for the server.',
  QUERY_TOO_DEEP: 'The request is too complex for the server.',
  TOO_MANY_ALIASES: 'The request is too complex for the server.',
  TOO_MANY_DIRECTIVES: 'The request is too complex for the server.',
  INTROSPECTION_TOO_DEEP: 'The request is too complex for the server.',
  QUERY_TOO_COSTLY: 'The request asks for too much data at once: try fewer rows per page.',
  PAGE_TOO_LARGE: 'Too many rows per page: at most 1000.',
  BATCHING_NOT_ALLOWED: 'The server accepts one operation per request.',
  INTROSPECTION_DISABLED: 'Reading the schema is not allowed.',
  PERSISTED_QUERY_NOT_FOUND: 'This page is older than the server: reload it.',
  PERSISTED_QUERY_REQUIRED: 'This page is older than the server: reload it.',
  IDEMPOTENCY_KEY_INVALID: 'Invalid idempotency key.',
  IDEMPOTENCY_KEY_REUSED: 'Idempotency key already used for another operation.',
  IDEMPOTENCY_KEY_IN_PROGRESS: 'The same operation is still running: try again shortly.',
};
const refusalWords = createMessages({ it: refusalsIt, en: refusalsEn });

/** A request refusal (`extensions.code` of a GraphQL error) in the reader's words, or undefined for other codes. */
export function translateRequestRefusal(code: string | null | undefined): string | undefined {
  if (!code || !(code in refusalsIt)) return undefined;
  return refusalWords(code as keyof typeof refusalsIt);
}

// The API's error codes (errorCodes in @gea/core, the schema's ErrorCode), short, as the audit
// trail names why an operation failed or was refused.
const errorsIt = {
  BAD_USER_INPUT: 'dati non validi',
  NOT_FOUND: 'record inesistente o non visibile',
  CONFLICT: 'in conflitto con dati già registrati',
  STALE_VERSION: 'il record era stato modificato nel frattempo',
  UNAUTHENTICATED: 'accesso non effettuato',
  INVALID_CREDENTIALS: 'e-mail o password non corretti',
  SESSION_EXPIRED: 'sessione scaduta',
  TOKEN_EXPIRED: 'token scaduto',
  TOKEN_REVOKED: 'token revocato',
  TOKEN_CREATOR_DISABLED: 'l’autore del token è disattivato',
  FORBIDDEN: 'permessi insufficienti',
  INSUFFICIENT_SCOPE: 'il token non ha questo permesso',
  MODULE_DISABLED: 'modulo non attivo per l’ente',
  RATE_LIMITED: 'troppe richieste',
  REQUEST_ENTITY_TOO_LARGE: 'richiesta troppo grande',
  SERVICE_UNAVAILABLE: 'servizio occupato',
  REQUEST_TIMEOUT: 'tempo scaduto',
  POPULATION_MISSING: 'manca la popolazione di un ente alla data di riferimento',
  INTERNAL_SERVER_ERROR: 'errore imprevisto del server',
};
const errorsEn: typeof errorsIt = {
  BAD_USER_INPUT: 'invalid input',
  NOT_FOUND: 'record missing or not visible',
  CONFLICT: 'conflicts with data already recorded',
  STALE_VERSION: 'the record had been changed meanwhile',
  UNAUTHENTICATED: 'not signed in',
  INVALID_CREDENTIALS: 'wrong e-mail or password',
  SESSION_EXPIRED: 'session expired',
  TOKEN_EXPIRED: 'token expired',
  TOKEN_REVOKED: 'token revoked',
  TOKEN_CREATOR_DISABLED: 'the token’s creator is disabled',
  FORBIDDEN: 'not permitted',
  INSUFFICIENT_SCOPE: 'the token lacks this permission',
  MODULE_DISABLED: 'module not enabled for the body',
  RATE_LIMITED: 'too many requests',
  REQUEST_ENTITY_TOO_LARGE: 'request too large',
  SERVICE_UNAVAILABLE: 'service busy',
  REQUEST_TIMEOUT: 'timed out',
  POPULATION_MISSING: 'a body’s population at the reference date is missing',
  INTERNAL_SERVER_ERROR: 'unexpected server error',
};
const errorWords = createMessages({ it: errorsIt, en: errorsEn });

/** Every code this client translates, per language (for the static test against the API's). */
export const translatedCodes = {
  errors: { it: errorsIt, en: errorsEn },
  refusals: { it: refusalsIt, en: refusalsEn },
  issues: { it, en },
} as const;

/** An error code of the API in the reader's words (a short phrase), or the code itself when unknown. */
export function translateErrorCode(code: string): string {
  if (code in errorsIt) return errorWords(code as keyof typeof errorsIt);
  return translateRequestRefusal(code) ?? code;
}
