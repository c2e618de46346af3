// Shared by the benchmarks: timing an operation many times and printing percentiles.

export interface Figure {
  name: string;
  runs: number;
  times: number[];
  sql: number;
  note?: string;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function printHeader(width = 80): void {
  console.log('operation'.padEnd(width), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8), 'p99 ms'.padStart(8), 'max ms'.padStart(8), 'SQL/op'.padStart(7), 'runs'.padStart(5));
}

export function printFigure(figure: Figure, width = 80): void {
  const sorted = [...figure.times].sort((a, b) => a - b);
  const fmt = (n: number) => n.toFixed(1).padStart(8);
  console.log(
    figure.name.padEnd(width),
    fmt(percentile(sorted, 50)),
    fmt(percentile(sorted, 95)),
    fmt(percentile(sorted, 99)),
    fmt(sorted.at(-1)!),
    String(figure.sql).padStart(7),
    String(figure.runs).padStart(5),
    figure.note ? ` ${figure.note}` : '',
  );
}

/**
 * Runs `operation` `warmup` times, then `runs` times measuring each; `statementsOf` counts the SQL of
 * one run (the largest count is kept). Stops measuring at `budgetMs` after at least 3 runs.
 */
export async function measure(
  name: string,
  options: { runs: number; warmup: number; budgetMs: number; statementsOf: (run: () => Promise<unknown>) => Promise<number> },
  operation: () => Promise<unknown>,
): Promise<Figure> {
  const began = performance.now();
  for (let i = 0; i < options.warmup && performance.now() - began < options.budgetMs / 10; i++) await operation();
  const times: number[] = [];
  let sql = 0;
  while (times.length < options.runs && (times.length < 3 || performance.now() - began < options.budgetMs)) {
    let elapsed = 0;
    const statements = await options.statementsOf(async () => {
      const start = performance.now();
      await operation();
      elapsed = performance.now() - start;
    });
    times.push(elapsed);
    sql = Math.max(sql, statements);
  }
  const figure: Figure = { name, runs: times.length, times, sql, ...(times.length < options.runs ? { note: 'stopped at the time budget' } : {}) };
  printFigure(figure);
  return figure;
}
