// npm run schema:print [-- --check]: writes apps/api/schema.graphql for the configured plugins
// (or, with --check, fails when the committed file is stale).
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { printedSchemaPath, printSchemaFor } from '../schema-file.ts';
import { loadInstalledPlugins } from '../config.ts';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const printed = printSchemaFor(await loadInstalledPlugins());
const current = await readFile(printedSchemaPath, 'utf8').catch(() => '');
if (values.check) {
  if (current !== printed) {
    console.error('apps/api/schema.graphql is stale: run npm run schema:print and commit it');
    process.exit(1);
  }
  console.log('apps/api/schema.graphql is up to date');
} else if (current === printed) {
  console.log('apps/api/schema.graphql unchanged');
} else {
  await writeFile(printedSchemaPath, printed);
  console.log('wrote apps/api/schema.graphql');
}
