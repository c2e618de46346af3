// The sites whose pages the reader may read or write: the way into each site's page tree. A reader
// with a single site goes straight to its pages.
import { createQuery, ErrorNotice, graphql, Loading, PageHeading, TableWrap } from '@gea/web-kit';
import { A, useNavigate } from '@solidjs/router';
import { createEffect, For, Show } from 'solid-js';
import { m } from './messages.ts';

const SitesQuery = graphql(`
  query WebHostingPageSites {
    hostedSites(first: 100) {
      edges { node { id name primaryDomain cms entity { id name } } }
    }
  }
`);

export default function SitesPage() {
  const navigate = useNavigate();
  const [sites] = createQuery({ query: SitesQuery });
  // Pages are written in GEA only for sites that run on it.
  const list = () => (sites.data?.hostedSites.edges ?? []).map((edge) => edge.node).filter((site) => site.cms === 'GEA');
  createEffect(() => {
    if (sites.data && list().length === 1) navigate(`/web-hosting/sites/${encodeURIComponent(list()[0]!.id)}/pages`, { replace: true });
  });
  return (
    <>
      <PageHeading title={m('sitesTitle')}>
        <p class="lead">{m('sitesIntro')}</p>
      </PageHeading>
      <ErrorNotice error={sites.error} />
      <Show when={sites.data} fallback={<Show when={!sites.error}><Loading /></Show>}>
        <Show when={list().length > 0} fallback={<p>{m('noSites')}</p>}>
          <TableWrap label={m('sitesCaption')}>
            <table>
              <caption>{m('sitesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{m('site')}</th>
                  <th scope="col">{m('body')}</th>
                  <th scope="col">{m('domain')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={list()}>
                  {(site) => (
                    <tr>
                      <td>
                        <A href={`/web-hosting/sites/${encodeURIComponent(site.id)}/pages`}>{site.name}</A>
                      </td>
                      <td>{site.entity?.name ?? ''}</td>
                      <td>{site.primaryDomain}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </TableWrap>
        </Show>
      </Show>
    </>
  );
}
