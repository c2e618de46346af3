// The dashboard: what the person may see at a glance (bodies, residents, sites, modules), and the
// "needs attention" slot that plugins fill (expiring contracts, warranties ending...).
import { A } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { createMemo, ErrorBoundary, For, lazy, Show, Suspense } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { modules, widgets } from 'virtual:gea-plugins';
import { formatNumber } from '../format.ts';
import { graphql } from '../graphql.ts';
import { moduleLabel } from '../modules.ts';
import { t } from '../i18n/index.ts';
import { useShell } from '../shell/context.tsx';
import { ErrorNotice, Loading, PageHeading, TableWrap } from '../ui/index.tsx';

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

// One lazy component per widget, made once.
const widgetComponents = new Map(widgets.map((widget) => [widget, lazy(widget.load)]));

export default function Dashboard() {
  const shell = useShell();
  const [result] = createQuery({ query: DashboardQuery });
  const bodies = () => result.data?.entities.edges.map((edge) => edge.node) ?? [];
  const totals = createMemo(() => ({
    bodies: bodies().length,
    population: bodies().reduce((sum, body) => sum + (body.population ?? 0), 0),
    sites: bodies().reduce((sum, body) => sum + body.sites.length, 0),
  }));
  const attention = () =>
    widgets
      .filter((widget) => widget.slot === 'dashboard.attention')
      .map((widget) => ({ widget, entityIds: shell().bodiesWithModule(widget.module, widget.permission).map((b) => b.id) }))
      .filter((entry) => entry.entityIds.length > 0)
      .sort((a, b) => a.widget.order - b.widget.order);

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
            <span class="stat-value">{formatNumber(modules.length)}</span> <span class="stat-label">{t('dashboard.modules')}</span>
          </li>
        </ul>

        <section class="panel" aria-labelledby="attention-title">
          <h2 id="attention-title">{t('dashboard.attention')}</h2>
          <Show when={attention().length > 0} fallback={<p class="muted">{t('dashboard.nothingToWatch')}</p>}>
            <div class="widgets">
              <For each={attention()}>
                {(entry) => (
                  <ErrorBoundary fallback={<ErrorNotice message={t('errors.widget')} />}>
                    <Suspense fallback={<Loading />}>
                      <Dynamic component={widgetComponents.get(entry.widget)} entityIds={entry.entityIds} />
                    </Suspense>
                  </ErrorBoundary>
                )}
              </For>
            </div>
          </Show>
        </section>

        <section aria-labelledby="per-body-title">
          <h2 id="per-body-title">{t('dashboard.perBody')}</h2>
          <TableWrap label={t('dashboard.perBody')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('bodies.name')}</th>
                  <th scope="col">{t('bodies.kind')}</th>
                  <th scope="col" class="num">
                    {t('bodies.population')}
                  </th>
                  <th scope="col" class="num">
                    {t('body.sites')}
                  </th>
                  <th scope="col">{t('dashboard.enabledModules')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={bodies()}>
                  {(body) => (
                    <tr>
                      <th scope="row">
                        <A href={`/bodies/${encodeURIComponent(body.id)}`}>{body.name}</A>
                      </th>
                      <td>{t(`entityKinds.${body.kind}`)}</td>
                      <td class="num">{formatNumber(body.population)}</td>
                      <td class="num">{formatNumber(body.sites.length)}</td>
                      <td>{body.enabledModules.map((key) => moduleLabel(key)).join(', ') || t('common.none')}</td>
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
