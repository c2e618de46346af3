// Published files come as UTF-8 with a byte-order mark (ISTAT's demographic files, IPA) or as
// Windows-1252 (ISTAT's list of municipalities, spreadsheets saved on Italian Windows).

export type TextEncodingName = 'UTF-8' | 'Windows-1252';

// Windows-1252's bytes 0x80-0x9F (the rest is Latin-1). Written out because Node's own
// TextDecoder('windows-1252') (Node 20 and 22, checked here) drops these bytes instead of decoding
// them: "Sant’Angelo" (0x92) would lose its apostrophe. 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined.
const HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = bytes.subarray(start, start + 8192);
    text += String.fromCharCode(...Array.from(chunk, (byte) => (byte >= 0x80 && byte <= 0x9f ? HIGH.charCodeAt(byte - 0x80) : byte)));
  }
  return text;
}

/**
 * The text of an import file: UTF-8 when the bytes are valid UTF-8 (a byte-order mark is dropped),
 * else Windows-1252. A Windows-1252 file with accented letters is never valid UTF-8, so the guess
 * is safe for the files GEA reads; an ASCII file reads the same either way.
 */
export function decodeImportBytes(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'Windows-1252' };
  }
}
