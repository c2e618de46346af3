// The signed-in frame of every screen: skip link, header (language, who is signed in, sign out),
// navigation by role and installed module, and the page itself.
import {
  announceNextPage,
  ErrorNotice,
  graphql,
  Loading,
  locale,
  type Locale,
  localeNames,
  locales,
  makeShell,
  type Role,
  setLocale,
  type Shell,
  ShellContext,
  ShellQuery,
  t,
} from '@gea/web-kit';
import { A, Navigate, useBeforeLeave, useLocation, type RouteSectionProps } from '@solidjs/router';
import { createQuery, useClient } from '@urql/solid';
import { createEffect, createMemo, createSignal, ErrorBoundary, For, on, Show, Suspense, type ParentProps } from 'solid-js';
import { hasSessionError } from '../client.ts';
import { clearSession, rememberUser, session } from '../session.ts';
import { sm } from '../pages/admin/shell-messages.ts';
import NotificationsLink from '../pages/notifications/NotificationsLink.tsx';

const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

export default function Layout(props: RouteSectionProps) {
  const location = useLocation();
  return (
    <Show when={session()} fallback={<Navigate href={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} />}>
      <SignedIn>{props.children}</SignedIn>
    </Show>
  );
}

export function SkipLink() {
  return (
    <a
      class="skip-link"
      href="#main"
      on:click={(event) => {
        event.preventDefault();
        document.getElementById('main')?.focus();
      }}
    >
      {t('shell.skip')}
    </a>
  );
}

export function LanguageSwitch(props: { id: string }) {
  return (
    <div class="language-switch">
      <label for={props.id}>{t('shell.language')}</label>
      <select id={props.id} onChange={(event) => setLocale(event.currentTarget.value as Locale)}>
        <For each={locales}>
          {(value) => (
            <option value={value} lang={value} selected={locale() === value}>
              {localeNames[value]}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}

function SignedIn(props: ParentProps) {
  const client = useClient();
  const location = useLocation();
  const [shellResult] = createQuery({ query: ShellQuery });
  const roleLabel = (role: Role) => t(`roles.${role}`);
  const shell = createMemo<Shell | undefined>(() => {
    const me = shellResult.data?.me;
    if (!me) return undefined;
    return makeShell(me, shellResult.data!.entities.edges.map((edge) => edge.node), roleLabel);
  });
  createEffect(() => {
    const me = shellResult.data?.me;
    if (me) rememberUser(me.id, me.email);
    // Signed in, yet nobody: the token belongs to a machine client or the session is gone.
    if (shellResult.data && !me) clearSession();
  });

  const [menuOpen, setMenuOpen] = createSignal(false);
  // Before a navigation (a menu click, a link, back): the next page's h1 takes the focus when it
  // appears. Said before, not after, the change: a page already loaded mounts at once.
  // Only for another page: a filter that changes the query string keeps the focus in its form.
  useBeforeLeave((event) => {
    if (event.defaultPrevented) return;
    const next = typeof event.to === 'string' ? new URL(event.to, window.location.href).pathname : null;
    if (next === null || next !== location.pathname) announceNextPage();
  });
  createEffect(
    on(
      () => location.pathname,
      (_path, previous) => {
        if (previous === undefined) return;
        setMenuOpen(false);
      },
    ),
  );

  async function signOut() {
    const token = session()?.token;
    // Sent with the token by hand: an expired session must not open the sign-in-again dialog.
    await client
      .mutation(LogoutMutation, {}, { skipAuth: true, fetchOptions: { headers: { 'x-gea-client': 'web', authorization: `Bearer ${token}` } } })
      .toPromise()
      .catch(() => undefined);
    clearSession();
    // A fresh page: nothing of this person's data stays in memory.
    window.location.assign('/login');
  }

  return (
    <>
      <SkipLink />
      <header class="app-header">
        <div class="brand">
          <A href="/" class="brand-name" end>
            GEA
          </A>
          <span class="brand-tagline">{t('shell.tagline')}</span>
        </div>
        <button type="button" class="menu-toggle" aria-expanded={menuOpen()} aria-controls="app-nav" onClick={() => setMenuOpen(!menuOpen())}>
          {t('shell.menu')}
        </button>
        <div class="header-tools">
          <LanguageSwitch id="language" />
          <Show when={shell()}>
            <NotificationsLink />
          </Show>
          <Show when={shell()}>
            {(current) => (
              <div class="user-box">
                <span class="user-name">{current().me.name}</span>
                <span class="user-roles">{[...new Set(current().me.roles.map((r) => roleLabel(r.role)))].join(', ')}</span>
              </div>
            )}
          </Show>
          <button type="button" class="button-secondary" onClick={() => void signOut()}>
            {t('shell.signOut')}
          </button>
        </div>
      </header>
      <div class="app-body">
        <nav id="app-nav" class="app-nav" classList={{ open: menuOpen() }} aria-label={t('shell.navigation')}>
          <Show when={shell()}>{(current) => <Navigation shell={current()} />}</Show>
        </nav>
        <main id="main" tabindex="-1">
          <Show
            when={shell()}
            fallback={
              <Show when={shellResult.error && !hasSessionError(shellResult.error)} fallback={<Loading />}>
                <ErrorNotice error={shellResult.error} />
              </Show>
            }
          >
            {(current) => (
              <ShellContext.Provider value={current}>
                <ErrorBoundary fallback={(error) => <ErrorNotice message={t('errors.page', { detail: String(error?.message ?? error) })} />}>
                  <Suspense fallback={<Loading />}>{props.children}</Suspense>
                </ErrorBoundary>
              </ShellContext.Provider>
            )}
          </Show>
        </main>
      </div>
    </>
  );
}

function Navigation(props: { shell: Shell }) {
  const readable = () => props.shell.access.bodiesWith('core:entities:read');
  const ownBody = () => {
    const bodies = readable();
    return bodies !== 'all' && bodies.size === 1 ? props.shell.bodies[0] : undefined;
  };
  // The audit trail is offered to referents too: they read the events of their own body.
  const heldOnSomeBody = (permission: string) => {
    const bodies = props.shell.access.bodiesWith(permission);
    return bodies === 'all' || bodies.size > 0;
  };
  const admin = () =>
    [
      { href: '/users', label: t('nav.users'), permission: 'core:users:read' },
      { href: '/tokens', label: sm('tokensNav'), permission: 'core:tokens:write' },
      { href: '/modules', label: t('nav.modules'), permission: 'core:modules:write' },
      { href: '/audit', label: t('nav.audit'), permission: 'core:audit:read', onSomeBody: true },
    ].filter((item) => (item.onSomeBody ? heldOnSomeBody(item.permission) : props.shell.access.can(item.permission)));
  return (
    <>
      <ul>
        <li>
          <A href="/" end>
            {t('nav.dashboard')}
          </A>
        </li>
        <li>
          <Show when={ownBody()} fallback={<A href="/bodies">{t('nav.bodies')}</A>}>
            {(body) => <A href={`/bodies/${encodeURIComponent(body().id)}`}>{t('nav.ownBody', { name: body().name })}</A>}
          </Show>
        </li>
        <Show when={props.shell.access.can('core:entities:write')}>
          <li>
            <A href="/population">{t('nav.population')}</A>
          </li>
        </Show>
      </ul>
      <Show when={props.shell.menuRoutes().length > 0}>
        <h2 class="nav-heading" id="nav-modules">
          {t('nav.modulesHeading')}
        </h2>
        <ul aria-labelledby="nav-modules">
          <For each={props.shell.menuRoutes()}>
            {(route) => (
              <li>
                <A href={route.path}>{route.menu!.label[locale()]}</A>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={admin().length > 0}>
        <h2 class="nav-heading" id="nav-admin">
          {t('nav.adminHeading')}
        </h2>
        <ul aria-labelledby="nav-admin">
          <For each={admin()}>
            {(item) => (
              <li>
                <A href={item.href}>{item.label}</A>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  );
}
