// Import of assets from a CSV file, for whoever may write the inventory of some body: pick the file
// (GEA's own export, GLPI's or Snipe-IT's are recognised), check and correct the mapping of its
// columns, run a trial (importAssets with dryRun) that lists every problem by line and column of
// the person's own file, then import, all or nothing, with its progress shown.
import {
  createMutation,
  DataTable,
  describeTypedError,
  ErrorNotice,
  formatNumber,
  graphql,
  isTypedError,
  locale,
  PageHeading,
  SelectField,
  SuccessNotice,
  useClient,
  useShell,
} from '@gea/web-kit';
import { sha256Hex } from '@gea/web-kit/trusted-documents';
import { A } from '@solidjs/router';
import { createRequest, stringifyDocument, type CombinedError } from '@urql/core';
import { createMemo, createSignal, For, Show } from 'solid-js';
import type { AssetColumn } from '../src/asset-import/parse.ts';
import { decodeUtf8, mappingProblems, readSourceFile, toGeaFile, type GeaFile, type SourceFile } from './asset-import-file.ts';
import { describeImportIssue } from './import-issues.ts';
import { im } from './import-messages.ts';
import './software.css';

const ImportAssetsMutation = graphql(`
  mutation InventoryImportAssets($csv: String!, $dryRun: Boolean, $progressId: String) {
    importAssets(csv: $csv, dryRun: $dryRun, progressId: $progressId) {
      __typename
      ... on AssetImportResult {
        dryRun
        rows
        created
        updated
        unchanged
        statusChanges
      }
      ... on AssetImportError {
        message
        issues {
          line
          column
          message
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

const ProgressSubscription = graphql(`
  subscription InventoryAssetImportProgress($progressId: String!) {
    assetImportProgress(progressId: $progressId) {
      phase
      done
      total
    }
  }
`);

const FIELDS: readonly AssetColumn[] = [
  'inventory_tag',
  'body',
  'body_istat_code',
  'kind',
  'status',
  'manufacturer',
  'model',
  'serial_number',
  'site',
  'floor',
  'assigned_to',
  'supplier',
  'purchase_date',
  'price_eur',
  'warranty_end',
];

interface Problem {
  line: number;
  column: string;
  message: string;
}
type Counts = { rows: number; created: number; updated: number; unchanged: number; statusChanges: number };

export default function AssetImportPage() {
  const shell = useShell();
  const client = useClient();
  const [, importAssets] = createMutation(ImportAssetsMutation);
  const [fileName, setFileName] = createSignal('');
  const [source, setSource] = createSignal<SourceFile>();
  const [mapping, setMapping] = createSignal<(AssetColumn | null)[]>([]);
  const [fileError, setFileError] = createSignal<string>();
  const [checking, setChecking] = createSignal(false);
  const [problems, setProblems] = createSignal<Problem[]>();
  const [trial, setTrial] = createSignal<Counts>();
  const [importing, setImporting] = createSignal(false);
  const [phase, setPhase] = createSignal<{ label: string; value?: number; max?: number }>();
  const [done, setDone] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<{ message?: string; error?: CombinedError }>();

  const resetOutcome = () => {
    setProblems(undefined);
    setTrial(undefined);
    setDone(null);
    setFailure(undefined);
    setPhase(undefined);
  };

  async function pick(event: Event & { currentTarget: HTMLInputElement }) {
    const file = event.currentTarget.files?.[0];
    resetOutcome();
    setSource(undefined);
    setFileError(undefined);
    if (!file) return;
    setFileName(file.name);
    const text = decodeUtf8(await file.arrayBuffer());
    if (text === null) return void setFileError(im('notUtf8'));
    try {
      const read = readSourceFile(text);
      if (read.records.length === 0) return void setFileError(im('empty'));
      setSource(read);
      setMapping(read.mapping);
    } catch (error) {
      setFileError(im('unreadable', { detail: error instanceof Error ? error.message : String(error) }));
    }
  }

  const check = createMemo(() => (source() ? mappingProblems(mapping(), source()!.header) : undefined));
  const mappingErrors = () => {
    const found = check();
    if (!found) return [];
    return [
      ...found.duplicates.map(({ field, columns }) => im('duplicate', { field: im(`fields.${field}`), columns: columns.join(', ') })),
      ...(found.missingTag ? [im('missingTag')] : []),
      ...(found.missingBody ? [im('missingBody')] : []),
    ];
  };
  const geaFile = (): GeaFile | undefined => (source() && mappingErrors().length === 0 ? toGeaFile(source()!, mapping(), shell().bodies) : undefined);

  /** The API's problems on the lines and columns of the person's own file. */
  const located = (file: GeaFile, issues: readonly { line: number; column: string | null; message: string }[]): Problem[] =>
    issues.map((issue) => ({
      line: file.sourceLine[issue.line] ?? issue.line,
      column: issue.column ? (file.sourceColumn.get(issue.column) ?? issue.column) : im('wholeFile'),
      message: describeImportIssue(issue.message, locale(), (line) => file.sourceLine[line] ?? line),
    }));

  /**
   * Follows the import's progress events (Server-Sent Events through the API client; the
   * subscription is opened before the import starts, so the first events are not missed).
   */
  async function followProgress(progressId: string) {
    // Named by its hash like every query and mutation of the client, so that a server accepting
    // only the client's own documents (GEA_TRUSTED_DOCUMENTS=only) runs it too.
    const request = createRequest(ProgressSubscription, { progressId });
    const sha256Hash = await sha256Hex(stringifyDocument(request.query));
    const subscription = client
      .executeSubscription({ ...request, extensions: { persistedQuery: { version: 1, sha256Hash, miss: true } } }, { fetchSubscriptions: true })
      .subscribe((result) => {
        const progress = result.data?.assetImportProgress;
        if (!progress) return;
        setPhase(
          progress.phase === 'WRITING'
            ? { label: im('progressWriting', { done: formatNumber(progress.done), total: formatNumber(progress.total) }), value: progress.done, max: Math.max(progress.total, 1) }
            : { label: im('progressChecking'), value: progress.done, max: Math.max(progress.total, 1) },
        );
      });
    // Time for the subscription to reach the server before the import's first event.
    await new Promise((resolve) => setTimeout(resolve, 300));
    return subscription;
  }

  async function run(dryRun: boolean) {
    const file = geaFile();
    if (!file) return;
    resetOutcome();
    let following: { unsubscribe(): void } | undefined;
    let progressId: string | undefined;
    if (dryRun) setChecking(true);
    else {
      setImporting(true);
      setPhase({ label: im('progressSending') });
      progressId = `import-${crypto.randomUUID()}`;
      following = await followProgress(progressId);
    }
    const outcome = await importAssets({ csv: file.csv, dryRun, progressId });
    // The last events may still be on their way: the finished import keeps its bar, full.
    if (following) setTimeout(() => following.unsubscribe(), 1000);
    setChecking(false);
    setImporting(false);
    if (outcome.data?.importAssets?.__typename !== 'AssetImportResult' || dryRun) setPhase(undefined);
    const value = outcome.data?.importAssets;
    if (outcome.error || !value) return void setFailure({ error: outcome.error });
    if (value.__typename === 'AssetImportError') {
      setProblems(located(file, value.issues));
      document.getElementById('import-outcome')?.focus();
      return;
    }
    if (value.__typename === 'AssetImportResult') {
      const counts = { rows: value.rows, created: value.created, updated: value.updated, unchanged: value.unchanged, statusChanges: value.statusChanges };
      if (value.dryRun) {
        setProblems([]);
        setTrial(counts);
      } else {
        setDone(im('done', { created: formatNumber(counts.created), updated: formatNumber(counts.updated), unchanged: formatNumber(counts.unchanged) }));
      }
      document.getElementById('import-outcome')?.focus();
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  const sampleOf = (index: number) => source()?.records[0]?.fields[index] ?? '';

  return (
    <>
      <p class="breadcrumb">
        <A href="/inventory">{im('toInventory')}</A>
      </p>
      <PageHeading title={im('title')}>
        <p class="lead">{im('intro')}</p>
      </PageHeading>

      <section aria-labelledby="import-file-title">
        <h2 id="import-file-title">{im('fileStep')}</h2>
        <div class="field" classList={{ 'field-invalid': !!fileError() }}>
          <label for="import-file">{im('file')}</label>
          <p class="hint" id="import-file-hint">
            {im('fileHint')}
          </p>
          <Show when={fileError()}>
            <p class="field-error" id="import-file-error" role="alert">
              {fileError()}
            </p>
          </Show>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={fileError() ? 'import-file-hint import-file-error' : 'import-file-hint'}
            disabled={checking() || importing()}
            onChange={(event) => void pick(event)}
          />
        </div>
        <Show when={source()}>
          {(file) => (
            <>
              <p>{im('read', { file: fileName(), rows: formatNumber(file().records.length), delimiter: file().delimiter })}</p>
              <p class="notice notice-info" id="import-format">
                {im(`formats.${file().format}`)}
              </p>
            </>
          )}
        </Show>
      </section>

      <Show when={source()}>
        {(file) => (
          <>
            <section aria-labelledby="import-mapping-title">
              <h2 id="import-mapping-title">{im('mappingStep')}</h2>
              <p>{im('mappingIntro')}</p>
              <DataTable
                label={im('mappingStep')}
                rows={file().header.map((name, index) => ({ name, index }))}
                empty=""
                columns={[
                  { header: im('column'), rowHeader: true, width: 'm', phone: true, cell: (column) => column.name },
                  { header: im('sample'), width: 'm', breakAll: true, cell: (column) => sampleOf(column.index) },
                  {
                    header: im('field'),
                    width: 'm',
                    phone: true,
                    cell: (column) => (
                      <select
                        id={`import-map-${column.index}`}
                        aria-label={im('fieldFor', { column: column.name })}
                        disabled={checking() || importing()}
                        onChange={(event) => {
                          const next = [...mapping()];
                          next[column.index] = (event.currentTarget.value || null) as AssetColumn | null;
                          setMapping(next);
                          resetOutcome();
                        }}
                      >
                        <option value="" selected={mapping()[column.index] === null}>
                          {im('notImported')}
                        </option>
                        <For each={FIELDS}>
                          {(field) => (
                            <option value={field} selected={mapping()[column.index] === field}>
                              {im(`fields.${field}`)}
                            </option>
                          )}
                        </For>
                      </select>
                    ),
                  },
                ]}
              />
              <Show when={mappingErrors().length > 0}>
                <div class="notice notice-error" role="alert">
                  <ul>
                    <For each={mappingErrors()}>{(message) => <li>{message}</li>}</For>
                  </ul>
                </div>
              </Show>
            </section>

            <section aria-labelledby="import-check-title">
              <h2 id="import-check-title">{im('checkStep')}</h2>
              <div class="form-actions">
                <button type="button" class="button-primary" disabled={!geaFile() || checking() || importing()} onClick={() => void run(true)}>
                  {checking() ? im('checking') : im('dryRun')}
                </button>
              </div>
              <ErrorNotice message={failure()?.message} error={failure()?.error} />
              <div id="import-outcome" tabindex="-1">
                <Show when={problems() && problems()!.length > 0}>
                  <div class="notice notice-error">
                    <p>{im('problems', { count: formatNumber(problems()!.length) })}</p>
                  </div>
                  <DataTable
                    label={im('problemsTable')}
                    rows={problems()}
                    empty=""
                    columns={[
                      { header: im('line'), rowHeader: true, width: 'xs', numeric: true, phone: true, cell: (problem) => String(problem.line) },
                      { header: im('column'), width: 'm', cell: (problem) => problem.column },
                      { header: im('problem'), width: 'xl', phone: true, cell: (problem) => problem.message },
                    ]}
                  />
                </Show>
                <Show when={trial()}>
                  {(counts) => (
                    <div class="notice notice-success">
                      <p>
                        {im('dryRunOk', {
                          created: formatNumber(counts().created),
                          updated: formatNumber(counts().updated),
                          statusChanges: formatNumber(counts().statusChanges),
                          unchanged: formatNumber(counts().unchanged),
                        })}
                      </p>
                    </div>
                  )}
                </Show>
                <SuccessNotice message={done()} />
              </div>
            </section>

            <Show when={trial() || importing() || phase()}>
              <section aria-labelledby="import-run-title">
                <h2 id="import-run-title">{im('importStep')}</h2>
                <Show when={phase()}>
                  {(current) => (
                    <div class="import-progress">
                      <label for="import-progress">{im('progress')}</label>
                      <Show
                        when={current().max !== undefined}
                        fallback={
                          <progress id="import-progress" aria-valuetext={current().label}>
                            {current().label}
                          </progress>
                        }
                      >
                        <progress id="import-progress" max={current().max} value={current().value ?? 0} aria-valuetext={current().label}>
                          {current().label}
                        </progress>
                      </Show>
                      <p role="status">{current().label}</p>
                    </div>
                  )}
                </Show>
                <Show when={trial() || importing()}>
                <div class="form-actions">
                  <button type="button" class="button-primary" disabled={importing() || !trial()} onClick={() => void run(false)}>
                    {importing() ? im('importing') : im('import', { rows: formatNumber(geaFile()?.rows ?? 0) })}
                  </button>
                </div>
                </Show>
              </section>
            </Show>
            <Show when={done()}>
              <p>
                <A href="/inventory">{im('toInventory')}</A>
              </p>
            </Show>
          </>
        )}
      </Show>
    </>
  );
}
