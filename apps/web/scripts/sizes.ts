// npm run sizes --workspace @gea/web: the gzipped JavaScript of the built client, first route and
// every lazy route, against the first route's budget (60 kB gzipped).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleSizes, distDir, FIRST_ROUTE_BUDGET, formatSize } from '../server/index.ts';

export async function printSizes(dir = distDir): Promise<void> {
  const sizes = await bundleSizes(dir);
  const rows = [sizes.entry, ...sizes.routes].map((route) => [
    route.route === 'entry' ? 'entry (shell, sign-in)' : `${route.route.replace(/^.*?((src|plugins)\/)/, '$1')} + entry`,
    formatSize(route.jsBytes),
    formatSize(route.gzip),
  ]);
  const width = Math.max(...rows.map((row) => row[0]!.length));
  console.log(`${'route'.padEnd(width)}  ${'JS'.padStart(9)}  ${'gzipped'.padStart(9)}`);
  for (const [name, raw, gzip] of rows) console.log(`${name!.padEnd(width)}  ${raw!.padStart(9)}  ${gzip!.padStart(9)}`);
  console.log(
    `first route: ${formatSize(sizes.firstRoute.gzip)} gzipped JavaScript (${sizes.firstRoute.route}), budget ${formatSize(FIRST_ROUTE_BUDGET)}; ` +
      `CSS ${formatSize(sizes.firstRoute.cssGzip)} gzipped`,
  );
  console.log(`all routes: ${formatSize(sizes.total.jsGzip)} gzipped JavaScript in ${sizes.total.files} files (${formatSize(sizes.total.jsBytes)} before compression)`);
  if (sizes.firstRoute.gzip > FIRST_ROUTE_BUDGET) {
    console.error(`the first route is over its budget of ${formatSize(FIRST_ROUTE_BUDGET)} gzipped`);
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!existsSync(path.join(distDir, '.vite/manifest.json'))) {
    console.error(`no built client in ${distDir}: run npm run web:build first`);
    process.exitCode = 1;
  } else {
    await printSizes();
  }
}
