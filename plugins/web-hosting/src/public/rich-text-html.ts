// Rich text to HTML for the public API, fast: the same serializer as rules/rich-text.ts
// richTextToHtml (ProseMirror's DOMSerializer over the editor's schema, into happy-dom), but with
// one DOM window for the process instead of a new one per call, which cost about 30 ms each and
// made a service page (eight rich-text fields) take a quarter of a second to render.
import { DOMSerializer } from '@tiptap/pm/model';
import { Window } from 'happy-dom';
import { parseRichText } from '../rules/rich-text.ts';

let window: Window | undefined;
let serializer: DOMSerializer | undefined;

/** HTML of a rich-text document, checked by parseRichText first (a bad one throws RichTextError). */
export function richTextHtml(value: unknown): string {
  return richTextNodeHtml(parseRichText(value));
}

/** The text and HTML of a document parsed once (each parse checks the whole document against the schema). */
export function renderRichText(value: unknown): { text: string; html: string } {
  const node = parseRichText(value);
  return { text: node.textBetween(0, node.content.size, '\n', ' ').trim(), html: richTextNodeHtml(node) };
}

function richTextNodeHtml(node: ReturnType<typeof parseRichText>): string {
  window ??= new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
    },
  });
  serializer ??= DOMSerializer.fromSchema(node.type.schema);
  // Serializing is synchronous: the shared document is never used by two calls at once.
  const document = window.document as unknown as Document;
  const wrap = document.createElement('div');
  serializer.serializeFragment(node.content, { document }, wrap);
  return wrap.innerHTML;
}
