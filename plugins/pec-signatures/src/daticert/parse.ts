// daticert.xml: the certification data a PEC provider attaches to every receipt and transport
// envelope (DPR 68/2005; technical rules of DM 2 November 2005, whose DTD `Postacert.dtd` this
// parser follows; its DOCTYPE names it `daticert.dtd` in the rules' annex). Parsed with fast-xml-parser; the structure is then checked by hand so that every
// problem is reported with its element path, and nothing is stored unless the whole file is valid.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const RECEIPT_TYPES = {
  accettazione: 'ACCETTAZIONE',
  'non-accettazione': 'NON_ACCETTAZIONE',
  'presa-in-carico': 'PRESA_IN_CARICO',
  'avvenuta-consegna': 'AVVENUTA_CONSEGNA',
  'posta-certificata': 'POSTA_CERTIFICATA',
  'errore-consegna': 'ERRORE_CONSEGNA',
  'preavviso-errore-consegna': 'PREAVVISO_ERRORE_CONSEGNA',
  'rilevazione-virus': 'RILEVAZIONE_VIRUS',
} as const;
export type ReceiptTipo = keyof typeof RECEIPT_TYPES;
export type ReceiptType = (typeof RECEIPT_TYPES)[ReceiptTipo];

/** The DTD's `errore` values, in its order; `nessuno` is its default. */
export const ERRORS = ['nessuno', 'no-dest', 'no-dominio', 'virus', 'altro'] as const;
export type ReceiptError = (typeof ERRORS)[number];
const RECEIPT_KINDS = ['completa', 'breve', 'sintetica'] as const;

/** Receipts about one recipient: their `consegna` names it. */
export const PER_RECIPIENT_TYPES: readonly ReceiptType[] = ['AVVENUTA_CONSEGNA', 'ERRORE_CONSEGNA', 'PREAVVISO_ERRORE_CONSEGNA'];

export interface DaticertRecipient {
  address: string;
  kind: 'CERTIFIED' | 'EXTERNAL';
}

export interface Daticert {
  tipo: ReceiptTipo;
  type: ReceiptType;
  error: ReceiptError;
  sender: string;
  recipients: DaticertRecipient[];
  replyTo: string | null;
  subject: string;
  issuer: string;
  issuedAt: Date;
  identifier: string;
  /** The Message-ID the receipt is about, without angle brackets; null only where the DTD allows it. */
  msgid: string | null;
  receiptKind: (typeof RECEIPT_KINDS)[number] | null;
  deliveryAddress: string | null;
  errorDetail: string | null;
}

export interface DaticertIssue {
  /** Element path in the file, e.g. `postacert/dati/data/giorno`. */
  path: string;
  message: string;
}

export type DaticertResult = { ok: true; daticert: Daticert } | { ok: false; issues: DaticertIssue[] };

/** Receipts are a few kilobytes; anything far larger is not one. */
export const MAX_DATICERT_BYTES = 256 * 1024;

/**
 * The document type declarations providers write: `<!DOCTYPE postacert SYSTEM "daticert.dtd">`
 * (or `Postacert.dtd`), or a PUBLIC identifier with the provider's URL. An external identifier is
 * never fetched (fast-xml-parser reads no DTD), and one without an internal subset declares
 * nothing. Any other DOCTYPE, and any entity declaration, is refused: that is where XXE and
 * entity-expansion attacks live.
 */
const SYSTEM_LITERAL = `(?:"[^"<>\\[\\]]*"|'[^'<>\\[\\]]*')`;
// XML's PubidChar set, without the quote that delimits it.
const PUBID_LITERAL = `(?:"[-a-zA-Z0-9 \\r\\n'()+,./:=?;!*#@$_%]*"|'[-a-zA-Z0-9 \\r\\n()+,./:=?;!*#@$_%]*')`;
export const ALLOWED_DOCTYPE = new RegExp(`<!DOCTYPE\\s+postacert(?:\\s+SYSTEM\\s+${SYSTEM_LITERAL}|\\s+PUBLIC\\s+${PUBID_LITERAL}\\s+${SYSTEM_LITERAL})?\\s*>`);

/** Message-ID as written in headers and daticert (`<id@host>`), without brackets or surrounding space. */
export function normaliseMessageId(value: string): string {
  const trimmed = value.trim();
  const bracketed = /^<(.*)>$/s.exec(trimmed);
  return (bracketed ? bracketed[1]! : trimmed).trim();
}

export function normaliseAddress(value: string): string {
  return value.trim().toLowerCase();
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Text is kept as written: identifiers and dates must never become numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  // Also trims attribute values: nothing below trims again.
  trimValues: true,
  // XML's five predefined entities and character references (&#232;, &#xE8;), which fast-xml-parser
  // decodes only with its HTML entities on (so &egrave; decodes too); no DOCTYPE entities (refused above).
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => name === 'destinatari',
});

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;

/** Parses and validates a daticert.xml; never throws on bad input. */
export function parseDaticert(xml: string): DaticertResult {
  const fail = (path: string, message: string): DaticertResult => ({ ok: false, issues: [{ path, message }] });
  if (Buffer.byteLength(xml, 'utf8') > MAX_DATICERT_BYTES) return fail('', `is larger than ${MAX_DATICERT_BYTES / 1024} KB: not a daticert.xml`);
  let text = xml.replace(/^\uFEFF/, '');
  if (/<!ENTITY/i.test(text)) return fail('', 'entity declarations are not allowed');
  const doctypes = text.match(/<!DOCTYPE/gi)?.length ?? 0;
  if (doctypes > 0) {
    if (doctypes > 1 || !ALLOWED_DOCTYPE.test(text)) {
      return fail('', 'a DOCTYPE other than <!DOCTYPE postacert SYSTEM "..."> or <!DOCTYPE postacert PUBLIC "..." "..."> without declarations is not allowed');
    }
    text = text.replace(ALLOWED_DOCTYPE, '');
  }
  const wellFormed = XMLValidator.validate(text);
  if (wellFormed !== true) {
    const { msg, line, col } = wellFormed.err;
    return fail('', `is not well-formed XML: ${msg} (line ${line}${col === undefined ? '' : `, column ${col}`})`);
  }
  let document: XmlNode;
  try {
    document = parser.parse(text) as XmlNode;
  } catch (error) {
    return fail('', `is not well-formed XML: ${(error as Error).message}`);
  }
  const roots = Object.keys(document).filter((key) => !key.startsWith('?'));
  if (roots.length !== 1 || roots[0] !== 'postacert') {
    return fail('', `the root element must be <postacert> (found ${roots.map((r) => `<${r}>`).join(', ') || 'none'})`);
  }
  if (Array.isArray(document.postacert)) return fail('', 'has more than one root element');
  return validate(document.postacert);
}

function validate(root: unknown): DaticertResult {
  const issues: DaticertIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });
  const node = (value: unknown, path: string): XmlNode | null => {
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as XmlNode;
    issue(path, value === undefined ? 'is missing' : 'must be an element with children');
    return null;
  };
  /** Text of an element that appears once (text-only, or with attributes). */
  const text = (parent: XmlNode | null, name: string, path: string, required = true): string | null => {
    if (!parent) return null;
    const value = parent[name];
    if (value === undefined) {
      if (required) issue(`${path}/${name}`, 'is missing');
      return null;
    }
    if (Array.isArray(value)) {
      issue(`${path}/${name}`, 'must appear once');
      return null;
    }
    const content = typeof value === 'object' ? (value as XmlNode)['#text'] : value;
    const result = typeof content === 'string' ? content : '';
    if (required && result === '') issue(`${path}/${name}`, 'is empty');
    return result === '' ? null : result;
  };
  // A text-only element is a string, whose `@name` is undefined too.
  const attribute = (element: unknown, name: string): string | undefined => {
    const value = (element as XmlNode | undefined)?.[`@${name}`];
    return typeof value === 'string' ? value : undefined;
  };

  const postacert = node(root, 'postacert');
  if (!postacert) return { ok: false, issues };
  const tipoValue = attribute(postacert, 'tipo');
  const tipo = tipoValue && Object.hasOwn(RECEIPT_TYPES, tipoValue) ? (tipoValue as ReceiptTipo) : null;
  if (!tipoValue) issue('postacert/@tipo', 'is missing');
  else if (!tipo) issue('postacert/@tipo', `"${tipoValue}" is not a receipt type (${Object.keys(RECEIPT_TYPES).join(', ')})`);
  const errorValue = attribute(postacert, 'errore') ?? 'nessuno';
  const error = (ERRORS as readonly string[]).includes(errorValue) ? (errorValue as Daticert['error']) : null;
  if (!error) issue('postacert/@errore', `"${errorValue}" is not one of ${ERRORS.join(', ')}`);

  const intestazione = node(postacert.intestazione, 'postacert/intestazione');
  const sender = text(intestazione, 'mittente', 'postacert/intestazione');
  if (sender && !ADDRESS.test(sender)) issue('postacert/intestazione/mittente', `"${sender}" is not an e-mail address`);
  const recipients: DaticertRecipient[] = [];
  const listed = intestazione?.destinatari as unknown[] | undefined;
  // `isArray` makes every destinatari list an array: missing is undefined, never empty.
  if (intestazione && !listed) issue('postacert/intestazione/destinatari', 'is missing');
  for (const [index, element] of (listed ?? []).entries()) {
    const path = `postacert/intestazione/destinatari[${index + 1}]`;
    const content = typeof element === 'object' ? (element as XmlNode)['#text'] : element;
    const address = typeof content === 'string' ? content : '';
    const kind = attribute(element, 'tipo') ?? 'certificato';
    if (!ADDRESS.test(address)) issue(path, `"${address}" is not an e-mail address`);
    if (kind !== 'certificato' && kind !== 'esterno') issue(`${path}/@tipo`, `"${kind}" is not certificato or esterno`);
    recipients.push({ address: normaliseAddress(address), kind: kind === 'esterno' ? 'EXTERNAL' : 'CERTIFIED' });
  }
  const replyTo = text(intestazione, 'risposte', 'postacert/intestazione', false);
  const subject = text(intestazione, 'oggetto', 'postacert/intestazione', false) ?? '';

  const dati = node(postacert.dati, 'postacert/dati');
  const issuer = text(dati, 'gestore-emittente', 'postacert/dati');
  const data = dati ? node(dati.data, 'postacert/dati/data') : null;
  const issuedAt = data ? timestamp(data, issue) : null;
  const identifier = text(dati, 'identificativo', 'postacert/dati');
  const msgidText = text(dati, 'msgid', 'postacert/dati', false);
  const msgid = msgidText ? normaliseMessageId(msgidText) : null;
  // Every receipt refers to a message; only the DTD's most general form leaves msgid out.
  if (tipo && !msgid) issue('postacert/dati/msgid', 'is missing: a receipt must name the message it is about');
  const ricevuta = dati?.ricevuta;
  let receiptKind: Daticert['receiptKind'] = null;
  if (ricevuta !== undefined) {
    const value = attribute(ricevuta, 'tipo') ?? 'completa';
    if ((RECEIPT_KINDS as readonly string[]).includes(value)) receiptKind = value as Daticert['receiptKind'];
    else issue('postacert/dati/ricevuta/@tipo', `"${value}" is not one of ${RECEIPT_KINDS.join(', ')}`);
  }
  const consegna = text(dati, 'consegna', 'postacert/dati', false);
  const type = tipo ? RECEIPT_TYPES[tipo] : null;
  if (type && PER_RECIPIENT_TYPES.includes(type) && !consegna) {
    issue('postacert/dati/consegna', `is missing: a ${tipo} receipt names the recipient it is about`);
  }
  if (consegna && !ADDRESS.test(consegna)) issue('postacert/dati/consegna', `"${consegna}" is not an e-mail address`);
  const errorDetail = text(dati, 'errore-esteso', 'postacert/dati', false);

  if (issues.length > 0 || !tipo || !type || !error || !sender || !issuer || !issuedAt || !identifier) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    daticert: {
      tipo,
      type,
      error,
      sender: normaliseAddress(sender),
      recipients,
      replyTo,
      subject,
      issuer,
      issuedAt,
      identifier,
      msgid,
      receiptKind,
      deliveryAddress: consegna ? normaliseAddress(consegna) : null,
      errorDetail,
    },
  };
}

/** `<data zona="+0100"><giorno>dd/mm/yyyy</giorno><ora>hh:mm:ss</ora></data>` as an instant. */
function timestamp(data: XmlNode, issue: (path: string, message: string) => void): Date | null {
  const path = 'postacert/dati/data';
  // An element with attributes or children in place of text is an object: no text, so missing.
  const zone = typeof data['@zona'] === 'string' ? data['@zona'] : '';
  const day = typeof data.giorno === 'string' ? data.giorno : '';
  const time = typeof data.ora === 'string' ? data.ora : '';
  // Offsets in use run from -12:00 to +14:00.
  const zoneMatch = /^([+-])(0\d|1[0-4]):?([0-5]\d)$/.exec(zone);
  const dayMatch = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(day);
  const timeMatch = /^(\d{2}):(\d{2}):(\d{2})$/.exec(time);
  if (!zoneMatch) issue(`${path}/@zona`, zone ? `"${zone}" is not a UTC offset like +0100` : 'is missing');
  if (!dayMatch) issue(`${path}/giorno`, day ? `"${day}" is not a date dd/mm/yyyy` : 'is missing');
  if (!timeMatch) issue(`${path}/ora`, time ? `"${time}" is not a time hh:mm:ss` : 'is missing');
  if (!zoneMatch || !dayMatch || !timeMatch) return null;
  const [, dd, mm, yyyy] = dayMatch.map(Number) as [number, number, number, number];
  const [, hh, mi, ss] = timeMatch.map(Number) as [number, number, number, number];
  const offsetMinutes = (zoneMatch[1] === '-' ? -1 : 1) * (Number(zoneMatch[2]) * 60 + Number(zoneMatch[3]));
  const local = Date.UTC(yyyy, mm - 1, dd, hh, mi, ss);
  // Date.UTC rolls 31/02 over into March, 24:00 into the next day, 10:60 into 11:00, and reads years
  // 0-99 as 1900-1999: the date and time exist only if they come back as written.
  if (!new Date(local).toISOString().startsWith(`${dayMatch[3]}-${dayMatch[2]}-${dayMatch[1]}T${time}`)) {
    issue(path, `${day} ${time} is not a real date and time`);
    return null;
  }
  return new Date(local - offsetMinutes * 60_000);
}
