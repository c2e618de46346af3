import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with one plain line, `Tests: N passed, N failed, N skipped`, that CI tooling reads,
 * after the slowest test files: CI has a time budget, and this shows where it goes.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
    }
    const slowest = testModules
      .map((module) => ({ name: `${module.project.name} ${module.relativeModuleId}`, seconds: module.diagnostic().duration / 1000 }))
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, 20);
    if (slowest.length > 1) {
      console.log('\nSlowest test files:');
      for (const file of slowest) console.log(`  ${file.seconds.toFixed(1).padStart(6)} s  ${file.name}`);
      const perProject = new Map<string, { files: number; seconds: number }>();
      for (const module of testModules) {
        const total = perProject.get(module.project.name) ?? { files: 0, seconds: 0 };
        total.files++;
        total.seconds += module.diagnostic().duration / 1000;
        perProject.set(module.project.name, total);
      }
      console.log('\nTime per project (sum over its files; two run at a time):');
      for (const [name, total] of perProject) console.log(`  ${total.seconds.toFixed(0).padStart(6)} s  ${name} (${total.files} files)`);
    }
    console.log(`\nTests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}
