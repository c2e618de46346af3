// Rich text to HTML for the public API: the rules' serializer, with the text and the HTML of a
// document parsed once (each parse checks the whole document against the schema).
import { parseRichText, richTextNodeHtml } from '../rules/rich-text.ts';

/** HTML of a rich-text document, checked by parseRichText first (a bad one throws RichTextError). */
export function richTextHtml(value: unknown): string {
  return richTextNodeHtml(parseRichText(value));
}

export function renderRichText(value: unknown): { text: string; html: string } {
  const node = parseRichText(value);
  return { text: node.textBetween(0, node.content.size, '\n', ' ').trim(), html: richTextNodeHtml(node) };
}
