// Rich text is kept structured, as the editor's JSON document (Tiptap, on ProseMirror), never as
// HTML: the server checks it against the editor's own schema and renders it to HTML itself, so no
// markup a writer (or an attacker) sends reaches a visitor.
import { getSchema } from '@tiptap/core';
import { DOMSerializer, Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Window } from 'happy-dom';
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

let window: Window | undefined;
let serializer: DOMSerializer | undefined;

/** HTML for visitors: ProseMirror's serializer over the editor's schema, into one DOM window per process (a new window per call cost about 30 ms). */
export function richTextNodeHtml(node: ProseMirrorNode): string {
  window ??= new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
    },
  });
  serializer ??= DOMSerializer.fromSchema(schema);
  // Serializing is synchronous: the shared document is never used by two calls at once.
  const document = window.document as unknown as Document;
  const wrap = document.createElement('div');
  serializer.serializeFragment(node.content, { document }, wrap);
  return wrap.innerHTML;
}

/** HTML for visitors, from a document checked by parseRichText (a bad one throws RichTextError). */
export function richTextToHtml(value: unknown): string {
  return richTextNodeHtml(parseRichText(value));
}

/** A document of plain paragraphs: for seeds and tests. */
export function paragraphs(...texts: string[]): RichTextDocument {
  return { type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] })) };
}
