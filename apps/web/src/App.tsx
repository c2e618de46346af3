// Routes: the core screens, then every installed plugin's screens (their web definitions, handed
// to the kit in main.tsx), each loaded when first shown.
import { PageHeading, pluginRoutes, t, useShell, type PluginRoute } from '@gea/web-kit';
import { Router, type RouteDefinition } from '@solidjs/router';
import { Provider } from '@urql/solid';
import { lazy, Show, type Component, type ParentProps } from 'solid-js';
import { createClient } from './client.ts';
import Layout from './shell/Layout.tsx';
import LoginPage from './shell/LoginPage.tsx';
import ReloginDialog from './shell/ReloginDialog.tsx';
import NoAccess from './pages/admin/NoAccess.tsx';

/** A plugin screen, or a plain explanation when its module is off on every body the person may see. */
function pluginScreen(route: PluginRoute): Component {
  const Screen = lazy(route.load);
  return (props) => {
    const shell = useShell();
    return (
      <Show
        when={shell().routeVisible(route)}
        fallback={
          <>
            <PageHeading title={t('errors.moduleOffTitle')} />
            <p>{t('errors.moduleOff')}</p>
          </>
        }
      >
        <Screen {...props} />
      </Show>
    );
  };
}

/**
 * A core screen offered only to whoever holds `permission` (the menu's rule, Layout.tsx): anyone
 * else who types its address gets a plain "no access" page, never controls the API would refuse.
 */
function guarded(permission: string, load: Parameters<typeof lazy>[0], scope: 'everywhere' | 'someBody' = 'everywhere'): Component {
  const Screen = lazy(load);
  const holds = (shell: ReturnType<ReturnType<typeof useShell>>) => {
    if (scope === 'everywhere') return shell.access.can(permission);
    // Held on one body is enough where the screen shows only that body's records (a referent's audit trail).
    const bodies = shell.access.bodiesWith(permission);
    return bodies === 'all' || bodies.size > 0;
  };
  return (props) => {
    const shell = useShell();
    return (
      <Show when={holds(shell())} fallback={<NoAccess />}>
        <Screen {...props} />
      </Show>
    );
  };
}

function NotFound() {
  return (
    <>
      <PageHeading title={t('errors.pageNotFoundTitle')} />
      <p>{t('errors.pageNotFound')}</p>
    </>
  );
}

/** Made when the app starts: main.tsx installs the plugins' web parts first. */
const routes = (): RouteDefinition[] => [
  { path: '/login', component: LoginPage },
  {
    path: '/',
    component: Layout,
    children: [
      { path: '/', component: lazy(() => import('./pages/Dashboard.tsx')) },
      { path: '/bodies', component: lazy(() => import('./pages/Bodies.tsx')) },
      { path: '/bodies/:id', component: lazy(() => import('./pages/Body.tsx')) },
      { path: '/population', component: lazy(() => import('./pages/Population.tsx')) },
      { path: '/users', component: guarded('core:users:read', () => import('./pages/Users.tsx')) },
      { path: '/users/new', component: guarded('core:users:write', () => import('./pages/users/NewUser.tsx')) },
      { path: '/users/:id', component: guarded('core:users:read', () => import('./pages/users/UserPage.tsx')) },
      { path: '/tokens', component: guarded('core:tokens:write', () => import('./pages/tokens/Tokens.tsx')) },
      { path: '/notifications', component: lazy(() => import('./pages/notifications/Notifications.tsx')) },
      { path: '/modules', component: guarded('core:modules:write', () => import('./pages/Modules.tsx')) },
      { path: '/audit', component: guarded('core:audit:read', () => import('./pages/Audit.tsx'), 'someBody') },
      ...pluginRoutes().map((route) => ({ path: route.path, component: pluginScreen(route) })),
      { path: '*404', component: NotFound },
    ],
  },
];

function Root(props: ParentProps) {
  return (
    <>
      {props.children}
      <ReloginDialog />
    </>
  );
}

export default function App() {
  return (
    <Provider value={createClient()}>
      <Router root={Root}>{routes()}</Router>
    </Provider>
  );
}
