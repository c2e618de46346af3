// The resident population of each body at 31 December (art. 13: the allocation of year Y uses the
// figures of 31 December Y-1): a table of the bodies by year with the figure an allocation uses
// highlighted and the missing ones named; recording one figure; importing ISTAT's demographic
// balance (check first, every problem by line, then import). A core screen: the figures belong to
// the bodies, and writing them takes the core permission core:entities:write.
import {
  Badge,
  createFieldErrors,
  createMessages,
  createQuery,
  ErrorNotice,
  ErrorSummary,
  formatDate,
  formatNumber,
  graphql,
  Loading,
  NumberField,
  PageHeading,
  SelectField,
  SuccessNotice,
  TableWrap,
  TextField,
  useClient,
  useShell,
  describeError,
  locale,
  type FieldIssue,
} from '@gea/web-kit';
import { createMemo, createSignal, For, Show } from 'solid-js';
import './population.css';

const PopulationQuery = graphql(`
  query PopulationFigures {
    entities(first: 100) {
      edges {
        node {
          id
          name
          kind
          istatCode
          ceasedOn
          populations {
            referenceDate
            population
            source
          }
        }
      }
    }
  }
`);

const RecordMutation = graphql(`
  mutation RecordPopulation($entityId: ID!, $referenceDate: Date!, $population: Int!, $source: String) {
    recordPopulation(entityId: $entityId, referenceDate: $referenceDate, population: $population, source: $source) {
      __typename
      ... on Entity {
        id
        name
      }
      ... on InputError {
        message
        issues {
          path
          message
          code
          minimum
          maximum
        }
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

const ImportMutation = graphql(`
  mutation ImportPopulationFile($csv: String!, $referenceDate: Date, $dryRun: Boolean) {
    importPopulation(csv: $csv, referenceDate: $referenceDate, dryRun: $dryRun) {
      __typename
      ... on PopulationImportResult {
        dryRun
        referenceDate
        column
        rows
        created
        updated
        unchanged
        notInGea
      }
      ... on PopulationImportError {
        issues {
          line
          column
          message
        }
      }
      ... on InputError {
        issues {
          path
          message
          code
          minimum
          maximum
        }
      }
    }
  }
`);

const it = {
  title: 'Popolazione residente',
  intro:
    'La popolazione di ciascun ente al 31 dicembre. La ripartizione dei costi di un anno usa quella al 31 dicembre dell’anno precedente (art. 13 del regolamento): la colonna evidenziata.',
  allocationYear: 'Anno della ripartizione',
  allocationYearHint: 'Evidenzia la popolazione che usa la ripartizione di quell’anno.',
  tableLabel: 'Popolazione per ente e anno',
  tableCaption: 'Popolazione al 31 dicembre per ente; evidenziata quella usata dalla ripartizione {{ year }}',
  body: 'Ente',
  istatCode: 'Codice ISTAT',
  at: 'al {{ date }}',
  usedBy: 'usata per la ripartizione {{ year }}',
  missing: 'mancante',
  missingCount: 'Per la ripartizione {{ year }} manca la popolazione al {{ date }} di {{ count }} enti: {{ names }}.',
  noneMissing: 'Tutti gli enti hanno la popolazione al {{ date }}, usata dalla ripartizione {{ year }}.',
  source: 'fonte: {{ source }}',
  recordTitle: 'Registra un dato',
  recordIntro: 'Per un ente e un anno: la popolazione residente al 31 dicembre, con la fonte (per esempio la delibera o il file ISTAT).',
  recordBody: 'Ente',
  recordYear: 'Anno (al 31 dicembre)',
  recordPopulation: 'Popolazione residente',
  recordSource: 'Fonte (facoltativa)',
  recordButton: 'Registra',
  recording: 'Registrazione…',
  recorded: 'Registrata la popolazione di {{ name }} al {{ date }}: {{ population }}.',
  errorsTitle: 'Il dato non è stato registrato',
  badYear: 'indica un anno tra 1900 e 2100',
  badPopulation: 'indica un numero intero da 0 a 10.000.000',
  chooseBody: 'scegli un ente',
  importTitle: 'Importa il file ISTAT',
  importIntro:
    'Il bilancio demografico pubblicato da ISTAT (demo.istat.it, file P2_<anno>_it_Comuni.csv), così com’è: i comuni sono riconosciuti dal codice ISTAT, gli altri comuni del file sono ignorati. Prima si controlla il file senza salvare nulla, poi si importa: tutto o niente.',
  importFile: 'File CSV di ISTAT',
  importYear: 'Anno dei dati (solo se il file non lo dice)',
  importYearHint: 'L’edizione 2019 non ha la riga del titolo con l’anno.',
  check: 'Controlla il file (nulla è salvato)',
  checking: 'Controllo…',
  importButton: 'Importa',
  importing: 'Importazione…',
  noFile: 'scegli un file',
  checked:
    'File controllato: popolazione al {{ date }} (colonna «{{ column }}»), {{ rows }} righe di comuni. Importandolo: {{ created }} dati nuovi, {{ updated }} cambiati, {{ unchanged }} invariati, {{ notInGea }} comuni non in GEA.',
  imported:
    'Importata la popolazione al {{ date }}: {{ created }} dati nuovi, {{ updated }} cambiati, {{ unchanged }} invariati, {{ notInGea }} comuni non in GEA.',
  problemsTitle: 'Il file ha {{ count }} problemi: nulla è stato importato',
  problem: 'Riga {{ line }}',
  problemColumn: 'Riga {{ line }}, colonna «{{ column }}»',
  readAs: 'Il file non è UTF-8: letto come Windows-1252.',
  cannotWrite: 'Il tuo profilo può consultare la popolazione ma non registrarla né importarla.',
  kinds: { MUNICIPALITY: 'Comune', UNION: 'Unione', PROVINCE: 'Provincia', OTHER: 'Altro ente' },
};

const en: typeof it = {
  title: 'Resident population',
  intro:
    'The population of each body at 31 December. The cost allocation of a year uses the figure at 31 December of the year before (art. 13 of the regulation): the highlighted column.',
  allocationYear: 'Allocation year',
  allocationYearHint: 'Highlights the population that year’s allocation uses.',
  tableLabel: 'Population by body and year',
  tableCaption: 'Population at 31 December by body; highlighted: the one the {{ year }} allocation uses',
  body: 'Body',
  istatCode: 'ISTAT code',
  at: 'at {{ date }}',
  usedBy: 'used by the {{ year }} allocation',
  missing: 'missing',
  missingCount: 'For the {{ year }} allocation the population at {{ date }} is missing for {{ count }} bodies: {{ names }}.',
  noneMissing: 'Every body has its population at {{ date }}, used by the {{ year }} allocation.',
  source: 'source: {{ source }}',
  recordTitle: 'Record a figure',
  recordIntro: 'For one body and year: the resident population at 31 December, with its source (a resolution, the ISTAT file).',
  recordBody: 'Body',
  recordYear: 'Year (at 31 December)',
  recordPopulation: 'Resident population',
  recordSource: 'Source (optional)',
  recordButton: 'Record',
  recording: 'Recording…',
  recorded: 'Recorded the population of {{ name }} at {{ date }}: {{ population }}.',
  errorsTitle: 'The figure was not recorded',
  badYear: 'give a year between 1900 and 2100',
  badPopulation: 'give a whole number from 0 to 10,000,000',
  chooseBody: 'choose a body',
  importTitle: 'Import the ISTAT file',
  importIntro:
    'ISTAT’s demographic balance (demo.istat.it, file P2_<year>_it_Comuni.csv) as published: municipalities are matched by ISTAT code, the file’s other municipalities are left out. First check the file, nothing saved, then import: all or nothing.',
  importFile: 'ISTAT CSV file',
  importYear: 'Year of the figures (only if the file does not say)',
  importYearHint: 'The 2019 edition has no title line with the year.',
  check: 'Check the file (nothing is saved)',
  checking: 'Checking…',
  importButton: 'Import',
  importing: 'Importing…',
  noFile: 'choose a file',
  checked:
    'File checked: population at {{ date }} (column “{{ column }}”), {{ rows }} municipality rows. Importing it: {{ created }} new figures, {{ updated }} changed, {{ unchanged }} unchanged, {{ notInGea }} municipalities not in GEA.',
  imported: 'Imported the population at {{ date }}: {{ created }} new figures, {{ updated }} changed, {{ unchanged }} unchanged, {{ notInGea }} municipalities not in GEA.',
  problemsTitle: 'The file has {{ count }} problems: nothing was imported',
  problem: 'Line {{ line }}',
  problemColumn: 'Line {{ line }}, column “{{ column }}”',
  readAs: 'The file is not UTF-8: read as Windows-1252.',
  cannotWrite: 'Your profile may read the population but not record or import it.',
  kinds: { MUNICIPALITY: 'Municipality', UNION: 'Union', PROVINCE: 'Province', OTHER: 'Other body' },
};

const m = createMessages({ it, en });

const THIS_YEAR = new Date().getFullYear();
const ALLOCATION_YEARS = Array.from({ length: 6 }, (_, i) => THIS_YEAR + 1 - i);
/** Columns: 31 December of the four years before the allocation year. */
const COLUMNS = 4;
const december = (year: number) => `${year}-12-31`;

/** The file as text: UTF-8 (with or without BOM), else Windows-1252 as older ISTAT files are. */
async function readText(file: File): Promise<{ text: string; windows1252: boolean }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), windows1252: false };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), windows1252: true };
  }
}

// The import module's problems (packages/core/src/population-import) come in English; these are
// their shapes in Italian. A problem of another shape keeps the API's words.
const ITALIAN_PROBLEMS: [RegExp, (...groups: string[]) => string][] = [
  [/^"(.+)" holds the placeholder "(.*)" instead of a value$/, (column, value) => `«${column}» contiene il segnaposto «${value}» invece di un valore`],
  [/^"(.+)" is empty$/, (column) => `«${column}» è vuota`],
  [/^"(.+)" "(.*)" must be a whole number$/, (column, value) => `«${column}» «${value}» deve essere un numero intero`],
  [/^"(.+)" "(.*)" must be 6 digits$/, (column, value) => `«${column}» «${value}» deve avere 6 cifre`],
  [/^"(.+)" (.*) is more than 10,000,000$/, (column, value) => `«${column}» ${value} è più di 10.000.000`],
  [/^municipality (\d+) is also on line (\d+)$/, (code, line) => `il comune ${code} è anche alla riga ${line}`],
  [/^the file is empty$/, () => 'il file è vuoto'],
  [/^the file has a header but no municipality rows$/, () => 'il file ha l’intestazione ma nessuna riga di comuni'],
  [/^no header with a "Codice comune" column/, () => 'nelle prime 10 righe non c’è un’intestazione con la colonna «Codice comune»: non è un bilancio demografico ISTAT'],
  [/^no "Popolazione al 31 dicembre - Totale" column/, () => 'manca la colonna «Popolazione al 31 dicembre - Totale»: non è un file della popolazione residente al 31 dicembre'],
  [/^the title does not say which year/, () => 'il titolo del file non dice di che anno sono i dati: indicalo nel campo «Anno dei dati»'],
];

function problemText(message: string): string {
  if (locale() !== 'it') return message.replace(/give it with --date YYYY-12-31/, 'give it in the field “Year of the figures”');
  for (const [shape, italian] of ITALIAN_PROBLEMS) {
    const match = shape.exec(message);
    if (match) return italian(...match.slice(1));
  }
  return message;
}

interface ImportProblem {
  line: number;
  column?: string | null;
  message: string;
}

export default function Population() {
  const shell = useShell();
  const client = useClient();
  const canWrite = () => shell().access.can('core:entities:write');
  const [figures, refetch] = createQuery({ query: PopulationQuery });
  const bodies = createMemo(() => (figures.data?.entities.edges ?? []).map((edge) => edge.node).filter((body) => !body.ceasedOn));

  const [allocationYear, setAllocationYear] = createSignal(THIS_YEAR);
  const usedYear = () => allocationYear() - 1;
  const years = () => Array.from({ length: COLUMNS }, (_, i) => usedYear() - COLUMNS + 1 + i);
  const figureOf = (body: ReturnType<typeof bodies>[number], year: number) => body.populations.find((p) => p.referenceDate === december(year));
  const missing = () => bodies().filter((body) => !figureOf(body, usedYear()));

  // Recording one figure.
  const FIELDS = ['entityId', 'referenceDate', 'population', 'source'] as const;
  const errors = createFieldErrors(FIELDS, []);
  const [entityId, setEntityId] = createSignal('');
  const [year, setYear] = createSignal(String(THIS_YEAR - 1));
  const [population, setPopulation] = createSignal('');
  const [source, setSource] = createSignal('');
  const [recording, setRecording] = createSignal(false);
  const [recordNotice, setRecordNotice] = createSignal<string | null>(null);
  const [recordFailure, setRecordFailure] = createSignal<string>();
  let recordNoticeBox: HTMLDivElement | undefined;
  const labels = () => ({ entityId: m('recordBody'), referenceDate: m('recordYear'), population: m('recordPopulation'), source: m('recordSource') });

  async function record() {
    setRecordNotice(null);
    setRecordFailure(undefined);
    const yearValue = Number(year());
    const populationValue = Number(population().replace(/[.\s]/g, ''));
    const own: Partial<Record<(typeof FIELDS)[number], string>> = {};
    if (!entityId()) own.entityId = m('chooseBody');
    if (!/^\d{4}$/.test(year().trim()) || yearValue < 1900 || yearValue > 2100) own.referenceDate = m('badYear');
    if (!/^\d[\d.\s]*$/.test(population().trim()) || !Number.isInteger(populationValue) || populationValue > 10_000_000) own.population = m('badPopulation');
    if (Object.keys(own).length > 0) {
      errors.set(own);
      return;
    }
    errors.clear();
    setRecording(true);
    const outcome = await client
      .mutation(RecordMutation, { entityId: entityId(), referenceDate: december(yearValue), population: populationValue, source: source().trim() || null })
      .toPromise();
    setRecording(false);
    const payload = outcome.data?.recordPopulation;
    if (!payload) {
      setRecordFailure(outcome.error ? describeError(outcome.error) : undefined);
      return;
    }
    if (payload.__typename === 'Entity') {
      setRecordNotice(m('recorded', { name: payload.name, date: formatDate(december(yearValue)), population: formatNumber(populationValue) }));
      setPopulation('');
      setSource('');
      refetch({ requestPolicy: 'network-only' });
      recordNoticeBox?.focus();
    } else if (payload.__typename === 'InputError') errors.fromIssues(payload.issues as readonly FieldIssue[]);
    else setRecordFailure(payload.message);
  }

  // Importing ISTAT's file: check (dry run), then import the same file.
  const [file, setFile] = createSignal<File | null>(null);
  const [importYear, setImportYear] = createSignal('');
  const [importError, setImportError] = createSignal<string>();
  const [busy, setBusy] = createSignal<'check' | 'import' | null>(null);
  const [problems, setProblems] = createSignal<readonly ImportProblem[]>([]);
  const [checkedSummary, setCheckedSummary] = createSignal<string | null>(null);
  const [importNotice, setImportNotice] = createSignal<string | null>(null);
  const [decodedAs1252, setDecodedAs1252] = createSignal(false);
  // Import is offered once the chosen file has passed its check.
  const [checkedFile, setCheckedFile] = createSignal<File | null>(null);
  let problemsBox: HTMLDivElement | undefined;
  let importNoticeBox: HTMLDivElement | undefined;

  async function runImport(dryRun: boolean) {
    setImportError(undefined);
    setProblems([]);
    setImportNotice(null);
    if (dryRun) setCheckedSummary(null);
    const chosen = file();
    if (!chosen) {
      setImportError(m('noFile'));
      return;
    }
    const yearText = importYear().trim();
    if (yearText !== '' && (!/^\d{4}$/.test(yearText) || Number(yearText) < 1900 || Number(yearText) > 2100)) {
      setImportError(`${m('importYear')}: ${m('badYear')}`);
      return;
    }
    setBusy(dryRun ? 'check' : 'import');
    const { text, windows1252 } = await readText(chosen);
    setDecodedAs1252(windows1252);
    const outcome = await client
      .mutation(ImportMutation, { csv: text, referenceDate: yearText ? december(Number(yearText)) : null, dryRun })
      .toPromise();
    setBusy(null);
    const payload = outcome.data?.importPopulation;
    if (!payload) {
      setImportError(outcome.error ? describeError(outcome.error) : undefined);
      return;
    }
    if (payload.__typename === 'PopulationImportResult') {
      const words = {
        date: formatDate(payload.referenceDate),
        column: payload.column,
        rows: formatNumber(payload.rows),
        created: formatNumber(payload.created),
        updated: formatNumber(payload.updated),
        unchanged: formatNumber(payload.unchanged),
        notInGea: formatNumber(payload.notInGea),
      };
      if (payload.dryRun) {
        setCheckedSummary(m('checked', words));
        setCheckedFile(chosen);
      } else {
        setCheckedSummary(null);
        setCheckedFile(null);
        setImportNotice(m('imported', words));
        refetch({ requestPolicy: 'network-only' });
        importNoticeBox?.focus();
      }
    } else {
      setCheckedFile(null);
      const issues: ImportProblem[] =
        payload.__typename === 'PopulationImportError'
          ? [...payload.issues]
          : payload.issues.map((issue) => ({ line: 1, column: null, message: `${m('importYear')}: ${issue.message}` }));
      setProblems(issues);
      queueMicrotask(() => problemsBox?.focus());
    }
  }

  return (
    <>
      <PageHeading title={m('title')}>
        <p class="lead">{m('intro')}</p>
      </PageHeading>
      <ErrorNotice error={figures.error} />
      <form class="filters" aria-label={m('allocationYear')} onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id="population-allocation-year"
          label={m('allocationYear')}
          hint={m('allocationYearHint')}
          value={String(allocationYear())}
          options={ALLOCATION_YEARS.map((y) => ({ value: String(y), label: String(y) }))}
          onValue={(value) => setAllocationYear(Number(value))}
        />
      </form>

      <Show when={figures.data} fallback={<Show when={!figures.error}><Loading /></Show>}>
        <div class={missing().length > 0 ? 'notice notice-error' : 'notice notice-success'} role="status" data-testid="population-missing">
          <p>
            {missing().length > 0
              ? m('missingCount', {
                  year: String(allocationYear()),
                  date: formatDate(december(usedYear())),
                  count: String(missing().length),
                  names: missing().map((body) => body.name).join(', '),
                })
              : m('noneMissing', { year: String(allocationYear()), date: formatDate(december(usedYear())) })}
          </p>
        </div>
        <TableWrap label={m('tableLabel')}>
          <table class="population-table phone-columns">
            <caption>{m('tableCaption', { year: String(allocationYear()) })}</caption>
            <thead>
              <tr>
                <th scope="col">
                  {m('body')}
                </th>
                <th scope="col" class="population-optional">
                  {m('istatCode')}
                </th>
                <For each={years()}>
                  {(y) => (
                    <th scope="col" class="num" classList={{ 'population-used': y === usedYear(), 'population-optional': y !== usedYear() }}>
                      {m('at', { date: formatDate(december(y)) })}
                      <Show when={y === usedYear()}>
                        <span class="population-used-note">{m('usedBy', { year: String(allocationYear()) })}</span>
                      </Show>
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={bodies()}>
                {(body) => (
                  <tr>
                    <th scope="row">
                      {body.name}
                      <span class="visually-hidden"> ({m(`kinds.${body.kind}` as 'kinds.MUNICIPALITY')})</span>
                    </th>
                    <td class="population-optional">{body.istatCode}</td>
                    <For each={years()}>
                      {(y) => {
                        const figure = () => figureOf(body, y);
                        return (
                          <td class="num" classList={{ 'population-used': y === usedYear(), 'population-optional': y !== usedYear() }} data-year={y}>
                            <Show when={figure()} fallback={<Badge tone="warn">{m('missing')}</Badge>}>
                              {(f) => <span title={f().source ? m('source', { source: f().source! }) : undefined}>{formatNumber(f().population)}</span>}
                            </Show>
                          </td>
                        );
                      }}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </TableWrap>
      </Show>

      <Show when={canWrite()} fallback={<p>{m('cannotWrite')}</p>}>
        <section class="panel" aria-labelledby="population-record-title">
          <h2 id="population-record-title">{m('recordTitle')}</h2>
          <p>{m('recordIntro')}</p>
          <div ref={recordNoticeBox} tabindex="-1">
            <SuccessNotice message={recordNotice()} />
          </div>
          <ErrorNotice message={recordFailure()} />
          <Show when={errors.any()}>
            <ErrorSummary title={m('errorsTitle')} errors={errors.all()} labels={labels()} idPrefix="population-" />
          </Show>
          <form
            class="form-grid"
            novalidate
            onSubmit={(event) => {
              event.preventDefault();
              void record();
            }}
          >
            <SelectField
              id="population-entityId"
              label={m('recordBody')}
              required
              value={entityId()}
              empty=""
              error={errors.of('entityId')}
              options={bodies().map((body) => ({ value: body.id, label: body.name }))}
              onValue={setEntityId}
            />
            <NumberField id="population-referenceDate" label={m('recordYear')} required value={year()} error={errors.of('referenceDate')} onValue={setYear} inputmode="numeric" />
            <NumberField
              id="population-population"
              label={m('recordPopulation')}
              required
              value={population()}
              error={errors.of('population')}
              onValue={setPopulation}
              inputmode="numeric"
            />
            <TextField id="population-source" label={m('recordSource')} value={source()} error={errors.of('source')} onValue={setSource} maxlength={200} />
            <div class="form-actions">
              <button type="submit" class="button-primary" disabled={recording()}>
                {recording() ? m('recording') : m('recordButton')}
              </button>
            </div>
          </form>
        </section>

        <section class="panel" aria-labelledby="population-import-title">
          <h2 id="population-import-title">{m('importTitle')}</h2>
          <p>{m('importIntro')}</p>
          <div ref={importNoticeBox} tabindex="-1">
            <SuccessNotice message={importNotice()} />
          </div>
          <ErrorNotice message={importError()} />
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void runImport(true);
            }}
          >
            <div class="field">
              <label for="population-file">{m('importFile')}</label>
              <input
                id="population-file"
                type="file"
                accept=".csv,text/csv"
                onChange={(event) => {
                  setFile(event.currentTarget.files?.[0] ?? null);
                  setCheckedFile(null);
                  setCheckedSummary(null);
                  setProblems([]);
                }}
              />
            </div>
            <NumberField
              id="population-import-year"
              label={m('importYear')}
              hint={m('importYearHint')}
              value={importYear()}
              onValue={(value) => {
                setImportYear(value);
                setCheckedFile(null);
              }}
              inputmode="numeric"
            />
            <div class="form-actions">
              <button type="submit" class="button-secondary" disabled={busy() !== null}>
                {busy() === 'check' ? m('checking') : m('check')}
              </button>{' '}
              <button
                type="button"
                class="button-primary"
                disabled={busy() !== null || !checkedFile() || checkedFile() !== file()}
                onClick={() => void runImport(false)}
              >
                {busy() === 'import' ? m('importing') : m('importButton')}
              </button>
            </div>
          </form>
          <Show when={decodedAs1252() && (checkedSummary() || problems().length > 0)}>
            <p class="hint">{m('readAs')}</p>
          </Show>
          <div role="status" aria-live="polite">
            <Show when={checkedSummary()}>
              <div class="notice notice-info" data-testid="population-checked">
                <p>{checkedSummary()}</p>
              </div>
            </Show>
          </div>
          <Show when={problems().length > 0}>
            <div class="notice notice-error" role="alert" tabindex="-1" ref={problemsBox} data-testid="population-problems">
              <h3>{m('problemsTitle', { count: String(problems().length) })}</h3>
              <ul>
                <For each={problems()}>
                  {(problem) => (
                    <li>
                      <strong>{problem.column ? m('problemColumn', { line: String(problem.line), column: problem.column }) : m('problem', { line: String(problem.line) })}</strong>
                      {': '}
                      {problemText(problem.message)}
                    </li>
                  )}
                </For>
              </ul>
            </div>
          </Show>
        </section>
      </Show>
    </>
  );
}
