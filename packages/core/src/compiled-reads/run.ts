import { textQueryOf } from '@gea/db';
import type { GeaContext } from '../context.ts';
import { FALLBACK_KEY, type CompiledRead } from './compile.ts';

/**
 * Runs a compiled read: the response's `data` as PostgreSQL wrote it, or null when a row the scopes
 * refuse (or a value a scalar refuses) is in it, so that the resolvers answer with the exact errors.
 */
export async function runCompiledRead(context: GeaContext, compiled: CompiledRead): Promise<string | null> {
  // PostgreSQL's text as it comes: through the driver where it can (no row mapping by Prisma).
  const direct = textQueryOf(context.prisma);
  const data = direct
    ? await direct(compiled.sql, compiled.params)
    : (await context.prisma.$queryRawUnsafe<{ data: string }[]>(compiled.sql, ...compiled.params))[0]?.data;
  if (typeof data !== 'string') throw new Error('the compiled read returned no data');
  return data.includes(`"${FALLBACK_KEY}"`) ? null : data;
}
