// Italian time for the forms (a datetime-local field holds a wall-clock time in Rome, whatever the
// browser's zone) and the calendar's months.
const ROME = 'Europe/Rome';

/** Rome's offset from UTC at an instant, in minutes. */
function romeOffset(instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: ROME, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((wall - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/** `YYYY-MM-DDTHH:mm` in Italian time → ISO instant; null when not a date-time. */
export function romeLocalToIso(local: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let instant = wall - romeOffset(new Date(wall)) * 60_000;
  instant = wall - romeOffset(new Date(instant)) * 60_000;
  return new Date(instant).toISOString();
}

/** ISO instant → `YYYY-MM-DDTHH:mm` in Italian time, for a datetime-local field. */
export function isoToRomeLocal(iso: string): string {
  const instant = new Date(iso);
  return new Date(instant.getTime() + romeOffset(instant) * 60_000).toISOString().slice(0, 16);
}

/** The calendar day (`YYYY-MM-DD`) of an instant in Italy. */
export function romeDay(iso: string): string {
  return isoToRomeLocal(iso).slice(0, 10);
}

/** `YYYY-MM` of today in Italy. */
export function currentMonth(): string {
  return romeDay(new Date().toISOString()).slice(0, 7);
}

/** The month `delta` months from `month` (`YYYY-MM`). */
export function shiftMonth(month: string, delta: number): string {
  const [y, mo] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(y, mo - 1 + delta, 1));
  return date.toISOString().slice(0, 7);
}

/** First and last day of a month, and the instants that bound it in Italy. */
export function monthBounds(month: string) {
  const first = `${month}-01`;
  const next = `${shiftMonth(month, 1)}-01`;
  const last = new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { first, last, from: romeLocalToIso(`${first}T00:00`)!, to: romeLocalToIso(`${next}T00:00`)! };
}

/** Days (`YYYY-MM-DD`) from `from` to `to` inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Today plus `days`, `YYYY-MM-DD`, in Italy. */
export function dayFromToday(days: number): string {
  return new Date(Date.parse(`${romeDay(new Date().toISOString())}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
