// npm start: serves GEA on DATABASE_URL or, when unset, on the embedded database with demo data.
import { isStartupError, start } from './start.ts';

try {
  const running = await start();
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    await running.stop().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (error) {
  if (isStartupError(error)) {
    console.error(`GEA cannot start: ${error.message}`);
  } else {
    console.error('GEA cannot start:', error);
  }
  process.exit(1);
}
