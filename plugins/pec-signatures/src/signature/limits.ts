// The verifier's limits, chosen deliberately (see docs/signatures.md).
//
// Size: signed files up to 50 MiB are verified (an attached CAdES carries its document; qualified
// signatures with long chains and embedded revocation data reach several MB). Larger ones are
// refused before being parsed.
//
// ASN.1 elements: asn1js refuses more than 10,000 elements by default, which real qualified
// signatures of a few hundred kB exceed. Before parsing, the parts verification does not read are
// dropped (skeleton.ts: embedded CRLs, and the unsigned attributes where CAdES-T/-LT/-A keep time
// stamps and revocation values): that is where large signatures keep their bulk. What remains
// (certificates, signed attributes, the content as one element) may have up to 1,000,000 elements,
// about 6,500 certificates. Measured with asn1js + pkijs at about 1.2 kB of memory per element, that
// bounds one verification at about 1.2 GB at worst; real signatures have a few thousand elements.
// A structure of more elements is refused by name (TOO_COMPLEX), never as "not a signature".

/** Largest signed file (CAdES, PDF or XML) that is verified. */
export const MAX_SIGNATURE_BYTES = 50 * 1024 * 1024;

/** Largest number of ASN.1 elements a CMS structure may have. */
export const MAX_ASN1_NODES = 1_000_000;
