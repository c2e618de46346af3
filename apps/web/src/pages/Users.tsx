// Users and their roles (read only here: granting roles comes with the administration screens).
import {
  Badge,
  createListParams,
  createListQuery,
  DataTable,
  FilterForm,
  graphql,
  PageHeading,
  type Role,
  t,
  TextField,
} from '@gea/web-kit';
import { For } from 'solid-js';

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
  const list = createListParams({ filters: ['q'] });
  const users = createListQuery({ query: UsersQuery, list, variables: () => ({ search: list.filters().q.trim() || null }), connection: (data) => data.users });

  return (
    <>
      <PageHeading title={t('users.title')} />
      <FilterForm label={t('users.search')} list={list}>
        <TextField id="user-search" type="search" label={t('users.search')} hint={t('users.searchHint')} {...list.field('q')} />
      </FilterForm>
      <DataTable
        label={t('users.title')}
        source={users}
        empty={t('users.none')}
        pagerLabel={t('users.paging')}
        columns={[
          { header: t('users.name'), rowHeader: true, width: 'm', cell: (user) => user.name },
          { header: t('users.email'), breakAll: true, width: 'l', cell: (user) => user.email },
          {
            header: t('users.roles'),
            width: 'l',
            cell: (user) => (
              <ul class="plain">
                <For each={user.roles}>
                  {(held) => (
                    <li>
                      {t(`roles.${held.role as Role}`)}
                      {held.entity ? ` — ${held.entity.name}` : ` — ${t('users.allBodies')}`}
                    </li>
                  )}
                </For>
              </ul>
            ),
          },
          { header: t('users.referentOf'), width: 'm', cell: (user) => user.referentOf.map((body) => body.name).join(', ') },
          { header: t('users.signIn'), width: 's', cell: (user) => (user.hasPassword ? t('users.password') : t('users.oidcOnly')) },
          {
            header: t('users.state'),
            width: 's',
            cell: (user) => <Badge tone={user.active ? 'ok' : 'off'}>{user.active ? t('users.active') : t('users.inactive')}</Badge>,
          },
        ]}
      />
    </>
  );
}
