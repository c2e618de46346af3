// Server-side HTML from tagged templates: every interpolated value is escaped (escape-html) unless it
// is already markup built by `html` or explicitly trusted with `raw` (only the API's rich text, which
// the server renders itself from checked documents).
import escapeHtml from 'escape-html';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** A template whose holes are escaped; arrays are joined; null, undefined and false print nothing. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Markup trusted as it is: only for the API's rendered rich text. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** JSON inside a <script type="application/ld+json">: nothing in it can close the element. */
export function jsonScript(value: unknown): SafeHtml {
  const json = JSON.stringify(value ?? {})
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return new SafeHtml(json);
}

/** ` data-element="..."` (the PNRR 1.4.1 validator's hooks), or nothing without a value. */
export function de(value: string | null | undefined): SafeHtml {
  return value ? html` data-element="${value}"` : new SafeHtml('');
}
