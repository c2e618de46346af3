import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { namesFor, PluginKeyError, type PluginNames } from './names.ts';
import { serverFiles } from './templates-server.ts';
import { webFiles } from './templates-web.ts';

export { namesFor, PluginKeyError, type PluginNames };

export interface GenerateOptions {
  /** The repository root. */
  root: string;
  key: string;
  /** Run `npm install` to link the new workspace (and record it in package-lock.json). Without it, the link is made directly. */
  install?: boolean;
  log?: (line: string) => void;
}

export interface GeneratedPlugin {
  names: PluginNames;
  /** Files written, relative to the root. */
  written: string[];
  /** Files changed, relative to the root (besides what the generation steps regenerate). */
  changed: string[];
}

/** Every file of a new plugin, by path relative to the repository root. */
export function pluginFiles(key: string): Record<string, string> {
  const names = namesFor(key);
  return { ...serverFiles(names), ...webFiles(names) };
}

/** Adds the plugin's back-relation to the core's Entity model, which Prisma requires on both sides. */
export function withEntityBackRelation(corePrisma: string, names: PluginNames): string {
  const start = corePrisma.search(/^model Entity \{$/m);
  if (start < 0) throw new Error('prisma/schema/core.prisma: model Entity not found');
  const end = corePrisma.indexOf('\n}', start);
  const block = corePrisma.slice(start, end);
  const lines = block.split('\n');
  // after the last list relation of the model (the plugins' back-relations come last)
  const last = lines.reduce((found, line, index) => (/^\s+\w+\s+\w+\[\]/.test(line) ? index : found), -1);
  if (last < 0) throw new Error('prisma/schema/core.prisma: no relation list in model Entity');
  lines.splice(last + 1, 0, `  // ${names.key} plugin`, `  ${names.modelPlural} ${names.model}[]`);
  return corePrisma.slice(0, start) + lines.join('\n') + corePrisma.slice(end);
}

/** Installs the plugin in gea.config.ts: its import, and its place at the end of the list. */
export function withInstalledPlugin(config: string, names: PluginNames): string {
  const imports = [...config.matchAll(/^import .*;$/gm)];
  const lastImport = imports.at(-1);
  if (!lastImport || lastImport.index === undefined) throw new Error('gea.config.ts: no import found');
  const variable = names.camel;
  const at = lastImport.index + lastImport[0].length;
  let next = `${config.slice(0, at)}\nimport ${variable} from '@gea/plugin-${names.key}';${config.slice(at)}`;
  const list = /plugins:\s*\[([^\]]*)\]/.exec(next);
  if (!list) throw new Error('gea.config.ts: no `plugins: [...]` list found');
  const items = list[1]!.trim().replace(/,$/, '');
  next = next.replace(list[0], `plugins: [${items ? `${items}, ` : ''}${variable}]`);
  return next;
}

function run(root: string, command: string, args: string[], log: (line: string) => void) {
  log(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/**
 * Writes a new plugin, installs it in gea.config.ts, adds the back-relation Prisma needs, then
 * regenerates what depends on the schema: the Prisma client, a migration, the printed GraphQL
 * schema and the client's typed documents.
 */
export async function generatePlugin({ root, key, install = true, log = console.log }: GenerateOptions): Promise<GeneratedPlugin> {
  const names = namesFor(key);
  const pluginDir = path.join(root, 'plugins', key);
  const modelFile = path.join(root, 'prisma/schema', `${key}.prisma`);
  if (existsSync(pluginDir)) throw new PluginKeyError(`plugins/${key} already exists`);
  if (existsSync(modelFile)) throw new PluginKeyError(`prisma/schema/${key}.prisma already exists`);

  const files = pluginFiles(key);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  const corePath = path.join(root, 'prisma/schema/core.prisma');
  await writeFile(corePath, withEntityBackRelation(await readFile(corePath, 'utf8'), names));
  const configPath = path.join(root, 'gea.config.ts');
  await writeFile(configPath, withInstalledPlugin(await readFile(configPath, 'utf8'), names));
  log(`wrote plugins/${key}/ and prisma/schema/${key}.prisma; installed it in gea.config.ts; Entity.${names.modelPlural} in core.prisma`);

  if (install) {
    run(root, 'npm', ['install', '--no-audit', '--no-fund'], log);
  } else {
    // what npm does for a workspace package
    const link = path.join(root, 'node_modules/@gea', `plugin-${key}`);
    if (!existsSync(link)) await symlink(path.relative(path.dirname(link), pluginDir), link, 'dir');
  }
  run(root, process.execPath, ['packages/db/scripts/generate.mjs'], log);
  run(root, 'npx', ['tsx', 'packages/db/src/cli/create-migration.ts', '--name', names.snake], log);
  run(root, 'npm', ['run', 'schema:print', '--silent'], log);
  return { names, written: Object.keys(files), changed: ['prisma/schema/core.prisma', 'gea.config.ts'] };
}
