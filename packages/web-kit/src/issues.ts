// Field issues of an InputError, by the name of the form field they concern, in the reader's words.
import { translateIssueCode } from './issue-codes.ts';

/** One problem the API found in the input: where (`['input', 'warrantyEnd']`) and what. */
export interface FieldIssue {
  path: readonly string[];
  message: string;
  /** A stable code the client may translate (`TOO_LONG`...); the API's English message otherwise. */
  code?: string | null;
  /** The bound a TOO_SHORT / TOO_SMALL (minimum) or TOO_LONG / TOO_BIG (maximum) issue broke. */
  minimum?: number | null;
  maximum?: number | null;
}

/** Turns an issue into a sentence in the reader's language; undefined when it has no translation. */
export type IssueTranslator = (issue: FieldIssue) => string | undefined;

// The API's codes, translated (issue-codes.ts); a screen may plug in its own for codes of its own.
let translator: IssueTranslator = (issue) => translateIssueCode(issue);

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
