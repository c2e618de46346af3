// Circuits: filters (body, provider, status, technology, text) kept in the address bar, Relay
// paging with the total, the AGCOM class as a badge and the bandwidth in Mbit/s. On a phone the
// circuit id, the body, the status and the bandwidth remain.
import { Badge, createListParams, createListQuery, createQuery, DataTable, FilterForm, formatNumber, graphql, PageHeading, SelectField, t, TextField, useShell } from '@gea/web-kit';
import { A } from '@solidjs/router';
import { createMemo, Show } from 'solid-js';
import { m, STATUSES, TECHNOLOGIES, type CircuitStatus, type CircuitTechnology } from './messages.ts';

const CircuitsQuery = graphql(`
  query ConnectivityCircuits($first: Int!, $after: String, $filter: CircuitFilter) {
    circuits(first: $first, after: $after, filter: $filter) {
      totalCount
      edges {
        node {
          id
          cid
          status
          technology
          agcomClass
          downloadKbps
          uploadKbps
          provider { id name }
          entity { id name }
          terminations { side site { name } }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ProvidersQuery = graphql(`
  query ConnectivityCircuitProviders {
    connectivityProviders { id name }
  }
`);

/** kbit/s as Mbit/s, with decimals only below 10 Mbit/s. */
export const mbps = (kbps: number) => formatNumber(kbps >= 10_000 ? Math.round(kbps / 1000) : Math.round(kbps / 100) / 10);

const tone = (status: string) => (status === 'ACTIVE' ? 'ok' : status === 'OFFLINE' || status === 'PROVISIONING' ? 'warn' : 'off');
const classTone = (agcom: string | null) => (agcom === 'F' ? 'ok' : agcom === 'FR' ? 'warn' : 'off');

export default function CircuitsPage() {
  const shell = useShell();
  const list = createListParams({ filters: ['body', 'provider', 'status', 'technology', 'q'] });
  const [providers] = createQuery({ query: ProvidersQuery });
  const filter = createMemo(() => {
    const params = list.filters();
    return {
      entityId: params.body || null,
      providerId: params.provider || null,
      status: (STATUSES as readonly string[]).includes(params.status) ? [params.status as CircuitStatus] : null,
      technology: (TECHNOLOGIES as readonly string[]).includes(params.technology) ? [params.technology as CircuitTechnology] : null,
      search: params.q.trim() || null,
    };
  });
  const canWrite = () => shell().bodiesWithModule('connectivity', 'connectivity:write').length > 0;
  const circuits = createListQuery({ query: CircuitsQuery, list, variables: () => ({ filter: filter() }), connection: (data) => data.circuits });

  return (
    <>
      <PageHeading title={m('title')}>
        <p class="lead">{m('intro')}</p>
      </PageHeading>
      <Show when={canWrite()}>
        <p class="actions">
          <A class="button-primary" href="/connectivity/circuits/new">
            {m('newCircuit')}
          </A>{' '}
          <A class="button-secondary" href="/connectivity/circuits/import">
            {m('importCircuits')}
          </A>
        </p>
      </Show>
      <FilterForm label={m('filters')} list={list}>
        <SelectField
          id="circuits-body"
          label={m('body')}
          empty={t('common.all')}
          options={shell()
            .bodiesWithModule('connectivity', 'connectivity:read')
            .map((body) => ({ value: body.id, label: body.name }))}
          {...list.field('body')}
        />
        <SelectField
          id="circuits-provider"
          label={m('provider')}
          empty={t('common.all')}
          options={(providers.data?.connectivityProviders ?? []).map((provider) => ({ value: provider.id, label: provider.name }))}
          {...list.field('provider')}
        />
        <SelectField id="circuits-status" label={m('status')} empty={t('common.all')} options={STATUSES.map((s) => ({ value: s, label: m(`statuses.${s}`) }))} {...list.field('status')} />
        <SelectField
          id="circuits-technology"
          label={m('technology')}
          empty={t('common.all')}
          options={TECHNOLOGIES.map((s) => ({ value: s, label: m(`technologies.${s}`) }))}
          {...list.field('technology')}
        />
        <TextField id="circuits-search" type="search" label={m('search')} hint={m('searchHint')} {...list.field('q')} />
      </FilterForm>
      <p aria-live="polite">{circuits.totalCount() !== undefined ? m('total', { count: formatNumber(circuits.totalCount()!) }) : ''}</p>
      <DataTable
        label={m('title')}
        caption={m('caption')}
        source={circuits}
        empty={m('none')}
        pagerLabel={m('paging')}
        columns={[
          {
            header: m('cid'),
            rowHeader: true,
            width: 's',
            phone: true,
            cell: (circuit) => <A href={`/connectivity/circuits/${encodeURIComponent(circuit.id)}`}>{circuit.cid}</A>,
          },
          { header: m('body'), width: 'm', phone: true, cell: (circuit) => circuit.entity?.name ?? '—' },
          { header: m('site'), width: 's', cell: (circuit) => circuit.terminations.find((end) => end.side === 'A')?.site?.name ?? '—' },
          { header: m('provider'), width: 's', cell: (circuit) => circuit.provider.name },
          { header: m('technology'), width: 's', cell: (circuit) => m(`technologies.${circuit.technology}`) },
          {
            header: m('agcom'),
            width: 'xs',
            cell: (circuit) => <Badge tone={classTone(circuit.agcomClass)}>{circuit.agcomClass ?? m('noClass')}</Badge>,
          },
          { header: m('status'), width: 's', phone: true, cell: (circuit) => <Badge tone={tone(circuit.status)}>{m(`statuses.${circuit.status}`)}</Badge> },
          {
            header: m('bandwidth'),
            numeric: true,
            nowrap: true,
            width: 's',
            phone: true,
            cell: (circuit) => m('downUp', { down: mbps(circuit.downloadKbps), up: mbps(circuit.uploadKbps) }),
          },
        ]}
      />
    </>
  );
}
