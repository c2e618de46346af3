// Field issues of an InputError, by the name of the form field they concern, in the reader's words.

/** One problem the API found in the input: where (`['input', 'warrantyEnd']`) and what. */
export interface FieldIssue {
  path: readonly string[];
  message: string;
  /** A stable code the client may translate (`TOO_LONG`...); the API's English message otherwise. */
  code?: string | null;
}

/** Turns an issue into a sentence in the reader's language; undefined when it has no translation. */
export type IssueTranslator = (issue: FieldIssue) => string | undefined;

let translator: IssueTranslator = () => undefined;

/** Plugs in translations by issue code (the kit keeps the API's message for codes it does not know). */
export function setIssueTranslator(translate: IssueTranslator): void {
  translator = translate;
}

/** The issue as the reader should read it: a translation by code when there is one, else the API's message. */
export function issueMessage(issue: FieldIssue): string {
  return translator(issue) ?? issue.message;
}

/**
 * Field issues keyed by the field's name: `['input', 'warrantyEnd']` -> `warrantyEnd`. Issues with
 * no field of the form (an empty path, or a field it does not show) come back under `''`.
 */
export function fieldIssues(
  issues: readonly FieldIssue[],
  fields: readonly string[],
  prefix: readonly string[] = ['input'],
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const issue of issues) {
    const path = prefix.every((segment, i) => issue.path[i] === segment) ? issue.path.slice(prefix.length) : issue.path;
    const name = fields.includes(path[0] ?? '') ? path[0]! : '';
    const message = issueMessage(issue);
    result[name] = result[name] ? `${result[name]}; ${message}` : message;
  }
  return result;
}
