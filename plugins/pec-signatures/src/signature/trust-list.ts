// EU trusted lists (ETSI TS 119 612, e.g. AgID's Italian list): the CA certificates of the
// qualified trust services they list, to use as trust anchors. A service's certificates are loaded
// when the service issues qualified certificates (ServiceTypeIdentifier CA/QC, or a national root CA
// for them) and its current status is granted (or, for lists written before eIDAS, under supervision
// or accredited). Everything else is reported as skipped, with the reason. The list's own XML
// signature is not verified here: import a list from a source you trust (the EU LOTL pointer).
import { createHash, X509Certificate } from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';

const TSL_NS = 'http://uri.etsi.org/02231/v2#';
const SVC_TYPE = 'http://uri.etsi.org/TrstSvc/Svctype/';
const SVC_STATUS = 'http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/';

/** Service types whose certificates sign qualified certificates. */
export const CA_SERVICE_TYPES = [`${SVC_TYPE}CA/QC`, `${SVC_TYPE}NationalRootCA-QC`] as const;
/** Current statuses under which a service is trusted (granted; the pre-eIDAS statuses of older lists). */
export const TRUSTED_STATUSES = [`${SVC_STATUS}granted`, `${SVC_STATUS}undersupervision`, `${SVC_STATUS}accredited`, `${SVC_STATUS}recognisedatnationallevel`] as const;

/** Trusted lists of a member state are a few MB; AgID's is under 2 MB. */
export const MAX_TRUST_LIST_BYTES = 20 * 1024 * 1024;

export const skipReasons = {
  STATUS_NOT_GRANTED: { it: 'il servizio non è attivo (stato {detail})', en: 'the service is not active (status {detail})' },
  NOT_A_QUALIFIED_CA: {
    it: 'il servizio non emette certificati qualificati (tipo {detail})',
    en: 'the service does not issue qualified certificates (type {detail})',
  },
  UNPARSABLE_CERTIFICATE: { it: 'certificato illeggibile ({detail})', en: 'unparsable certificate ({detail})' },
  NOT_A_CA_CERTIFICATE: { it: 'il certificato non è di una CA ({detail})', en: 'the certificate is not a CA certificate ({detail})' },
  DUPLICATE: { it: 'certificato già caricato da questo elenco ({detail})', en: 'certificate already loaded from this list ({detail})' },
  NO_CERTIFICATE: {
    it: 'il servizio non indica un certificato X.509 (solo {detail})',
    en: 'the service names no X.509 certificate (only {detail})',
  },
} as const satisfies Record<string, { it: string; en: string }>;
export type SkipReason = keyof typeof skipReasons;

export interface TrustListCertificate {
  der: Uint8Array;
  /** SHA-256 of the DER, upper-case hex. */
  fingerprint: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  validFrom: Date;
  validTo: Date;
  provider: string;
  service: string;
  serviceType: string;
  serviceStatus: string;
}

export interface SkippedService {
  provider: string;
  service: string;
  reason: SkipReason;
  detail: string;
  /** Italian. */
  message: string;
  messageEn: string;
  /** SHA-256 of the certificate, when there is one. */
  fingerprint: string | null;
}

export interface TrustList {
  territory: string;
  sequenceNumber: number | null;
  issuedAt: Date | null;
  nextUpdate: Date | null;
  operator: string;
  certificates: TrustListCertificate[];
  skipped: SkippedService[];
}

/** A file that is not a trusted list at all. */
export class TrustListError extends Error {
  constructor(
    message: string,
    readonly messageIt: string,
  ) {
    super(message);
  }
}

function children(parent: Element, name: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).localName === name && (node as Element).namespaceURI === TSL_NS) found.push(node as Element);
  }
  return found;
}

function child(parent: Element | undefined, ...path: string[]): Element | undefined {
  let current = parent;
  for (const name of path) current = current ? children(current, name)[0] : undefined;
  return current;
}

const text = (element: Element | undefined) => element?.textContent?.trim() ?? '';

/** The English name among the multilingual names (ETSI TS 119 612 requires one), else the first. */
function name(parent: Element | undefined): string {
  const names = parent ? children(parent, 'Name') : [];
  const english = names.find((n) => n.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'lang') === 'en');
  return text(english ?? names[0]) || '(unnamed)';
}

const shortUri = (uri: string) => uri.replace(SVC_TYPE, '').replace(SVC_STATUS, '');

function date(value: string): Date | null {
  if (!value) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

function skip(provider: string, service: string, reason: SkipReason, detail: string, fingerprint: string | null = null): SkippedService {
  const fill = (template: string) => template.replace('{detail}', detail);
  return { provider, service, reason, detail, message: fill(skipReasons[reason].it), messageEn: fill(skipReasons[reason].en), fingerprint };
}

/** Parses a trusted list; throws TrustListError when the file is not one. */
export function parseTrustList(xml: string | Uint8Array): TrustList {
  const source = typeof xml === 'string' ? xml : new TextDecoder('utf-8').decode(xml);
  if (source.length > MAX_TRUST_LIST_BYTES) {
    throw new TrustListError(`the file is larger than ${MAX_TRUST_LIST_BYTES / 1024 / 1024} MB`, `il file è più grande di ${MAX_TRUST_LIST_BYTES / 1024 / 1024} MB`);
  }
  // Entities and external DTDs have no place in a trusted list: refused before parsing.
  if (/<!DOCTYPE/i.test(source)) throw new TrustListError('the file declares a DOCTYPE, which a trusted list never does', 'il file dichiara un DOCTYPE, che un elenco di fiducia non ha');
  const errors: string[] = [];
  let root: Element | null = null;
  try {
    const document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') errors.push(message);
      },
    }).parseFromString(source, 'application/xml');
    root = document.documentElement as Element | null;
  } catch (error) {
    errors.push((error as Error).message);
  }
  if (errors.length > 0 || !root) {
    throw new TrustListError(`the file is not well-formed XML: ${errors[0] ?? 'no root element'}`, `il file non è XML ben formato: ${errors[0] ?? 'manca l’elemento radice'}`);
  }
  if (root.localName !== 'TrustServiceStatusList' || root.namespaceURI !== TSL_NS) {
    throw new TrustListError(
      `the file is not an ETSI TS 119 612 trusted list (root element ${root.localName ?? root.nodeName}, expected TrustServiceStatusList in ${TSL_NS})`,
      `il file non è un elenco di fiducia ETSI TS 119 612 (elemento radice ${root.localName ?? root.nodeName}, atteso TrustServiceStatusList in ${TSL_NS})`,
    );
  }
  const scheme = child(root, 'SchemeInformation');
  const territory = text(child(scheme, 'SchemeTerritory')).toUpperCase();
  if (!/^[A-Z]{2}$/.test(territory)) {
    throw new TrustListError('the list has no SchemeTerritory (a two-letter country code)', 'l’elenco non indica SchemeTerritory (codice di due lettere del paese)');
  }
  const sequence = Number.parseInt(text(child(scheme, 'TSLSequenceNumber')), 10);
  const certificates: TrustListCertificate[] = [];
  const skipped: SkippedService[] = [];
  const seen = new Map<string, string>();

  for (const tsp of children(child(root, 'TrustServiceProviderList') ?? root, 'TrustServiceProvider')) {
    const provider = name(child(tsp, 'TSPInformation', 'TSPName'));
    for (const service of children(child(tsp, 'TSPServices') ?? tsp, 'TSPService')) {
      const info = child(service, 'ServiceInformation');
      const serviceName = name(child(info, 'ServiceName'));
      const type = text(child(info, 'ServiceTypeIdentifier'));
      const status = text(child(info, 'ServiceStatus'));
      if (!(CA_SERVICE_TYPES as readonly string[]).includes(type)) {
        skipped.push(skip(provider, serviceName, 'NOT_A_QUALIFIED_CA', shortUri(type) || 'none'));
        continue;
      }
      if (!(TRUSTED_STATUSES as readonly string[]).includes(status)) {
        skipped.push(skip(provider, serviceName, 'STATUS_NOT_GRANTED', shortUri(status) || 'none'));
        continue;
      }
      const identity = child(info, 'ServiceDigitalIdentity');
      const digitalIds = identity ? children(identity, 'DigitalId') : [];
      const encoded = digitalIds.flatMap((id) => children(id, 'X509Certificate')).map((c) => text(c));
      if (encoded.length === 0) {
        const kinds = new Set<string>();
        for (const id of digitalIds) for (let n = id.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) kinds.add((n as Element).localName ?? n.nodeName);
        skipped.push(skip(provider, serviceName, 'NO_CERTIFICATE', [...kinds].join(', ') || 'no digital identity'));
        continue;
      }
      for (const base64 of encoded) {
        const der = Buffer.from(base64.replace(/\s+/g, ''), 'base64');
        const fingerprint = createHash('sha256').update(der).digest('hex').toUpperCase();
        let x509: X509Certificate;
        try {
          if (!/^[A-Za-z0-9+/=\s]+$/.test(base64) || der.length === 0) throw new Error('not Base64');
          x509 = new X509Certificate(der);
        } catch (error) {
          skipped.push(skip(provider, serviceName, 'UNPARSABLE_CERTIFICATE', (error as Error).message, fingerprint));
          continue;
        }
        const subject = x509.subject.replace(/\n/g, ', ');
        if (!x509.ca) {
          skipped.push(skip(provider, serviceName, 'NOT_A_CA_CERTIFICATE', subject, fingerprint));
          continue;
        }
        const earlier = seen.get(fingerprint);
        if (earlier) {
          skipped.push(skip(provider, serviceName, 'DUPLICATE', earlier, fingerprint));
          continue;
        }
        seen.set(fingerprint, `${provider} / ${serviceName}`);
        certificates.push({
          der: new Uint8Array(der),
          fingerprint,
          subject,
          issuer: x509.issuer.replace(/\n/g, ', '),
          serialNumber: x509.serialNumber.toUpperCase(),
          validFrom: new Date(x509.validFrom),
          validTo: new Date(x509.validTo),
          provider,
          service: serviceName,
          serviceType: shortUri(type),
          serviceStatus: shortUri(status),
        });
      }
    }
  }
  return {
    territory,
    sequenceNumber: Number.isSafeInteger(sequence) ? sequence : null,
    issuedAt: date(text(child(scheme, 'ListIssueDateTime'))),
    nextUpdate: date(text(child(scheme, 'NextUpdate', 'dateTime'))),
    operator: name(child(scheme, 'SchemeOperatorName')),
    certificates,
    skipped,
  };
}
