// One connectivity contract: its term as it stands today, the terms form (framework, notice period,
// renewal, each body's share with a running total that must reach 100%), notice (disdetta) recorded
// or withdrawn, express renewal, and the circuits bought under it with their cost this year.
// Every act is the ICT head's (art. 7.4); others read.
import {
  createFieldErrors,
  createMutation,
  createQuery,
  DataTable,
  DateField,
  describeTypedError,
  ErrorNotice,
  ErrorSummary,
  formatDate,
  formatEuroCents,
  formatNumber,
  graphql,
  isStaleVersion,
  isTypedError,
  NodePage,
  NumberField,
  PageHeading,
  type ResultOf,
  SelectField,
  SuccessNotice,
  t,
  TextField,
  useShell,
} from '@gea/web-kit';
import { A, useParams } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { canWriteContracts } from './contracts-page.tsx';
import './contracts.css';
import { FRAMEWORKS, frameworkLabel, m, RENEWALS, renewalLabel, stateLabel, type Framework, type Renewal } from './messages.ts';

const ContractQuery = graphql(`
  query ConnectivityContract($id: ID!) {
    node(id: $id) {
      __typename
      ... on Contract {
        id
        kind
        subject
        cig
        startsOn
        endsOn
        renewableUntil
        supplier {
          id
          name
        }
        entities {
          id
          name
        }
        connectivityTerms {
          id
          version
          framework
          frameworkName
          frameworkEndsOn
          noticePeriodDays
          renewal
          renewalMonths
          noticeGivenOn
          currentTermEndsOn
          termEndsOn
          noticeDate
          daysToNotice
          state
          tacitRenewals
          renewsTacitly
          shares {
            basisPoints
            entity {
              id
              name
            }
          }
        }
      }
    }
  }
`);

const Circuits = graphql(`
  query ConnectivityContractCircuits($associationId: ID!, $year: Int!, $contractId: ID) {
    connectivityCostsOfYear(associationId: $associationId, year: $year, contractId: $contractId) {
      circuit
      cid
      entityName
      providerName
      daysInService
      grossCents
    }
  }
`);
const Associations = graphql(`
  query ConnectivityAssociations {
    associations {
      id
      name
    }
  }
`);

const SetTerms = graphql(`
  mutation ConnectivitySetTerms($contractId: ID!, $expectedVersion: Int, $input: ConnectivityContractTermsInput!) {
    setConnectivityContractTerms(contractId: $contractId, expectedVersion: $expectedVersion, input: $input) {
      __typename
      ... on ConnectivityContract { id version }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);
const RecordNotice = graphql(`
  mutation ConnectivityRecordNotice($contractId: ID!, $expectedVersion: Int!, $givenOn: Date!) {
    recordContractNotice(contractId: $contractId, expectedVersion: $expectedVersion, givenOn: $givenOn) {
      __typename
      ... on ConnectivityContract { id version }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);
const WithdrawNotice = graphql(`
  mutation ConnectivityWithdrawNotice($contractId: ID!, $expectedVersion: Int!) {
    withdrawContractNotice(contractId: $contractId, expectedVersion: $expectedVersion) {
      __typename
      ... on ConnectivityContract { id version }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);
const Renew = graphql(`
  mutation ConnectivityRenew($contractId: ID!, $expectedVersion: Int!) {
    renewConnectivityContract(contractId: $contractId, expectedVersion: $expectedVersion) {
      __typename
      ... on ConnectivityContract { id version }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);

type Contract = Extract<NonNullable<ResultOf<typeof ContractQuery>['node']>, { __typename: 'Contract' }>;
type Terms = NonNullable<Contract['connectivityTerms']>;

const FIELDS = ['framework', 'frameworkName', 'frameworkEndsOn', 'noticePeriodDays', 'renewal', 'renewalMonths', 'shares'] as const;

/** "12,5" or "12.5" (percent) to basis points; undefined when not a number. */
const percentToBasisPoints = (text: string): number | undefined => {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(value) ? undefined : Math.round(value * 100);
};
const basisPointsToPercent = (points: number) => formatNumber(points / 100);

export default function ConnectivityContractPage() {
  const params = useParams<{ contractId: string }>();
  const shell = useShell();
  const [result, reload] = createQuery({ query: ContractQuery, variables: () => ({ id: decodeURIComponent(params.contractId) }) });
  const contract = () => (result.data?.node?.__typename === 'Contract' ? result.data.node : undefined);
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const canWrite = () => canWriteContracts(shell);
  const [saved, setSaved] = createSignal<string | null>(null);
  const done = (message: string) => {
    refresh();
    setSaved(message);
  };

  return (
    <NodePage error={result.error} loaded={!!result.data} node={contract()} notFound={m('notFound')}>
      {(current) => (
        <>
          <p class="breadcrumb">
            <A href="/connectivity/contracts">{m('back')}</A>
          </p>
          <PageHeading title={m('contractTitle', { subject: current().subject })}>
            <p class="lead">
              {current().supplier.name}
              {current().cig ? ` · CIG ${current().cig}` : ''} · {current().entities.map((body) => body.name).join(', ')}
            </p>
          </PageHeading>
          <p>
            <A href={`/procurement/contracts/${encodeURIComponent(current().id)}`}>{m('procurementLink')}</A>
          </p>
          <SuccessNotice focus message={saved()} />
          <Show when={!canWrite()}>
            <p class="notice notice-info">{m('readOnly')}</p>
          </Show>
          <Show when={current().connectivityTerms} fallback={<p>{m('noTerms')}</p>}>
            {(terms) => <TermsSummary terms={terms()} />}
          </Show>
          <Show when={canWrite()}>
            <Show when={current().kind === 'SERVICES'} fallback={<p class="notice notice-info">{m('notServices')}</p>}>
              <TermsForm contract={current()} onSaved={() => done(m('saved'))} onStale={refresh} />
            </Show>
            <Show when={current().connectivityTerms}>
              {(terms) => (
                <>
                  <Notice contractId={current().id} terms={terms()} onDone={done} onStale={refresh} />
                  <Show when={terms().renewal === 'EXPRESS'}>
                    <Renewal contractId={current().id} terms={terms()} onDone={done} onStale={refresh} />
                  </Show>
                </>
              )}
            </Show>
          </Show>
          <ContractCircuits contractId={current().id} />
        </>
      )}
    </NodePage>
  );
}

function TermsSummary(props: { terms: Terms }) {
  return (
    <section aria-labelledby="terms-summary-title">
      <h2 id="terms-summary-title">{m('termsTitle')}</h2>
      <dl class="connectivity-details">
        <dt>{m('framework')}</dt>
        <dd>{[frameworkLabel(props.terms.framework), props.terms.frameworkName].filter(Boolean).join(' · ')}</dd>
        <dt>{m('frameworkEndsOn')}</dt>
        <dd>{formatDate(props.terms.frameworkEndsOn) || '—'}</dd>
        <dt>{m('termEndsOn')}</dt>
        <dd>{formatDate(props.terms.termEndsOn)}</dd>
        <dt>{m('noticeDate')}</dt>
        <dd id="connectivity-notice-date">{formatDate(props.terms.noticeDate)}</dd>
        <dt>{m('state')}</dt>
        <dd>{stateLabel(props.terms.state)}</dd>
        <dt>{m('renewal')}</dt>
        <dd>
          {props.terms.renewalMonths
            ? m('renewalEvery', { renewal: renewalLabel(props.terms.renewal), months: String(props.terms.renewalMonths) })
            : renewalLabel(props.terms.renewal)}
        </dd>
        <dt>{m('tacitRenewals')}</dt>
        <dd>{formatNumber(props.terms.tacitRenewals)}</dd>
        <dt>{m('noticeGivenOn')}</dt>
        <dd>{formatDate(props.terms.noticeGivenOn) || '—'}</dd>
        <dt>{m('sharesLegend')}</dt>
        <dd>{props.terms.shares.map((share) => `${share.entity?.name ?? '—'} ${basisPointsToPercent(share.basisPoints)}%`).join(', ')}</dd>
      </dl>
    </section>
  );
}

function TermsForm(props: { contract: Contract; onSaved: () => void; onStale: () => void }) {
  const terms = () => props.contract.connectivityTerms;
  const shareOf = (entityId: string) => terms()?.shares.find((share) => share.entity?.id === entityId)?.basisPoints;
  const evenShare = Math.floor(10_000 / Math.max(1, props.contract.entities.length));
  const [form, setForm] = createStore({
    framework: (terms()?.framework ?? 'REGIONAL') as string,
    frameworkName: terms()?.frameworkName ?? '',
    frameworkEndsOn: terms()?.frameworkEndsOn ?? '',
    noticePeriodDays: String(terms()?.noticePeriodDays ?? 90),
    renewal: (terms()?.renewal ?? 'TACIT') as string,
    renewalMonths: terms()?.renewalMonths ? String(terms()!.renewalMonths) : '12',
    shares: Object.fromEntries(
      props.contract.entities.map((body, index) => {
        const points = shareOf(body.id) ?? (index === 0 ? 10_000 - evenShare * (props.contract.entities.length - 1) : evenShare);
        return [body.id, String(points / 100)];
      }),
    ) as Record<string, string>,
  });
  const errors = createFieldErrors(FIELDS);
  const [, setTerms] = createMutation(SetTerms);
  const [saving, setSaving] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();
  const total = () => props.contract.entities.reduce((sum, body) => sum + (percentToBasisPoints(form.shares[body.id] ?? '') ?? 0), 0);
  const labels = () => ({
    framework: m('framework'),
    frameworkName: m('frameworkName'),
    frameworkEndsOn: m('frameworkEndsOn'),
    noticePeriodDays: m('noticePeriodDays'),
    renewal: m('renewal'),
    renewalMonths: m('renewalMonths'),
    shares: m('sharesLegend'),
  });

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setFailure(undefined);
    if (total() !== 10_000) return errors.set({ shares: m('sharesMustBe100', { total: basisPointsToPercent(total()) }) });
    errors.clear();
    const input = {
      framework: form.framework as Framework,
      frameworkName: form.frameworkName.trim() || null,
      frameworkEndsOn: form.frameworkEndsOn || null,
      noticePeriodDays: Number(form.noticePeriodDays),
      renewal: form.renewal as Renewal,
      renewalMonths: form.renewal === 'NONE' ? null : Number(form.renewalMonths) || null,
      shares: props.contract.entities.map((body) => ({ entityId: body.id, basisPoints: percentToBasisPoints(form.shares[body.id] ?? '') ?? 0 })),
    };
    setSaving(true);
    const outcome = await setTerms({ contractId: props.contract.id, expectedVersion: terms()?.version ?? null, input });
    setSaving(false);
    const value = outcome.data?.setConnectivityContractTerms;
    if (outcome.error || !value) return setFailure(outcome.error?.message ?? t('common.error'));
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (isStaleVersion(value)) {
      setFailure(describeTypedError(value));
      return props.onStale();
    }
    if (value.__typename === 'ConnectivityContract') return props.onSaved();
    if (isTypedError(value)) setFailure(describeTypedError(value));
  }

  return (
    <section aria-labelledby="terms-form-legend">
      <Show when={errors.any()}>
        <ErrorSummary title={m('errorsTitle')} errors={errors.all()} labels={labels()} idPrefix="terms-" />
      </Show>
      <ErrorNotice message={failure()} />
      <form class="form form-grid" onSubmit={(event) => void save(event)} aria-labelledby="terms-form-legend">
        <fieldset disabled={saving()}>
          <legend id="terms-form-legend">{m('termsLegend')}</legend>
          <SelectField
            id="terms-framework"
            label={m('framework')}
            required
            value={form.framework}
            onValue={(value) => setForm('framework', value)}
            options={FRAMEWORKS.map((value) => ({ value, label: frameworkLabel(value) }))}
            error={errors.of('framework')}
          />
          <TextField id="terms-frameworkName" label={m('frameworkName')} hint={m('frameworkNameHint')} value={form.frameworkName} onValue={(value) => setForm('frameworkName', value)} error={errors.of('frameworkName')} />
          <DateField id="terms-frameworkEndsOn" label={m('frameworkEndsOn')} value={form.frameworkEndsOn} onValue={(value) => setForm('frameworkEndsOn', value)} error={errors.of('frameworkEndsOn')} />
          <NumberField
            id="terms-noticePeriodDays"
            label={m('noticePeriodDays')}
            hint={m('noticePeriodHint')}
            required
            value={form.noticePeriodDays}
            onValue={(value) => setForm('noticePeriodDays', value)}
            error={errors.of('noticePeriodDays')}
          />
          <SelectField
            id="terms-renewal"
            label={m('renewal')}
            required
            value={form.renewal}
            onValue={(value) => setForm('renewal', value)}
            options={RENEWALS.map((value) => ({ value, label: renewalLabel(value) }))}
            error={errors.of('renewal')}
          />
          <Show when={form.renewal !== 'NONE'}>
            <NumberField id="terms-renewalMonths" label={m('renewalMonths')} required value={form.renewalMonths} onValue={(value) => setForm('renewalMonths', value)} error={errors.of('renewalMonths')} />
          </Show>
        </fieldset>
        <fieldset disabled={saving()} aria-describedby="terms-shares-hint terms-shares-total">
          <legend id="terms-shares">{m('sharesLegend')}</legend>
          <p class="hint" id="terms-shares-hint">
            {m('sharesHint')}
          </p>
          <Show when={errors.of('shares')}>
            <p class="field-error" id="terms-shares-error">
              {errors.of('shares')}
            </p>
          </Show>
          <For each={props.contract.entities}>
            {(body) => (
              <NumberField
                id={`terms-share-${body.id}`}
                label={m('shareOf', { name: body.name })}
                value={form.shares[body.id] ?? ''}
                onValue={(value) => setForm('shares', body.id, value)}
              />
            )}
          </For>
          <p id="terms-shares-total" role="status" aria-live="polite" classList={{ 'field-error': total() !== 10_000 }}>
            {m('sharesTotal', { total: basisPointsToPercent(total()) })}
          </p>
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button-primary" disabled={saving()}>
            {saving() ? t('common.saving') : m('save')}
          </button>
        </div>
      </form>
    </section>
  );
}

type Done = (message: string) => void;

function Notice(props: { contractId: string; terms: Terms; onDone: Done; onStale: () => void }) {
  const [, record] = createMutation(RecordNotice);
  const [, withdraw] = createMutation(WithdrawNotice);
  const [givenOn, setGivenOn] = createSignal(new Date().toISOString().slice(0, 10));
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  async function act(kind: 'record' | 'withdraw') {
    setError(undefined);
    setBusy(true);
    const variables = { contractId: props.contractId, expectedVersion: props.terms.version };
    const outcome = kind === 'record' ? await record({ ...variables, givenOn: givenOn() }) : await withdraw(variables);
    setBusy(false);
    const value = outcome.data ? ('recordContractNotice' in outcome.data ? outcome.data.recordContractNotice : outcome.data.withdrawContractNotice) : undefined;
    if (outcome.error || !value) return setError(outcome.error?.message ?? t('common.error'));
    if (value.__typename === 'ConnectivityContract') return props.onDone(kind === 'record' ? m('noticeRecorded') : m('noticeWithdrawn'));
    if (value.__typename === 'InputError') return setError(value.issues.map((issue) => issue.message).join('; '));
    if (isStaleVersion(value)) props.onStale();
    if (isTypedError(value)) setError(describeTypedError(value));
  }

  return (
    <section aria-labelledby="notice-title">
      <h2 id="notice-title">{m('noticeTitle')}</h2>
      <ErrorNotice message={error()} />
      <Show
        when={props.terms.noticeGivenOn}
        fallback={
          <form
            class="form form-grid"
            aria-labelledby="notice-title"
            onSubmit={(event) => {
              event.preventDefault();
              void act('record');
            }}
          >
            <fieldset disabled={busy()}>
              <legend class="visually-hidden">{m('recordNotice')}</legend>
              <DateField id="notice-givenOn" label={m('noticeGivenOn')} required value={givenOn()} onValue={setGivenOn} />
            </fieldset>
            <div class="form-actions">
              <button type="submit" class="button-primary" disabled={busy() || !givenOn()}>
                {m('recordNotice')}
              </button>
            </div>
          </form>
        }
      >
        {(on) => (
          <p>
            {m('noticeGivenOn')} {formatDate(on())}{' '}
            <button type="button" class="button-secondary" disabled={busy()} onClick={() => void act('withdraw')}>
              {m('withdrawNotice')}
            </button>
          </p>
        )}
      </Show>
    </section>
  );
}

function Renewal(props: { contractId: string; terms: Terms; onDone: Done; onStale: () => void }) {
  const [, renew] = createMutation(Renew);
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const next = () => {
    const date = new Date(`${props.terms.currentTermEndsOn}T00:00:00Z`);
    const months = props.terms.renewalMonths ?? 0;
    const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
    const days = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    const lastDay = date.getUTCDate() === new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    return new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), lastDay ? days : Math.min(date.getUTCDate(), days))).toISOString().slice(0, 10);
  };
  async function act() {
    if (!window.confirm(m('renewIntro', { date: formatDate(next()) }))) return;
    setError(undefined);
    setBusy(true);
    const outcome = await renew({ contractId: props.contractId, expectedVersion: props.terms.version });
    setBusy(false);
    const value = outcome.data?.renewConnectivityContract;
    if (outcome.error || !value) return setError(outcome.error?.message ?? t('common.error'));
    if (value.__typename === 'ConnectivityContract') return props.onDone(m('renewed'));
    if (isStaleVersion(value)) props.onStale();
    if (isTypedError(value)) setError(describeTypedError(value));
  }
  return (
    <section aria-labelledby="renew-title">
      <h2 id="renew-title">{m('renewTitle')}</h2>
      <ErrorNotice message={error()} />
      <p>{m('renewIntro', { date: formatDate(next()) })}</p>
      <button type="button" class="button-primary" disabled={busy()} onClick={() => void act()}>
        {m('renew')}
      </button>
    </section>
  );
}

/** The circuits bought under the contract, with their cost this year (from the costs preview). */
function ContractCircuits(props: { contractId: string }) {
  const year = new Date().getFullYear();
  const [associations] = createQuery({ query: Associations });
  const associationId = () => associations.data?.associations[0]?.id;
  const [circuits] = createQuery({
    query: Circuits,
    variables: () => ({ associationId: associationId() ?? '', year, contractId: props.contractId }),
    pause: () => !associationId(),
  });
  return (
    <section aria-labelledby="contract-circuits-title">
      <h2 id="contract-circuits-title">{m('circuitsTitle', { year: String(year) })}</h2>
      <DataTable
        label={m('circuitsTitle', { year: String(year) })}
        rows={associationId() === undefined && associations.data ? [] : circuits.data?.connectivityCostsOfYear}
        error={circuits.error ?? associations.error}
        empty={m('circuitsNone')}
        columns={[
          { header: m('circuit'), rowHeader: true, width: 's', phone: true, cell: (line) => line.cid },
          { header: m('body'), width: 'm', phone: true, cell: (line) => line.entityName },
          { header: m('provider'), width: 's', cell: (line) => line.providerName },
          { header: m('days'), numeric: true, width: 'xs', cell: (line) => formatNumber(line.daysInService) },
          { header: m('gross'), numeric: true, nowrap: true, width: 's', cell: (line) => formatEuroCents(line.grossCents) },
        ]}
      />
    </section>
  );
}
