// Hosted sites: filters (body, status, CMS, alert kind, text) kept in the address bar, Relay paging
// with the total, and each site's alerts as badges. On a phone the name, the domain and the alerts remain.
import { Badge, createListParams, createListQuery, DataTable, FilterForm, formatNumber, graphql, PageHeading, SelectField, t, TextField, useShell } from '@gea/web-kit';
import { A } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { ALERT_KINDS, alertTone, CMS_KINDS, m, STATUSES, type AlertKind, type CmsKind, type SiteStatus } from './messages.ts';

const SitesQuery = graphql(`
  query WebHostingSites($first: Int!, $after: String, $entityId: ID, $filter: HostedSiteFilter) {
    hostedSites(first: $first, after: $after, entityId: $entityId, filter: $filter) {
      totalCount
      edges {
        node {
          id
          name
          slug
          primaryDomain
          status
          cms
          cmsVersion
          tlsExpiresOn
          entity { id name }
          alerts { kind }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const statusTone = (status: string) => (status === 'ACTIVE' ? 'ok' : status === 'MAINTENANCE' ? 'warn' : 'off');

/** One badge per kind of alert, with how many when more than one (missing links). */
export function AlertBadges(props: { alerts: readonly { kind: AlertKind }[] }) {
  const counted = () => ALERT_KINDS.map((kind) => ({ kind, count: props.alerts.filter((alert) => alert.kind === kind).length })).filter((row) => row.count > 0);
  return (
    <Show when={counted().length > 0} fallback={<Badge tone="ok">{m('noAlerts')}</Badge>}>
      <ul class="badges">
        <For each={counted()}>
          {(row) => (
            <li>
              <Badge tone={alertTone(row.kind)}>
                {m(`alertKinds.${row.kind}`)}
                {row.count > 1 ? ` (${row.count})` : ''}
              </Badge>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

export default function SitesPage() {
  const shell = useShell();
  const list = createListParams({ filters: ['body', 'status', 'cms', 'alert', 'q'] });
  const variables = createMemo(() => {
    const params = list.filters();
    return {
      entityId: params.body || null,
      filter: {
        status: (STATUSES as readonly string[]).includes(params.status) ? [params.status as SiteStatus] : null,
        cms: (CMS_KINDS as readonly string[]).includes(params.cms) ? [params.cms as CmsKind] : null,
        alertKinds: params.alert === 'ANY' ? [...ALERT_KINDS] : (ALERT_KINDS as readonly string[]).includes(params.alert) ? [params.alert as AlertKind] : null,
        search: params.q.trim() || null,
      },
    };
  });
  const canWrite = () => shell().bodiesWithModule('web-hosting', 'web-hosting:sites:write').length > 0;
  const sites = createListQuery({ query: SitesQuery, list, variables, connection: (data) => data.hostedSites });

  return (
    <>
      <PageHeading title={m('title')}>
        <p class="lead">{m('intro')}</p>
      </PageHeading>
      <p class="actions">
        <Show when={canWrite()}>
          <A class="button button-primary" href="/web-hosting/sites/new">
            {m('newSite')}
          </A>{' '}
        </Show>
        <A class="button button-secondary" href="/web-hosting/cms-policies">
          {m('policiesLink')}
        </A>
      </p>
      <FilterForm label={m('filters')} list={list}>
        <SelectField
          id="sites-body"
          label={m('body')}
          empty={t('common.all')}
          options={shell()
            .bodiesWithModule('web-hosting', 'web-hosting:read')
            .map((body) => ({ value: body.id, label: body.name }))}
          {...list.field('body')}
        />
        <SelectField id="sites-status" label={m('status')} empty={t('common.all')} options={STATUSES.map((s) => ({ value: s, label: m(`statuses.${s}`) }))} {...list.field('status')} />
        <SelectField id="sites-cms" label={m('cms')} empty={t('common.all')} options={CMS_KINDS.map((s) => ({ value: s, label: m(`cmsKinds.${s}`) }))} {...list.field('cms')} />
        <SelectField
          id="sites-alert"
          label={m('onlyAlerts')}
          empty={t('common.all')}
          options={[{ value: 'ANY', label: m('onlyAlertsAny') }, ...ALERT_KINDS.map((s) => ({ value: s, label: m(`alertKinds.${s}`) }))]}
          {...list.field('alert')}
        />
        <TextField id="sites-search" type="search" label={m('search')} hint={m('searchHint')} {...list.field('q')} />
      </FilterForm>
      <p aria-live="polite">{sites.totalCount() !== undefined ? m('total', { count: formatNumber(sites.totalCount()!) }) : ''}</p>
      <DataTable
        label={m('title')}
        caption={m('caption')}
        source={sites}
        empty={m('none')}
        pagerLabel={m('paging')}
        columns={[
          {
            header: m('name'),
            rowHeader: true,
            width: 'm',
            phone: true,
            cell: (site) => <A href={`/web-hosting/sites/${encodeURIComponent(site.id)}`}>{site.name}</A>,
          },
          { header: m('body'), width: 's', cell: (site) => site.entity?.name ?? '—' },
          { header: m('primaryDomain'), width: 'm', phone: true, cell: (site) => site.primaryDomain },
          { header: m('cms'), width: 's', cell: (site) => [m(`cmsKinds.${site.cms}`), site.cmsVersion].filter(Boolean).join(' ') },
          { header: m('status'), width: 's', cell: (site) => <Badge tone={statusTone(site.status)}>{m(`statuses.${site.status}`)}</Badge> },
          { header: m('alerts'), width: 'm', phone: true, cell: (site) => <AlertBadges alerts={site.alerts} /> },
        ]}
      />
    </>
  );
}
