// Rich text is kept structured, as the editor's JSON document (Tiptap, on ProseMirror), never as
// HTML: the server checks it against the editor's own schema and renders it to HTML itself, so no
// markup a writer (or an attacker) sends reaches a visitor.
import { getSchema } from '@tiptap/core';
import { generateHTML } from '@tiptap/html/server';
import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { richTextExtensions } from '../model/rich-text-extensions.ts';

/** The editor's extensions: the web client's editor uses the same list (model/rich-text-extensions.ts). */
export { richTextExtensions };

const schema = getSchema(richTextExtensions);

/** The most a document may hold: a page section, not a book. */
export const RICH_TEXT_MAX_JSON = 200_000;

const SAFE_HREF = /^(https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i;

export type RichTextDocument = { type: 'doc'; content?: unknown[] };

export class RichTextError extends Error {}

/** Checks a document against the editor's schema and the link rules; returns it parsed. */
export function parseRichText(value: unknown): ProseMirrorNode {
  if (typeof value !== 'object' || value === null || (value as { type?: unknown }).type !== 'doc') {
    throw new RichTextError('not a rich text document');
  }
  if (JSON.stringify(value).length > RICH_TEXT_MAX_JSON) throw new RichTextError(`longer than ${RICH_TEXT_MAX_JSON} characters`);
  let node: ProseMirrorNode;
  try {
    node = ProseMirrorNode.fromJSON(schema, value);
    node.check();
  } catch (error) {
    throw new RichTextError((error as Error).message);
  }
  node.descendants((child) => {
    for (const mark of child.marks) {
      if (mark.type.name === 'link' && !SAFE_HREF.test(String(mark.attrs.href ?? ''))) {
        throw new RichTextError(`link address not allowed: ${String(mark.attrs.href).slice(0, 80)}`);
      }
    }
  });
  return node;
}

/** The plain text of a document (for emptiness, search, diffs), blocks on lines of their own. */
export function richTextToPlain(value: unknown): string {
  const node = parseRichText(value);
  return node.textBetween(0, node.content.size, '\n', ' ').trim();
}

export function isRichTextEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  return richTextToPlain(value) === '';
}

/** HTML for visitors, from a document already checked by parseRichText. */
export function richTextToHtml(value: unknown): string {
  parseRichText(value);
  return generateHTML(value as Parameters<typeof generateHTML>[0], richTextExtensions);
}

/** A document of plain paragraphs: for seeds and tests. */
export function paragraphs(...texts: string[]): RichTextDocument {
  return { type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] })) };
}
