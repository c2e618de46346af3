// The audit trail, newest first, filtered by body, operation, outcome and period.
import { useSearchParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import { rawId } from '../access.ts';
import { formatDateTime } from '../format.ts';
import { graphql } from '../graphql.ts';
import { t } from '../i18n/index.ts';
import { useShell } from '../shell/context.tsx';
import { Badge, createCursorPaging, ErrorNotice, Loading, PageHeading, Pager, SelectField, TableWrap, TextField } from '../ui/index.tsx';

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
type Filters = { body?: string; operation?: string; outcome?: string; from?: string; to?: string };

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
  const [params, setParams] = useSearchParams<Filters>();
  // The form edits a draft; the list follows the address bar, so a filtered view can be bookmarked.
  const [draft, setDraft] = createSignal<Filters>({ ...params });
  const filter = createMemo(() => {
    const outcome = (OUTCOMES as readonly string[]).includes(params.outcome ?? '') ? (params.outcome as Outcome) : null;
    return {
      entityId: params.body || null,
      operation: params.operation?.trim() || null,
      outcome,
      from: startOfDay(params.from),
      to: startOfDay(params.to, 1),
    };
  });
  const paging = createCursorPaging();
  createEffect(on(filter, () => paging.reset(), { defer: true }));
  const [result] = createQuery({ query: AuditQuery, variables: () => ({ first: 30, after: paging.after(), filter: filter() }) });
  const bodyNames = createMemo(() => new Map(shell().bodies.map((body) => [rawId(body.id), body.name])));
  const set = (key: keyof Filters) => (value: string) => setDraft({ ...draft(), [key]: value });
  const outcomeTone = (outcome: string) => (outcome === 'SUCCESS' ? 'ok' : outcome === 'REFUSED' ? 'warn' : 'off');

  return (
    <>
      <PageHeading title={t('audit.title')} />
      <form
        class="filters"
        role="search"
        aria-label={t('audit.filters')}
        onSubmit={(event) => {
          event.preventDefault();
          const next = draft();
          setParams({
            body: next.body || undefined,
            operation: next.operation?.trim() || undefined,
            outcome: next.outcome || undefined,
            from: next.from || undefined,
            to: next.to || undefined,
          });
        }}
      >
        <SelectField
          id="audit-body"
          label={t('audit.body')}
          value={draft().body ?? ''}
          empty={t('common.all')}
          options={shell().bodies.map((body) => ({ value: body.id, label: body.name }))}
          onValue={set('body')}
        />
        <TextField id="audit-operation" label={t('audit.operation')} hint={t('audit.operationHint')} value={draft().operation ?? ''} onValue={set('operation')} />
        <SelectField
          id="audit-outcome"
          label={t('audit.outcome')}
          value={draft().outcome ?? ''}
          empty={t('common.all')}
          options={OUTCOMES.map((value) => ({ value, label: t(`audit.outcomes.${value}`) }))}
          onValue={set('outcome')}
        />
        <TextField id="audit-from" type="date" label={t('audit.from')} value={draft().from ?? ''} onValue={set('from')} />
        <TextField id="audit-to" type="date" label={t('audit.to')} value={draft().to ?? ''} onValue={set('to')} />
        <div class="form-actions">
          <button type="submit" class="button-primary">
            {t('common.filter')}
          </button>
          <button
            type="button"
            class="button-secondary"
            onClick={() => {
              setDraft({});
              setParams({ body: undefined, operation: undefined, outcome: undefined, from: undefined, to: undefined });
            }}
          >
            {t('common.clearFilters')}
          </button>
        </div>
      </form>
      <ErrorNotice error={result.error} />
      <Show when={result.data} fallback={<Show when={!result.error}><Loading /></Show>}>
        {(data) => (
          <>
            <TableWrap label={t('audit.title')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.at')}</th>
                    <th scope="col">{t('audit.actor')}</th>
                    <th scope="col">{t('audit.operation')}</th>
                    <th scope="col">{t('audit.body')}</th>
                    <th scope="col">{t('audit.outcome')}</th>
                    <th scope="col">{t('audit.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={data().auditEvents.edges.map((edge) => edge.node)} fallback={<tr><td colspan="6">{t('audit.none')}</td></tr>}>
                    {(node) => (
                      <tr>
                        <td class="nowrap">{formatDateTime(node.at)}</td>
                        <td class="break">{node.actorLabel}</td>
                        <th scope="row">
                          <code>{node.operation}</code>
                          <Show when={node.targetType}>
                            <span class="muted"> · {node.targetType}</span>
                          </Show>
                        </th>
                        <td>{node.entityId ? (bodyNames().get(node.entityId) ?? t('audit.otherBody')) : '—'}</td>
                        <td>
                          <Badge tone={outcomeTone(node.outcome)}>{t(`audit.outcomes.${node.outcome}`)}</Badge>
                          <Show when={node.errorCode}>
                            <span class="muted"> {node.errorCode}</span>
                          </Show>
                        </td>
                        <td>
                          <details>
                            <summary>{t('audit.show')}</summary>
                            <dl class="audit-details">
                              <dt>{t('audit.request')}</dt>
                              <dd>
                                <code>{node.requestId}</code>
                              </dd>
                              <For
                                each={[
                                  [t('audit.input'), pretty(node.input)],
                                  [t('audit.before'), pretty(node.before)],
                                  [t('audit.after'), pretty(node.after)],
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
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableWrap>
            <Pager paging={paging} pageInfo={data().auditEvents.pageInfo} label={t('audit.paging')} />
          </>
        )}
      </Show>
    </>
  );
}
