// npm run plugin:new -- <key> [--no-install]
import { parseArgs } from 'node:util';
import { repoRoot } from '@gea/db';
import { generatePlugin, PluginKeyError } from './generate.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'no-install': { type: 'boolean', default: false } } });
const [key] = positionals;
if (!key || positionals.length > 1) {
  console.error('usage: npm run plugin:new -- <key> [--no-install]   (key: lowercase words joined by hyphens, e.g. parking-permits)');
  process.exit(2);
}
try {
  const { names } = await generatePlugin({ root: repoRoot, key, install: !values['no-install'] });
  console.log(`
The ${names.key} plugin is ready: plugins/${names.key}/ (definition, permissions, schema/${names.modelFile}.ts, rules/, seed, web/, tests/).
Next:
  npm test                                   type-check, and the plugin's tests on PGlite (and PostgreSQL with TEST_DATABASE_URL)
  npm start                                  the embedded database migrates itself; a new database gets the demo row
  npm run db:migrate                         on PostgreSQL (DATABASE_URL), before starting the new version
Then switch the module on for the bodies that want it (Moduli in the web client, or setModuleEnabled).`);
} catch (error) {
  console.error(`plugin:new: ${(error as Error).message}`);
  process.exit(error instanceof PluginKeyError ? 2 : 1);
}
