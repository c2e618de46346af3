import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { corePermissions } from '@gea/core/permissions';
import { repoRoot } from '@gea/db';
import { installedPluginKeys } from '@gea/web/server';
// The kit's pure-TypeScript parts: its components need a bundler with Solid's JSX transform.
import { roleHolds, type Role } from '@gea/web-kit/access';
import type { PermissionRoles, WebPluginDefinition } from '@gea/web-kit/plugin';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import '@gea/test-kit/provided.ts';
import { startServerProcess, type ServerProcess } from '@gea/test-kit/server-process.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const DEMO_PASSWORD = 'gea-demo';

/** Kept by CI as artifacts (gitignored). */
export const screenshotDir = path.join(repoRoot, 'tests/browser/__screenshots__');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

export interface WebServer {
  /** Where the client is served, e.g. http://127.0.0.1:41234 */
  base: string;
  process: ServerProcess;
  stop(): Promise<void>;
}

/**
 * `npm start` as a real process on a fresh embedded database with the demo data: a copy of the folder
 * the browser project's global setup migrated and seeded once (the same `npm start` did it).
 */
export async function startWebServer(env: Record<string, string> = {}): Promise<WebServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gea-browser-'));
  await cp(inject('browserDataTemplate'), dataDir, { recursive: true });
  const process = startServerProcess({ GEA_DATA_DIR: dataDir, ...env });
  const graphql = await process.ready;
  return {
    base: graphql.replace(/\/graphql$/, ''),
    process,
    async stop() {
      await process.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Signs in through the sign-in page and waits for the dashboard. */
export async function signIn(page: Page, base: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${base}/login`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('main button[type=submit]').click();
  await page.locator('main h1').filter({ hasText: /Cruscotto|Dashboard/ }).waitFor();
}

/** The text of the visible h1 once it reads `text`. */
export async function heading(page: Page, text: string | RegExp): Promise<string> {
  const h1 = page.locator('main h1').filter({ hasText: text });
  await h1.waitFor();
  return (await h1.textContent()) ?? '';
}

/** Links of the main navigation, in order. */
export async function menu(page: Page): Promise<string[]> {
  await page.locator('#app-nav a').first().waitFor();
  return (await page.locator('#app-nav a').allTextContents()).map((text) => text.trim());
}

/**
 * The menu entries the installed plugins add (in Italian, in menu order) for a person holding
 * `role`, from the plugins' own web definitions: the core's tests do not name any plugin's screens.
 * `off`: modules switched off for the person's bodies.
 */
export async function pluginMenu(role: Role, off: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const plugins: WebPluginDefinition[] = [];
  for (const key of installedPluginKeys(env)) {
    const module = (await import(`@gea/plugin-${key}/web`).catch(() => null)) as { default: WebPluginDefinition } | null;
    if (module) plugins.push(module.default);
  }
  const table: Record<string, readonly string[]> = {};
  for (const source of [corePermissions as Record<string, PermissionRoles>, ...plugins.map((plugin) => plugin.permissions ?? {})]) {
    for (const [name, definition] of Object.entries(source)) table[name] = definition.roles ?? [];
  }
  return plugins
    .filter((plugin) => !off.includes(plugin.key))
    .flatMap((plugin) => plugin.routes ?? [])
    .filter((route) => route.menu && (!route.permission || roleHolds(role, route.permission, table)))
    .sort((a, b) => (a.menu!.order ?? 100) - (b.menu!.order ?? 100))
    .map((route) => route.menu!.label.it);
}

/** A GraphQL request from the test itself (not the browser), as the API's clients send it. */
export async function gql<T>(base: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-gea-client': 'test', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T };
}

let axeSource: Promise<string> | undefined;
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** WCAG 2.1 A and AA rules of axe-core on the current page: the serious and critical violations. */
export async function accessibilityViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFile(path.join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy allows no inline script.
  await page.evaluate(await axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
