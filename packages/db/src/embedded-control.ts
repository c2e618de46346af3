// A local channel through which `npm run db:backup` asks the server that holds an embedded database
// for a snapshot: PGlite serves one process, so while the server runs nobody else may open the
// folder, and a copy of the live folder is neither consistent nor free of the server's lock file.
//
// The channel is a Unix socket in a folder that only this OS user can enter (mode 0700, owned by
// this user: checked, not assumed), so only the same user (or root) can ask. Unix only: on Windows
// stop the server and back up the folder with the CLI, which then opens it itself.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, realpathSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

/** Where the control socket of the server holding `dataDir` is (a short path: sockets have a length limit). */
export function controlSocketPath(dataDir: string): string {
  const resolved = existsSync(dataDir) ? realpathSync(dataDir) : path.resolve(dataDir);
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  const id = createHash('sha256').update(resolved).digest('hex').slice(0, 20);
  return path.join(os.tmpdir(), `gea-${uid}`, `${id}.sock`);
}

/** The socket's folder, created private; refuses one that another user could have prepared. */
function privateFolder(socketPath: string): string {
  const folder = path.dirname(socketPath);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stat = lstatSync(folder);
  const uid = typeof process.getuid === 'function' ? process.getuid() : stat.uid;
  if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o077) !== 0) {
    throw new Error(`${folder} must be a folder owned by this user with mode 0700`);
  }
  return folder;
}

/**
 * A consistent snapshot of a running PGlite as a gzipped tarball (what `new PGlite({ loadDataDir })`
 * reads): a checkpoint writes every change to the files, then the folder is read while no query
 * runs. A transaction still open at that instant is not in the snapshot (it was not committed).
 */
export async function snapshotPGlite(pglite: PGlite): Promise<Blob> {
  await pglite.exec('CHECKPOINT');
  return pglite.runExclusive(() => pglite.dumpDataDir('gzip'));
}

export interface ControlChannel {
  readonly socketPath: string;
  close(): Promise<void>;
}

/** Serves snapshots of `pglite` (open on `dataDir`) to the same OS user; null where Unix sockets do not exist. */
export async function serveEmbeddedControl(dataDir: string, pglite: PGlite, log: (line: string) => void): Promise<ControlChannel | null> {
  if (process.platform === 'win32') return null;
  const socketPath = controlSocketPath(dataDir);
  privateFolder(socketPath);
  // This process holds the folder's lock: a socket left there is from a server that died.
  rmSync(socketPath, { force: true });
  const server: Server = createServer((socket) => {
    socket.on('error', () => {});
    let request = '';
    socket.on('data', (chunk) => {
      request += chunk.toString('utf8');
      if (!request.includes('\n')) return;
      socket.removeAllListeners('data');
      const command = (() => {
        try {
          return (JSON.parse(request.split('\n')[0]!) as { command?: unknown }).command;
        } catch {
          return undefined;
        }
      })();
      if (command !== 'backup') {
        socket.end(`${JSON.stringify({ ok: false, error: 'unknown command' })}\n`);
        return;
      }
      void snapshotPGlite(pglite)
        .then(async (snapshot) => {
          const bytes = new Uint8Array(await snapshot.arrayBuffer());
          socket.write(`${JSON.stringify({ ok: true, bytes: bytes.byteLength })}\n`);
          socket.end(bytes);
          log(`backup: snapshot of ${bytes.byteLength} bytes sent to npm run db:backup`);
        })
        .catch((error: unknown) => {
          log(`backup: snapshot failed: ${(error as Error).message}`);
          socket.end(`${JSON.stringify({ ok: false, error: (error as Error).message })}\n`);
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  return {
    socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        rmSync(socketPath, { force: true });
      }),
  };
}

export class ControlChannelError extends Error {
  override name = 'ControlChannelError';
}

/** Asks the server holding `dataDir` for a snapshot; the gzipped tarball of its data folder. */
export async function requestEmbeddedSnapshot(dataDir: string): Promise<Uint8Array> {
  const socketPath = controlSocketPath(dataDir);
  if (!existsSync(socketPath)) {
    throw new ControlChannelError(`no backup channel at ${socketPath}`);
  }
  privateFolder(socketPath);
  return new Promise<Uint8Array>((resolve, reject) => {
    const socket = connect(socketPath);
    const chunks: Buffer[] = [];
    socket.on('error', (error) => reject(new ControlChannelError(`the server did not answer on ${socketPath}: ${error.message}`)));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const newline = all.indexOf(10);
      if (newline < 0) return reject(new ControlChannelError('the server closed the backup channel without an answer'));
      const header = JSON.parse(all.subarray(0, newline).toString('utf8')) as { ok: boolean; bytes?: number; error?: string };
      if (!header.ok) return reject(new ControlChannelError(`the server refused the backup: ${header.error}`));
      const body = all.subarray(newline + 1);
      if (body.byteLength !== header.bytes) {
        return reject(new ControlChannelError(`the snapshot arrived incomplete (${body.byteLength} of ${header.bytes} bytes)`));
      }
      resolve(new Uint8Array(body));
    });
    socket.write(`${JSON.stringify({ command: 'backup' })}\n`);
  });
}
