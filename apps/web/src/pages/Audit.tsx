// The audit trail, newest first, filtered by body, operation, outcome and period.
import {
  createListParams,
  createListQuery,
  DateField,
  FilterForm,
  graphql,
  locale,
  operationLabels,
  PageHeading,
  SelectField,
  t,
  TextField,
  useShell,
} from '@gea/web-kit';
import { createMemo, For } from 'solid-js';
import { AuditEventTable } from './audit-events.tsx';

const AuditQuery = graphql(`
  query AuditEvents($first: Int!, $after: String, $filter: AuditFilter) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      edges {
        node {
          id
          at
          actorLabel
          operation
          entityIds
          outcome
          errorCode
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

export default function Audit() {
  const shell = useShell();
  // The form edits a draft; the list follows the address bar, so a filtered view can be bookmarked.
  const list = createListParams({ filters: ['body', 'operation', 'outcome', 'from', 'to'], pageSize: 30 });
  // Operations are picked by their words; the API filters by the mutation's name.
  const operations = createMemo(() => operationLabels().map(([name, label]) => ({ name, words: label[locale()] })).sort((a, b) => a.words.localeCompare(b.words)));
  const operationNamed = (typed: string) => {
    const text = typed.trim();
    return operations().find((operation) => operation.words.toLowerCase() === text.toLowerCase())?.name ?? text;
  };
  const filter = createMemo(() => {
    const params = list.filters();
    const outcome = (OUTCOMES as readonly string[]).includes(params.outcome) ? (params.outcome as Outcome) : null;
    return {
      entityId: params.body || null,
      operation: operationNamed(params.operation) || null,
      outcome,
      from: startOfDay(params.from),
      to: startOfDay(params.to, 1),
    };
  });
  const events = createListQuery({ query: AuditQuery, list, variables: () => ({ filter: filter() }), connection: (data) => data.auditEvents });

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
        <TextField id="audit-operation" list="audit-operations" label={t('audit.operationWords')} hint={t('audit.operationWordsHint')} {...list.field('operation')} />
        <datalist id="audit-operations">
          <For each={operations()}>{(operation) => <option value={operation.words} />}</For>
        </datalist>
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
      <AuditEventTable label={t('audit.title')} source={events} empty={t('audit.none')} pagerLabel={t('audit.paging')} />
    </>
  );
}
