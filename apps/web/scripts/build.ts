// npm run build --workspace @gea/web: builds apps/web/dist for the installed plugins (GEA_PLUGINS
// or gea.config.ts) and prints the gzipped sizes. `npm start` does the same when dist is stale.
import { buildWebClient, distDir } from '../server/index.ts';
import { installedPluginKeys } from '../vite.config.ts';
import { printSizes } from './sizes.ts';

const started = performance.now();
const pluginKeys = installedPluginKeys();
await buildWebClient(pluginKeys);
console.log(`built ${distDir} in ${((performance.now() - started) / 1000).toFixed(1)} s for plugins: ${pluginKeys.join(', ') || 'none'}`);
await printSizes(distDir);
