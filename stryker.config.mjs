// Mutation testing (`npm run test:mutation`, outside CI's time budget): the code where a wrong branch costs
// a wrong cent, a wrong permission or a wrong receipt state. `-- --mutate <file>` narrows a run to one target.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    // the cost-allocation engine (art. 13)
    'plugins/cost-sharing/src/allocation/allocate.ts',
    'plugins/cost-sharing/src/allocation/explain.ts',
    'plugins/cost-sharing/src/allocation/largest-remainder.ts',
    'plugins/cost-sharing/src/rules/correctives.ts',
    'plugins/cost-sharing/src/rules/allocation-input.ts',
    // the core's permission logic
    'packages/core/src/permissions.ts',
    'packages/core/src/scope-check.ts',
    'packages/core/src/actor.ts',
    // PEC receipts: the daticert parser and the receipt state machine
    'plugins/pec-signatures/src/daticert/parse.ts',
    'plugins/pec-signatures/src/daticert/state.ts',
    // code checks (CIG, CUP, partita IVA)
    'plugins/procurement/src/codes.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
};
