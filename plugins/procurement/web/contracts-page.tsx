// Contracts: filters (kind, text, ending by) kept in the address bar, Relay paging, days to end.
// The contracts query takes no order argument, so no column sorts. The columns add up to about
// 61rem, so nothing is cut at 1280 px; on a phone the subject, the end and the value remain.
import {
  Badge,
  createListParams,
  createListQuery,
  DataTable,
  DateField,
  FilterForm,
  formatDate,
  formatEuroCents,
  formatNumber,
  graphql,
  PageHeading,
  SelectField,
  t,
  TextField,
  useShell,
} from '@gea/web-kit';
import { A } from '@solidjs/router';
import { createMemo, Show } from 'solid-js';
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

export default function ContractsPage() {
  const list = createListParams({ filters: ['kind', 'q', 'before'] });
  const filter = createMemo(() => {
    const params = list.filters();
    return {
      kind: (CONTRACT_KINDS as readonly string[]).includes(params.kind) ? [params.kind as ContractKind] : null,
      search: params.q.trim() || null,
      endingBefore: /^\d{4}-\d{2}-\d{2}$/.test(params.before) ? params.before : null,
    };
  });
  const shell = useShell();
  // Recording a contract needs procurement:write on the bodies it serves: offered to whoever holds it somewhere.
  const canCreate = () => shell().bodiesWithModule('procurement', 'procurement:write').length > 0;
  const contracts = createListQuery({ query: ContractsQuery, list, variables: () => ({ filter: filter() }), connection: (data) => data.contracts });

  return (
    <>
      <PageHeading title={m('title')}>
        <p class="lead">{m('intro')}</p>
      </PageHeading>
      <Show when={canCreate()}>
        <p>
          <A class="button-primary" href="/procurement/contracts/new">
            {m('newContract')}
          </A>
        </p>
      </Show>
      <FilterForm label={m('filters')} list={list}>
        <SelectField
          id="contracts-kind"
          label={m('kind')}
          empty={t('common.all')}
          options={CONTRACT_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
          {...list.field('kind')}
        />
        <TextField id="contracts-search" type="search" label={m('search')} hint={m('searchHint')} {...list.field('q')} />
        <DateField id="contracts-before" label={m('endingBefore')} {...list.field('before')} />
      </FilterForm>
      <DataTable
        label={m('results')}
        caption={m('caption')}
        source={contracts}
        empty={m('none')}
        pagerLabel={m('paging')}
        columns={[
          {
            header: m('subject'),
            rowHeader: true,
            width: 'm',
            phone: true,
            cell: (contract) => (
              <>
                <A href={`/procurement/contracts/${encodeURIComponent(contract.id)}`}>{contract.subject}</A>
                <br />
                <span class="muted">{kindLabel(contract.kind)}</span>
              </>
            ),
          },
          { header: m('supplier'), width: 's', cell: (contract) => contract.supplier.name },
          { header: m('bodies'), width: 'm', cell: (contract) => contract.entities.map((entity) => entity.name).join(', ') },
          { header: m('cig'), nowrap: true, width: 's', cell: (contract) => contract.cig ?? '—' },
          { header: m('endsOn'), nowrap: true, width: 's', phone: true, cell: (contract) => formatDate(contract.endsOn) },
          {
            header: m('daysToEnd'),
            numeric: true,
            width: 'xs',
            cell: (contract) => (
              <Badge tone={contract.daysToEnd < 0 ? 'off' : contract.daysToEnd <= 60 ? 'warn' : 'ok'}>
                {contract.daysToEnd < 0 ? m('ended') : formatNumber(contract.daysToEnd)}
              </Badge>
            ),
          },
          { header: m('value'), numeric: true, nowrap: true, width: 's', phone: true, cell: (contract) => formatEuroCents(contract.valueCents) },
        ]}
      />
    </>
  );
}
