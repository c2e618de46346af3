import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeSchema, type GeaPlugin } from '@gea/core';
import { printSchema } from 'graphql';

/** The printed schema is a build output checked into git; the test suite fails when it is stale. */
export const printedSchemaPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../schema.graphql');

export function printSchemaFor(plugins: readonly GeaPlugin[]): string {
  // composeSchema sorts the schema already, so the printed file is stable
  return `${printSchema(composeSchema(plugins).schema)}\n`;
}
