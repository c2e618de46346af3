import { installWebPlugins, locale, setSessionTokenSource } from '@gea/web-kit';
import { render } from 'solid-js/web';
import { corePermissions, keys, plugins } from 'virtual:gea-plugins';
import App from './App.tsx';
import { session, takeSessionFromLocationHash } from './session.ts';
import './styles.css';

installWebPlugins(keys, plugins, corePermissions);
takeSessionFromLocationHash();
setSessionTokenSource(() => session()?.token ?? null);
document.documentElement.lang = locale();
render(() => <App />, document.getElementById('app')!);
