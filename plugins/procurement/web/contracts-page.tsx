// Contracts: filters (kind, text, ending by) kept in the address bar, Relay paging, days to end.
import {
  Badge,
  createCursorPaging,
  createQuery,
  ErrorNotice,
  formatDate,
  formatEuroCents,
  formatNumber,
  graphql,
  Loading,
  PageHeading,
  Pager,
  SelectField,
  t,
  TableWrap,
  TextField,
} from '@gea/web-kit';
import { useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import { CONTRACT_KINDS, kindLabel, m, type ContractKind } from './messages.ts';

const ContractsQuery = graphql(`
  query ProcurementContracts($first: Int!, $after: String, $filter: ContractFilter) {
    contracts(first: $first, after: $after, filter: $filter) {
      edges {
        node {
          id
          subject
          kind
          cig
          startsOn
          endsOn
          daysToEnd
          valueCents
          supplier {
            id
            name
          }
          entities {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

type Filters = { kind?: string; q?: string; before?: string };
const PAGE_SIZE = 25;

export default function ContractsPage() {
  const [params, setParams] = useSearchParams<Filters>();
  const [draft, setDraft] = createSignal<Filters>({ ...params });
  createEffect(on(() => ({ ...params }), (current) => setDraft(current), { defer: true }));
  const filter = createMemo(() => ({
    kind: (CONTRACT_KINDS as readonly string[]).includes(params.kind ?? '') ? [params.kind as ContractKind] : null,
    search: params.q?.trim() || null,
    endingBefore: /^\d{4}-\d{2}-\d{2}$/.test(params.before ?? '') ? params.before! : null,
  }));
  const paging = createCursorPaging();
  createEffect(on(filter, () => paging.reset(), { defer: true }));
  const [result] = createQuery({ query: ContractsQuery, variables: () => ({ first: PAGE_SIZE, after: paging.after(), filter: filter() }) });
  const contracts = () => result.data?.contracts.edges.map((edge) => edge.node) ?? [];
  const set = (key: keyof Filters) => (value: string) => setDraft({ ...draft(), [key]: value });

  return (
    <>
      <PageHeading title={m('title')}>
        <p class="lead">{m('intro')}</p>
      </PageHeading>
      <form
        class="filters"
        role="search"
        aria-label={m('filters')}
        onSubmit={(event) => {
          event.preventDefault();
          const next = draft();
          setParams({ kind: next.kind || undefined, q: next.q?.trim() || undefined, before: next.before || undefined });
        }}
      >
        <SelectField
          id="contracts-kind"
          label={m('kind')}
          value={draft().kind ?? ''}
          empty={t('common.all')}
          options={CONTRACT_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
          onValue={set('kind')}
        />
        <TextField id="contracts-search" type="search" label={m('search')} hint={m('searchHint')} value={draft().q ?? ''} onValue={set('q')} />
        <TextField id="contracts-before" type="date" label={m('endingBefore')} value={draft().before ?? ''} onValue={set('before')} />
        <div class="form-actions">
          <button type="submit" class="button-primary">
            {t('common.filter')}
          </button>
          <button type="button" class="button-secondary" onClick={() => setParams({ kind: undefined, q: undefined, before: undefined })}>
            {t('common.clearFilters')}
          </button>
        </div>
      </form>
      <ErrorNotice error={result.error} />
      <Show when={result.data} fallback={<Show when={!result.error}><Loading /></Show>}>
        <TableWrap label={m('results')}>
          <table>
            <caption class="visually-hidden">{m('caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{m('subject')}</th>
                <th scope="col">{m('kind')}</th>
                <th scope="col">{m('supplier')}</th>
                <th scope="col">{m('bodies')}</th>
                <th scope="col">{m('cig')}</th>
                <th scope="col">{m('startsOn')}</th>
                <th scope="col">{m('endsOn')}</th>
                <th scope="col" class="num">{m('daysToEnd')}</th>
                <th scope="col" class="num">{m('value')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={contracts()} fallback={<tr><td colspan="9">{m('none')}</td></tr>}>
                {(contract) => (
                  <tr>
                    <th scope="row">{contract.subject}</th>
                    <td>{kindLabel(contract.kind)}</td>
                    <td>{contract.supplier.name}</td>
                    <td>{contract.entities.map((entity) => entity.name).join(', ')}</td>
                    <td class="nowrap">{contract.cig ?? '—'}</td>
                    <td class="nowrap">{formatDate(contract.startsOn)}</td>
                    <td class="nowrap">{formatDate(contract.endsOn)}</td>
                    <td class="num">
                      <Badge tone={contract.daysToEnd < 0 ? 'off' : contract.daysToEnd <= 60 ? 'warn' : 'ok'}>
                        {contract.daysToEnd < 0 ? m('ended') : formatNumber(contract.daysToEnd)}
                      </Badge>
                    </td>
                    <td class="num nowrap">{formatEuroCents(contract.valueCents)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </TableWrap>
        <Pager paging={paging} pageInfo={result.data?.contracts.pageInfo} label={m('paging')} />
      </Show>
    </>
  );
}
