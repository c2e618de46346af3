// What every `npm run <tool>` command shares: one-line failures without a stack trace, arguments read
// with node's parseArgs, an input file read with a plain reason, and an explicit exit at the end.
import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DatabaseStartupError } from './errors.ts';
import { resolveUserPath } from './target.ts';

/** A failure the person running the command can fix from one line (no stack trace). */
export class CliError extends Error {}

/** The command's options and its one positional file (as typed, and resolved from where npm was started). */
export function fileArguments<O extends NonNullable<ParseArgsConfig['options']>>(usage: string, options: O) {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`);
  }
  if (parsed.positionals.length !== 1) throw new CliError(usage);
  const file = parsed.positionals[0]!;
  return { file, path: resolveUserPath(file), values: parsed.values };
}

/** The bytes of an input file, or a one-line reason. */
export async function readInputFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

/**
 * Runs a command and exits with its code. Errors that `expected` recognises (and CliError and
 * DatabaseStartupError) are printed as one line after the command's name; anything else in full.
 */
export async function runCommand(name: string, run: () => Promise<number>, expected: (error: unknown) => boolean = () => false): Promise<never> {
  let code: number;
  try {
    code = await run();
  } catch (error) {
    if (error instanceof CliError || error instanceof DatabaseStartupError || (error instanceof Error && expected(error))) {
      console.error(`${name}: ${error.message}`);
    } else {
      console.error(`${name}:`, error);
    }
    code = 1;
  }
  // Explicitly: the WASM engine and database drivers may keep timers alive, and nothing is left to do.
  process.exit(code);
}
