// The web client's documents as trusted documents: the API builds this manifest (hash -> text) from
// the same sources the client is built from, at start, so it can never go stale by hand. The web
// client sends each document's hash (trustedDocumentsExchange in the web kit).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sentText } from '@gea/web-kit/trusted-documents';
import { webRoot } from '../vite.config.ts';

const repoRoot = path.resolve(webRoot, '../..');

export class TrustedDocumentsError extends Error {
  override name = 'TrustedDocumentsError';
}

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

export interface ClientDocument {
  /** Relative to the repository. */
  file: string;
  /** The text inside `graphql(`...`)`. */
  source: string;
}

/** Every `graphql(`...`)` document of the web client, the web kit and the plugins' screens. */
export async function clientDocuments(root = repoRoot): Promise<ClientDocument[]> {
  const pluginsDir = path.join(root, 'plugins');
  const plugins = existsSync(pluginsDir) ? await readdir(pluginsDir) : [];
  const files = [
    ...(await sourceFiles(path.join(root, 'apps/web/src'))),
    ...(await sourceFiles(path.join(root, 'packages/web-kit/src'))),
    ...(await Promise.all(plugins.map((plugin) => sourceFiles(path.join(pluginsDir, plugin, 'web'))))).flat(),
  ];
  const documents: ClientDocument[] = [];
  for (const file of files.sort()) {
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(/\bgraphql\(\s*`([^`]*)`\s*([,)])/g)) {
      const relative = path.relative(root, file);
      // Fragments passed as a second argument would change the text sent; the manifest reads only the first.
      if (match[2] === ',') throw new TrustedDocumentsError(`${relative}: graphql() with fragments is not supported by the trusted documents manifest`);
      documents.push({ file: relative, source: match[1]! });
    }
  }
  return documents;
}

/** SHA-256 (hex) of the text the client sends -> that text, for every document of the client. */
export async function trustedDocumentsManifest(root = repoRoot): Promise<Map<string, string>> {
  const manifest = new Map<string, string>();
  for (const { source } of await clientDocuments(root)) {
    const text = sentText(source);
    manifest.set(createHash('sha256').update(text).digest('hex'), text);
  }
  return manifest;
}
