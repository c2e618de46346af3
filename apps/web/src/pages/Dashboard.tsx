// The dashboard: what the person may see at a glance (bodies, residents, sites, modules), and the
// "needs attention" slot that plugins fill (expiring contracts, warranties ending...).
import {
  createQuery,
  DataTable,
  ErrorNotice,
  formatNumber,
  graphql,
  installedModules,
  Loading,
  moduleLabel,
  PageHeading,
  t,
  useShell,
  WidgetSlot,
} from '@gea/web-kit';
import { A } from '@solidjs/router';
import { createMemo, Show } from 'solid-js';

const DashboardQuery = graphql(`
  query Dashboard {
    entities(first: 100) {
      edges {
        node {
          id
          name
          kind
          population
          sites {
            id
          }
          enabledModules
        }
      }
    }
  }
`);

export default function Dashboard() {
  const shell = useShell();
  const [result] = createQuery({ query: DashboardQuery });
  const bodies = () => result.data?.entities.edges.map((edge) => edge.node) ?? [];
  const totals = createMemo(() => ({
    bodies: bodies().length,
    population: bodies().reduce((sum, body) => sum + (body.population ?? 0), 0),
    sites: bodies().reduce((sum, body) => sum + body.sites.length, 0),
  }));

  return (
    <>
      <PageHeading title={t('dashboard.title')}>
        <p class="lead">{t('dashboard.welcome', { name: shell().me.name })}</p>
      </PageHeading>
      <ErrorNotice error={result.error} />
      <Show when={result.data} fallback={<Show when={!result.error}><Loading /></Show>}>
        <ul class="stats" aria-label={t('dashboard.summary')}>
          <li>
            <span class="stat-value">{formatNumber(totals().bodies)}</span> <span class="stat-label">{t('dashboard.bodies')}</span>
          </li>
          <li>
            <span class="stat-value">{formatNumber(totals().population)}</span> <span class="stat-label">{t('dashboard.residents')}</span>
          </li>
          <li>
            <span class="stat-value">{formatNumber(totals().sites)}</span> <span class="stat-label">{t('dashboard.sites')}</span>
          </li>
          <li>
            <span class="stat-value">{formatNumber(installedModules().length)}</span> <span class="stat-label">{t('dashboard.modules')}</span>
          </li>
        </ul>

        <section class="panel" aria-labelledby="attention-title">
          <h2 id="attention-title">{t('dashboard.attention')}</h2>
          <WidgetSlot
            name="dashboard.attention"
            props={(entityIds) => ({ entityIds })}
            fallback={<p class="muted">{t('dashboard.nothingToWatch')}</p>}
          />
        </section>

        <section aria-labelledby="per-body-title">
          <h2 id="per-body-title">{t('dashboard.perBody')}</h2>
          <DataTable
            label={t('dashboard.perBody')}
            rows={bodies()}
            empty={t('bodies.none')}
            columns={[
              {
                header: t('bodies.name'),
                rowHeader: true,
                width: 'l',
                cell: (body) => <A href={`/bodies/${encodeURIComponent(body.id)}`}>{body.name}</A>,
              },
              { header: t('bodies.kind'), width: 'm', cell: (body) => t(`entityKinds.${body.kind}`) },
              { header: t('bodies.population'), numeric: true, width: 's', cell: (body) => formatNumber(body.population) },
              { header: t('body.sites'), numeric: true, width: 's', cell: (body) => formatNumber(body.sites.length) },
              {
                header: t('dashboard.enabledModules'),
                width: 'l',
                cell: (body) => body.enabledModules.map((key) => moduleLabel(key)).join(', ') || t('common.none'),
              },
            ]}
          />
        </section>
      </Show>
    </>
  );
}
