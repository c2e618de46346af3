// A save refused because someone else changed the record meanwhile (StaleVersionError): the form
// takes the record as it is now, except where the person typed something, which is kept. Nothing
// typed is lost, and nothing changed by the other person is silently overwritten: the fields they
// changed are named, and the next save sends the new version.

export interface ConflictMerge<Field extends string> {
  /** The form after the reload: the person's edits over the record as it is now. */
  form: Record<Field, string>;
  /** Fields the other person changed (whether or not the person edited them too). */
  changedByOthers: Field[];
  /** Fields both changed, to different values: the person's value is kept and should be checked. */
  clashing: Field[];
}

/**
 * `loaded`: the form as filled from the version the person started from; `typed`: the form now;
 * `current`: the form as filled from the record as it is now.
 */
export function mergeAfterConflict<Field extends string>(
  fields: readonly Field[],
  loaded: Record<Field, string>,
  typed: Record<Field, string>,
  current: Record<Field, string>,
): ConflictMerge<Field> {
  const form = {} as Record<Field, string>;
  const changedByOthers: Field[] = [];
  const clashing: Field[] = [];
  for (const field of fields) {
    const edited = typed[field] !== loaded[field];
    const changed = current[field] !== loaded[field];
    if (changed) changedByOthers.push(field);
    if (edited && changed && typed[field] !== current[field]) clashing.push(field);
    form[field] = edited ? typed[field] : current[field];
  }
  return { form, changedByOthers, clashing };
}
