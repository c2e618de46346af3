import { installWebPlugins, locale } from '@gea/web-kit';
import { render } from 'solid-js/web';
import { corePermissions, keys, plugins } from 'virtual:gea-plugins';
import App from './App.tsx';
import { takeSessionFromLocationHash } from './session.ts';
import './styles.css';

installWebPlugins(keys, plugins, corePermissions);
takeSessionFromLocationHash();
document.documentElement.lang = locale();
render(() => <App />, document.getElementById('app')!);
