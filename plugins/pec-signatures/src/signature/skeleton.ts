// Drops the parts of a CMS SignedData that verification does not read before asn1js parses it:
// `crls` (RevocationInfoChoices) and each signer's unsigned attributes (CAdES-T/-LT/-A add time
// stamps, certificate and revocation values there). Those parts are where real qualified signatures
// of several MB keep their bulk: a CRL of 60,000 entries is 2 MB and 400,000 ASN.1 elements, which
// asn1js + pkijs take tens of seconds and hundreds of MB to build objects for. Revocation is not
// checked (see verify.ts), so nothing read is lost.
//
// Written here because no maintained library walks DER without building an object per element.
// Only tag/length headers of the outer levels are read; every kept element is copied byte for byte
// (the signed attributes must stay exactly as signed). Anything unexpected: the input is returned
// unchanged and the full parse decides.

interface Tlv {
  start: number;
  contentStart: number;
  /** End of the element (after the end-of-contents octets of an indefinite length). */
  end: number;
  /** End of the content (before the end-of-contents octets). */
  contentEnd: number;
  tag: number;
  constructed: boolean;
  tagNumber: number;
  tagClass: number;
}

const MAX_DEPTH = 64;

function readTlv(bytes: Uint8Array, offset: number, limit: number, depth = 0): Tlv | null {
  if (depth > MAX_DEPTH || offset + 2 > limit) return null;
  const tag = bytes[offset]!;
  const constructed = (tag & 0x20) !== 0;
  const tagClass = tag >> 6;
  let tagNumber = tag & 0x1f;
  let at = offset + 1;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    for (let i = 0; ; i += 1) {
      if (at >= limit || i > 4) return null;
      const b = bytes[at++]!;
      tagNumber = tagNumber * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
  }
  if (at >= limit) return null;
  const first = bytes[at++]!;
  if (first === 0x80) {
    if (!constructed) return null;
    // Indefinite length: children up to the end-of-contents octets.
    const contentStart = at;
    let cursor = at;
    for (;;) {
      if (cursor + 2 > limit) return null;
      if (bytes[cursor] === 0 && bytes[cursor + 1] === 0) return { start: offset, contentStart, contentEnd: cursor, end: cursor + 2, tag, constructed, tagNumber, tagClass };
      const child = readTlv(bytes, cursor, limit, depth + 1);
      if (!child) return null;
      cursor = child.end;
    }
  }
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4 || at + count > limit) return null;
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + bytes[at++]!;
  }
  const end = at + length;
  if (end > limit) return null;
  return { start: offset, contentStart: at, contentEnd: end, end, tag, constructed, tagNumber, tagClass };
}

function childrenOf(bytes: Uint8Array, parent: Tlv): Tlv[] | null {
  const list: Tlv[] = [];
  let cursor = parent.contentStart;
  while (cursor < parent.contentEnd) {
    const child = readTlv(bytes, cursor, parent.contentEnd);
    if (!child) return null;
    list.push(child);
    cursor = child.end;
  }
  return list;
}

function lengthBytes(length: number): number[] {
  if (length < 0x80) return [length];
  const out: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) out.unshift(n % 256);
  return [0x80 | out.length, ...out];
}

/** An element with the given identifier octet(s) around the given parts, with a definite length. */
function element(identifier: Uint8Array, parts: Uint8Array[]): Uint8Array {
  const length = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const header = [...identifier, ...lengthBytes(length)];
  const out = new Uint8Array(header.length + length);
  out.set(header, 0);
  let at = header.length;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

const identifierOf = (bytes: Uint8Array, tlv: Tlv) => {
  // The identifier octets run up to the first length octet: recomputed from the tag number.
  let end = tlv.start + 1;
  if ((bytes[tlv.start]! & 0x1f) === 0x1f) while (bytes[end]! & 0x80) end += 1;
  return bytes.subarray(tlv.start, (bytes[tlv.start]! & 0x1f) === 0x1f ? end + 1 : end);
};

const isContextTag = (tlv: Tlv, number: number) => tlv.tagClass === 2 && tlv.tagNumber === number;

/** The SignedData without crls and unsigned attributes; the input itself when it cannot tell. */
export function withoutUnreadParts(bytes: Uint8Array): { bytes: Uint8Array; dropped: boolean } {
  const unchanged = { bytes, dropped: false };
  const contentInfo = readTlv(bytes, 0, bytes.byteLength);
  if (!contentInfo || contentInfo.tag !== 0x30) return unchanged;
  const [oid, explicit] = childrenOf(bytes, contentInfo) ?? [];
  if (!oid || !explicit || !isContextTag(explicit, 0)) return unchanged;
  const [signedData] = childrenOf(bytes, explicit) ?? [];
  if (!signedData || signedData.tag !== 0x30) return unchanged;
  const fields = childrenOf(bytes, signedData);
  if (!fields || fields.length < 4) return unchanged;
  let dropped = false;
  const kept: Uint8Array[] = [];
  for (const [index, field] of fields.entries()) {
    const last = index === fields.length - 1;
    if (!last && isContextTag(field, 1)) {
      dropped = true;
      continue;
    }
    if (!last) {
      kept.push(bytes.subarray(field.start, field.end));
      continue;
    }
    // signerInfos: a SET of SignerInfo, each without its [1] unsignedAttrs.
    const signerInfos = childrenOf(bytes, field);
    if (field.tag !== 0x31 || !signerInfos) return unchanged;
    const signers: Uint8Array[] = [];
    for (const signerInfo of signerInfos) {
      const parts = childrenOf(bytes, signerInfo);
      if (signerInfo.tag !== 0x30 || !parts) return unchanged;
      const trailing = parts.at(-1);
      if (parts.length > 5 && trailing && isContextTag(trailing, 1)) {
        dropped = true;
        parts.pop();
      }
      signers.push(element(identifierOf(bytes, signerInfo), parts.map((p) => bytes.subarray(p.start, p.end))));
    }
    kept.push(element(identifierOf(bytes, field), signers));
  }
  if (!dropped) return unchanged;
  const rebuilt = element(identifierOf(bytes, contentInfo), [
    bytes.subarray(oid.start, oid.end),
    element(identifierOf(bytes, explicit), [element(identifierOf(bytes, signedData), kept)]),
  ]);
  return { bytes: rebuilt, dropped };
}
