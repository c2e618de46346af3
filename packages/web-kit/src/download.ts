// Files the client makes (CSV exports, PDFs sent as base64) handed to the browser as downloads.

/** A file handed to the browser as a download. */
export function downloadBlob(blob: Blob, file: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file;
  link.rel = 'external';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * CSV text as a download. With a byte-order mark (added unless the text has one) so that spreadsheet
 * programs read the accents right, and always for the Italian Excel dialect; `STANDARD` (RFC 4180)
 * keeps the server's text as it is.
 */
export function downloadCsv(text: string, file: string, dialect?: 'ITALIAN_EXCEL' | 'STANDARD'): void {
  const bom = dialect !== 'STANDARD' && !text.startsWith('\ufeff') ? ['\ufeff'] : [];
  downloadBlob(new Blob([...bom, text], { type: 'text/csv;charset=utf-8' }), file);
}
