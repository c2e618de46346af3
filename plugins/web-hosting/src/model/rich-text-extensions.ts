// The rich text editor's extensions, shared by the server (rules/rich-text.ts checks and renders
// documents with them) and the web client's editor (web/pages/rich-text-editor.tsx): both must use
// the same schema. Data only: Tiptap's browser-safe packages, no server imports. Not exported from
// ./index.ts, so screens that only need the model's data do not load Tiptap.
import StarterKit from '@tiptap/starter-kit';

export const richTextExtensions = [
  StarterKit.configure({
    // Headings inside a section start below the section's own title (h2) and the page's (h1).
    heading: { levels: [3, 4] },
    codeBlock: false,
    code: false,
    link: { openOnClick: false, autolink: true, protocols: ['mailto', 'tel'] },
  }),
];
