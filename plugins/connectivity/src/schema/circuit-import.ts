// importCircuits: circuits from a CSV file (Italian headers, English aliases), all or nothing.
import {
  auditConcerns,
  ConflictError,
  coreRefs,
  detectDelimiter,
  formatIssue,
  GeaError,
  isModuleEnabledFor,
  isUniqueViolation,
  normalizeCsvText,
  readCsvRecords,
  type GeaBuilder,
  type GeaContext,
  type ImportIssue,
} from '@gea/core';
import type { CircuitStatus, CircuitTechnology, CircuitType, ServiceWindow } from '@gea/db';
import { circuitIssues } from '../rules/circuit.ts';
import {
  circuitImportColumns,
  columnOfHeader,
  parseCircuitType,
  parseDay,
  parseEuroCents,
  parsePercentHundredths,
  parseServiceWindow,
  parseStatus,
  parseTechnology,
  parseWholeNumber,
  requiredColumns,
  splitAddresses,
  type Cell,
  type CircuitImportColumn,
} from '../rules/circuit-import.ts';
import { scopes } from '../scopes.ts';

export const MAX_CSV_CHARACTERS = 2_000_000;
export const MAX_ROWS = 5_000;

/** The file cannot be imported as it is; nothing was written. Every problem, by line and column. */
export class CircuitImportError extends GeaError {
  readonly issues: ImportIssue[];
  constructor(issues: ImportIssue[]) {
    const sorted = [...issues].sort((a, b) => a.line - b.line);
    const shown = sorted.slice(0, 3).map(formatIssue).join('; ');
    super('BAD_USER_INPUT', `the file has ${sorted.length} problem(s), nothing was imported: ${shown}${sorted.length > 3 ? '; ...' : ''}`);
    this.issues = sorted;
  }
}

interface Summary {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
}

/** The values a row gives; null where the cell is empty (an existing circuit keeps its value). */
interface Row {
  line: number;
  provider: string;
  cid: string;
  body: string;
  site: string | null;
  account: string | null;
  type: CircuitType | null;
  technology: CircuitTechnology | null;
  status: CircuitStatus | null;
  downloadKbps: number | null;
  uploadKbps: number | null;
  guaranteedDownloadKbps: number | null;
  guaranteedUploadKbps: number | null;
  publicIpAddresses: string[] | null;
  installedOn: Date | null;
  terminatedOn: Date | null;
  slaAvailabilityHundredths: number | null;
  slaRestoreHours: number | null;
  slaServiceWindow: ServiceWindow | null;
  monthlyCostCents: number | null;
  yearlyCostCents: number | null;
  oneOffCostCents: number | null;
  vatRateBasisPoints: number | null;
  description: string | null;
}

/** The column of the file that holds each field of a circuit, for messages about values. */
const columnOfField: Record<string, CircuitImportColumn> = {
  guaranteedDownloadKbps: 'banda_garantita_down_kbps',
  guaranteedUploadKbps: 'banda_garantita_up_kbps',
  publicIpAddresses: 'indirizzi_ip',
  installedOn: 'data_attivazione',
  terminatedOn: 'data_cessazione',
};

const fold = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/** Reads the file's header and rows; every problem of shape or value, by line and column. */
function readRows(input: string): { rows: Row[]; issues: ImportIssue[]; headerOf: (column: CircuitImportColumn) => string } {
  const issues: ImportIssue[] = [];
  const header = new Map<CircuitImportColumn, { index: number; name: string }>();
  const headerOf = (column: CircuitImportColumn) => header.get(column)?.name ?? column;
  if (input.length > MAX_CSV_CHARACTERS) {
    return { rows: [], issues: [{ line: 1, column: null, message: `the file has more than ${MAX_CSV_CHARACTERS.toLocaleString('en')} characters` }], headerOf };
  }
  const text = normalizeCsvText(input);
  if (text.trim() === '') return { rows: [], issues: [{ line: 1, column: null, message: 'the file is empty' }], headerOf };
  const read = readCsvRecords(text, detectDelimiter(text), MAX_ROWS + 1);
  if (read.tooMany) return { rows: [], issues: [{ line: 1, column: null, message: `the file has more than ${MAX_ROWS.toLocaleString('en')} rows: split it` }], headerOf };
  issues.push(...read.issues);
  const [first, ...data] = read.records;
  if (!first) return { rows: [], issues, headerOf };
  first.fields.forEach((name, index) => {
    if (name.trim() === '') return;
    const column = columnOfHeader(name);
    if (!column) issues.push({ line: first.line, column: name.trim(), message: `unknown column "${name.trim()}" (known: ${Object.keys(circuitImportColumns).join(', ')})` });
    else if (header.has(column)) issues.push({ line: first.line, column: name.trim(), message: `column "${name.trim()}" repeats ${header.get(column)!.name}` });
    else header.set(column, { index, name: name.trim() });
  });
  const missing = requiredColumns.filter((column) => !header.has(column));
  if (missing.length > 0) issues.push({ line: first.line, column: null, message: `missing column(s): ${missing.join(', ')}` });
  if (issues.some((issue) => issue.line === first.line)) return { rows: [], issues, headerOf };

  const rows: Row[] = [];
  for (const record of data) {
    const problem = (column: CircuitImportColumn, message: string) => issues.push({ line: record.line, column: headerOf(column), message });
    const cell = (column: CircuitImportColumn): string | null => {
      const at = header.get(column);
      const value = at ? (record.fields[at.index] ?? '').trim() : '';
      return value === '' ? null : value;
    };
    const required = (column: CircuitImportColumn): string => {
      const value = cell(column);
      if (value === null) problem(column, 'is required');
      return value ?? '';
    };
    const parsed = <T>(column: CircuitImportColumn, parse: (text: string) => Cell<T>): T | null => {
      const value = cell(column);
      if (value === null) return null;
      const result = parse(value);
      if (!result.ok) {
        problem(column, result.message);
        return null;
      }
      return result.value;
    };
    const vat = parsed('aliquota_iva', parsePercentHundredths);
    rows.push({
      line: record.line,
      provider: required('fornitore'),
      cid: required('codice_circuito'),
      body: required('ente'),
      site: cell('sede'),
      account: cell('codice_cliente'),
      type: parsed('tipo', parseCircuitType),
      technology: parsed('tecnologia', parseTechnology),
      status: parsed('stato', parseStatus),
      downloadKbps: parsed('banda_down_kbps', (t) => parseWholeNumber(t)),
      uploadKbps: parsed('banda_up_kbps', (t) => parseWholeNumber(t)),
      guaranteedDownloadKbps: parsed('banda_garantita_down_kbps', (t) => parseWholeNumber(t)),
      guaranteedUploadKbps: parsed('banda_garantita_up_kbps', (t) => parseWholeNumber(t)),
      publicIpAddresses: parsed('indirizzi_ip', (t) => ({ ok: true, value: splitAddresses(t).map((a) => a.toLowerCase()) })),
      installedOn: parsed('data_attivazione', parseDay),
      terminatedOn: parsed('data_cessazione', parseDay),
      slaAvailabilityHundredths: parsed('sla_disponibilita', parsePercentHundredths),
      slaRestoreHours: parsed('sla_ripristino_ore', (t) => parseWholeNumber(t, 8_760)),
      slaServiceWindow: parsed('sla_finestra', parseServiceWindow),
      monthlyCostCents: parsed('costo_mensile', parseEuroCents),
      yearlyCostCents: parsed('costo_annuale', parseEuroCents),
      oneOffCostCents: parsed('costo_una_tantum', parseEuroCents),
      // A percentage: 22 (or 22,00) is 2200 basis points, the hundredths of a percent.
      vatRateBasisPoints: vat,
      description: cell('descrizione'),
    });
  }
  return { rows, issues, headerOf };
}

/** Checks the whole file against the database, then (unless a dry run or any problem) writes it. In the mutation's transaction. */
export async function importCircuitFile(context: GeaContext, input: string, dryRun: boolean): Promise<{ summary: Summary; entityIds: string[] }> {
  const { prisma, actor } = context;
  const { rows, issues, headerOf } = readRows(input);
  const problem = (line: number, column: CircuitImportColumn | null, message: string) =>
    issues.push({ line, column: column ? headerOf(column) : null, message });

  const [providers, bodies] = await Promise.all([
    prisma.connectivityProvider.findMany({ select: { id: true, name: true } }),
    rows.length > 0
      ? prisma.entity.findMany({
          where: { OR: [{ istatCode: { in: rows.map((r) => r.body) } }, { name: { in: rows.map((r) => r.body), mode: 'insensitive' } }] },
          select: { id: true, name: true, istatCode: true },
        })
      : [],
  ]);
  const providerByName = new Map(providers.map((p) => [fold(p.name), p]));
  // Bodies the actor cannot see are treated as absent, so the messages say nothing the file does not.
  const visible = bodies.filter((b) => actor.can('core:entities:read', b.id) || actor.can(scopes.read, b.id));
  const writable = visible.filter((b) => actor.can(scopes.write, b.id));
  const flags = await Promise.all(writable.map((b) => isModuleEnabledFor(context, scopes.write, b.id)));
  const enabled = new Set(writable.filter((_, i) => flags[i]).map((b) => b.id));

  const resolved: { row: Row; providerId: string; entityId: string }[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (!row.provider || !row.cid || !row.body) continue;
    const provider = providerByName.get(fold(row.provider));
    if (!provider) problem(row.line, 'fornitore', `there is no provider named "${row.provider}": record it first`);
    const matches = visible.filter((b) => b.istatCode === row.body || fold(b.name) === fold(row.body));
    let entityId: string | null = null;
    if (matches.length === 0) problem(row.line, 'ente', `there is no body "${row.body}" among those you may see`);
    else if (matches.length > 1) problem(row.line, 'ente', `"${row.body}" names ${matches.length} bodies: give the ISTAT code`);
    else if (!actor.can(scopes.write, matches[0]!.id)) problem(row.line, 'ente', `you may not change the connectivity of ${matches[0]!.name}`);
    else if (!enabled.has(matches[0]!.id)) problem(row.line, 'ente', `the connectivity module is not enabled for ${matches[0]!.name}`);
    else entityId = matches[0]!.id;
    if (!provider || !entityId) continue;
    const key = `${provider.id}|${row.cid.toLowerCase()}`;
    if (seen.has(key)) {
      problem(row.line, 'codice_circuito', `circuit ${row.cid} of ${provider.name} is also on line ${seen.get(key)}`);
      continue;
    }
    seen.set(key, row.line);
    resolved.push({ row, providerId: provider.id, entityId });
  }

  const entityIds = [...new Set(resolved.map((r) => r.entityId))];
  const [existing, sites, accounts] = await Promise.all([
    resolved.length > 0
      ? prisma.circuit.findMany({ where: { OR: resolved.map((r) => ({ providerId: r.providerId, cid: r.row.cid })) } })
      : [],
    resolved.some((r) => r.row.site) ? prisma.site.findMany({ where: { entityId: { in: entityIds } }, select: { id: true, entityId: true, name: true } }) : [],
    resolved.some((r) => r.row.account)
      ? prisma.providerAccount.findMany({ where: { providerId: { in: resolved.map((r) => r.providerId) } }, select: { id: true, providerId: true, entityId: true, accountNumber: true } })
      : [],
  ]);
  const existingOf = (providerId: string, cid: string) => existing.find((c) => c.providerId === providerId && c.cid === cid);

  const writes: { line: number; id: string | null; providerId: string; entityId: string; siteId: string | null; data: ReturnType<typeof merged> }[] = [];
  function merged(row: Row, before: (typeof existing)[number] | undefined, accountId: string | null | undefined) {
    const pick = <K extends keyof Row & keyof NonNullable<typeof before>>(key: K, fallback: NonNullable<typeof before>[K] | Row[K]) =>
      (row[key] ?? (before ? before[key] : fallback)) as NonNullable<typeof before>[K];
    return {
      cid: row.cid,
      type: pick('type', null),
      technology: pick('technology', null),
      status: pick('status', null),
      providerAccountId: accountId === undefined ? (before?.providerAccountId ?? null) : accountId,
      downloadKbps: pick('downloadKbps', null),
      uploadKbps: pick('uploadKbps', null),
      guaranteedDownloadKbps: pick('guaranteedDownloadKbps', null),
      guaranteedUploadKbps: pick('guaranteedUploadKbps', null),
      publicIpAddresses: pick('publicIpAddresses', []),
      installedOn: pick('installedOn', null),
      terminatedOn: pick('terminatedOn', null),
      slaAvailabilityHundredths: pick('slaAvailabilityHundredths', null),
      slaRestoreHours: pick('slaRestoreHours', null),
      slaServiceWindow: pick('slaServiceWindow', null),
      monthlyCostCents: row.monthlyCostCents ?? (before ? before.monthlyCostCents : 0),
      yearlyCostCents: row.yearlyCostCents ?? (before ? before.yearlyCostCents : 0),
      oneOffCostCents: row.oneOffCostCents ?? (before ? before.oneOffCostCents : 0),
      vatRateBasisPoints: pick('vatRateBasisPoints', 2200),
      description: pick('description', null),
    };
  }
  for (const { row, providerId, entityId } of resolved) {
    const before = existingOf(providerId, row.cid);
    const count = issues.length;
    if (before && before.entityId !== entityId) problem(row.line, 'ente', `circuit ${row.cid} is recorded for another body: a circuit does not change body`);
    let siteId: string | null = null;
    if (row.site) {
      const site = sites.filter((s) => s.entityId === entityId && fold(s.name) === fold(row.site!));
      if (site.length !== 1) problem(row.line, 'sede', site.length === 0 ? `the body has no site named "${row.site}"` : `the body has ${site.length} sites named "${row.site}"`);
      else siteId = site[0]!.id;
    }
    let accountId: string | null | undefined;
    if (row.account) {
      const account = accounts.find((a) => a.providerId === providerId && a.accountNumber === row.account);
      if (!account) problem(row.line, 'codice_cliente', `the provider has no account ${row.account}`);
      else if (account.entityId !== entityId) problem(row.line, 'codice_cliente', `account ${row.account} is paid by another body`);
      else accountId = account.id;
    }
    const data = merged(row, before, accountId);
    for (const column of ['tipo', 'tecnologia', 'stato', 'banda_down_kbps', 'banda_up_kbps'] as const) {
      const field = { tipo: data.type, tecnologia: data.technology, stato: data.status, banda_down_kbps: data.downloadKbps, banda_up_kbps: data.uploadKbps }[column];
      // Empty for a new circuit (a value that did not parse is already reported).
      if (field === null && row[({ tipo: 'type', tecnologia: 'technology', stato: 'status', banda_down_kbps: 'downloadKbps', banda_up_kbps: 'uploadKbps' } as const)[column]] === null) {
        if (!issues.some((issue) => issue.line === row.line && issue.column === headerOf(column))) problem(row.line, column, 'is required for a new circuit');
      }
    }
    if (data.status && data.downloadKbps !== null && data.uploadKbps !== null) {
      for (const issue of circuitIssues({ ...data, status: data.status, downloadKbps: data.downloadKbps, uploadKbps: data.uploadKbps })) {
        problem(row.line, columnOfField[issue.field] ?? null, issue.message);
      }
    }
    if (issues.length === count) writes.push({ line: row.line, id: before?.id ?? null, providerId, entityId, siteId, data });
  }

  const summary: Summary = { dryRun, rows: rows.length, created: writes.filter((w) => !w.id).length, updated: writes.filter((w) => w.id).length };
  if (issues.length > 0) throw new CircuitImportError(issues);
  if (dryRun) return { summary, entityIds };
  for (const write of writes) {
    const data = { ...write.data, type: write.data.type!, technology: write.data.technology!, status: write.data.status!, downloadKbps: write.data.downloadKbps!, uploadKbps: write.data.uploadKbps! };
    const circuit = write.id
      ? await prisma.circuit.update({ where: { id: write.id }, data, select: { id: true } })
      : await prisma.circuit.create({ data: { ...data, providerId: write.providerId, entityId: write.entityId }, select: { id: true } });
    if (write.siteId) {
      await prisma.circuitTermination.upsert({
        where: { circuitId_side: { circuitId: circuit.id, side: 'A' } },
        create: { circuitId: circuit.id, side: 'A', siteId: write.siteId },
        update: { siteId: write.siteId, providerNetworkId: null },
      });
    }
  }
  return { summary, entityIds };
}

export function addCircuitImportSchema(builder: GeaBuilder) {
  const { ImportIssue } = coreRefs(builder);
  builder.objectType(CircuitImportError, {
    name: 'CircuitImportError',
    description: 'The circuit file cannot be imported as it is; nothing was written. Every problem found, by line and column.',
    interfaces: ['Error' as never],
    isTypeOf: (value) => value instanceof CircuitImportError,
    fields: (t) => ({
      // The caller's own file: the messages name only what it names.
      issues: t.field({ type: [ImportIssue], authScopes: { public: true }, resolve: (error) => error.issues }),
    }),
  });
  const Result = builder.objectRef<Summary>('CircuitImportResult').implement({
    description: 'What a circuit import wrote, or with `dryRun` would write.',
    authScopes: { authenticated: true },
    fields: (t) => ({
      dryRun: t.exposeBoolean('dryRun', { description: 'True when nothing was written.' }),
      rows: t.exposeInt('rows', { description: 'Data rows in the file.' }),
      created: t.exposeInt('created', { description: 'New circuits.' }),
      updated: t.exposeInt('updated', { description: 'Existing circuits (same provider and circuit id) updated with the non-empty cells.' }),
    }),
  });
  const columns = Object.entries(circuitImportColumns)
    .map(([column, aliases]) => `${column} (${aliases.join('/')})`)
    .join(', ');
  builder.mutationField('importCircuits', (t) =>
    t.field({
      type: Result,
      description:
        `Creates or updates circuits from a CSV file (comma or semicolon separated, UTF-8, byte-order mark allowed). Columns, Italian name with English aliases, any order: ${columns}. ` +
        'fornitore is a provider name; ente an ISTAT code or a body name; sede a site name of that body (the circuit\'s side A); codice_cliente an account number of the provider paid by the body. ' +
        'Amounts in euro with a decimal comma (49,90) or point, percentages like 99,9 and 22, dates YYYY-MM-DD or DD/MM/YYYY, enums by name or in Italian (attivo, cessato, fibra...). ' +
        'A row with an existing provider and circuit id updates it with its non-empty cells. Needs connectivity:write on every body in the file. All or nothing: any problem and nothing is written.',
      errors: { types: [CircuitImportError, ConflictError], directResult: true },
      authScopes: { permissionOnSomeBody: scopes.write },
      args: {
        csv: t.arg.string({ required: true, description: `The file content (at most ${MAX_CSV_CHARACTERS.toLocaleString('en')} characters, ${MAX_ROWS.toLocaleString('en')} rows).` }),
        dryRun: t.arg.boolean({ required: true, description: 'Check and count, write nothing.' }),
      },
      resolve: async (_root, args, context) => {
        context.audit = { ...context.audit, targetType: 'Circuit' };
        let outcome;
        try {
          outcome = await importCircuitFile(context, args.csv, args.dryRun);
        } catch (error) {
          if (isUniqueViolation(error)) throw new ConflictError('another change to the same circuits was saved while importing; nothing was imported, try again');
          throw error;
        }
        context.audit = { ...context.audit, entityId: outcome.entityIds.length === 1 ? outcome.entityIds[0]! : null, after: outcome.summary };
        auditConcerns(context, outcome.entityIds);
        return outcome.summary;
      },
    }),
  );
}
