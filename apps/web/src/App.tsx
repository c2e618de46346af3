// Routes: the core screens, then every installed plugin's screens (virtual:gea-plugins), each
// loaded when first shown.
import { Router, type RouteDefinition } from '@solidjs/router';
import { Provider } from '@urql/solid';
import { lazy, Show, type Component, type ParentProps } from 'solid-js';
import { routes as pluginRoutes, type PluginRoute } from 'virtual:gea-plugins';
import { createClient } from './client.ts';
import { t } from './i18n/index.ts';
import { useShell } from './shell/context.tsx';
import Layout from './shell/Layout.tsx';
import LoginPage from './shell/LoginPage.tsx';
import ReloginDialog from './shell/ReloginDialog.tsx';
import { PageHeading } from './ui/index.tsx';

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

const routes: RouteDefinition[] = [
  { path: '/login', component: LoginPage },
  {
    path: '/',
    component: Layout,
    children: [
      { path: '/', component: lazy(() => import('./pages/Dashboard.tsx')) },
      { path: '/bodies', component: lazy(() => import('./pages/Bodies.tsx')) },
      { path: '/bodies/:id', component: lazy(() => import('./pages/Body.tsx')) },
      { path: '/users', component: lazy(() => import('./pages/Users.tsx')) },
      { path: '/modules', component: lazy(() => import('./pages/Modules.tsx')) },
      { path: '/audit', component: lazy(() => import('./pages/Audit.tsx')) },
      ...pluginRoutes.map((route) => ({ path: route.path, component: pluginScreen(route) })),
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
      <Router root={Root}>{routes}</Router>
    </Provider>
  );
}
