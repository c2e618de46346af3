// One body: registry data, sites, population history, and the screens of the modules enabled for it.
import {
  Badge,
  createQuery,
  DataTable,
  formatDate,
  formatDateTime,
  formatNumber,
  graphql,
  NodePage,
  locale,
  moduleLabel,
  PageHeading,
  pluginRoutes,
  t,
  useShell,
  WidgetSlot,
} from '@gea/web-kit';
import { A, useParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { AuditEventTable, type AuditEventRow } from './audit-events.tsx';

/** The latest events concerning the body (every body of a two-body contract lists it). */
const BodyAuditQuery = graphql(`
  query BodyAudit($filter: AuditFilter) {
    auditEvents(first: 10, filter: $filter) {
      edges {
        node {
          id
          at
          actorLabel
          operation
          entityIds
          outcome
          errorCode
          input
          before
          after
        }
      }
    }
  }
`);

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
    return pluginRoutes().filter(
      (route) => route.menu && enabled.has(route.module) && (!route.permission || shell().access.can(route.permission, current.id)),
    );
  };

  return (
    <>
      <NodePage error={result.error} loaded={!!result.data} node={body()} notFound={t('bodies.notFound')}>
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
                            {t('body.openModule', { screen: route.menu!.label[locale()], body: entity().name })}
                          </A>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </section>

              <section aria-labelledby="sites-title">
                <h2 id="sites-title">{t('body.sites')}</h2>
                <DataTable
                  label={t('body.sites')}
                  rows={entity().sites}
                  empty={t('body.noSites')}
                  columns={[
                    { header: t('body.siteName'), rowHeader: true, width: 'l', phone: true, cell: (site) => site.name },
                    { header: t('body.address'), width: 'l', phone: true, cell: (site) => site.address },
                    { header: t('body.ictStaff'), width: 's', cell: (site) => (site.ictStaffPresent ? t('common.yes') : t('common.no')) },
                  ]}
                />
              </section>

              <section aria-labelledby="population-title">
                <h2 id="population-title">{t('body.populationHistory')}</h2>
                <DataTable
                  label={t('body.populationHistory')}
                  rows={entity().populations}
                  empty={t('body.noPopulation')}
                  columns={[
                    { header: t('body.referenceDate'), rowHeader: true, width: 's', phone: true, cell: (row) => formatDate(row.referenceDate) },
                    { header: t('body.residents'), numeric: true, width: 's', phone: true, cell: (row) => formatNumber(row.population) },
                    { header: t('body.source'), width: 'l', cell: (row) => row.source },
                  ]}
                />
              </section>

              <WidgetSlot name="entity.page" entityId={entity().id} props={{ entityId: entity().id }} />

              <Show when={shell().access.can('core:audit:read', entity().id)}>
                <BodyAudit entityId={entity().id} />
              </Show>
            </>
          )}
      </NodePage>
    </>
  );
}

function BodyAudit(props: { entityId: string }) {
  const [events] = createQuery({ query: BodyAuditQuery, variables: () => ({ filter: { entityId: props.entityId } }) });
  const rows = (): readonly AuditEventRow[] | undefined => events.data?.auditEvents.edges.map((edge) => edge.node);
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{t('audit.recent')}</h2>
      <AuditEventTable label={t('audit.recent')} rows={rows()} empty={t('audit.recentNone')} showBodies={false} />
      <p>
        <A href={`/audit?body=${encodeURIComponent(props.entityId)}`}>{t('audit.allForBody')}</A>
      </p>
    </section>
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
