// Scopes, dates and small helpers every pec-signatures schema file uses.
import { onBodyOf, type GeaContext } from '@gea/core';
import { READ, WRITE } from '../permissions.ts';

/** Today as a calendar date (UTC midnight, as Prisma reads and writes DATE columns). */
export const today = () => new Date(new Date().toISOString().slice(0, 10));
export const DAY_MS = 86_400_000;

export const readOn = (entityId: string) => ({ entityPermission: { permission: READ, entityId } });
export const writeOn = (entityId: string) => ({ entityPermission: { permission: WRITE, entityId } });
/** A list query: for one body when it names one, else for whichever bodies the reader may see. */
export const readList = (entityId: { id: string } | null | undefined) =>
  entityId ? readOn(entityId.id) : { permissionOnSomeBody: READ };

type Lookup = (context: GeaContext) => Promise<{ entityId: string } | null>;
/** Write scope on the body of an existing record (association-wide when it does not exist). */
export const writeOnBodyOf = (lookup: Lookup) => onBodyOf(WRITE, lookup);
