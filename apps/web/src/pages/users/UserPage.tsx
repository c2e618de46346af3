// One user: their account (disable or enable it, with a confirmation), the roles they hold per
// body (grant one, revoke one with a confirmation) and the bodies they are the named referent of.
import {
  Badge,
  createFieldErrors,
  createMutation,
  createQuery,
  describeTypedError,
  ErrorNotice,
  ErrorSummary,
  formatDate,
  graphql,
  isStaleVersion,
  isTypedError,
  NodePage,
  PageHeading,
  permissionTable,
  type Role,
  roleHolds,
  SelectField,
  SuccessNotice,
  t,
  TableWrap,
  useShell,
} from '@gea/web-kit';
import { A, useLocation, useParams } from '@solidjs/router';
import type { CombinedError } from '@urql/core';
import { createSignal, For, Show } from 'solid-js';
import { createConfirm } from '../admin/ConfirmDialog.tsx';
import { BODY_ROLES, ROLES, um } from './messages.ts';

const UserQuery = graphql(`
  query UserPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on User {
        id
        version
        name
        email
        active
        hasPassword
        locale
        roles {
          id
          role
          createdAt
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
  }
`);

const SetActiveMutation = graphql(`
  mutation SetUserActive($userId: ID!, $active: Boolean!, $expectedVersion: Int) {
    setUserActive(userId: $userId, active: $active, expectedVersion: $expectedVersion) {
      __typename
      ... on User {
        id
        version
        active
      }
      ... on StaleVersionError {
        currentVersion
      }
      ... on Error {
        message
      }
    }
  }
`);

const AssignRoleMutation = graphql(`
  mutation AssignRole($userId: ID!, $role: Role!, $entityId: ID) {
    assignRole(userId: $userId, role: $role, entityId: $entityId) {
      __typename
      ... on RoleAssignment {
        id
      }
      ... on InputError {
        issues {
          path
          message
          code
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const RevokeRoleMutation = graphql(`
  mutation RevokeRole($assignmentId: ID!) {
    revokeRole(assignmentId: $assignmentId) {
      __typename
      ... on Error {
        message
      }
    }
  }
`);

const SetReferentMutation = graphql(`
  mutation SetReferent($entityId: ID!, $userId: ID) {
    setReferent(entityId: $entityId, userId: $userId) {
      __typename
      ... on Entity {
        id
        version
      }
      ... on Error {
        message
      }
    }
  }
`);

type Failure = { message?: string; error?: CombinedError } | undefined;
const GRANT_FIELDS = ['role', 'entityId'] as const;

export default function UserPage() {
  const params = useParams<{ id: string }>();
  const location = useLocation<{ created?: string }>();
  const shell = useShell();
  const [result, reload] = createQuery({ query: UserQuery, variables: () => ({ id: decodeURIComponent(params.id) }) });
  const user = () => (result.data?.node?.__typename === 'User' ? result.data.node : undefined);
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const [, setActive] = createMutation(SetActiveMutation);
  const [, assignRole] = createMutation(AssignRoleMutation);
  const [, revokeRole] = createMutation(RevokeRoleMutation);
  const [, setReferent] = createMutation(SetReferentMutation);
  const confirm = createConfirm('user');
  const [failure, setFailure] = createSignal<Failure>();
  const [done, setDone] = createSignal<string | null>(location.state?.created ? um('created', { name: location.state.created }) : null);
  const [busy, setBusy] = createSignal(false);
  const canWrite = () => shell().access.can('core:users:write');
  let rolesHeading!: HTMLHeadingElement;
  let accountHeading!: HTMLHeadingElement;

  const roleLabel = (role: Role) => t(`roles.${role}`);
  const bodyLabel = (entity: { name: string } | null) => entity?.name ?? t('users.allBodies');

  /** A role the signed-in person may hand on: one whose every permission they hold themselves (there). */
  const grantable = (role: Role, entityId: string | undefined) => {
    if (role === 'ICT_HEAD') return shell().access.has('ICT_HEAD');
    const table = permissionTable();
    return Object.keys(table).every((permission) => !roleHolds(role, permission, table) || shell().access.can(permission, entityId));
  };

  /** Runs a mutation; on failure, says why and returns undefined. */
  async function run<V extends { __typename: string }>(outcome: Promise<{ data?: Record<string, V> | undefined; error?: CombinedError }>, key: string) {
    setFailure(undefined);
    setDone(null);
    setBusy(true);
    const answer = await outcome;
    setBusy(false);
    const value = answer.data?.[key];
    if (answer.error || !value) {
      setFailure({ error: answer.error });
      return undefined;
    }
    if (isStaleVersion(value)) {
      setFailure({ message: describeTypedError(value) });
      refresh();
      return undefined;
    }
    return value;
  }

  async function toggleActive() {
    const current = user()!;
    const disabling = current.active;
    const yes = await confirm.ask(
      disabling
        ? {
            title: um('disableTitle', { name: current.name }),
            paragraphs: [um('disableEffect', { name: current.name }), um('disableKept')],
            confirm: um('disableConfirm', { name: current.name }),
          }
        : { title: um('enableTitle', { name: current.name }), paragraphs: [um('enableEffect', { name: current.name })], confirm: um('enableConfirm', { name: current.name }) },
    );
    if (!yes) return;
    const value = await run(setActive({ userId: current.id, active: !disabling, expectedVersion: current.version }), 'setUserActive');
    if (!value) return;
    if (isTypedError(value)) return void setFailure({ message: describeTypedError(value) });
    setDone(um(disabling ? 'disabled' : 'enabled', { name: current.name }));
    refresh();
    accountHeading.focus();
  }

  async function revoke(held: { id: string; role: Role; entity: { name: string } | null }) {
    const current = user()!;
    const names = { role: roleLabel(held.role), body: bodyLabel(held.entity), name: current.name };
    const yes = await confirm.ask({ title: um('revokeTitle', names), paragraphs: [um('revokeEffect', names)], confirm: um('revokeConfirm') });
    if (!yes) return;
    const value = await run(revokeRole({ assignmentId: held.id }), 'revokeRole');
    if (!value) return;
    if (isTypedError(value)) return void setFailure({ message: describeTypedError(value) });
    setDone(um('revoked', names));
    refresh();
    rolesHeading.focus();
  }

  async function referent(body: { id: string; name: string }, make: boolean) {
    const current = user()!;
    const value = await run(setReferent({ entityId: body.id, userId: make ? current.id : null }), 'setReferent');
    if (!value) return;
    if (isTypedError(value)) return void setFailure({ message: describeTypedError(value) });
    setDone(make ? um('referentSet', { name: current.name, body: body.name }) : um('referentCleared', { body: body.name }));
    refresh();
  }

  // The grant form.
  const [role, setRole] = createSignal('');
  const [entityId, setEntityId] = createSignal('');
  const grantErrors = createFieldErrors(GRANT_FIELDS, []);
  const bodyRole = () => BODY_ROLES.includes(role());
  const roleOptions = () => ROLES.filter((value) => grantable(value, entityId() || undefined)).map((value) => ({ value, label: roleLabel(value) }));

  async function grant(event: SubmitEvent) {
    event.preventDefault();
    const current = user()!;
    grantErrors.clear();
    if (!role()) return void grantErrors.set({ role: um('roleRequired') });
    if (bodyRole() && !entityId()) return void grantErrors.set({ entityId: um('bodyRequired') });
    const chosen = role() as Role;
    const body = role() === 'ICT_HEAD' ? null : entityId() || null;
    const value = await run(assignRole({ userId: current.id, role: chosen, entityId: body }), 'assignRole');
    if (!value) return;
    if (value.__typename === 'InputError' && 'issues' in value) return void grantErrors.fromIssues(value.issues as never);
    if (value.__typename === 'ConflictError') return void grantErrors.set({ role: um('alreadyHeld') });
    if (isTypedError(value)) return void setFailure({ message: describeTypedError(value) });
    const bodyName = body ? (shell().bodies.find((b) => b.id === body)?.name ?? '') : t('users.allBodies');
    setDone(um('granted', { role: roleLabel(chosen), body: bodyName, name: current.name }));
    setRole('');
    setEntityId('');
    refresh();
    rolesHeading.focus();
  }

  const referentBodies = () => {
    const current = user();
    if (!current) return [];
    const seen = new Map<string, { id: string; name: string }>();
    for (const held of current.roles) if (held.role === 'REFERENT' && held.entity) seen.set(held.entity.id, held.entity);
    for (const body of current.referentOf) seen.set(body.id, body);
    return [...seen.values()];
  };

  return (
    <>
      <p class="breadcrumb">
        <A href="/users">{t('common.back')}</A>
      </p>
      <NodePage error={result.error} loaded={!!result.data} node={user()} notFound={um('notFound')}>
        {(current) => (
          <>
            <PageHeading title={current().name}>
              <p class="lead">
                {current().email} · <Badge tone={current().active ? 'ok' : 'off'}>{current().active ? t('users.active') : t('users.inactive')}</Badge>
              </p>
            </PageHeading>
            <ErrorNotice message={failure()?.message} error={failure()?.error} />
            <SuccessNotice message={done()} />

            <section aria-labelledby="user-account-title" class="panel">
              <h2 id="user-account-title" tabindex="-1" ref={accountHeading}>
                {um('account')}
              </h2>
              <p>
                {um('signIn')}: {current().hasPassword ? t('users.password') : t('users.oidcOnly')}
              </p>
              <Show when={canWrite()}>
                <button type="button" class={current().active ? 'button-secondary' : 'button-primary'} disabled={busy()} onClick={() => void toggleActive()}>
                  {current().active ? um('disable') : um('enable')}
                </button>
              </Show>
            </section>

            <section aria-labelledby="user-roles-title">
              <h2 id="user-roles-title" tabindex="-1" ref={rolesHeading}>
                {um('rolesTitle')}
              </h2>
              <Show when={current().roles.length > 0} fallback={<p>{um('rolesNone')}</p>}>
                <TableWrap label={um('rolesTitle')}>
                  <table class="data-table">
                    <caption class="visually-hidden">{um('rolesTitle')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{um('roleColumn')}</th>
                        <th scope="col">{um('bodyColumn')}</th>
                        <th scope="col">{um('since')}</th>
                        <Show when={canWrite()}>
                          <th scope="col">{um('actions')}</th>
                        </Show>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={current().roles}>
                        {(held) => (
                          <tr>
                            <th scope="row">{roleLabel(held.role)}</th>
                            <td>{bodyLabel(held.entity)}</td>
                            <td>{formatDate(held.createdAt)}</td>
                            <Show when={canWrite()}>
                              <td>
                                <button
                                  type="button"
                                  class="button-secondary"
                                  disabled={busy()}
                                  aria-label={um('revokeLabel', { role: roleLabel(held.role), body: bodyLabel(held.entity) })}
                                  onClick={() => void revoke(held)}
                                >
                                  {um('revoke')}
                                </button>
                              </td>
                            </Show>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </TableWrap>
              </Show>

              <Show when={canWrite()}>
                <form class="form" onSubmit={(event) => void grant(event)} aria-labelledby="user-grant-title" novalidate>
                  <fieldset disabled={busy()}>
                    <legend id="user-grant-title">{um('grantTitle')}</legend>
                    <Show when={grantErrors.any()}>
                      <ErrorSummary title={um('grantErrorsTitle')} errors={grantErrors.all()} labels={{ role: um('grantRole'), entityId: um('grantBody') }} idPrefix="grant-" />
                    </Show>
                    <SelectField
                      id="grant-role"
                      label={um('grantRole')}
                      required
                      empty={um('chooseRole')}
                      value={role()}
                      onValue={setRole}
                      options={roleOptions()}
                      error={grantErrors.of('role')}
                    />
                    <SelectField
                      id="grant-entityId"
                      label={um('grantBody')}
                      hint={um('grantBodyHint')}
                      required={bodyRole()}
                      empty={bodyRole() ? um('chooseBody') : um('wholeAssociation')}
                      value={role() === 'ICT_HEAD' ? '' : entityId()}
                      onValue={setEntityId}
                      options={role() === 'ICT_HEAD' ? [] : shell().bodies.map((body) => ({ value: body.id, label: body.name }))}
                      error={grantErrors.of('entityId')}
                    />
                    <div class="form-actions">
                      <button type="submit" class="button-primary">
                        {busy() ? um('granting') : um('grant')}
                      </button>
                    </div>
                  </fieldset>
                </form>
              </Show>
            </section>

            <Show when={referentBodies().length > 0 || current().referentOf.length > 0}>
              <section aria-labelledby="user-referent-title">
                <h2 id="user-referent-title">{um('referentTitle')}</h2>
                <p>{um('referentIntro')}</p>
                <p>
                  {current().referentOf.length > 0
                    ? um('referentOf', { bodies: current().referentOf.map((body) => body.name).join(', ') })
                    : um('referentNone')}
                </p>
                <Show when={canWrite()}>
                  <div class="form-actions">
                    <For each={referentBodies()}>
                      {(body) => {
                        const named = () => current().referentOf.some((b) => b.id === body.id);
                        return (
                          <button type="button" class="button-secondary" disabled={busy()} onClick={() => void referent(body, !named())}>
                            {named() ? um('clearReferent', { body: body.name }) : um('makeReferent', { body: body.name })}
                          </button>
                        );
                      }}
                    </For>
                  </div>
                </Show>
              </section>
            </Show>
          </>
        )}
      </NodePage>
      {confirm.dialog}
    </>
  );
}
