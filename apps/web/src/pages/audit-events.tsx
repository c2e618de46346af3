// Audit events as a person reads them: the operation in words, the bodies it concerns by name, why it
// failed in words, and what changed as a before/after table (bodies by name, secrets hidden, no ids).
import { Badge, DataTable, formatDate, formatDateTime, formatEuroCents, locale, operationName, rawId, t, translateErrorCode, useShell, type Column, type ListSource } from '@gea/web-kit';
import { createMemo, For, Show } from 'solid-js';

export interface AuditEventRow {
  id: string;
  at: string;
  actorLabel: string;
  operation: string;
  entityIds: readonly string[];
  outcome: string;
  errorCode: string | null;
  input: string | null;
  before: string | null;
  after: string | null;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const BODY_KEY = /^(entityIds?|[a-z]+EntityIds?)$/;
const ENTITY_KINDS = { MUNICIPALITY: 1, UNION: 1, PROVINCE: 1, OTHER: 1 } as const;
const ROLES = { ICT_HEAD: 1, ICT_STAFF: 1, REFERENT: 1, WEB_EDITOR: 1, BOARD_MEMBER: 1 } as const;
/** Bookkeeping of every record, not what the person changed. */
const NOISE = new Set(['id', 'createdAt', 'updatedAt', 'version', 'expectedVersion', 'clientMutationId']);

const parse = (json: string | null): Record<string, unknown> | null => {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return null;
  }
};

/**
 * One level of plain fields: the mutation's `input` object is spread into its fields, nested objects
 * become `parent › child`.
 */
function flatten(record: Record<string, unknown> | null, prefix = ''): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  if (!record) return fields;
  for (const [key, value] of Object.entries(record)) {
    if (NOISE.has(key)) continue;
    // A record's bodies kept as the ids of its `entities` rows: the same field as `entityIds`.
    if (key === 'entities' && Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      fields.set(`${prefix}entityIds`, value);
      continue;
    }
    const isGlobalId = value && typeof value === 'object' && 'typename' in value && 'id' in value;
    if (value && typeof value === 'object' && !Array.isArray(value) && !isGlobalId) {
      for (const [inner, innerValue] of flatten(value as Record<string, unknown>, key === 'input' && !prefix ? '' : `${prefix}${key}.`)) fields.set(inner, innerValue);
    } else {
      fields.set(`${prefix}${key}`, value);
    }
  }
  return fields;
}

/** A field's name in words: the known ones from the dictionary, the others from their camelCase. */
export function fieldLabel(path: string): string {
  return path
    .split('.')
    .map((key) => {
      const known = (t as unknown as (key: string) => string | undefined)(`audit.fields.${key}`);
      if (typeof known === 'string' && known) return known;
      const words = key.replace(/Ids?$/, '').replace(/Cents$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
      return words.charAt(0).toUpperCase() + words.slice(1);
    })
    .join(' › ');
}

export function AuditDetails(props: { event: AuditEventRow; bodyName: (id: string) => string }) {
  const shown = (key: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((item) => shown(key, item)).join(', ');
    if (typeof value === 'object') {
      const ref = value as { typename?: string; id?: string };
      if (ref.typename === 'Entity' && typeof ref.id === 'string') return props.bodyName(ref.id);
      return t('audit.linkedRecord');
    }
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    const leaf = key.split('.').at(-1)!;
    if (typeof value === 'number') return /Cents$/.test(leaf) ? formatEuroCents(value) : String(value);
    const text = String(value);
    if (text === '(hidden)') return t('audit.hidden');
    const size = /^\((\d+) (characters|bytes)\)$/.exec(text);
    if (size) return t(size[2] === 'bytes' ? 'audit.bytes' : 'audit.characters', { n: size[1]! });
    if (BODY_KEY.test(leaf) && UUID.test(text)) return props.bodyName(text);
    if (/Cents$/.test(leaf) && /^-?\d+$/.test(text)) return formatEuroCents(Number(text));
    // The core's own values in words (kinds of body, roles); other codes as the API names them.
    if (leaf === 'kind' && text in ENTITY_KINDS) return t(`entityKinds.${text as keyof typeof ENTITY_KINDS}`);
    if (leaf === 'role' && text in ROLES) return t(`roles.${text as keyof typeof ROLES}`);
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return formatDate(text);
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return /T00:00:00(\.000)?Z$/.test(text) ? formatDate(text.slice(0, 10)) : formatDateTime(text);
    // Ids of records the client cannot name here: said, not shown.
    if (UUID.test(text)) return t('audit.linkedRecord');
    return text;
  };

  /** `change`: before and after; `created` / `removed`: one side only; `sent`: what was sent (a failure). */
  const table = createMemo(() => {
    const before = flatten(parse(props.event.before));
    const after = flatten(parse(props.event.after));
    if (before.size === 0 && after.size === 0) {
      const sent = flatten(parse(props.event.input));
      return { mode: 'sent' as const, rows: [...sent].map(([key, value]) => ({ key, before: '', after: shown(key, value) })) };
    }
    // A creation: what it returned, and what was sent that the returned record does not show (the
    // bodies of a contract, a relation).
    if (before.size === 0) for (const [key, value] of flatten(parse(props.event.input))) if (!after.has(key)) after.set(key, value);
    const mode = before.size === 0 ? ('created' as const) : after.size === 0 ? ('removed' as const) : ('change' as const);
    const keys = mode === 'change' ? [...after.keys()] : [...new Set([...before.keys(), ...after.keys()])];
    const rows = keys
      .filter((key) => JSON.stringify(before.get(key) ?? null) !== JSON.stringify(after.get(key) ?? null))
      .map((key) => ({ key, before: shown(key, before.get(key)), after: shown(key, after.get(key)) }));
    return { mode, rows };
  });
  const caption = () => t(table().mode === 'change' ? 'audit.changesCaption' : table().mode === 'sent' ? 'audit.sentCaption' : table().mode === 'created' ? 'audit.createdCaption' : 'audit.removedCaption');

  return (
    <details class="audit-details">
      <summary>{t('audit.show')}</summary>
      <Show when={props.event.errorCode}>{(code) => <p>{t('audit.why', { reason: translateErrorCode(code()) })}</p>}</Show>
      <Show when={table().rows.length > 0} fallback={<p class="muted">{t('audit.noChanges')}</p>}>
        <table class="audit-changes">
          <caption class="visually-hidden">{caption()}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.field')}</th>
              <Show when={table().mode === 'change' || table().mode === 'removed'}>
                <th scope="col">{t('audit.before')}</th>
              </Show>
              <Show when={table().mode !== 'removed'}>
                <th scope="col">{table().mode === 'sent' ? t('audit.input') : t('audit.after')}</th>
              </Show>
            </tr>
          </thead>
          <tbody>
            <For each={table().rows}>
              {(row) => (
                <tr>
                  <th scope="row">{fieldLabel(row.key)}</th>
                  <Show when={table().mode === 'change' || table().mode === 'removed'}>
                    <td>{row.before}</td>
                  </Show>
                  <Show when={table().mode !== 'removed'}>
                    <td>{row.after}</td>
                  </Show>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </details>
  );
}

/** The events as a table; `showBodies: false` on a body's own page. */
export function AuditEventTable(props: {
  label: string;
  empty: string;
  source?: ListSource<AuditEventRow>;
  rows?: readonly AuditEventRow[] | undefined;
  pagerLabel?: string;
  showBodies?: boolean;
}) {
  const shell = useShell();
  const bodyNames = createMemo(() => new Map(shell().bodies.map((body) => [rawId(body.id), body.name])));
  const bodyName = (id: string) => bodyNames().get(id) ?? t('audit.otherBody');
  const outcomeTone = (outcome: string) => (outcome === 'SUCCESS' ? 'ok' : outcome === 'REFUSED' ? 'warn' : 'off');
  const columns = (): Column<AuditEventRow>[] => [
    // Not kept on one line: on a phone the date and the time go on two.
    { header: t('audit.at'), width: 's', phone: true, cell: (event) => formatDateTime(event.at) },
    { header: t('audit.actor'), breakAll: true, width: 'm', cell: (event) => event.actorLabel },
    { header: t('audit.operation'), rowHeader: true, width: 'm', phone: true, cell: (event) => operationName(event.operation, locale()) },
    {
      header: t('audit.bodies'),
      width: 'm',
      hidden: props.showBodies === false,
      cell: (event) => (event.entityIds.length > 0 ? event.entityIds.map(bodyName).join(', ') : '—'),
    },
    {
      header: t('audit.outcome'),
      width: 's',
      phone: true,
      cell: (event) => (
        <>
          <Badge tone={outcomeTone(event.outcome)}>{t(`audit.outcomes.${event.outcome}` as 'audit.outcomes.SUCCESS')}</Badge>
          <Show when={event.errorCode}>{(code) => <span class="muted"> {translateErrorCode(code())}</span>}</Show>
        </>
      ),
    },
    // On a phone: when, what and how it went; the details need a wider screen.
    { header: t('audit.details'), width: 'xl', cell: (event) => <AuditDetails event={event} bodyName={bodyName} /> },
  ];
  return (
    <DataTable
      label={props.label}
      columns={columns()}
      empty={props.empty}
      {...(props.source ? { source: props.source } : { rows: props.rows })}
      {...(props.pagerLabel ? { pagerLabel: props.pagerLabel } : {})}
    />
  );
}
