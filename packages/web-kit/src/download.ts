// Files the client makes (CSV exports, PDFs sent as base64) handed to the browser as downloads, and
// files a plugin serves on its own HTTP routes, fetched with the session of the tab.
import { locale } from './i18n/index.ts';

let sessionToken: () => string | null = () => null;

/** The app tells the kit where the tab's bearer token is (it alone owns the session's storage). */
export function setSessionTokenSource(source: () => string | null): void {
  sessionToken = source;
}

/**
 * Fetches a file from one of the API's HTTP routes (`/<plugin>/...`) as the signed-in person and
 * hands it to the browser; false when the API refused or could not be reached.
 */
export async function downloadFromRoute(path: string, file: string): Promise<boolean> {
  const token = sessionToken();
  const headers: Record<string, string> = { 'x-gea-client': 'web', 'accept-language': locale() };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(path, { headers }).catch(() => null);
  if (!response?.ok) return false;
  downloadBlob(await response.blob(), file);
  return true;
}

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
