// Cost sharing: an association's allocation of a year per body (with each body's explanation), a
// bar chart of the shares, a simulation of the PC weight (nothing saved), and the annual documents
// with PDF and CSV downloads (issued by those who may write).
import {
  createQuery,
  DataTable,
  downloadBlob,
  downloadCsv,
  describeError,
  ErrorNotice,
  formatDate,
  formatDateTime,
  formatEuroCents,
  formatNumber,
  graphql,
  issueMessage,
  type FieldIssue,
  Loading,
  locale,
  PageHeading,
  SelectField,
  SuccessNotice,
  TableWrap,
  TextField,
  useClient,
  useShell,
} from '@gea/web-kit';
import { useSearchParams } from '@solidjs/router';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { base64ToBytes, m, planLabel, PLANS, type Plan } from './messages.ts';
import ShareChart from './share-chart.tsx';
import './cost-sharing.css';

// The associations, and which of them the bodies the person may read belong to: a referent is
// offered their body's association only (the lead body and the other members are not theirs to read).
const AssociationsQuery = graphql(`
  query CostSharingAssociations {
    associations {
      id
      name
      kind
    }
    entities(first: 100) {
      edges {
        node {
          id
          memberships {
            leftOn
            association {
              id
            }
          }
        }
      }
    }
  }
`);

const AllocationPdfQuery = graphql(`
  query CostSharingAllocationPdf($association: ID!, $year: Int!, $scenario: AllocationScenario) {
    costAllocation(association: $association, year: $year, scenario: $scenario) {
      __typename
      ... on CostAllocation {
        scenario
        pdfFileName
        pdfBase64
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

// The weights in force, to name them when a document is issued while a simulation is shown.
const WeightsInForceQuery = graphql(`
  query CostSharingWeightsInForce($association: ID!, $year: Int!) {
    costAllocation(association: $association, year: $year) {
      __typename
      ... on CostAllocation {
        pcWeightBasisPoints
        populationWeightBasisPoints
      }
    }
  }
`);

const AllocationQuery = graphql(`
  query CostSharingAllocation($association: ID!, $year: Int!, $scenario: AllocationScenario, $locale: Locale!) {
    costAllocation(association: $association, year: $year, scenario: $scenario) {
      __typename
      ... on CostAllocation {
        year
        scenario
        netTotalCents
        grossTotalCents
        memberCount
        pcWeightBasisPoints
        populationWeightBasisPoints
        bodies {
          name
          entity {
            id
          }
          pcs
          population
          pcQuotaCents
          populationQuotaCents
          correctives {
            label
            amountCents
          }
          projects {
            name
            amountCents
          }
          staffReimbursementCents
          totalCents
          explanation(locale: $locale)
        }
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
      ... on PopulationMissingError {
        code
        year
        referenceDate
        bodies {
          name
        }
      }
    }
  }
`);

const DocumentsQuery = graphql(`
  query CostSharingDocuments($association: ID!, $year: Int!) {
    node(id: $association) {
      id
      ... on Association {
        planDocuments(year: $year) {
          id
          title
          plan
          version
          issuedAt
          dueOn
          onTime
          netTotalCents
          note
        }
      }
    }
  }
`);

const DocumentFileQuery = graphql(`
  query CostSharingDocumentFile($id: ID!) {
    node(id: $id) {
      id
      ... on PlanDocument {
        title
        version
        year
        plan
        pdfBase64
        pdfFileName
        csv
        csvFileName
      }
    }
  }
`);

const IssueMutation = graphql(`
  mutation CostSharingIssue($association: ID!, $year: Int!, $plan: ExpensePlan!, $note: String) {
    issuePlanDocument(association: $association, year: $year, plan: $plan, note: $note) {
      __typename
      ... on PlanDocument {
        id
        title
        version
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

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: 6 }, (_, i) => THIS_YEAR + 1 - i);
const percent = (basisPoints: number) => `${formatNumber(basisPoints / 100)} %`;
const sum = (lines: readonly { amountCents: number }[]) => lines.reduce((total, line) => total + line.amountCents, 0);

/** InputError issues as sentences, translated by their code where the kit knows it. */
function Issues(props: { issues: readonly FieldIssue[] | undefined; message?: string }) {
  return (
    <Show when={props.issues || props.message}>
      <div class="notice notice-error" role="alert">
        <p>{m('issuesTitle')}</p>
        <ul>
          <Show when={props.issues && props.issues.length > 0} fallback={<li>{props.message}</li>}>
            <For each={props.issues}>{(issue) => <li>{issueMessage(issue)}</li>}</For>
          </Show>
        </ul>
      </div>
    </Show>
  );
}

export default function CostSharingPage() {
  const shell = useShell();
  const client = useClient();
  const [params, setParams] = useSearchParams<{ association?: string; year?: string }>();
  const [associations] = createQuery({ query: AssociationsQuery });
  /** Associations with a member body on which the person holds `permission` (all of them for association-wide roles). */
  const associationsWith = (permission: string) => {
    const all = associations.data?.associations ?? [];
    const bodies = shell().access.bodiesWith(permission);
    if (bodies === 'all') return all;
    const today = new Date().toISOString().slice(0, 10);
    const reachable = new Set(
      (associations.data?.entities.edges ?? [])
        .filter((edge) => bodies.has(edge.node.id))
        .flatMap((edge) => edge.node.memberships.filter((m) => !m.leftOn || m.leftOn > today).map((m) => m.association.id)),
    );
    return all.filter((a) => reachable.has(a.id));
  };
  const offered = createMemo(() => associationsWith('cost-sharing:read'));
  // An association in the address that the person may not read is not opened: their first one is.
  const associationId = () => offered().find((a) => a.id === params.association)?.id ?? offered()[0]?.id ?? '';
  const year = () => {
    const value = Number(params.year);
    return Number.isInteger(value) && value > 1900 ? value : THIS_YEAR;
  };

  // Simulated PC weight (basis points); null: the weights in force.
  const [weight, setWeight] = createSignal<number | null>(null);
  const scenario = () => (weight() === null ? null : { pcWeightBasisPoints: weight()! });
  const [allocation] = createQuery({
    query: AllocationQuery,
    variables: () => ({ association: associationId(), year: year(), scenario: scenario(), locale: locale() === 'en' ? ('EN' as const) : ('IT' as const) }),
    pause: () => !associationId(),
  });
  const result = () => allocation.data?.costAllocation;
  const data = createMemo(() => {
    const value = result();
    return value?.__typename === 'CostAllocation' ? value : undefined;
  });
  const shownWeight = () => weight() ?? data()?.pcWeightBasisPoints ?? 5000;

  const [open, setOpen] = createSignal<ReadonlySet<string>>(new Set());
  const toggle = (id: string) => {
    const next = new Set(open());
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };

  /** A body's share of the net total, in per cent (what the table's "Quota %" column shows). */
  const shareOf = (cents: number) => {
    const total = data()?.netTotalCents ?? 0;
    return total > 0 ? (cents * 100) / total : 0;
  };
  // Each visible body's share of the whole net total; the members the reader may not see (a
  // referent: all but their own) as one bar, so no body looks like it pays everything.
  const shares = createMemo(() => {
    const value = data();
    if (!value) return [];
    const shown = value.bodies.map((body) => ({ name: body.name, percent: shareOf(body.totalCents) }));
    const hidden = value.memberCount - value.bodies.length;
    if (hidden <= 0) return shown;
    const rest = value.netTotalCents - value.bodies.reduce((all, body) => all + body.totalCents, 0);
    return [...shown, { name: m('otherBodies', { count: String(hidden) }), percent: shareOf(rest) }];
  });
  const formatShare = (percent: number) => `${formatNumber(Math.round(percent * 100) / 100)} %`;

  const [documents, refetchDocuments] = createQuery({
    query: DocumentsQuery,
    variables: () => ({ association: associationId(), year: year() }),
    pause: () => !associationId(),
  });
  const planDocuments = () => {
    const node = documents.data?.node;
    return node && 'planDocuments' in node ? (node.planDocuments ?? []) : [];
  };
  const canWrite = () => associationsWith('cost-sharing:write').some((a) => a.id === associationId());

  const [notice, setNotice] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<string>();
  async function download(id: string, kind: 'pdf' | 'csv') {
    setNotice(null);
    setFailure(undefined);
    const outcome = await client.query(DocumentFileQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
    const node = outcome.data?.node;
    if (!node || !('pdfBase64' in node)) {
      setFailure(outcome.error ? describeError(outcome.error) : m('notFound'));
      return;
    }
    const name = kind === 'pdf' ? node.pdfFileName! : node.csvFileName!;
    if (kind === 'pdf') downloadBlob(new Blob([base64ToBytes(node.pdfBase64!)], { type: 'application/pdf' }), name);
    else downloadCsv(node.csv!, name);
    setNotice(m('downloaded', { file: name }));
  }

  const [pdfBusy, setPdfBusy] = createSignal(false);
  async function downloadAllocationPdf() {
    setNotice(null);
    setFailure(undefined);
    setPdfBusy(true);
    const outcome = await client
      .query(AllocationPdfQuery, { association: associationId(), year: year(), scenario: scenario() }, { requestPolicy: 'network-only' })
      .toPromise();
    setPdfBusy(false);
    const value = outcome.data?.costAllocation;
    if (value?.__typename !== 'CostAllocation') {
      setFailure(outcome.error ? describeError(outcome.error) : value && 'code' in value && value.code === 'POPULATION_MISSING' ? m('pdfPopulationMissing') : m('pdfFailed'));
      return;
    }
    downloadBlob(new Blob([base64ToBytes(value.pdfBase64)], { type: 'application/pdf' }), value.pdfFileName);
    setNotice(m('downloaded', { file: value.pdfFileName }));
  }

  // While a simulation is shown, issuing asks first, naming the weights the document will use.
  const [inForce] = createQuery({
    query: WeightsInForceQuery,
    variables: () => ({ association: associationId(), year: year() }),
    pause: () => !associationId() || weight() === null,
  });
  const weightsInForce = () => {
    const value = inForce.data?.costAllocation;
    return value?.__typename === 'CostAllocation' ? value : undefined;
  };
  const [confirming, setConfirming] = createSignal(false);
  let confirmHeading: HTMLHeadingElement | undefined;

  const [plan, setPlan] = createSignal<Plan>('RUNNING_SERVICES');
  const [note, setNote] = createSignal('');
  const [issuing, setIssuing] = createSignal(false);
  const [issueIssues, setIssueIssues] = createSignal<{ issues?: readonly FieldIssue[]; message?: string } | null>(null);
  let issueNotice: HTMLDivElement | undefined;
  async function issue() {
    setConfirming(false);
    setIssuing(true);
    setIssueIssues(null);
    setNotice(null);
    setFailure(undefined);
    const outcome = await client
      .mutation(IssueMutation, { association: associationId(), year: year(), plan: plan(), note: note().trim() || null })
      .toPromise();
    setIssuing(false);
    const payload = outcome.data?.issuePlanDocument;
    if (!payload) {
      setFailure(outcome.error ? describeError(outcome.error) : undefined);
      return;
    }
    if (payload.__typename === 'PlanDocument') {
      setNotice(m('issued', { title: payload.title, version: String(payload.version) }));
      issueNotice?.focus();
      setNote('');
      refetchDocuments({ requestPolicy: 'network-only' });
    } else if (payload.__typename === 'InputError') setIssueIssues({ issues: payload.issues, message: payload.message });
    else setIssueIssues({ message: m('notFound') });
  }

  return (
    <>
      <PageHeading title={m('title')}>
        <p class="lead">{m('intro')}</p>
      </PageHeading>
      <ErrorNotice error={associations.error} />
      <Show when={associations.data} fallback={<Show when={!associations.error}><Loading /></Show>}>
        <Show when={offered().length > 0} fallback={<p>{m('noAssociations')}</p>}>
          <form class="filters" aria-label={m('choose')} onSubmit={(event) => event.preventDefault()}>
            <SelectField
              id="cost-sharing-association"
              label={m('association')}
              value={associationId()}
              options={offered().map((a) => ({ value: a.id, label: a.name }))}
              onValue={(value) => {
                setWeight(null);
                setOpen(new Set<string>());
                setParams({ association: value });
              }}
            />
            <SelectField
              id="cost-sharing-year"
              label={m('year')}
              value={String(year())}
              options={(YEARS.includes(year()) ? YEARS : [year(), ...YEARS]).map((y) => ({ value: String(y), label: String(y) }))}
              onValue={(value) => {
                setWeight(null);
                setParams({ year: value });
              }}
            />
          </form>

          <ErrorNotice error={allocation.error} />
          <Show when={result()?.__typename === 'InputError' ? result() : undefined}>
            {(error) => <Issues issues={'issues' in error() ? (error() as { issues: { path: string[]; message: string }[] }).issues : undefined} />}
          </Show>
          <Show when={result()?.__typename === 'NotFoundError'}>
            <ErrorNotice message={m('notFound')} />
          </Show>
          {/* Art. 13: a year without the members' population at 31 December of the year before; the API names them. */}
          <Show when={(() => { const value = result(); return value?.__typename === 'PopulationMissingError' ? value : undefined; })()}>
            {(missing) => (
              <div class="notice notice-error" role="alert">
                <p>
                  {m('populationMissing', {
                    year: String(missing().year),
                    date: formatDate(missing().referenceDate),
                    bodies: missing().bodies.map((body) => body.name).join(', '),
                  })}
                </p>
                <Show when={shell().access.can('core:entities:write')}>
                  <p>
                    <a href="/population">{m('populationMissingAction')}</a>
                  </p>
                </Show>
              </div>
            )}
          </Show>

          <Show when={data()} fallback={<Show when={!allocation.error && !result()}><Loading /></Show>}>
            {(value) => (
              <>
                <p>
                  <Show when={value().scenario}>
                    <strong>{m('simulationTag')} </strong>
                  </Show>
                  {m('weights', { pc: percent(value().pcWeightBasisPoints), population: percent(value().populationWeightBasisPoints) })}
                </p>
                <p>
                  <button type="button" class="button-secondary" disabled={pdfBusy()} onClick={() => void downloadAllocationPdf()}>
                    {value().scenario ? m('downloadSimulationPdf') : m('downloadAllocationPdf')}
                  </button>
                </p>
                {/* Not a DataTable: each body's row unfolds its explanation, and the footer carries the net total. */}
                <TableWrap label={m('tableLabel')}>
                  <table class="allocation phone-columns">
                    <caption>{m('tableCaption', { year: String(value().year) })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{m('body')}</th>
                        <th scope="col" class="num not-on-phone">{m('pcs')}</th>
                        <th scope="col" class="num not-on-phone">{m('residents')}</th>
                        <th scope="col" class="num not-on-phone">{m('pcQuota')}</th>
                        <th scope="col" class="num not-on-phone">{m('populationQuota')}</th>
                        <th scope="col" class="num not-on-phone">{m('correctives')}</th>
                        <th scope="col" class="num not-on-phone">{m('projects')}</th>
                        <th scope="col" class="num not-on-phone">{m('staff')}</th>
                        <th scope="col" class="num">{m('total')}</th>
                        <th scope="col" class="num">{m('sharePercent')}</th>
                      </tr>
                    </thead>
                    <For each={value().bodies}>
                      {(body) => {
                        const id = () => body.entity.id;
                        const expanded = () => open().has(id());
                        const panel = `explanation-${id().replace(/[^\w-]/g, '')}`;
                        return (
                          <tbody>
                            <tr>
                              <th scope="row">
                                <button
                                  type="button"
                                  class="link-button"
                                  aria-expanded={expanded()}
                                  aria-controls={panel}
                                  aria-label={m('explain', { name: body.name })}
                                  onClick={() => toggle(id())}
                                >
                                  <span aria-hidden="true">{expanded() ? '▾ ' : '▸ '}</span>
                                  {body.name}
                                </button>
                              </th>
                              <td class="num not-on-phone">{formatNumber(body.pcs)}</td>
                              <td class="num not-on-phone">{formatNumber(body.population)}</td>
                              <td class="num nowrap not-on-phone">{formatEuroCents(body.pcQuotaCents)}</td>
                              <td class="num nowrap not-on-phone">{formatEuroCents(body.populationQuotaCents)}</td>
                              <td class="num nowrap not-on-phone">{formatEuroCents(sum(body.correctives))}</td>
                              <td class="num nowrap not-on-phone">{formatEuroCents(sum(body.projects))}</td>
                              <td class="num nowrap not-on-phone">{formatEuroCents(body.staffReimbursementCents)}</td>
                              <td class="num nowrap">{formatEuroCents(body.totalCents)}</td>
                              <td class="num nowrap" data-share={body.name}>
                                {formatShare(shareOf(body.totalCents))}
                              </td>
                            </tr>
                            <tr id={panel} hidden={!expanded()}>
                              <td colspan="10">
                                <Show when={expanded()}>
                                  <p class="visually-hidden">{m('explanationOf', { name: body.name })}</p>
                                  <ul class="explanation">
                                    <For each={body.explanation}>{(line) => <li>{line}</li>}</For>
                                  </ul>
                                </Show>
                              </td>
                            </tr>
                          </tbody>
                        );
                      }}
                    </For>
                    <tfoot>
                      <tr>
                        <th scope="row">{m('totals')}</th>
                        <td class="not-on-phone" colspan="7" />
                        <td class="num nowrap" data-testid="net-total">
                          {formatEuroCents(value().netTotalCents)}
                        </td>
                        <td class="num nowrap">{formatShare(100)}</td>
                      </tr>
                    </tfoot>
                  </table>
                </TableWrap>

                <ShareChart shares={shares()} locale={locale() === 'en' ? 'en-GB' : 'it-IT'} />
                {/* The chart's figures in words: the same shares as the table's last column. */}
                <ul class="chart-legend" aria-label={m('chartTitle')}>
                  <For each={shares()}>
                    {(share) => (
                      <li data-chart-share={share.name}>
                        {share.name}: {formatShare(share.percent)}
                      </li>
                    )}
                  </For>
                </ul>
              </>
            )}
          </Show>

          <section class="panel" aria-labelledby="scenario-title">
            <h2 id="scenario-title">{m('scenario')}</h2>
            <p>{m('scenarioIntro')}</p>
            <div class="field">
              <label for="cost-sharing-weight-range">{m('pcWeightSlider')}</label>
              <input
                id="cost-sharing-weight-range"
                type="range"
                min="0"
                max="10000"
                step="100"
                value={shownWeight()}
                aria-valuetext={percent(shownWeight())}
                onChange={(event) => setWeight(Number(event.currentTarget.value))}
              />
            </div>
            <TextField
              id="cost-sharing-weight"
              type="number"
              min="0"
              max="100"
              step="1"
              inputmode="numeric"
              label={m('pcWeight')}
              hint={m('pcWeightHint')}
              value={String(shownWeight() / 100)}
              onValue={() => {}}
              onChange={(event) => {
                const value = Number(event.currentTarget.value);
                if (Number.isFinite(value) && value >= 0 && value <= 100) setWeight(Math.round(value * 100));
              }}
            />
            <p>{m('populationWeight', { value: percent(10000 - shownWeight()) })}</p>
            <div role="status" aria-live="polite">
              <Show when={weight() !== null}>
                <p class="notice notice-info">
                  <strong>{m('simulation')}</strong>
                </p>
              </Show>
            </div>
            <Show when={weight() !== null}>
              <button type="button" class="button-secondary" onClick={() => setWeight(null)}>
                {m('resetScenario')}
              </button>
            </Show>
          </section>

          <section aria-labelledby="documents-title">
            <h2 id="documents-title">{m('documents')}</h2>
            <ErrorNotice error={documents.error} />
            <ErrorNotice message={failure()} />
            <div ref={issueNotice} tabindex="-1">
              <SuccessNotice message={notice()} />
            </div>
            <DataTable
              label={m('documents')}
              caption={m('documentsCaption', { year: String(year()) })}
              rows={documents.data ? planDocuments() : undefined}
              error={documents.error}
              empty={m('noDocuments')}
              columns={[
                { header: m('documentTitle'), rowHeader: true, phone: true, width: 'm', cell: (doc) => doc.title },
                // The title names the plan already; its column made the table wider than 1280 px.
                { header: m('version'), numeric: true, width: 'xs', cell: (doc) => doc.version },
                { header: m('issuedAt'), nowrap: true, width: 's', cell: (doc) => formatDateTime(doc.issuedAt) },
                { header: m('dueOn'), nowrap: true, width: 'm', cell: (doc) => `${formatDate(doc.dueOn)} (${doc.onTime ? m('onTime') : m('late')})` },
                { header: m('netTotal'), numeric: true, nowrap: true, phone: true, width: 's', cell: (doc) => formatEuroCents(doc.netTotalCents) },
                {
                  header: m('download'),
                  nowrap: true,
                  phone: true,
                  width: 'm',
                  cell: (doc) => (
                    <>
                      <button
                        type="button"
                        class="button-secondary"
                        aria-label={m('downloadPdfLabel', { title: doc.title, version: String(doc.version) })}
                        onClick={() => void download(doc.id, 'pdf')}
                      >
                        {m('downloadPdf')}
                      </button>{' '}
                      <button
                        type="button"
                        class="button-secondary"
                        aria-label={m('downloadCsvLabel', { title: doc.title, version: String(doc.version) })}
                        onClick={() => void download(doc.id, 'csv')}
                      >
                        {m('downloadCsv')}
                      </button>
                    </>
                  ),
                },
              ]}
            />

            <Show when={canWrite()}>
              <form
                class="filters"
                aria-labelledby="issue-title"
                onSubmit={(event) => {
                  event.preventDefault();
                  // A simulation is shown: the document would not be what is on screen. Ask first.
                  if (weight() !== null) {
                    setConfirming(true);
                    confirmHeading?.focus();
                    return;
                  }
                  void issue();
                }}
              >
                <h3 id="issue-title">{m('issue')}</h3>
                <SelectField
                  id="cost-sharing-plan"
                  label={m('plan')}
                  value={plan()}
                  options={PLANS.map((p) => ({ value: p, label: planLabel(p) }))}
                  onValue={(value) => setPlan(value as Plan)}
                />
                <TextField id="cost-sharing-note" label={m('note')} value={note()} onValue={setNote} />
                <div class="form-actions">
                  <button type="submit" class="button-primary" disabled={issuing()}>
                    {issuing() ? m('issuing') : m('issueButton')}
                  </button>
                </div>
                <Issues issues={issueIssues()?.issues} message={issueIssues()?.message} />
              </form>
              <Show when={confirming() && weight() !== null}>
                <div class="notice notice-warning simulation-warning" role="alertdialog" aria-labelledby="issue-confirm-title" aria-describedby="issue-confirm-text">
                  <h3 id="issue-confirm-title" tabindex="-1" ref={(el) => {
                    confirmHeading = el;
                    queueMicrotask(() => el.focus());
                  }}>
                    {m('confirmTitle')}
                  </h3>
                  <p id="issue-confirm-text">
                    {m('confirmText', {
                      plan: planLabel(plan()),
                      year: String(year()),
                      simulated: percent(weight()!),
                      pc: weightsInForce() ? percent(weightsInForce()!.pcWeightBasisPoints) : '…',
                      population: weightsInForce() ? percent(weightsInForce()!.populationWeightBasisPoints) : '…',
                    })}
                  </p>
                  <div class="form-actions">
                    <button type="button" class="button-primary" disabled={issuing() || !weightsInForce()} onClick={() => void issue()}>
                      {m('confirmIssue', { pc: weightsInForce() ? percent(weightsInForce()!.pcWeightBasisPoints) : '…' })}
                    </button>{' '}
                    <button type="button" class="button-secondary" onClick={() => setConfirming(false)}>
                      {m('confirmCancel')}
                    </button>
                  </div>
                </div>
              </Show>
            </Show>
          </section>
        </Show>
      </Show>
    </>
  );
}
