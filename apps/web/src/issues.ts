// Field issues of an InputError, by the name of the form field they concern.

/**
 * Field issues keyed by the field's name: `['input', 'warrantyEnd']` -> `warrantyEnd`. Issues with
 * no field of the form (an empty path, or a field it does not show) come back under `''`.
 */
export function fieldIssues(
  issues: readonly { path: readonly string[]; message: string }[],
  fields: readonly string[],
  prefix: readonly string[] = ['input'],
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const issue of issues) {
    const path = prefix.every((segment, i) => issue.path[i] === segment) ? issue.path.slice(prefix.length) : issue.path;
    const name = fields.includes(path[0] ?? '') ? path[0]! : '';
    result[name] = result[name] ? `${result[name]}; ${issue.message}` : issue.message;
  }
  return result;
}
