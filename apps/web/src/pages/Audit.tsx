// The audit trail, newest first, filtered by body, operation, outcome and period.
import {
  Badge,
  createListParams,
  createListQuery,
  DataTable,
  DateField,
  FilterForm,
  formatDateTime,
  graphql,
  PageHeading,
  rawId,
  SelectField,
  t,
  TextField,
  useShell,
} from '@gea/web-kit';
import { createMemo, For, Show } from 'solid-js';

const AuditQuery = graphql(`
  query AuditEvents($first: Int!, $after: String, $filter: AuditFilter) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      edges {
        node {
          id
          at
          actorKind
          actorLabel
          operation
          entityId
          targetType
          targetId
          outcome
          errorCode
          requestId
          input
          before
          after
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const OUTCOMES = ['SUCCESS', 'REFUSED', 'FAILED'] as const;
type Outcome = (typeof OUTCOMES)[number];

/** A day typed in the form, as the instant it starts in the browser's (Italian) time. */
const startOfDay = (day: string | undefined, plusDays = 0) => {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + plusDays);
  return date.toISOString();
};

const pretty = (json: string | null) => {
  if (!json) return null;
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
};

export default function Audit() {
  const shell = useShell();
  // The form edits a draft; the list follows the address bar, so a filtered view can be bookmarked.
  const list = createListParams({ filters: ['body', 'operation', 'outcome', 'from', 'to'], pageSize: 30 });
  const filter = createMemo(() => {
    const params = list.filters();
    const outcome = (OUTCOMES as readonly string[]).includes(params.outcome) ? (params.outcome as Outcome) : null;
    return {
      entityId: params.body || null,
      operation: params.operation.trim() || null,
      outcome,
      from: startOfDay(params.from),
      to: startOfDay(params.to, 1),
    };
  });
  const events = createListQuery({ query: AuditQuery, list, variables: () => ({ filter: filter() }), connection: (data) => data.auditEvents });
  const bodyNames = createMemo(() => new Map(shell().bodies.map((body) => [rawId(body.id), body.name])));
  const outcomeTone = (outcome: string) => (outcome === 'SUCCESS' ? 'ok' : outcome === 'REFUSED' ? 'warn' : 'off');

  return (
    <>
      <PageHeading title={t('audit.title')} />
      <FilterForm label={t('audit.filters')} list={list}>
        <SelectField
          id="audit-body"
          label={t('audit.body')}
          empty={t('common.all')}
          options={shell().bodies.map((body) => ({ value: body.id, label: body.name }))}
          {...list.field('body')}
        />
        <TextField id="audit-operation" label={t('audit.operation')} hint={t('audit.operationHint')} {...list.field('operation')} />
        <SelectField
          id="audit-outcome"
          label={t('audit.outcome')}
          empty={t('common.all')}
          options={OUTCOMES.map((value) => ({ value, label: t(`audit.outcomes.${value}`) }))}
          {...list.field('outcome')}
        />
        <DateField id="audit-from" label={t('audit.from')} {...list.field('from')} />
        <DateField id="audit-to" label={t('audit.to')} {...list.field('to')} />
      </FilterForm>
      <DataTable
        label={t('audit.title')}
        source={events}
        empty={t('audit.none')}
        pagerLabel={t('audit.paging')}
        columns={[
          { header: t('audit.at'), nowrap: true, width: 's', cell: (event) => formatDateTime(event.at) },
          { header: t('audit.actor'), breakAll: true, width: 'm', cell: (event) => event.actorLabel },
          {
            header: t('audit.operation'),
            rowHeader: true,
            width: 'm',
            cell: (event) => (
              <>
                <code>{event.operation}</code>
                <Show when={event.targetType}>
                  <span class="muted"> · {event.targetType}</span>
                </Show>
              </>
            ),
          },
          {
            header: t('audit.body'),
            width: 'm',
            cell: (event) => (event.entityId ? (bodyNames().get(event.entityId) ?? t('audit.otherBody')) : '—'),
          },
          {
            header: t('audit.outcome'),
            width: 's',
            cell: (event) => (
              <>
                <Badge tone={outcomeTone(event.outcome)}>{t(`audit.outcomes.${event.outcome}`)}</Badge>
                <Show when={event.errorCode}>
                  <span class="muted"> {event.errorCode}</span>
                </Show>
              </>
            ),
          },
          {
            header: t('audit.details'),
            width: 'l',
            cell: (event) => (
              <details>
                <summary>{t('audit.show')}</summary>
                <dl class="audit-details">
                  <dt>{t('audit.request')}</dt>
                  <dd>
                    <code>{event.requestId}</code>
                  </dd>
                  <For
                    each={[
                      [t('audit.input'), pretty(event.input)],
                      [t('audit.before'), pretty(event.before)],
                      [t('audit.after'), pretty(event.after)],
                    ] as const}
                  >
                    {([label, value]) => (
                      <Show when={value}>
                        <dt>{label}</dt>
                        <dd>
                          <pre>{value}</pre>
                        </dd>
                      </Show>
                    )}
                  </For>
                </dl>
              </details>
            ),
          },
        ]}
      />
    </>
  );
}
