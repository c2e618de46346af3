// npm run admin:create -- --email <address> --name "<full name>" [--force]
// Creates the first ICT office head (role ICT_HEAD) on DATABASE_URL or, when unset, the embedded
// database: how a production installation gets its first account. The password comes from
// GEA_ADMIN_PASSWORD or standard input (typed without echo on a terminal), never from the command
// line, where it would stay in the shell history and be visible in the process list.
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { read } from 'read';
import { z } from 'zod';
import { DatabaseStartupError, openDatabase, targetFromEnv } from '@gea/db';
import { assertFullyMigrated } from '@gea/db/migrations';
import { hashPassword } from '../auth/secrets.ts';

const NAME = 'admin:create';
const USAGE = 'usage: npm run admin:create -- --email <address> --name "<full name>" [--force]   (password from GEA_ADMIN_PASSWORD or standard input)';

/** A failure the person running the command can fix from one line (no stack trace). */
class CliError extends Error {}

// The same rules as the createUser mutation.
const emailSchema = z.string().trim().toLowerCase().pipe(z.email());
const nameSchema = z.string().trim().min(1).max(200);
const passwordSchema = z.string().min(12, 'must be at least 12 characters').max(200);

function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new CliError(`${what}: ${result.error.issues.map((issue) => issue.message).join('; ')}`);
  return result.data;
}

function readArguments(): { email: string; name: string; force: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        force: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    const message = (error as Error).message;
    if (/'--password'/.test(message)) {
      throw new CliError('the password is never given on the command line: set GEA_ADMIN_PASSWORD or type it when asked');
    }
    throw new CliError(`${message}\n${USAGE}`);
  }
  const { email, name, force } = parsed.values;
  if (!email || !name) throw new CliError(USAGE);
  return { email: check(emailSchema, email, '--email'), name: check(nameSchema, name, '--name'), force: force ?? false };
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.GEA_ADMIN_PASSWORD;
  if (fromEnv) return check(passwordSchema, fromEnv, 'GEA_ADMIN_PASSWORD');
  if (process.stdin.isTTY) {
    const first = await read({ prompt: 'Password (at least 12 characters): ', silent: true, replace: '' });
    const again = await read({ prompt: 'Same password again: ', silent: true, replace: '' });
    if (first !== again) throw new CliError('the two passwords differ');
    return check(passwordSchema, first, 'password');
  }
  // Piped: the first line of standard input.
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  const line = text.split(/\r?\n/)[0] ?? '';
  if (!line) throw new CliError('no password: set GEA_ADMIN_PASSWORD or pass it on standard input');
  return check(passwordSchema, line, 'password');
}

async function run(): Promise<number> {
  const { email, name, force } = readArguments();
  const password = await readPassword();
  const passwordHash = await hashPassword(password);

  const db = await openDatabase(targetFromEnv());
  try {
    await assertFullyMigrated(db);
    const heads = await db.prisma.user.findMany({
      where: { active: true, roles: { some: { role: 'ICT_HEAD' } } },
      select: { email: true },
      orderBy: { createdAt: 'asc' },
    });
    if (heads.length > 0 && !force) {
      throw new CliError(
        `${db.describe()} already has an ICT office head (${heads.map((h) => h.email).join(', ')}); add --force to create or reset ${email} anyway`,
      );
    }
    const existing = await db.prisma.user.findUnique({ where: { email }, include: { roles: true } });
    if (existing && !force) throw new CliError(`a user with e-mail ${email} already exists; add --force to make them ICT office head with this password`);

    const actorLabel = `command line (${userInfo().username})`;
    const user = await db.prisma.$transaction(async (tx) => {
      const saved = existing
        ? await tx.user.update({ where: { id: existing.id }, data: { name, passwordHash, active: true } })
        : await tx.user.create({ data: { email, name, passwordHash } });
      if (!existing?.roles.some((role) => role.role === 'ICT_HEAD')) {
        await tx.roleAssignment.create({ data: { userId: saved.id, role: 'ICT_HEAD', entityId: null } });
      }
      // On record like a change made through the API; never the password or its hash.
      await tx.auditEvent.create({
        data: {
          requestId: `cli-${randomUUID()}`,
          actorKind: 'system',
          actorLabel,
          operation: 'createAdmin',
          targetType: 'User',
          targetId: saved.id,
          outcome: 'SUCCESS',
          input: { email, name, force },
          before: existing ? { email: existing.email, name: existing.name, active: existing.active, roles: existing.roles.map((r) => r.role) } : undefined,
          after: { email: saved.email, name: saved.name, active: true, role: 'ICT_HEAD' },
        },
      });
      return saved;
    });
    console.log(
      `${NAME}: ${existing ? 'updated' : 'created'} ICT office head ${user.email} on ${db.describe()}; ` +
        'sign in with mutation { login(email: ..., password: ...) { token } }',
    );
    return 0;
  } finally {
    await db.close();
  }
}

let code: number;
try {
  code = await run();
} catch (error) {
  if (error instanceof CliError || error instanceof DatabaseStartupError) {
    console.error(`${NAME}: ${error.message}`);
  } else {
    console.error(`${NAME}:`, error);
  }
  code = 1;
}
// Explicitly: the WASM engine and database drivers may keep timers alive, and nothing is left to do.
process.exit(code);
