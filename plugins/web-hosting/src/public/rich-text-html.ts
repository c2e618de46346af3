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
  const node = parseRichText(value);
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
