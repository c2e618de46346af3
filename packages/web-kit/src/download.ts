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

/** CSV text as a download, with a byte-order mark so that spreadsheet programs read the accents right. */
export function downloadCsv(text: string, file: string): void {
  downloadBlob(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }), file);
}
