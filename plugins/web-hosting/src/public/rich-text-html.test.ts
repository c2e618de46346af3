import { describe, expect, it } from 'vitest';
import { richTextToHtml } from '../rules/rich-text.ts';
import { richTextHtml } from './rich-text-html.ts';

const rich = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Orari & <sedi>' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Scrivi a ' },
        { type: 'text', marks: [{ type: 'link', attrs: { href: 'mailto:a@b.it' } }, { type: 'bold' }], text: 'anagrafe' },
        { type: 'text', text: ' "subito"' },
      ],
    },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', marks: [{ type: 'italic' }], text: 'uno' }] }] }] },
  ],
};

describe('public rich text HTML', () => {
  it('is the same HTML as the rules give, escaped', () => {
    expect(richTextHtml(rich)).toBe(richTextToHtml(rich));
    expect(richTextHtml(rich)).toContain('Orari &amp; &lt;sedi&gt;');
    expect(richTextHtml({ type: 'doc', content: [{ type: 'paragraph' }] })).toBe(richTextToHtml({ type: 'doc', content: [{ type: 'paragraph' }] }));
  });
});
