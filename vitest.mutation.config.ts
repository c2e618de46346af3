import { defineConfig } from 'vitest/config';

// The tests StrykerJS runs against each mutant: the fast, database-free tests of the code under mutation.
// Kept apart from vitest.config.ts so that a mutant run never starts databases, servers or browsers.
export default defineConfig({
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    // Property tests run hundreds of cases, slower still under coverage instrumentation on a shared machine.
    testTimeout: 60_000,
    // Each mutant reruns the property tests: fewer cases per property keeps a run within the hour on a shared
    // machine (the normal test run keeps its full count). Read by the property tests; `GEA_PROPERTY_RUNS=10 npx stryker run` lowers it.
    env: { GEA_PROPERTY_RUNS: process.env.GEA_PROPERTY_RUNS ?? '40' },
    include: [
      'packages/core/src/**/*.test.ts',
      'plugins/cost-sharing/src/**/*.test.ts',
      'plugins/pec-signatures/src/**/*.test.ts',
      'plugins/procurement/src/**/*.test.ts',
    ],
  },
});
