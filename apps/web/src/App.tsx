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
      { path: '/users', component: lazy(() => import('./pages/Users.tsx')) },
      { path: '/modules', component: lazy(() => import('./pages/Modules.tsx')) },
      { path: '/audit', component: lazy(() => import('./pages/Audit.tsx')) },
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
