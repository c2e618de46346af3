// One body: registry data, sites, population history, and the screens of the modules enabled for it.
import { A, useParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { For, Show } from 'solid-js';
import { routes as pluginRoutes } from 'virtual:gea-plugins';
import { formatDate, formatDateTime, formatNumber } from '../format.ts';
import { graphql } from '../graphql.ts';
import { moduleLabel } from '../modules.ts';
import { locale, t } from '../i18n/index.ts';
import { useShell } from '../shell/context.tsx';
import { Badge, ErrorNotice, Loading, PageHeading, TableWrap } from '../ui/index.tsx';

const BodyQuery = graphql(`
  query Body($id: ID!, $withReferent: Boolean!) {
    node(id: $id) {
      __typename
      ... on Entity {
        id
        name
        kind
        istatCode
        cadastralCode
        taxCode
        ipaCode
        province
        pecAddress
        population
        referent @include(if: $withReferent) {
          id
          name
          email
        }
        sites {
          id
          name
          address
          ictStaffPresent
        }
        populations {
          referenceDate
          population
          source
        }
        modules {
          key
          name
          enabled
          since
        }
        memberships {
          association {
            id
            name
          }
          joinedOn
          leftOn
        }
      }
    }
  }
`);

export default function Body() {
  const params = useParams<{ id: string }>();
  const shell = useShell();
  const [result] = createQuery({
    query: BodyQuery,
    variables: () => ({ id: decodeURIComponent(params.id), withReferent: shell().access.can('core:users:read') }),
  });
  const body = () => (result.data?.node?.__typename === 'Entity' ? result.data.node : undefined);
  const moduleRoutes = () => {
    const current = body();
    if (!current) return [];
    const enabled = new Set(current.modules.filter((m) => m.enabled).map((m) => m.key));
    return pluginRoutes.filter(
      (route) => route.menu && enabled.has(route.module) && (!route.permission || shell().access.can(route.permission, current.id)),
    );
  };

  return (
    <>
      <ErrorNotice error={result.error} />
      <Show when={result.data} fallback={<Show when={!result.error}><Loading /></Show>}>
        <Show
          when={body()}
          fallback={
            <Show when={!result.error}>
              <PageHeading title={t('errors.pageNotFoundTitle')} />
              <p>{t('bodies.notFound')}</p>
            </Show>
          }
        >
          {(entity) => (
            <>
              <PageHeading title={entity().name}>
                <p class="lead">{t(`entityKinds.${entity().kind}`)}</p>
              </PageHeading>

              <section class="panel" aria-labelledby="registry-title">
                <h2 id="registry-title">{t('body.registry')}</h2>
                <dl class="facts">
                  <Fact label={t('bodies.istatCode')} value={entity().istatCode} />
                  <Fact label={t('body.cadastralCode')} value={entity().cadastralCode} />
                  <Fact label={t('body.taxCode')} value={entity().taxCode} />
                  <Fact label={t('body.ipaCode')} value={entity().ipaCode} />
                  <Fact label={t('bodies.province')} value={entity().province} />
                  <Fact label={t('bodies.pec')} value={entity().pecAddress} />
                  <Fact label={t('bodies.population')} value={formatNumber(entity().population)} />
                  <Show when={shell().access.can('core:users:read')}>
                    <Fact label={t('body.referent')} value={entity().referent ? `${entity().referent!.name} (${entity().referent!.email})` : null} />
                  </Show>
                  <Fact
                    label={t('body.memberships')}
                    value={entity()
                      .memberships.map((m) =>
                        m.leftOn
                          ? t('body.membershipEnded', { name: m.association.name, from: formatDate(m.joinedOn), to: formatDate(m.leftOn) })
                          : t('body.membership', { name: m.association.name, from: formatDate(m.joinedOn) }),
                      )
                      .join('; ')}
                  />
                </dl>
              </section>

              <section aria-labelledby="modules-title">
                <h2 id="modules-title">{t('body.modules')}</h2>
                <ul class="module-list">
                  <For each={entity().modules}>
                    {(module) => (
                      <li>
                        <span class="module-name">{moduleLabel(module.key, module.name)}</span>{' '}
                        <Badge tone={module.enabled ? 'ok' : 'off'}>{module.enabled ? t('modules.on') : t('modules.off')}</Badge>
                        <Show when={module.since}>
                          {' '}
                          <span class="muted">{t('body.since', { when: formatDateTime(module.since) })}</span>
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
                <Show when={moduleRoutes().length > 0}>
                  <ul class="link-list">
                    <For each={moduleRoutes()}>
                      {(route) => (
                        <li>
                          <A href={`${route.path}?body=${encodeURIComponent(entity().id)}`}>
                            {t('body.openModule', { screen: route.menu!.label[locale()] ?? route.menu!.label.it ?? route.module, body: entity().name })}
                          </A>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </section>

              <section aria-labelledby="sites-title">
                <h2 id="sites-title">{t('body.sites')}</h2>
                <Show when={entity().sites.length > 0} fallback={<p class="muted">{t('body.noSites')}</p>}>
                  <TableWrap label={t('body.sites')}>
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t('body.siteName')}</th>
                          <th scope="col">{t('body.address')}</th>
                          <th scope="col">{t('body.ictStaff')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={entity().sites}>
                          {(site) => (
                            <tr>
                              <th scope="row">{site.name}</th>
                              <td>{site.address}</td>
                              <td>{site.ictStaffPresent ? t('common.yes') : t('common.no')}</td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </TableWrap>
                </Show>
              </section>

              <section aria-labelledby="population-title">
                <h2 id="population-title">{t('body.populationHistory')}</h2>
                <Show when={entity().populations.length > 0} fallback={<p class="muted">{t('body.noPopulation')}</p>}>
                  <TableWrap label={t('body.populationHistory')}>
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t('body.referenceDate')}</th>
                          <th scope="col" class="num">
                            {t('body.residents')}
                          </th>
                          <th scope="col">{t('body.source')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={entity().populations}>
                          {(row) => (
                            <tr>
                              <th scope="row">{formatDate(row.referenceDate)}</th>
                              <td class="num">{formatNumber(row.population)}</td>
                              <td>{row.source}</td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </TableWrap>
                </Show>
              </section>
            </>
          )}
        </Show>
      </Show>
    </>
  );
}

function Fact(props: { label: string; value: string | null | undefined }) {
  return (
    <div class="fact">
      <dt>{props.label}</dt>
      <dd>{props.value || '—'}</dd>
    </div>
  );
}
