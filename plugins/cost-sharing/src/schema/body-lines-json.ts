// The lines of a cost allocation as JSON text, written here instead of by the GraphQL executor when
// the query asks for plain figures only: at national scale the executor's pass over 7,900 lines x a
// dozen fields was half the request's garbage and its slowest moments (V8 collections). Anything
// else a query asks of a line (explanations, correctives, projects, more of the body, fragments,
// directives) goes through the executor as before, and so does a line whose body the reader may not
// read: the result is then the executor's own, errors included.
import { centsOf, encodeGlobalID, entityScopes, type GeaContext } from '@gea/core';
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionNode } from 'graphql';
import type { BodyAllocation } from '../allocation/index.ts';
import { scopes } from '../scopes.ts';

type Write = (line: BodyAllocation) => string;

const int = (value: number) => {
  if (!Number.isInteger(value) || value > 2_147_483_647 || value < -2_147_483_648) throw new RangeError('not an Int');
  return String(value);
};
const float = (value: number) => {
  if (!Number.isFinite(value)) throw new RangeError('not a Float');
  return JSON.stringify(value);
};
const cents = (value: number | bigint) => String(centsOf(value));

/** The line's own fields that are a value of the line as it is (scalars, no arguments). */
const plainFields: Record<string, Write> = {
  name: (line) => JSON.stringify(line.name),
  pcs: (line) => int(line.pcs),
  population: (line) => int(line.population),
  pcShare: (line) => float(line.pcShare),
  populationShare: (line) => float(line.populationShare),
  pcQuotaCents: (line) => cents(line.pcQuotaCents),
  populationQuotaCents: (line) => cents(line.populationQuotaCents),
  staffReimbursementCents: (line) => cents(line.staffReimbursementCents),
  totalCents: (line) => cents(line.totalCents),
};

// Base64 needs no escaping in JSON.
const entityGlobalId = (id: string) => `"${encodeGlobalID('Entity', id)}"`;

/** The fields asked, as written; null when anything is not a plain field (a fragment, a directive, arguments). */
function plainSelection(nodes: readonly { selectionSet?: { selections: readonly SelectionNode[] } }[]): FieldNode[] | null {
  const fields: FieldNode[] = [];
  for (const node of nodes) {
    for (const selection of node.selectionSet?.selections ?? []) {
      if (selection.kind !== Kind.FIELD || selection.directives?.length || selection.arguments?.length) return null;
      fields.push(selection);
    }
  }
  return fields;
}

/** One writer per response key, in the order the executor would write them; null when one is not plain. */
function writers(fields: readonly FieldNode[], byName: (field: FieldNode) => Write | null): Write | null {
  const seen = new Set<string>();
  const prefixes: string[] = [];
  const writes: Write[] = [];
  for (const field of fields) {
    const key = field.alias?.value ?? field.name.value;
    // The same key twice (merged by the executor): left to the executor.
    if (seen.has(key)) return null;
    seen.add(key);
    const write = byName(field);
    if (!write) return null;
    prefixes.push(`${prefixes.length === 0 ? '{' : ','}${JSON.stringify(key)}:`);
    writes.push(write);
  }
  // One string built by concatenation per object: no array per line and field (thousands of lines).
  const count = writes.length;
  return (line) => {
    let json = '';
    for (let k = 0; k < count; k++) json += prefixes[k]! + writes[k]!(line);
    return count === 0 ? '{}' : `${json}}`;
  };
}

/**
 * The lines as the executor would write them for `info`'s selection, or null when the selection
 * asks for anything but plain figures and the body's id, or a check would refuse a line.
 */
export function bodyLinesJson(lines: readonly BodyAllocation[], context: GeaContext, info: GraphQLResolveInfo): string | null {
  const fields = plainSelection(info.fieldNodes);
  if (!fields) return null;
  // The line type's own check does not depend on the line (readSomeRow): asked once.
  if (lines.length > 0 && scopes.readSomeRow(lines[0], context) !== true) return null;
  let readsBody = false;
  const line = writers(fields, (field) => {
    const name = field.name.value;
    if (name === '__typename') return () => '"BodyAllocation"';
    if (name !== 'entity') return plainFields[name] ?? null;
    const bodyFields = plainSelection([field]);
    const body = bodyFields && writers(bodyFields, (inner) => (inner.name.value === 'id' ? (l) => entityGlobalId(l.entityId) : inner.name.value === '__typename' ? () => '"Entity"' : null));
    if (!body) return null;
    readsBody = true;
    return body;
  });
  if (!line) return null;
  // The body's own check, as the Entity type makes it (readOnRow): every line must pass it.
  if (readsBody && lines.some((l) => entityScopes.readOnRow(context, l.entityId) !== true)) return null;
  try {
    return joinedInBuffer(lines, line);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/**
 * `[line, line, ...]` as one flat string. Each line is written into a byte buffer as soon as it is
 * built, so its pieces die at once: concatenated into one string, the pieces of thousands of lines
 * (a dozen each) stayed alive until the response was written, and every young-generation collection
 * during the request had to copy them.
 */
function joinedInBuffer(lines: readonly BodyAllocation[], line: Write): string {
  let buffer = Buffer.allocUnsafe(Math.max(1024, lines.length * 192));
  let length = 0;
  const append = (text: string) => {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (length + text.length * 3 > buffer.length) {
      const larger = Buffer.allocUnsafe(Math.max(buffer.length * 2, length + text.length * 3));
      buffer.copy(larger, 0, 0, length);
      buffer = larger;
    }
    length += buffer.write(text, length, 'utf8');
  };
  append('[');
  for (let i = 0; i < lines.length; i++) append(i === 0 ? line(lines[i]!) : `,${line(lines[i]!)}`);
  append(']');
  return buffer.toString('utf8', 0, length);
}
