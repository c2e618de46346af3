import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { printedSchemaPath } from '@gea/api';
import { repoRoot } from '@gea/db';
import { buildSchema, parse, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';

const web = path.join(repoRoot, 'apps/web');
const kit = path.join(repoRoot, 'packages/web-kit');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(full)));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts')) files.push(full);
  }
  return files;
}

/** Every `graphql(`...`)` document of the web client, the web kit and the plugins' screens. */
async function clientDocuments(): Promise<{ file: string; source: string }[]> {
  const plugins = await readdir(path.join(repoRoot, 'plugins'));
  const files = [
    ...(await sourceFiles(path.join(web, 'src'))),
    ...(await sourceFiles(path.join(kit, 'src'))),
    ...(await Promise.all(plugins.map((plugin) => sourceFiles(path.join(repoRoot, 'plugins', plugin, 'web'))))).flat(),
  ];
  const documents: { file: string; source: string }[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(/\bgraphql\(\s*`([^`]*)`/g)) documents.push({ file: path.relative(repoRoot, file), source: match[1]! });
  }
  return documents;
}

describe('the web client is typed against the current schema', () => {
  it('packages/web-kit/src/graphql-env.d.ts is generated from apps/api/schema.graphql (run npm run schema:print)', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'gea-graphql-env-'));
    try {
      const output = path.join(tmp, 'graphql-env.d.ts');
      await promisify(execFile)(path.join(repoRoot, 'node_modules/.bin/gql.tada'), ['generate', 'output', '--tsconfig', path.join(kit, 'tsconfig.json'), '--output', output], {
        cwd: kit,
      });
      const committed = await readFile(path.join(kit, 'src/graphql-env.d.ts'), 'utf8');
      expect(committed === (await readFile(output, 'utf8')), 'packages/web-kit/src/graphql-env.d.ts is stale: run npm run schema:print').toBe(true);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }, 60_000);

  it('every document of the client and of the plugins’ screens is valid against the schema', async () => {
    const schema = buildSchema(await readFile(printedSchemaPath, 'utf8'));
    const documents = await clientDocuments();
    expect(documents.length).toBeGreaterThan(10);
    const problems: string[] = [];
    const names = new Map<string, string>();
    for (const { file, source } of documents) {
      let document: DocumentNode;
      try {
        document = parse(source);
      } catch (error) {
        problems.push(`${file}: ${(error as Error).message}`);
        continue;
      }
      for (const definition of document.definitions) {
        // urql's document cache keys results by operation: two operations may not share a name.
        if (definition.kind === 'OperationDefinition' && definition.name) {
          const other = names.get(definition.name.value);
          if (other) problems.push(`${file}: operation ${definition.name.value} is also defined in ${other}`);
          names.set(definition.name.value, file);
        }
      }
      for (const error of validate(schema, document)) problems.push(`${file}: ${error.message}`);
    }
    expect(problems).toEqual([]);
  });
});
