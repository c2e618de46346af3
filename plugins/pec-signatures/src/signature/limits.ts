// The verifier's limits, chosen deliberately (see docs/signatures.md).
//
// Size: signed files up to 50 MiB are verified (an attached CAdES carries its document; qualified
// signatures with long chains and embedded revocation data reach several MB). Larger ones are
// refused before being parsed.
//
// ASN.1 elements: asn1js refuses more than 10,000 elements by default, which real qualified
// signatures of a few hundred kB exceed (every certificate is ~150 elements, every CRL entry ~6).
// The limit below admits any well-formed signature of the size limit made of certificates, CRLs and
// attributes (each element takes at least 2 bytes, and those structures average well over 10), and
// bounds memory: measured at about 0.5 kB per element, 4,000,000 elements take about 2 GB at worst.
// A structure of more elements is refused by name (TOO_COMPLEX), never as "not a signature".

/** Largest signed file (CAdES, PDF or XML) that is verified. */
export const MAX_SIGNATURE_BYTES = 50 * 1024 * 1024;

/** Largest number of ASN.1 elements a CMS structure may have. */
export const MAX_ASN1_NODES = 4_000_000;
