// npm run sizes --workspace @gea/web: the gzipped JavaScript of the built client, first route and
// every lazy route. Budget: the first route under 100 kB gzipped.
import { pathToFileURL } from 'node:url';
import { bundleSizes, distDir, formatSize } from '../server/index.ts';

export const FIRST_ROUTE_BUDGET = 100 * 1024;

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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await printSizes();
