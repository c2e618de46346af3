// Importing circuits from a CSV file: pick the file, check it (a dry run: every problem by line and
// column, nothing written), then import it (all or nothing).
import { createMutation, ErrorNotice, formatNumber, graphql, PageHeading, SuccessNotice, TableWrap } from '@gea/web-kit';
import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { m } from './messages.ts';

const ImportCircuits = graphql(`
  mutation ConnectivityImportCircuits($csv: String!, $dryRun: Boolean!) {
    importCircuits(csv: $csv, dryRun: $dryRun) {
      __typename
      ... on CircuitImportResult { dryRun rows created updated }
      ... on CircuitImportError { message issues { line column message } }
      ... on Error { code message }
    }
  }
`);

type Issue = { line: number; column: string | null; message: string };

export default function CircuitImportPage() {
  const [, run] = createMutation(ImportCircuits);
  const [csv, setCsv] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [issues, setIssues] = createSignal<Issue[]>([]);
  const [failure, setFailure] = createSignal<{ message?: string; error?: never }>();
  const [checkedOk, setCheckedOk] = createSignal(false);

  async function pick(event: Event & { currentTarget: HTMLInputElement }) {
    setNotice(null);
    setIssues([]);
    setFailure(undefined);
    setCheckedOk(false);
    const file = event.currentTarget.files?.[0];
    if (!file) return setCsv(null);
    try {
      setCsv(new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer()));
    } catch {
      setCsv(null);
      setFailure({ message: m('notUtf8') });
    }
  }

  async function send(dryRun: boolean) {
    const text = csv();
    if (text === null) return;
    setBusy(true);
    setNotice(null);
    setIssues([]);
    setFailure(undefined);
    const outcome = await run({ csv: text, dryRun });
    setBusy(false);
    const value = outcome.data?.importCircuits;
    if (outcome.error || !value) return setFailure({ error: outcome.error as never });
    if (value.__typename === 'CircuitImportResult') {
      const counts = { rows: formatNumber(value.rows), created: formatNumber(value.created), updated: formatNumber(value.updated) };
      setCheckedOk(value.dryRun);
      setNotice(value.dryRun ? m('checked', counts) : m('imported', counts));
      return;
    }
    setCheckedOk(false);
    if (value.__typename === 'CircuitImportError') return setIssues(value.issues);
    setFailure({ message: value.message });
  }

  return (
    <>
      <PageHeading title={m('importTitle')}>
        <p class="lead">{m('importIntro')}</p>
      </PageHeading>
      <p>
        <A href="/connectivity/circuits">{m('title')}</A>
      </p>
      <SuccessNotice focus message={notice()} />
      <ErrorNotice message={failure()?.message} error={failure()?.error} />
      <form class="form" onSubmit={(event) => { event.preventDefault(); void send(true); }}>
        <div class="field">
          <label for="circuit-import-file">{m('importFile')}</label>
          <p class="hint" id="circuit-import-file-hint">
            {m('importFileHint')}
          </p>
          <input id="circuit-import-file" type="file" accept=".csv,text/csv" aria-describedby="circuit-import-file-hint" disabled={busy()} onChange={(event) => void pick(event)} />
        </div>
        <div class="form-actions">
          <button type="submit" class="button-secondary" disabled={busy() || csv() === null}>
            {m('check')}
          </button>
          <button type="button" class="button-primary" disabled={busy() || !checkedOk()} onClick={() => void send(false)}>
            {m('runImport')}
          </button>
        </div>
      </form>
      <Show when={issues().length > 0}>
        <section aria-labelledby="circuit-import-problems" role="alert">
          <h2 id="circuit-import-problems">{m('problemsTitle', { count: formatNumber(issues().length) })}</h2>
          <TableWrap label={m('problemsTitle', { count: formatNumber(issues().length) })}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{m('line')}</th>
                  <th scope="col">{m('column')}</th>
                  <th scope="col">{m('problem')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={issues()}>
                  {(issue) => (
                    <tr>
                      <td class="numeric">{issue.line}</td>
                      <td>{issue.column ?? '—'}</td>
                      <td>{issue.message}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </TableWrap>
        </section>
      </Show>
    </>
  );
}
