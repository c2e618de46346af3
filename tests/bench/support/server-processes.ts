// Servers run by a benchmark as processes of their own: started in a process group of their own (so
// that a wrapper such as tsx, and whatever it starts, stops with them), ready when they print their
// URL, stopped on exit, on an error and on Ctrl-C. Also the CPU time of a process tree, from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface BenchServer {
  name: string;
  child: ChildProcess;
  pid: number;
  /** The URL the process printed when it was ready. */
  url: string;
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  command: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Matches the ready line; its first group is the URL. */
  ready: RegExp;
  timeoutMs?: number;
}

const running = new Set<BenchServer>();

/** Kills the whole group of a process started here (detached, so the group id is its pid). */
function killGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group has already ended
  }
}

let hooked = false;
function stopEverythingOnExit() {
  if (hooked) return;
  hooked = true;
  // Last resort: whatever is still running when this process ends goes with it.
  process.on('exit', () => {
    for (const server of running) killGroup(server.pid, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the servers`);
      void stopAllServers().finally(() => process.exit(130));
    });
  }
}

export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()));
}

/** Starts a server process and waits for its ready line; rejects with its output if it exits first or times out. */
export async function startServer(options: StartOptions): Promise<BenchServer> {
  stopEverythingOnExit();
  const child = spawn(options.command, [...options.args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (chunk) => (out = (out + chunk).slice(-100_000)));
  child.stderr!.on('data', (chunk) => (out = (out + chunk).slice(-100_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.name}: could not start ${options.command}`);
  const server: BenchServer = {
    name: options.name,
    child,
    pid,
    url: '',
    output: () => out,
    async stop() {
      if (!running.has(server)) return;
      running.delete(server);
      if (child.exitCode === null && child.signalCode === null) {
        killGroup(pid, 'SIGTERM');
        const killed = setTimeout(() => killGroup(pid, 'SIGKILL'), 5_000);
        await exited;
        clearTimeout(killed);
      }
      // A grandchild that ignored the signal to the group.
      killGroup(pid, 'SIGKILL');
    },
  };
  running.add(server);
  try {
    server.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${options.name} did not say it was ready within ${(options.timeoutMs ?? 120_000) / 1000} s`)), options.timeoutMs ?? 120_000);
      const check = () => {
        const match = options.ready.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout!.on('data', check);
      child.stderr!.on('data', check);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`${options.name} exited with ${child.exitCode ?? child.signalCode}`));
      });
    });
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n--- output of ${options.name} ---\n${out.slice(-4000)}`);
  }
  return server;
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** User + system CPU seconds of one process (fields 14 and 15 of /proc/<pid>/stat); 0 once it has ended. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks();
  } catch {
    return 0;
  }
}

/** The pids of a process and all its live descendants. */
export function processTree(pid: number): number[] {
  const pids: number[] = [];
  const visit = (id: number) => {
    pids.push(id);
    try {
      for (const task of readdirSync(`/proc/${id}/task`)) {
        const children = readFileSync(`/proc/${id}/task/${task}/children`, 'utf8').trim();
        for (const child of children ? children.split(/\s+/) : []) visit(Number(child));
      }
    } catch {
      // the process ended
    }
  };
  visit(pid);
  return pids;
}

/** CPU seconds of a process and its live descendants (tsx runs the server in a child node process). */
export function treeCpuSeconds(pid: number): number {
  return processTree(pid).reduce((sum, id) => sum + processCpuSeconds(id), 0);
}
