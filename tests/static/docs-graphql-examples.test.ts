// Every GraphQL example in docs/ (and the example protocol client's documents) is valid against the
// schema the configured plugins compose: a guide whose query GraphQL refuses is a broken guide.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadInstalledPlugins, printSchemaFor } from '@gea/api';
import { repoRoot } from '@gea/db';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';

interface Example {
  where: string;
  text: string;
}

async function markdownFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? markdownFiles(path.join(dir, e.name)) : Promise.resolve(e.name.endsWith('.md') ? [path.join(dir, e.name)] : []))));
  return nested.flat();
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** ```graphql blocks, and `"query": "..."` strings inside other blocks (JSON bodies, curl -F operations=...). */
export function examplesIn(file: string, text: string): Example[] {
  const examples: Example[] = [];
  for (const block of text.matchAll(/^([ \t]*)```(\w*)\n([\s\S]*?)^\1```/gm)) {
    const [, indent, lang, body] = block;
    const code = body!.replace(new RegExp(`^${indent}`, 'gm'), '');
    const where = `${file}:${lineOf(text, block.index!)}`;
    if (lang === 'graphql') examples.push({ where, text: code });
    else for (const query of code.matchAll(/"query"\s*:\s*("(?:[^"\\]|\\.)*")/g)) examples.push({ where, text: JSON.parse(query[1]!) as string });
  }
  return examples;
}

/** The gql`...` documents of a TypeScript file. */
const documentsIn = (file: string, text: string): Example[] =>
  [...text.matchAll(/gql(?:<[^`]*>)?`([^`]*)`/g)].map((m) => ({ where: `${file}:${lineOf(text, m.index!)}`, text: m[1]! }));

const problems = (schema: GraphQLSchema, text: string): string[] => {
  try {
    return validate(schema, parse(text)).map((error) => error.message);
  } catch (error) {
    return [(error as Error).message];
  }
};

let schema: GraphQLSchema;
const examples: Example[] = [];

beforeAll(async () => {
  schema = buildSchema(printSchemaFor(await loadInstalledPlugins({})));
  for (const file of await markdownFiles(path.join(repoRoot, 'docs'))) {
    examples.push(...examplesIn(path.relative(repoRoot, file), await readFile(file, 'utf8')));
  }
  const client = 'apps/protocol-client/src/main.ts';
  examples.push(...documentsIn(client, await readFile(path.join(repoRoot, client), 'utf8')));
}, 120_000);

describe('GraphQL examples in the docs', () => {
  it('finds the examples: every fenced graphql block, the queries inside JSON and curl, the example client', () => {
    const where = examples.map((e) => e.where);
    expect(where.filter((w) => w.startsWith('docs/integrations/protocol-systems.md')).length).toBeGreaterThanOrEqual(14);
    expect(examples.some((e) => e.text.startsWith('subscription { pecReceiptRegistered'))).toBe(true);
    expect(examples.some((e) => e.text.includes('verifySignature(entityId: $e, file: $f, content: $c)'))).toBe(true);
    expect(examples.some((e) => e.text.includes('registerPecReceiptEml('))).toBe(true);
    expect(where.filter((w) => w.startsWith('apps/protocol-client/')).length).toBe(4);
  });

  it('every one validates against the schema', () => {
    const invalid = examples.map((e) => ({ where: e.where, problems: problems(schema, e.text) })).filter((e) => e.problems.length > 0);
    expect(invalid).toEqual([]);
  });

  it('would catch the conflict the receipts example had (PecReceipt.message next to Error.message)', () => {
    const before = `mutation ($mailboxId: ID!, $daticert: String!) {
      registerPecReceipt(mailboxId: $mailboxId, daticert: $daticert) {
        ... on PecReceipt { id message { state } }
        ... on Error { code message }
      }
    }`;
    expect(problems(schema, before)).toEqual([expect.stringMatching(/^Fields "message" conflict because they return conflicting types/)]);
    expect(problems(schema, 'query { a } query { b }').length).toBeGreaterThan(0);
  });

  it('reads indented blocks (inside list items) and JSON-escaped queries', () => {
    const md = '1. Step\n\n   ```graphql\n   query { x }\n   ```\n\n```sh\ncurl -F operations=\'{"query":"mutation { y(a: \\"b\\") }"}\'\n```\n';
    expect(examplesIn('x.md', md).map((e) => e.text)).toEqual(['query { x }\n', 'mutation { y(a: "b") }']);
  });
});
