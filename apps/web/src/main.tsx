import { render } from 'solid-js/web';
import App from './App.tsx';
import { locale } from './i18n/index.ts';
import { takeSessionFromLocationHash } from './session.ts';
import './styles.css';

takeSessionFromLocationHash();
document.documentElement.lang = locale();
render(() => <App />, document.getElementById('app')!);
