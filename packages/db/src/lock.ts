import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseStartupError } from './errors.ts';

export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerOf(lockFile: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
    return Number.isInteger(pid) ? pid : null;
  } catch {
    return null; // released meanwhile, or unreadable: treat as stale
  }
}

/** The live process holding the embedded database at `dataDir`, or null when none does. */
export function dataDirLockOwner(dataDir: string): number | null {
  const owner = ownerOf(path.join(dataDir, 'gea.lock'));
  return owner !== null && owner !== process.pid && isAlive(owner) ? owner : null;
}

/**
 * An embedded data folder can be open in one process only (PGlite has no locking of its own). The
 * lock file holds the owner's pid; a lock whose process is gone is taken over by renaming it away
 * first, which only one contender can do, so two processes never both believe they own it.
 * (A pid reused by an unrelated process keeps the lock until that process ends.)
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const lockFile = path.join(dataDir, 'gea.lock');
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = ownerOf(lockFile);
      if (owner !== null && owner !== process.pid && isAlive(owner)) {
        throw new DatabaseStartupError(
          `the embedded database at ${dataDir} is in use by process ${owner}; stop it first (PGlite serves one process at a time)`,
        );
      }
      const stale = `${lockFile}.stale-${process.pid}`;
      try {
        renameSync(lockFile, stale);
        rmSync(stale, { force: true });
      } catch {
        // another process took it over or released it first: try again
      }
      continue;
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      if (ownerOf(lockFile) === process.pid) rmSync(lockFile, { force: true });
      process.off('exit', release);
    };
    process.on('exit', release);
    return { release };
  }
  throw new DatabaseStartupError(`could not lock the embedded database at ${dataDir}; is another GEA starting on it?`);
}
