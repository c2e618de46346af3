// Scopes and dates every inventory schema file uses.

/** Today as a calendar date (UTC midnight, as Prisma reads and writes DATE columns). */
export const today = () => new Date(new Date().toISOString().slice(0, 10));

export const isoDate = (date: Date) => date.toISOString().slice(0, 10);

export const readOn = (entityId: string) => ({ entityPermission: { permission: 'inventory:read', entityId } });
export const writeOn = (entityId: string) => ({ entityPermission: { permission: 'inventory:write', entityId } });
