// Stable codes of what a verification found, each with its Italian and English sentence. The API
// returns the code (clients rely on it), the Italian message and the English one; `{name}` slots
// are filled with the details of the case.

type Messages = { it: string; en: string };

/** What is wrong with one signer (or, for PAdES, with the document after it was signed). */
export const signatureIssueCodes = {
  CONTENT_CHANGED: {
    it: 'il contenuto è stato modificato dopo la firma (la sua impronta non corrisponde)',
    en: 'the content was changed after signing (its digest does not match)',
  },
  SIGNATURE_MISMATCH: {
    it: 'la firma non corrisponde ai dati firmati',
    en: 'the signature does not match the signed data',
  },
  MESSAGE_DIGEST_MISSING: {
    it: 'la firma non contiene l’impronta del contenuto (attributo message-digest)',
    en: 'the signature carries no digest of the content (message-digest attribute)',
  },
  CANNOT_BE_CHECKED: {
    it: 'la firma non può essere verificata: {detail} non è supportato',
    en: 'the signature cannot be checked: {detail} is not supported',
  },
  CERTIFICATE_NOT_VALID_AT_SIGNING_TIME: {
    it: 'il certificato non era valido al momento della firma: valido dal {from} al {to}',
    en: 'the certificate was not valid when it signed: valid from {from} to {to}',
  },
  CERTIFICATE_NOT_VALID_NOW: {
    it: 'il certificato non è valido ora (la firma non indica quando è stata apposta): valido dal {from} al {to}',
    en: 'the certificate was not valid now (the signature carries no signing time): valid from {from} to {to}',
  },
  UNTRUSTED: {
    it: 'il certificato non risale a un certificatore riconosciuto ({detail})',
    en: 'the certificate does not chain to a trusted CA ({detail})',
  },
  PARTIAL_COVERAGE: {
    it: 'la firma copre solo una parte del documento (byte {covered} di {total})',
    en: 'the signature covers only part of the document (bytes {covered} of {total})',
  },
  MODIFIED_AFTER_SIGNING: {
    it: 'il documento è stato modificato dopo questa firma ({added} byte aggiunti)',
    en: 'the document was changed after this signature ({added} bytes added)',
  },
  XML_REFERENCE_CHANGED: {
    it: 'un riferimento firmato non corrisponde più ({detail})',
    en: 'a signed reference no longer matches ({detail})',
  },
} as const satisfies Record<string, Messages>;
export type SignatureIssueCode = keyof typeof signatureIssueCodes;

/** Why a file cannot be verified at all. */
export const signatureInputCodes = {
  TOO_LARGE: { it: 'è più grande di {limit} MB', en: 'is larger than {limit} MB' },
  TOO_COMPLEX: {
    it: 'ha più di {limit} elementi ASN.1: è oltre il limite di complessità della verifica',
    en: 'has more than {limit} ASN.1 elements: it is beyond what the verifier accepts',
  },
  NOT_A_SIGNATURE: { it: 'non è una firma CMS/CAdES: {detail}', en: 'is not a CMS/CAdES signature: {detail}' },
  NOT_DER_OR_BASE64: {
    it: 'non è una firma CMS/CAdES: non è né DER né Base64 di DER',
    en: 'is not a CMS/CAdES signature: it is neither DER nor Base64 of DER',
  },
  NOT_SIGNED_DATA: { it: 'è una struttura CMS di tipo {detail}, non dati firmati', en: 'is a CMS structure of type {detail}, not signed data' },
  CONTENT_REQUIRED: {
    it: 'la firma è separata dal documento (detached): inviare il file firmato come content',
    en: 'the signature is detached: send the signed file as content',
  },
  CONTENT_NOT_EXPECTED: {
    it: 'la firma contiene già il file firmato: non inviare content',
    en: 'the signature already contains the signed file: leave content out',
  },
  NO_SIGNER: { it: 'non contiene alcun firmatario', en: 'contains no signer' },
  SIGNER_CERTIFICATE_MISSING: {
    it: 'firmatario {index}: il suo certificato non è nel file',
    en: 'signer {index}: its certificate is not in the file',
  },
  UNSUPPORTED_FORMAT: { it: 'è un file {format}: questo formato di firma non è ancora verificato', en: 'is a {format} file: this signature format is not verified yet' },
  PDF_NOT_SIGNED: { it: 'è un PDF senza firme (PAdES): {detail}', en: 'is a PDF without signatures (PAdES): {detail}' },
  PDF_UNREADABLE: { it: 'è un PDF firmato illeggibile: {detail}', en: 'is a signed PDF that cannot be read: {detail}' },
  XML_NOT_SIGNED: { it: 'è un XML senza firma XAdES: {detail}', en: 'is an XML document without an XAdES signature: {detail}' },
  XML_UNREADABLE: { it: 'è un XML firmato illeggibile: {detail}', en: 'is a signed XML document that cannot be read: {detail}' },
} as const satisfies Record<string, Messages>;
export type SignatureInputCode = keyof typeof signatureInputCodes;

export type MessageValues = Readonly<Record<string, string | number>>;

export function fill(template: string, values: MessageValues = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

export interface SignatureIssue {
  code: SignatureIssueCode;
  /** Italian. */
  message: string;
  messageEn: string;
}

export function issue(code: SignatureIssueCode, values?: MessageValues): SignatureIssue {
  const messages = signatureIssueCodes[code];
  return { code, message: fill(messages.it, values), messageEn: fill(messages.en, values) };
}
