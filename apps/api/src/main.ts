// npm start: serves GEA on DATABASE_URL or, when unset, on the embedded database with demo data.
import { isStartupError, start, type StartedServer } from './start.ts';

// Signals are handled from the first moment: a SIGTERM that arrives while start() is finishing (the
// ready line is already printed) must still stop the server cleanly, not kill it with code 143.
let running: StartedServer | undefined;
let requested: string | undefined;
let stopping = false;
const shutdown = async (signal: string) => {
  if (!running) {
    // Still starting: stop as soon as it is up, but never wait for a start that hangs (a database
    // that does not answer), and a second signal ends it at once.
    if (requested) process.exit(1);
    requested = signal;
    setTimeout(() => process.exit(1), 10_000).unref();
    return;
  }
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping`);
  await running.stop().catch(() => {});
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  running = await start();
  if (requested) await shutdown(requested);
} catch (error) {
  if (isStartupError(error)) {
    console.error(`GEA cannot start: ${error.message}`);
  } else {
    console.error('GEA cannot start:', error);
  }
  process.exit(1);
}
