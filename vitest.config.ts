import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Database tests (tests/integration, plugins/*/tests) run once per database: always on PGlite, and on PostgreSQL
// too when TEST_DATABASE_URL is set. Each test file gets its own fresh, migrated database.
const databases = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])];

export default defineConfig({
  // graphql ships CommonJS and ESM side by side; source files (resolved by Vite) and packages
  // (loaded by Node) must get the same copy, or graphql refuses types "from another realm".
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    // Two files at a time even on two cores: the end-to-end files spend most of their time waiting for
    // the server processes they start, so one worker would leave a core idle for minutes.
    maxWorkers: 2,
    reporters: ['default', './packages/test-kit/src/summary-reporter.ts'],
    projects: [
      {
        extends: true as const,
        test: {
          name: 'unit',
          // Property tests run hundreds of cases on the CPU: seconds each on a slow machine (these vary
          // threefold), over the default 5 s when another process shares the cores.
          testTimeout: 30_000,
          include: [
            'packages/*/src/**/*.test.ts',
            'plugins/*/src/**/*.test.ts',
            'apps/web/src/**/*.test.ts',
            'apps/web/server/**/*.test.ts',
            'apps/site/src/**/*.test.ts',
            'tests/static/**/*.test.ts',
          ],
        },
      },
      ...databases.map((database) => ({
        extends: true as const,
        test: {
          name: database,
          // cross-plugin tests, and each plugin's own integration tests
          include: ['tests/integration/**/*.test.ts', 'plugins/*/tests/**/*.test.ts'],
          globalSetup: [`packages/test-kit/src/global-setup-${database}.ts`],
          // PGlite files each in a fresh process: a worker that ran them one after another grew to
          // 12 GB (each file's embedded database stays in its memory) and was killed by the kernel's
          // OOM killer on a 24 GB machine, failing the run after every test had passed. PostgreSQL
          // files share their workers, which stay small.
          isolate: database === 'pglite',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      })),
      {
        extends: true as const,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      // The web client in a real browser against a real server: only where Chromium is installed
      // (.ci/run installs it; locally: apt-get install -y chromium).
      ...(existsSync('/usr/bin/chromium')
        ? [
            {
              extends: true as const,
              test: {
                name: 'browser',
                include: ['tests/browser/**/*.test.ts'],
                // one migrated and seeded data folder, copied by each file's server
                globalSetup: ['packages/test-kit/src/global-setup-browser.ts'],
                testTimeout: 120_000,
                hookTimeout: 240_000,
              },
            },
          ]
        : []),
    ],
  },
});
