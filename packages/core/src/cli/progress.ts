// Progress of a long import on the terminal (cli-progress), on stderr so that stdout stays the
// summary a script can read.
import cliProgress from 'cli-progress';
import type { ImportPhase } from '../entity-import/index.ts';

/** One bar per phase on a terminal; nothing when the output is a file or a pipe. */
export function progressBars(stream: NodeJS.WriteStream = process.stderr) {
  const labels: Record<ImportPhase, string> = { validate: 'checking', apply: 'writing ' };
  let current: { phase: ImportPhase; bar: cliProgress.SingleBar } | null = null;
  const stop = () => {
    current?.bar.stop();
    current = null;
  };
  const update = (phase: ImportPhase, done: number, total: number) => {
    // Only on a terminal: a file or a pipe gets no bars (and no control characters).
    if (total === 0 || !stream.isTTY) return;
    if (current?.phase !== phase) {
      stop();
      const bar = new cliProgress.SingleBar(
        { format: `${labels[phase]} [{bar}] {value}/{total} {percentage}%`, hideCursor: true, clearOnComplete: false, stream },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, done);
      current = { phase, bar };
    }
    current!.bar.update(done);
  };
  return { update, stop };
}

