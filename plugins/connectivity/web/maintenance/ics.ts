// A minimal iCalendar (RFC 5545) writer for the calendar's export: all-day entries for deadlines,
// timed ones (UTC) for maintenance windows. Text is escaped and lines folded at 75 octets.
export type IcsEntry = { uid: string; title: string } & ({ day: string } | { start: string; end: string });

const escape = (text: string) => text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
const utc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const compactDay = (day: string) => day.replace(/-/g, '');

function fold(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const out: string[] = [];
  let current = '';
  for (const char of line) {
    if (new TextEncoder().encode(current + char).length > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
    }
    current += char;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function icsCalendar(entries: readonly IcsEntry[], now = new Date()): string {
  const stamp = utc(now.toISOString());
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//GEA//Connettivita//IT', 'CALSCALE:GREGORIAN'];
  for (const entry of entries) {
    lines.push('BEGIN:VEVENT', `UID:${escape(entry.uid)}`, `DTSTAMP:${stamp}`);
    if ('day' in entry) {
      const next = new Date(Date.parse(`${entry.day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      lines.push(`DTSTART;VALUE=DATE:${compactDay(entry.day)}`, `DTEND;VALUE=DATE:${compactDay(next)}`);
    } else {
      lines.push(`DTSTART:${utc(entry.start)}`, `DTEND:${utc(entry.end)}`);
    }
    lines.push(`SUMMARY:${escape(entry.title)}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
