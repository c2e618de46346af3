// Signature and digest algorithms of CMS/CAdES signer infos, verified with node:crypto (OpenSSL).
// pkijs verifies through WebCrypto, which knows neither SHA-3 nor every RSASSA-PSS parameter set:
// there it reported signatures that OpenSSL verifies as tampered. OpenSSL through node:crypto checks
// RSA PKCS#1 v1.5, RSASSA-PSS, ECDSA (P-256, P-384, P-521), Ed25519/Ed448 with SHA-1, SHA-2 and SHA-3.
// Whatever is outside that list is answered as "cannot be checked", never as "not intact".
import { constants, createHash, createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** Digest algorithm OIDs to OpenSSL names. */
export const DIGESTS: Readonly<Record<string, string>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '2.16.840.1.101.3.4.2.5': 'sha512-224',
  '2.16.840.1.101.3.4.2.6': 'sha512-256',
  '2.16.840.1.101.3.4.2.7': 'sha3-224',
  '2.16.840.1.101.3.4.2.8': 'sha3-256',
  '2.16.840.1.101.3.4.2.9': 'sha3-384',
  '2.16.840.1.101.3.4.2.10': 'sha3-512',
};

type Scheme = 'rsa-pkcs1' | 'rsa-pss' | 'ecdsa' | 'eddsa';

/** Signature algorithm OIDs: the scheme, and the hash when the OID names one. */
const SIGNATURES: Readonly<Record<string, { scheme: Scheme; hash?: string }>> = {
  '1.2.840.113549.1.1.1': { scheme: 'rsa-pkcs1' },
  '1.2.840.113549.1.1.5': { scheme: 'rsa-pkcs1', hash: 'sha1' },
  '1.2.840.113549.1.1.14': { scheme: 'rsa-pkcs1', hash: 'sha224' },
  '1.2.840.113549.1.1.11': { scheme: 'rsa-pkcs1', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { scheme: 'rsa-pkcs1', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { scheme: 'rsa-pkcs1', hash: 'sha512' },
  '2.16.840.1.101.3.4.3.13': { scheme: 'rsa-pkcs1', hash: 'sha3-224' },
  '2.16.840.1.101.3.4.3.14': { scheme: 'rsa-pkcs1', hash: 'sha3-256' },
  '2.16.840.1.101.3.4.3.15': { scheme: 'rsa-pkcs1', hash: 'sha3-384' },
  '2.16.840.1.101.3.4.3.16': { scheme: 'rsa-pkcs1', hash: 'sha3-512' },
  '1.2.840.113549.1.1.10': { scheme: 'rsa-pss' },
  '1.2.840.10045.2.1': { scheme: 'ecdsa' },
  '1.2.840.10045.4.1': { scheme: 'ecdsa', hash: 'sha1' },
  '1.2.840.10045.4.3.1': { scheme: 'ecdsa', hash: 'sha224' },
  '1.2.840.10045.4.3.2': { scheme: 'ecdsa', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { scheme: 'ecdsa', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { scheme: 'ecdsa', hash: 'sha512' },
  '2.16.840.1.101.3.4.3.9': { scheme: 'ecdsa', hash: 'sha3-224' },
  '2.16.840.1.101.3.4.3.10': { scheme: 'ecdsa', hash: 'sha3-256' },
  '2.16.840.1.101.3.4.3.11': { scheme: 'ecdsa', hash: 'sha3-384' },
  '2.16.840.1.101.3.4.3.12': { scheme: 'ecdsa', hash: 'sha3-512' },
  '1.3.101.112': { scheme: 'eddsa' },
  '1.3.101.113': { scheme: 'eddsa' },
};

const KEY_TYPES: Readonly<Record<Scheme, readonly string[]>> = {
  'rsa-pkcs1': ['rsa'],
  'rsa-pss': ['rsa', 'rsa-pss'],
  ecdsa: ['ec'],
  eddsa: ['ed25519', 'ed448'],
};

/** Readable names for reports. */
const NAMES: Readonly<Record<Scheme, string>> = { 'rsa-pkcs1': 'RSA PKCS#1 v1.5', 'rsa-pss': 'RSASSA-PSS', ecdsa: 'ECDSA', eddsa: 'EdDSA' };

export type SignatureCheck =
  | { outcome: 'VERIFIED'; algorithm: string }
  | { outcome: 'FAILED'; algorithm: string }
  | { outcome: 'UNSUPPORTED'; algorithm: string; reason: string };

export function digestName(oid: string): string | undefined {
  return DIGESTS[oid];
}

export function digest(oid: string, data: Uint8Array): Buffer | undefined {
  const name = DIGESTS[oid];
  return name ? createHash(name).update(data).digest() : undefined;
}

function publicKeyOf(certificate: pkijs.Certificate): KeyObject {
  const spki = certificate.subjectPublicKeyInfo.toSchema().toBER(false);
  return createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
}

function pssParameters(params: unknown): { hash: string; saltLength: number } | { unsupported: string } {
  // RFC 4055 defaults: SHA-1, MGF1 with SHA-1, salt 20, trailer 1.
  if (!params || params instanceof asn1js.Null) return { hash: 'sha1', saltLength: 20 };
  let parsed: pkijs.RSASSAPSSParams;
  try {
    parsed = new pkijs.RSASSAPSSParams({ schema: params });
  } catch {
    return { unsupported: 'unreadable RSASSA-PSS parameters' };
  }
  const hash = DIGESTS[parsed.hashAlgorithm.algorithmId];
  if (!hash) return { unsupported: `RSASSA-PSS with digest ${parsed.hashAlgorithm.algorithmId}` };
  if (parsed.maskGenAlgorithm.algorithmId !== '1.2.840.113549.1.1.8') {
    return { unsupported: `RSASSA-PSS with mask generation ${parsed.maskGenAlgorithm.algorithmId}` };
  }
  // node:crypto uses the signature's digest for MGF1: another MGF1 digest cannot be checked here.
  let mgfHash = 'sha1';
  const mgfParams = parsed.maskGenAlgorithm.algorithmParams;
  if (mgfParams && !(mgfParams instanceof asn1js.Null)) {
    try {
      mgfHash = DIGESTS[new pkijs.AlgorithmIdentifier({ schema: mgfParams }).algorithmId] ?? 'unknown';
    } catch {
      mgfHash = 'unknown';
    }
  }
  if (mgfHash !== hash) return { unsupported: `RSASSA-PSS with MGF1 over ${mgfHash} and digest ${hash}` };
  if (parsed.trailerField !== 1) return { unsupported: `RSASSA-PSS with trailer field ${parsed.trailerField}` };
  return { hash, saltLength: parsed.saltLength };
}

/**
 * Verifies `signature` over `data` with the certificate's public key, under the signer info's
 * signature algorithm (`digestOid` is the signer's digest algorithm, for the OIDs that name none).
 */
export function verifyWithCertificate(
  certificate: pkijs.Certificate,
  signatureAlgorithm: pkijs.AlgorithmIdentifier,
  digestOid: string,
  data: Uint8Array,
  signature: Uint8Array,
): SignatureCheck {
  const oid = signatureAlgorithm.algorithmId;
  const known = SIGNATURES[oid];
  if (!known) return { outcome: 'UNSUPPORTED', algorithm: oid, reason: `signature algorithm ${oid}` };
  let hash = known.hash ?? DIGESTS[digestOid];
  let saltLength: number | undefined;
  if (known.scheme === 'rsa-pss') {
    const pss = pssParameters(signatureAlgorithm.algorithmParams);
    if ('unsupported' in pss) return { outcome: 'UNSUPPORTED', algorithm: NAMES['rsa-pss'], reason: pss.unsupported };
    hash = pss.hash;
    saltLength = pss.saltLength;
  }
  const algorithm = known.scheme === 'eddsa' ? NAMES.eddsa : `${NAMES[known.scheme]} with ${hash?.toUpperCase() ?? digestOid}`;
  if (!hash && known.scheme !== 'eddsa') return { outcome: 'UNSUPPORTED', algorithm, reason: `digest algorithm ${digestOid}` };
  let key: KeyObject;
  try {
    key = publicKeyOf(certificate);
  } catch (error) {
    return { outcome: 'UNSUPPORTED', algorithm, reason: `the certificate's public key (${(error as Error).message})` };
  }
  if (!KEY_TYPES[known.scheme].includes(key.asymmetricKeyType ?? '')) {
    return { outcome: 'UNSUPPORTED', algorithm, reason: `a ${key.asymmetricKeyType ?? 'unknown'} key with ${NAMES[known.scheme]}` };
  }
  try {
    const ok =
      known.scheme === 'rsa-pss'
        ? cryptoVerify(hash!, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, signature)
        : known.scheme === 'rsa-pkcs1'
          ? cryptoVerify(hash!, data, { key, padding: constants.RSA_PKCS1_PADDING }, signature)
          : cryptoVerify(known.scheme === 'eddsa' ? null : hash!, data, key, signature);
    return { outcome: ok ? 'VERIFIED' : 'FAILED', algorithm };
  } catch (error) {
    // OpenSSL refuses a malformed signature value (e.g. an ECDSA value that is not DER): it does not verify.
    const message = (error as Error).message;
    if (/unsupported|not supported|invalid digest|unknown/i.test(message)) return { outcome: 'UNSUPPORTED', algorithm, reason: message };
    return { outcome: 'FAILED', algorithm };
  }
}
