// The calendar: a month of notice dates, contract and framework ends and maintenance windows, as a
// list grouped by day (readable by screen readers and on a phone), with month navigation kept in
// the address (?month=YYYY-MM) and an iCalendar export of the month.
import { createQuery, downloadBlob, ErrorNotice, formatDate, formatDateTime, graphql, intlLocale, PageHeading } from '@gea/web-kit';
import { useSearchParams } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { m } from './messages.ts';
import { currentMonth, daysBetween, monthBounds, romeDay, shiftMonth } from './time.ts';
import { icsCalendar, type IcsEntry } from './ics.ts';

const CalendarQuery = graphql(`
  query ConnectivityCalendar($fromDay: Date!, $toDay: Date!, $from: DateTime!, $to: DateTime!) {
    connectivityDeadlines(from: $fromDay, to: $toDay) { kind on subject cig contractId }
    maintenanceEvents(from: $from, to: $to) { id summary startsAt endsAt impact status provider { id name } }
  }
`);

type Entry = { day: string; key: string; text: string; kind: 'deadline' | 'maintenance' };

export default function CalendarPage() {
  const [params, setParams] = useSearchParams<{ month?: string }>();
  const month = createMemo(() => (/^\d{4}-\d{2}$/.test(params.month ?? '') ? params.month! : currentMonth()));
  const bounds = createMemo(() => monthBounds(month()));
  const [result] = createQuery({
    query: CalendarQuery,
    variables: () => ({ fromDay: bounds().first, toDay: bounds().last, from: bounds().from, to: bounds().to }),
  });
  const monthLabel = () =>
    new Intl.DateTimeFormat(intlLocale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month()}-01T00:00:00Z`));

  const entries = createMemo<Entry[]>(() => {
    const data = result.data;
    if (!data) return [];
    const out: Entry[] = [];
    for (const deadline of data.connectivityDeadlines) {
      out.push({
        day: deadline.on.slice(0, 10),
        key: `${deadline.kind}-${deadline.contractId}-${deadline.on}`,
        kind: 'deadline',
        text: `${m(`deadlineKinds.${deadline.kind}` as 'deadlineKinds.NOTICE_DATE')}: ${deadline.subject}${deadline.cig ? ` (CIG ${deadline.cig})` : ''}`,
      });
    }
    for (const event of data.maintenanceEvents) {
      if (!event || event.status === 'CANCELLED') continue;
      const text = m('maintenanceItem', { summary: event.summary, provider: event.provider.name, from: formatDateTime(event.startsAt), to: formatDateTime(event.endsAt) });
      // A window shows on every day of the month it covers.
      const first = romeDay(event.startsAt) < bounds().first ? bounds().first : romeDay(event.startsAt);
      const lastDay = romeDay(new Date(new Date(event.endsAt).getTime() - 1).toISOString());
      const last = lastDay > bounds().last ? bounds().last : lastDay;
      for (const day of daysBetween(first, last)) out.push({ day, key: `${event.id}-${day}`, kind: 'maintenance', text });
    }
    return out.sort((a, b) => a.day.localeCompare(b.day) || a.kind.localeCompare(b.kind) || a.text.localeCompare(b.text));
  });
  const days = createMemo(() => [...new Set(entries().map((entry) => entry.day))]);

  function exportIcs() {
    const data = result.data;
    if (!data) return;
    const items: IcsEntry[] = [
      ...data.connectivityDeadlines.map((deadline) => ({
        uid: `${deadline.kind}-${deadline.contractId}-${deadline.on}@gea`,
        day: deadline.on.slice(0, 10),
        title: `${m(`deadlineKinds.${deadline.kind}` as 'deadlineKinds.NOTICE_DATE')}: ${deadline.subject}`,
      })),
      ...data.maintenanceEvents.flatMap((event) =>
        event && event.status !== 'CANCELLED'
          ? [{ uid: `${event.id}@gea`, start: event.startsAt, end: event.endsAt, title: `${event.summary} (${event.provider.name})` }]
          : [],
      ),
    ];
    downloadBlob(new Blob([icsCalendar(items)], { type: 'text/calendar' }), `connettivita-${month()}.ics`);
  }

  return (
    <>
      <PageHeading title={m('calendarTitle')}>
        <p class="lead">{m('calendarIntro')}</p>
      </PageHeading>
      <nav aria-label={m('monthNavigation')} class="form-actions">
        <button type="button" class="button-secondary" onClick={() => setParams({ month: shiftMonth(month(), -1) })}>
          {m('previousMonth')}
        </button>
        <h2 id="calendar-month" aria-live="polite">
          {monthLabel()}
        </h2>
        <button type="button" class="button-secondary" onClick={() => setParams({ month: shiftMonth(month(), 1) })}>
          {m('nextMonth')}
        </button>
        <button type="button" class="button-secondary" onClick={exportIcs} disabled={!result.data}>
          {m('exportIcs')}
        </button>
      </nav>
      <ErrorNotice error={result.error} />
      <Show when={result.data}>
        <Show when={days().length > 0} fallback={<p>{m('dayEmpty')}</p>}>
          <ol class="calendar-days" aria-labelledby="calendar-month">
            <For each={days()}>
              {(day) => (
                <li>
                  <h3>
                    <time datetime={day}>{formatDate(day)}</time>
                  </h3>
                  <ul>
                    <For each={entries().filter((entry) => entry.day === day)}>{(entry) => <li data-kind={entry.kind}>{entry.text}</li>}</For>
                  </ul>
                </li>
              )}
            </For>
          </ol>
        </Show>
      </Show>
    </>
  );
}
