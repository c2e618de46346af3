// Users and their roles (read only here: granting roles comes with the administration screens).
import { useSearchParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import type { Role } from '../access.ts';
import { graphql } from '../graphql.ts';
import { t } from '../i18n/index.ts';
import { Badge, createCursorPaging, ErrorNotice, Loading, PageHeading, Pager, TableWrap, TextField } from '../ui/index.tsx';

const UsersQuery = graphql(`
  query Users($first: Int!, $after: String, $search: String) {
    users(first: $first, after: $after, search: $search) {
      edges {
        node {
          id
          name
          email
          active
          hasPassword
          roles {
            id
            role
            entity {
              id
              name
            }
          }
          referentOf {
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

export default function Users() {
  const [params, setParams] = useSearchParams<{ q?: string }>();
  const [text, setText] = createSignal(params.q ?? '');
  const search = () => params.q?.trim() || null;
  const paging = createCursorPaging();
  createEffect(on(search, () => paging.reset(), { defer: true }));
  const [result] = createQuery({ query: UsersQuery, variables: () => ({ first: 25, after: paging.after(), search: search() }) });

  return (
    <>
      <PageHeading title={t('users.title')} />
      <form
        class="filters"
        role="search"
        aria-label={t('users.search')}
        onSubmit={(event) => {
          event.preventDefault();
          setParams({ q: text().trim() || undefined });
        }}
      >
        <TextField id="user-search" type="search" label={t('users.search')} hint={t('users.searchHint')} value={text()} onValue={setText} />
        <div class="form-actions">
          <button type="submit" class="button-primary">
            {t('common.search')}
          </button>
        </div>
      </form>
      <ErrorNotice error={result.error} />
      <Show when={result.data} fallback={<Show when={!result.error}><Loading /></Show>}>
        {(data) => (
          <>
            <TableWrap label={t('users.title')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('users.name')}</th>
                    <th scope="col">{t('users.email')}</th>
                    <th scope="col">{t('users.roles')}</th>
                    <th scope="col">{t('users.referentOf')}</th>
                    <th scope="col">{t('users.signIn')}</th>
                    <th scope="col">{t('users.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={data().users.edges.map((edge) => edge.node)} fallback={<tr><td colspan="6">{t('users.none')}</td></tr>}>
                    {(node) => (
                      <tr>
                        <th scope="row">{node.name}</th>
                        <td class="break">{node.email}</td>
                        <td>
                          <ul class="plain">
                            <For each={node.roles}>
                              {(held) => (
                                <li>
                                  {t(`roles.${held.role as Role}`)}
                                  {held.entity ? ` — ${held.entity.name}` : ` — ${t('users.allBodies')}`}
                                </li>
                              )}
                            </For>
                          </ul>
                        </td>
                        <td>{node.referentOf.map((body) => body.name).join(', ')}</td>
                        <td>{node.hasPassword ? t('users.password') : t('users.oidcOnly')}</td>
                        <td>
                          <Badge tone={node.active ? 'ok' : 'off'}>{node.active ? t('users.active') : t('users.inactive')}</Badge>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableWrap>
            <Pager paging={paging} pageInfo={data().users.pageInfo} label={t('users.paging')} />
          </>
        )}
      </Show>
    </>
  );
}
