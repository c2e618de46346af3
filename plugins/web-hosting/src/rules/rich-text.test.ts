import { describe, expect, it } from 'vitest';
import { isRichTextEmpty, paragraphs, parseRichText, richTextToHtml, richTextToPlain } from './rich-text.ts';

describe('rich text', () => {
  it('is rendered by the server, escaping what a writer typed', () => {
    const html = richTextToHtml(paragraphs('Uffici <script>alert(1)</script>', 'Orari'));
    expect(html).toBe('<p>Uffici &lt;script&gt;alert(1)&lt;/script&gt;</p><p>Orari</p>');
  });

  it('refuses nodes the editor cannot make, and links that run code', () => {
    expect(() => parseRichText({ type: 'doc', content: [{ type: 'iframe' }] })).toThrow(/Unknown node type/);
    expect(() => parseRichText({ type: 'doc', content: [{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'x' }] }] })).not.toThrow();
    const link = (href: string) => ({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'qui', marks: [{ type: 'link', attrs: { href } }] }] }],
    });
    expect(() => parseRichText(link('javascript:alert(1)'))).toThrow(/not allowed/);
    expect(() => parseRichText(link('//evil.example/x'))).toThrow(/not allowed/);
    expect(() => parseRichText(link('https://www.comune.pelago.fi.it/'))).not.toThrow();
    expect(() => parseRichText('<p>html</p>')).toThrow(/not a rich text document/);
  });

  it('is empty when it holds no text, whatever its blocks', () => {
    expect(isRichTextEmpty(paragraphs('', '  '))).toBe(true);
    expect(isRichTextEmpty(null)).toBe(true);
    expect(isRichTextEmpty(paragraphs('', 'Carta d\'identità'))).toBe(false);
    expect(richTextToPlain(paragraphs('Uno', 'Due'))).toBe('Uno\nDue');
  });
});
