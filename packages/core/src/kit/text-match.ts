// Text filters that match the text a user typed, literally. Prisma's `contains`, `startsWith`,
// `endsWith` and insensitive `equals` become LIKE / ILIKE patterns on PostgreSQL with the value
// pasted in as it is, so `%`, `_` and `\` in a search act as wildcards ("a_b" would match "axb").
// Every list's search builds its filters here: the value is escaped for LIKE (backslash is
// PostgreSQL's default escape character), and the compiled read path, which translates Prisma's
// filters as Prisma does, gives the same answer.

/** `text` as a LIKE pattern that matches exactly that text: `%`, `_` and `\` escaped with `\`. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

type Case = { caseSensitive?: boolean };
const modeOf = (options: Case | undefined) => (options?.caseSensitive ? {} : { mode: 'insensitive' as const });

/** A Prisma string filter: the column contains `text` (whatever the case unless `caseSensitive`). */
export function containsText(text: string, options?: Case): { contains: string; mode?: 'insensitive' } {
  return { contains: likeLiteral(text), ...modeOf(options) };
}

/** A Prisma string filter: the column starts with `text` (whatever the case unless `caseSensitive`). */
export function startsWithText(text: string, options?: Case): { startsWith: string; mode?: 'insensitive' } {
  return { startsWith: likeLiteral(text), ...modeOf(options) };
}

/**
 * A Prisma string filter: the column equals `text` whatever the case. (Prisma's insensitive
 * `equals` is an ILIKE, so it needs the same escaping; a case-sensitive `equals` is a plain `=`.)
 */
export function equalsTextIgnoringCase(text: string): { equals: string; mode: 'insensitive' } {
  return { equals: likeLiteral(text), mode: 'insensitive' };
}
