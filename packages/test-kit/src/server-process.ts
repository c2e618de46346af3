import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '@gea/db';

const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
const main = path.join(repoRoot, 'apps/api/src/main.ts');

export interface ServerProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the GraphQL URL printed at start, or rejects with the process output if it exits first. */
  ready: Promise<string>;
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/** Runs `apps/api/src/main.ts` (what `npm start` runs) as a real process with the given environment. */
export function startServerProcess(env: Record<string, string | undefined>): ServerProcess {
  const child = spawn(tsx, [main], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', NODE_ENV: undefined, DATABASE_URL: undefined, GEA_PLUGINS: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const match = /GraphQL: (http:\/\/\S+\/graphql)/.exec(out);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}\nstdout: ${out}\nstderr: ${err}`)));
  });
  ready.catch(() => {});
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    ready,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
