// Certificate path building to a trust anchor with node:crypto's X509Certificate (OpenSSL).
// Written here rather than with pkijs's CertificateChainValidationEngine because that engine checks
// certificate signatures through WebCrypto, which cannot check SHA-3 or every RSASSA-PSS
// certificate, and it tries every pool certificate at each step (slow with thousands of imported
// trust-list certificates). What is checked: each issuer's name and key identifiers match
// (checkIssued), its signature verifies, it is a CA, and every certificate of the path is within
// its validity at the date given. Not checked: revocation, name constraints, policies, path length.
import { X509Certificate } from 'node:crypto';
import type * as pkijs from 'pkijs';

const MAX_DEPTH = 20;

const x509Cache = new WeakMap<pkijs.Certificate, X509Certificate | null>();

/** The node:crypto view of a pkijs certificate (null when OpenSSL cannot read it). */
export function toX509(certificate: pkijs.Certificate): X509Certificate | null {
  let found = x509Cache.get(certificate);
  if (found === undefined) {
    try {
      found = new X509Certificate(Buffer.from(certificate.toSchema().toBER(false)));
    } catch {
      found = null;
    }
    x509Cache.set(certificate, found);
  }
  return found;
}

const validAt = (certificate: X509Certificate, at: Date) => new Date(certificate.validFrom) <= at && at <= new Date(certificate.validTo);

const issues = (child: X509Certificate, issuer: X509Certificate) => {
  try {
    return child.checkIssued(issuer) && child.verify(issuer.publicKey);
  } catch {
    return false;
  }
};

export interface ChainOutcome {
  trusted: boolean;
  /** Why not, in English (the report's detail). */
  reason?: string;
  /** Subjects from the signer's certificate to the anchor. */
  path: string[];
}

/**
 * Whether `leaf` chains to one of `anchors` through certificates of `pool`, at date `at` (the
 * anchors' own validity included: a trusted list keeps certificates of withdrawn services out).
 */
export function chainToAnchor(leaf: X509Certificate, pool: readonly X509Certificate[], anchors: readonly X509Certificate[], at: Date): ChainOutcome {
  const anchorPrints = new Set(anchors.map((a) => a.fingerprint256));
  const path = [leaf.subject];
  let current = leaf;
  const seen = new Set([leaf.fingerprint256]);
  if (anchorPrints.has(leaf.fingerprint256)) return { trusted: true, path };
  for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
    const anchor = anchors.find((candidate) => issues(current, candidate));
    if (anchor) {
      if (!anchor.ca) return { trusted: false, reason: `trusted certificate ${anchor.subject.replace(/\n/g, ', ')} is not a CA`, path };
      if (!validAt(anchor, at)) return { trusted: false, reason: `trusted CA ${anchor.subject.replace(/\n/g, ', ')} was not valid at ${at.toISOString()}`, path };
      path.push(anchor.subject);
      return { trusted: true, path };
    }
    const next = pool.find((candidate) => !seen.has(candidate.fingerprint256) && issues(current, candidate));
    if (!next) return { trusted: false, reason: `no trusted issuer found for ${current.issuer.replace(/\n/g, ', ')}`, path };
    if (!next.ca) return { trusted: false, reason: `issuer ${next.subject.replace(/\n/g, ', ')} is not a CA`, path };
    if (!validAt(next, at)) return { trusted: false, reason: `intermediate CA ${next.subject.replace(/\n/g, ', ')} was not valid at ${at.toISOString()}`, path };
    // An intermediate that is itself a trust anchor ends the path.
    if (anchorPrints.has(next.fingerprint256)) {
      path.push(next.subject);
      return { trusted: true, path };
    }
    seen.add(next.fingerprint256);
    path.push(next.subject);
    current = next;
  }
  return { trusted: false, reason: `no trusted CA within ${MAX_DEPTH} certificates`, path };
}
