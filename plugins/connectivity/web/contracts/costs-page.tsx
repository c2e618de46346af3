// Connectivity costs of a year: each circuit's cost (fees pro rata by the days in service, the
// one-off in the year of installation, VAT), and for the head the act that posts them as the year's
// expenses in procurement, after a confirmation; then links to the expenses and the allocation.
import {
  createMutation,
  createQuery,
  DataTable,
  describeTypedError,
  ErrorNotice,
  formatEuroCents,
  formatNumber,
  graphql,
  isTypedError,
  PageHeading,
  SelectField,
  SuccessNotice,
  t,
  useShell,
} from '@gea/web-kit';
import { A, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { canWriteContracts } from './contracts-page.tsx';
import { m } from './messages.ts';

const Associations = graphql(`
  query ConnectivityCostAssociations {
    associations {
      id
      name
    }
  }
`);
const Costs = graphql(`
  query ConnectivityCostsOfYear($associationId: ID!, $year: Int!) {
    connectivityCostsOfYear(associationId: $associationId, year: $year) {
      circuit
      cid
      entityName
      providerName
      daysInService
      daysInYear
      amountCents
      vatCents
      grossCents
    }
  }
`);
const Post = graphql(`
  mutation ConnectivityPostCosts($associationId: ID!, $year: Int!) {
    postConnectivityCosts(associationId: $associationId, year: $year) {
      __typename
      ... on ConnectivityCostsPosted { expenseCount amountCents vatCents created updated deleted }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);

const years = () => {
  const now = new Date().getFullYear();
  return [now + 1, now, now - 1, now - 2, now - 3].map(String);
};

export default function ConnectivityCostsPage() {
  const shell = useShell();
  const [params, setParams] = useSearchParams<{ association: string; year: string }>();
  const [associations] = createQuery({ query: Associations });
  const association = () => associations.data?.associations.find((a) => a.id === params.association) ?? associations.data?.associations[0];
  const year = () => (/^\d{4}$/.test(String(params.year ?? '')) ? Number(params.year) : new Date().getFullYear());
  const [costs, reload] = createQuery({
    query: Costs,
    variables: () => ({ associationId: association()?.id ?? '', year: year() }),
    pause: () => !association(),
  });
  const [, post] = createMutation(Post);
  const [posted, setPosted] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const total = () => (costs.data?.connectivityCostsOfYear ?? []).reduce((sum, line) => sum + Number(line.grossCents), 0);
  const query = () => `?association=${encodeURIComponent(association()?.id ?? '')}&year=${year()}`;

  async function postCosts() {
    const current = association();
    if (!current || !window.confirm(m('postConfirm', { year: String(year()) }))) return;
    setPosted(null);
    setError(undefined);
    setBusy(true);
    const outcome = await post({ associationId: current.id, year: year() });
    setBusy(false);
    const value = outcome.data?.postConnectivityCosts;
    if (outcome.error || !value) return setError(outcome.error?.message ?? t('common.error'));
    if (value.__typename === 'ConnectivityCostsPosted') {
      reload({ requestPolicy: 'network-only' });
      return setPosted(
        m('posted', { count: String(value.expenseCount), created: String(value.created), updated: String(value.updated), deleted: String(value.deleted) }),
      );
    }
    if (value.__typename === 'InputError') return setError(value.issues.map((issue) => issue.message).join('; '));
    if (isTypedError(value)) setError(describeTypedError(value));
  }

  return (
    <>
      <PageHeading title={m('costsTitle')}>
        <p class="lead">{m('costsIntro')}</p>
      </PageHeading>
      <ErrorNotice error={associations.error} />
      <Show when={!associations.data || association()} fallback={<p>{m('noAssociation')}</p>}>
        <form class="form form-grid" aria-label={m('costsTitle')} onSubmit={(event) => event.preventDefault()}>
          <SelectField
            id="costs-association"
            label={m('association')}
            value={association()?.id ?? ''}
            onValue={(value) => (setPosted(null), setParams({ association: value }))}
            options={(associations.data?.associations ?? []).map((a) => ({ value: a.id, label: a.name }))}
          />
          <SelectField id="costs-year" label={m('year')} value={String(year())} onValue={(value) => (setPosted(null), setParams({ year: value }))} options={years().map((y) => ({ value: y, label: y }))} />
        </form>
        <SuccessNotice focus message={posted()} />
        <ErrorNotice message={error()} />
        <Show when={posted()}>
          <p>
            <A href={`/procurement/expenses${query()}`}>{m('expensesLink')}</A> · <A href={`/cost-sharing${query()}`}>{m('allocationLink')}</A>
          </p>
        </Show>
        <DataTable
          label={m('costsCaption')}
          rows={costs.data?.connectivityCostsOfYear}
          error={costs.error}
          empty={m('costsNone')}
          columns={[
            { header: m('circuit'), rowHeader: true, width: 's', phone: true, cell: (line) => line.cid },
            { header: m('body'), width: 'm', phone: true, cell: (line) => line.entityName },
            { header: m('provider'), width: 's', cell: (line) => line.providerName },
            { header: m('days'), numeric: true, width: 'xs', cell: (line) => `${formatNumber(line.daysInService)}/${formatNumber(line.daysInYear)}` },
            { header: m('amount'), numeric: true, nowrap: true, width: 's', cell: (line) => formatEuroCents(line.amountCents) },
            { header: m('vat'), numeric: true, nowrap: true, width: 's', cell: (line) => formatEuroCents(line.vatCents) },
            { header: m('gross'), numeric: true, nowrap: true, width: 's', phone: true, cell: (line) => formatEuroCents(line.grossCents) },
          ]}
        />
        <p>{m('total', { amount: formatEuroCents(total()) })}</p>
        <Show when={canWriteContracts(shell)}>
          <button type="button" class="button-primary" disabled={busy() || !association()} onClick={() => void postCosts()}>
            {m('post')}
          </button>
        </Show>
      </Show>
    </>
  );
}
