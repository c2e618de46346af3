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
  INVALID_CIG: 'non è un CIG valido (10 caratteri con i caratteri di controllo rilasciati da ANAC)',
  INVALID_CUP: 'non è un CUP valido (lettera, 2 cifre, lettera, 11 cifre)',
  INVALID_VAT_NUMBER: 'non è una partita IVA valida (11 cifre con la cifra di controllo)',
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
  INVALID_CIG: 'is not a valid CIG (10 characters with the check characters ANAC issues)',
  INVALID_CUP: 'is not a valid CUP (letter, 2 digits, letter, 11 digits)',
  INVALID_VAT_NUMBER: 'is not a valid partita IVA (11 digits with its check digit)',
};

const words = createMessages({ it, en });
type Code = keyof typeof it;

/** The issue in the reader's words by its code, with its bound where the API gave one. */
export function translateIssueCode(issue: { code?: string | null; minimum?: number | null; maximum?: number | null }): string | undefined {
  const code = issue.code;
  if (!code || !(code in it)) return undefined;
  const bound = code === 'TOO_SHORT' || code === 'TOO_SMALL' ? issue.minimum : code === 'TOO_LONG' || code === 'TOO_BIG' ? issue.maximum : null;
  if (bound !== null && bound !== undefined) return words(`${code}_N` as Code, { n: String(bound) });
  return words(code as Code);
}
