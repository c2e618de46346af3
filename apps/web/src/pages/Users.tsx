// Users and their roles: filtered by name or e-mail, role, body and account state; each opens the
// user's page (roles per body, account state). New users for whoever may create them.
import {
  Badge,
  createListParams,
  createListQuery,
  DataTable,
  FilterForm,
  graphql,
  PageHeading,
  type Role,
  SelectField,
  t,
  TextField,
  useShell,
} from '@gea/web-kit';
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { ROLES, um } from './users/messages.ts';

const UsersQuery = graphql(`
  query Users($first: Int!, $after: String, $search: String, $role: Role, $entityId: ID, $active: Boolean) {
    users(first: $first, after: $after, search: $search, role: $role, entityId: $entityId, active: $active) {
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
  const shell = useShell();
  const list = createListParams({ filters: ['q', 'role', 'body', 'active'] });
  const role = () => ((ROLES as readonly string[]).includes(list.filters().role) ? (list.filters().role as Role) : null);
  const active = () => (list.filters().active === 'yes' ? true : list.filters().active === 'no' ? false : null);
  const users = createListQuery({
    query: UsersQuery,
    list,
    variables: () => ({ search: list.filters().q.trim() || null, role: role(), entityId: list.filters().body || null, active: active() }),
    connection: (data) => data.users,
  });

  return (
    <>
      <PageHeading title={t('users.title')}>
        <Show when={shell().access.can('core:users:write')}>
          <p>
            <A href="/users/new" class="button button-primary">
              {um('newUser')}
            </A>
          </p>
        </Show>
      </PageHeading>
      <FilterForm label={um('filters')} list={list}>
        <TextField id="user-search" type="search" label={t('users.search')} hint={t('users.searchHint')} {...list.field('q')} />
        <SelectField
          id="user-role"
          label={um('role')}
          empty={um('anyRole')}
          options={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
          {...list.field('role')}
        />
        <SelectField
          id="user-body"
          label={um('body')}
          empty={um('anyBody')}
          options={shell().bodies.map((body) => ({ value: body.id, label: body.name }))}
          {...list.field('body')}
        />
        <SelectField
          id="user-active"
          label={um('state')}
          empty={um('anyState')}
          options={[
            { value: 'yes', label: um('activeOnly') },
            { value: 'no', label: um('disabledOnly') },
          ]}
          {...list.field('active')}
        />
      </FilterForm>
      <DataTable
        label={t('users.title')}
        source={users}
        empty={t('users.none')}
        pagerLabel={t('users.paging')}
        columns={[
          {
            header: t('users.name'),
            rowHeader: true,
            width: 'm',
            phone: true,
            cell: (user) => (
              <A href={`/users/${encodeURIComponent(user.id)}`} aria-label={um('open', { name: user.name })}>
                {user.name}
              </A>
            ),
          },
          { header: t('users.email'), breakAll: true, width: 'l', cell: (user) => user.email },
          {
            header: t('users.roles'),
            width: 'l',
            phone: true,
            // Long words ("Responsabile") must not widen the table on a phone.
            breakAll: true,
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
            phone: true,
            cell: (user) => <Badge tone={user.active ? 'ok' : 'off'}>{user.active ? t('users.active') : t('users.inactive')}</Badge>,
          },
        ]}
      />
    </>
  );
}
