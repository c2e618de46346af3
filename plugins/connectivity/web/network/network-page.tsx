// The network view (art. 5.2): the association's sites and links as a graph (Cytoscape.js, loaded on
// this screen only) and, for screen readers and for reading, the same data as two tables. Filters:
// the body (also `?body=` from the core's body page) and the colouring of the links.
import { createQuery, DataTable, ErrorNotice, graphql, Loading, PageHeading, SelectField, useShell } from '@gea/web-kit';
import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createMemo, createSignal, For, lazy, Show, Suspense } from 'solid-js';
import type { ColourBy, GraphData } from './network-graph.tsx';
import { STATUS_COLOURS, TECHNOLOGY_COLOURS } from './colours.ts';
import { coordinates, formatKbps, m, priorityLabel, statusLabel, technologyLabel } from './messages.ts';
import './network.css';

const NetworkGraph = lazy(() => import('./network-graph.tsx'));

const AssociationsQuery = graphql(`
  query NetworkViewAssociations {
    associations {
      id
      name
      connectivityHub {
        siteId
      }
    }
  }
`);

const NetworkQuery = graphql(`
  query ConnectivityNetwork($associationId: ID!, $filter: ConnectivityNetworkFilter) {
    connectivityNetwork(associationId: $associationId, filter: $filter) {
      hub { id name entityId entityName }
      hubNetworkIds
      sites { id name entityId entityName latitude longitude isHub circuitCount }
      links { id cid technology agcomClass status downloadKbps uploadKbps providerName redundancyPriority entityId fromSiteId fromNetworkId toSiteId toNetworkId }
      networks { id name kind }
    }
  }
`);


export default function NetworkPage() {
  const shell = useShell();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams<{ association?: string; body?: string }>();
  const [associations] = createQuery({ query: AssociationsQuery });
  // The association asked for, else the first with a central site, else the first.
  const associationId = () => {
    const list = associations.data?.associations ?? [];
    return params.association || (list.find((a) => a.connectivityHub) ?? list[0])?.id;
  };
  const [colourBy, setColourBy] = createSignal<ColourBy>('technology');
  const bodies = () => shell().bodiesWithModule('connectivity', 'connectivity:read');
  // The hub's body may be one the reader may not open (a referent): its node and row lead nowhere.
  const readable = (entityId: string) => bodies().some((body) => body.id === entityId);
  const [network] = createQuery({
    query: NetworkQuery,
    pause: () => !associationId(),
    variables: () => ({ associationId: associationId()!, filter: params.body ? { entityIds: [params.body] } : null }),
  });
  const data = () => network.data?.connectivityNetwork ?? undefined;
  const graph = createMemo<GraphData | undefined>(() => {
    const current = data();
    return current ? { hubId: current.hub?.id ?? null, hubNetworkIds: current.hubNetworkIds, sites: current.sites, links: current.links, networks: current.networks } : undefined;
  });
  const nameOf = createMemo(() => {
    const current = data();
    const names = new Map<string, string>();
    for (const site of current?.sites ?? []) names.set(site.id, `${site.entityName} - ${site.name}`);
    for (const network of current?.networks ?? []) names.set(network.id, network.name);
    return names;
  });
  const end = (siteId: string | null, networkId: string | null) => (siteId ? nameOf().get(siteId) : networkId ? nameOf().get(networkId) : undefined) ?? m('hidden');
  const summary = () => {
    const current = data();
    if (!current) return '';
    return m('graphLabel', {
      sites: current.sites.length,
      bodies: new Set(current.sites.map((s) => s.entityId)).size,
      links: current.links.length,
      networks: current.networks.length,
      hub: current.hub ? `${current.hub.name} (${current.hub.entityName})` : m('noHub'),
    });
  };
  const legend = () => Object.entries(colourBy() === 'technology' ? TECHNOLOGY_COLOURS : STATUS_COLOURS);

  return (
    <>
      <PageHeading title={m('title')}>
        <p class="lead">{m('intro')}</p>
      </PageHeading>
      <ErrorNotice error={associations.error ?? network.error} />

      <form class="filters" role="search" aria-label={m('filters')} onSubmit={(event) => event.preventDefault()}>
        <Show when={(associations.data?.associations.length ?? 0) > 1}>
          <SelectField
            id="network-association"
            label={m('association')}
            value={associationId() ?? ''}
            onValue={(value) => setParams({ association: value || undefined })}
            options={(associations.data?.associations ?? []).map((a) => ({ value: a.id, label: a.name }))}
          />
        </Show>
        <SelectField
          id="network-body"
          label={m('body')}
          value={params.body ?? ''}
          empty={m('allBodies')}
          onValue={(value) => setParams({ body: value || undefined })}
          options={bodies().map((body) => ({ value: body.id, label: body.name }))}
        />
        <fieldset class="connectivity-colour">
          <legend>{m('colourBy')}</legend>
          <label>
            <input type="radio" name="colour-by" value="technology" checked={colourBy() === 'technology'} onChange={() => setColourBy('technology')} /> {m('byTechnology')}
          </label>
          <label>
            <input type="radio" name="colour-by" value="status" checked={colourBy() === 'status'} onChange={() => setColourBy('status')} /> {m('byStatus')}
          </label>
        </fieldset>
      </form>

      <Show when={associations.data && !associationId()}>
        <p class="muted">{m('noAssociation')}</p>
      </Show>
      <Show when={graph()} fallback={<Show when={associationId() && !network.error}><Loading /></Show>}>
        {(current) => (
          <>
            <section class="connectivity-map" aria-labelledby="network-graph-title">
              <h2 id="network-graph-title" class="visually-hidden">{m('title')}</h2>
              <p class="hint">{m('graphHint')}</p>
              <Suspense fallback={<Loading />}>
                <NetworkGraph
                  data={current()}
                  colourBy={colourBy()}
                  label={summary()}
                  onSite={(entityId) => readable(entityId) && navigate(`/connectivity/bodies/${encodeURIComponent(entityId)}`)}
                />
              </Suspense>
              <div class="connectivity-legend">
                <h3>{m('legend')}</h3>
                <ul>
                  <li><span class="swatch swatch-hub" aria-hidden="true" /> {m('hub')}</li>
                  <li><span class="swatch swatch-site" aria-hidden="true" /> {m('site')}</li>
                  <li><span class="swatch swatch-network" aria-hidden="true" /> {m('network')}</li>
                  <For each={legend()}>
                    {([key, colour]) => (
                      <li>
                        <span class="swatch swatch-line" ref={(el) => el.style.setProperty('background-color', colour)} aria-hidden="true" />{' '}
                        {colourBy() === 'technology' ? technologyLabel(key) : statusLabel(key)}
                      </li>
                    )}
                  </For>
                  <li><span class="swatch swatch-dotted" aria-hidden="true" /> {m('viaNetwork')}</li>
                </ul>
              </div>
            </section>

            <section aria-labelledby="network-sites-title">
              <h2 id="network-sites-title">{m('sitesTitle')}</h2>
              <DataTable
                label={m('sitesTitle')}
                rows={data()!.sites}
                empty={m('noSites')}
                columns={[
                  {
                    header: m('siteName'),
                    rowHeader: true,
                    width: 'l',
                    phone: true,
                    cell: (site) => (
                      <>
                        {site.name}
                        <Show when={site.isHub}> ({m('hub')})</Show>
                      </>
                    ),
                  },
                  {
                    header: m('body'),
                    width: 'l',
                    phone: true,
                    cell: (site) => (
                      <Show when={readable(site.entityId)} fallback={site.entityName}>
                        <A href={`/connectivity/bodies/${encodeURIComponent(site.entityId)}`}>{site.entityName}</A>
                      </Show>
                    ),
                  },
                  { header: m('coordinates'), width: 'm', cell: (site) => coordinates(site) },
                  { header: m('linkCount'), width: 's', numeric: true, phone: true, cell: (site) => String(site.circuitCount) },
                ]}
              />
            </section>

            <section aria-labelledby="network-links-title">
              <h2 id="network-links-title">{m('linksTitle')}</h2>
              <DataTable
                label={m('linksTitle')}
                rows={data()!.links}
                empty={m('noLinks')}
                columns={[
                  { header: m('cid'), rowHeader: true, width: 'm', phone: true, cell: (link) => link.cid },
                  { header: m('from'), width: 'l', phone: true, cell: (link) => end(link.fromSiteId, link.fromNetworkId) },
                  { header: m('to'), width: 'm', cell: (link) => end(link.toSiteId, link.toNetworkId) },
                  { header: m('technology'), width: 'm', cell: (link) => technologyLabel(link.technology) },
                  { header: m('agcom'), width: 's', cell: (link) => link.agcomClass ?? '—' },
                  { header: m('bandwidth'), width: 'm', cell: (link) => `${formatKbps(link.downloadKbps)} / ${formatKbps(link.uploadKbps)}` },
                  { header: m('status'), width: 's', phone: true, cell: (link) => statusLabel(link.status) },
                  { header: m('priority'), width: 's', cell: (link) => (link.redundancyPriority ? priorityLabel(link.redundancyPriority) : '—') },
                  { header: m('provider'), width: 'm', cell: (link) => link.providerName },
                ]}
              />
            </section>
          </>
        )}
      </Show>
    </>
  );
}
