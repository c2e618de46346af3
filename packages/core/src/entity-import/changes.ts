// ISTAT's "Variazioni amministrative e territoriali dal 1991" as published (semicolons,
// Windows-1252, CRLF, dates dd/mm/yyyy): the events that change the bodies GEA already has. AP (change
// of province: a new ISTAT code) becomes code history with its date; ES (a municipality ceased, by
// merger or incorporation) records the ceased body and its successor. Other events (renames, boundary
// changes, new municipalities) are skipped: the current list of municipalities carries their result.
import type { Prisma } from '@gea/db';
import type { CsvRecord } from '../csv/records.ts';
import type { ImportIssue } from './issues.ts';
import { isPlaceholder, normalizeHeader } from './layouts.ts';

export const CHANGE_COLUMNS = {
  kind: 'Tipo variazione',
  code: 'Codice Comune formato alfanumerico',
  name: 'Denominazione Comune',
  // Published with a trailing space; matched without it.
  associated: 'Codice del Comune associato alla variazione o nuovo codice Istat del Comune',
  associatedName: 'Denominazione Comune associata alla variazione o nuova denominazione',
  date: 'Data decorrenza validità amministrativa',
} as const;

export const isChangesHeader = (header: readonly string[]): boolean => {
  const cells = new Set(header.map(normalizeHeader));
  return [CHANGE_COLUMNS.kind, CHANGE_COLUMNS.code, CHANGE_COLUMNS.associated, CHANGE_COLUMNS.date].every((name) => cells.has(normalizeHeader(name)));
};

export interface ChangeEvent {
  line: number;
  kind: 'AP' | 'ES';
  code: string;
  name: string;
  associated: string;
  associatedName: string;
  /** YYYY-MM-DD */
  date: string;
}

/** "30/06/2009" as 2009-06-30, or null. */
function isoOf(day: string): string | null {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(day.trim());
  if (!match) return null;
  const iso = `${match[3]}-${match[2]}-${match[1]}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || !date.toISOString().startsWith(iso) ? null : iso;
}

/** The AP and ES events of the file, each checked; other events are counted as skipped. */
export function readChangeEvents(header: readonly string[], records: readonly CsvRecord[]): { events: ChangeEvent[]; skipped: number; issues: ImportIssue[] } {
  const index = new Map(header.map((cell, i) => [normalizeHeader(cell), i] as const));
  const at = (name: string) => index.get(normalizeHeader(name))!;
  const events: ChangeEvent[] = [];
  const issues: ImportIssue[] = [];
  let skipped = 0;
  for (const record of records) {
    const cell = (name: string) => (index.has(normalizeHeader(name)) ? (record.fields[at(name)] ?? '').trim() : '');
    const kind = cell(CHANGE_COLUMNS.kind).toUpperCase();
    if (kind !== 'AP' && kind !== 'ES') {
      skipped++;
      continue;
    }
    const problems: ImportIssue[] = [];
    const check = (column: string, value: string, valid: boolean, what: string) => {
      if (isPlaceholder(value)) problems.push({ line: record.line, column, message: `"${column}" holds the placeholder "${value}" instead of a value` });
      else if (!valid) problems.push({ line: record.line, column, message: `"${column}" "${value}" ${what}` });
    };
    const code = cell(CHANGE_COLUMNS.code);
    const associated = cell(CHANGE_COLUMNS.associated);
    const day = cell(CHANGE_COLUMNS.date);
    const date = isoOf(day);
    check(CHANGE_COLUMNS.code, code, /^\d{6}$/.test(code), 'must be 6 digits');
    check(CHANGE_COLUMNS.associated, associated, /^\d{6}$/.test(associated), 'must be 6 digits');
    check(CHANGE_COLUMNS.date, day, date !== null, 'must be a date written dd/mm/yyyy');
    if (problems.length > 0) issues.push(...problems);
    else events.push({ line: record.line, kind, code, name: cell(CHANGE_COLUMNS.name), associated, associatedName: cell(CHANGE_COLUMNS.associatedName), date: date! });
  }
  return { events, skipped, issues };
}

export interface ChangesPlan {
  codeChanges: Prisma.EntityCodeChangeCreateManyInput[];
  /** New ISTAT codes to set on bodies (the latest AP of each body). */
  codeUpdates: { entityId: string; istatCode: string }[];
  successions: { entityId: string; successorId: string; ceasedOn: Date }[];
  /** Events about municipalities that are not bodies of GEA. */
  notInGea: number;
  issues: ImportIssue[];
}

/**
 * What the events change in GEA's bodies, in date order: a body is found by its current ISTAT code
 * or by a former one (an AP earlier in the file or in the stored history). Already recorded events
 * change nothing, so a second import of the same file writes nothing.
 */
export async function planChanges(prisma: Prisma.TransactionClient, events: readonly ChangeEvent[]): Promise<ChangesPlan> {
  const ordered = [...events].sort((a, b) => a.date.localeCompare(b.date) || a.line - b.line);
  const codes = [...new Set(ordered.flatMap((e) => [e.code, e.associated]))];
  const bodies = await prisma.entity.findMany({ where: { istatCode: { in: codes } }, select: { id: true, istatCode: true, ceasedOn: true, successorId: true } });
  const history = await prisma.entityCodeChange.findMany({ where: { kind: 'ISTAT', OR: [{ oldCode: { in: codes } }, { newCode: { in: codes } }] } });
  const byCode = new Map<string, string>();
  for (const change of history) {
    byCode.set(change.oldCode, change.entityId);
    byCode.set(change.newCode, change.entityId);
  }
  for (const body of bodies) byCode.set(body.istatCode!, body.id);
  const stored = new Map(bodies.map((b) => [b.id, b]));
  const recorded = new Set(history.map((h) => `${h.entityId}:${h.oldCode}>${h.newCode}`));
  const plan: ChangesPlan = { codeChanges: [], codeUpdates: [], successions: [], notInGea: 0, issues: [] };
  const latestCode = new Map<string, string>();
  for (const event of ordered) {
    const entityId = byCode.get(event.code);
    if (!entityId) {
      plan.notInGea++;
      continue;
    }
    if (event.kind === 'AP') {
      byCode.set(event.associated, entityId);
      latestCode.set(entityId, event.associated);
      if (!recorded.has(`${entityId}:${event.code}>${event.associated}`)) {
        recorded.add(`${entityId}:${event.code}>${event.associated}`);
        plan.codeChanges.push({ entityId, kind: 'ISTAT', oldCode: event.code, newCode: event.associated, changedOn: new Date(`${event.date}T00:00:00Z`), source: `ISTAT, variazioni amministrative, line ${event.line}` });
      }
      continue;
    }
    const successorId = byCode.get(event.associated);
    if (!successorId) {
      plan.issues.push({
        line: event.line,
        column: CHANGE_COLUMNS.associated,
        message: `${event.name} (${event.code}) ceased into ${event.associatedName || event.associated} (${event.associated}), which is not a body of GEA: import the current list of municipalities first`,
      });
      continue;
    }
    const ceasedOn = new Date(`${event.date}T00:00:00Z`);
    const body = stored.get(entityId);
    if (body?.successorId === successorId && body.ceasedOn?.getTime() === ceasedOn.getTime()) continue;
    plan.successions.push({ entityId, successorId, ceasedOn });
  }
  for (const [entityId, istatCode] of latestCode) {
    if (stored.get(entityId)?.istatCode !== istatCode) plan.codeUpdates.push({ entityId, istatCode });
  }
  return plan;
}

export async function applyChanges(tx: Prisma.TransactionClient, plan: ChangesPlan): Promise<void> {
  if (plan.codeChanges.length > 0) await tx.entityCodeChange.createMany({ data: plan.codeChanges, skipDuplicates: true });
  for (const update of plan.codeUpdates) await tx.entity.update({ where: { id: update.entityId }, data: { istatCode: update.istatCode } });
  for (const succession of plan.successions) {
    await tx.entity.update({ where: { id: succession.entityId }, data: { ceasedOn: succession.ceasedOn, successorId: succession.successorId } });
  }
}
