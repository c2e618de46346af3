// A rich text field: Tiptap (ProseMirror) with the server's own extension list, so whatever it
// writes the server accepts, and a small toolbar (bold, italic, lists, link, headings 3 and 4)
// whose buttons say whether they are on. Loaded as a chunk of its own, after the editor's form.
import { Editor, type JSONContent } from '@tiptap/core';
import { createSignal, For, onCleanup, onMount } from 'solid-js';
import { richTextExtensions } from '../../src/model/rich-text-extensions.ts';
import { m } from './messages.ts';

export interface RichTextEditorProps {
  id: string;
  /** The id of the element that names the field (its label). */
  labelId: string;
  label: string;
  describedBy?: string | undefined;
  invalid?: boolean;
  readOnly?: boolean;
  value: unknown;
  onChange: (value: JSONContent) => void;
}

type Tool = { key: string; label: () => string; text: string; active: (editor: Editor) => boolean; run: (editor: Editor) => void };

const tools: Tool[] = [
  { key: 'bold', label: () => m('bold'), text: 'G', active: (e) => e.isActive('bold'), run: (e) => e.chain().focus().toggleBold().run() },
  { key: 'italic', label: () => m('italic'), text: 'C', active: (e) => e.isActive('italic'), run: (e) => e.chain().focus().toggleItalic().run() },
  { key: 'h3', label: () => m('heading3'), text: 'T3', active: (e) => e.isActive('heading', { level: 3 }), run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run() },
  { key: 'h4', label: () => m('heading4'), text: 'T4', active: (e) => e.isActive('heading', { level: 4 }), run: (e) => e.chain().focus().toggleHeading({ level: 4 }).run() },
  { key: 'bullet', label: () => m('bulletList'), text: '•', active: (e) => e.isActive('bulletList'), run: (e) => e.chain().focus().toggleBulletList().run() },
  { key: 'ordered', label: () => m('orderedList'), text: '1.', active: (e) => e.isActive('orderedList'), run: (e) => e.chain().focus().toggleOrderedList().run() },
  {
    key: 'link',
    label: () => m('link'),
    text: 'Link',
    active: (e) => e.isActive('link'),
    run: (e) => {
      const previous = String(e.getAttributes('link').href ?? '');
      const href = window.prompt(m('linkPrompt'), previous);
      if (href === null) return;
      if (href.trim() === '') e.chain().focus().extendMarkRange('link').unsetLink().run();
      else e.chain().focus().extendMarkRange('link').setLink({ href: href.trim() }).run();
    },
  },
];

const isDocument = (value: unknown): value is JSONContent => typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'doc';

export default function RichTextEditor(props: RichTextEditorProps) {
  let host!: HTMLDivElement;
  let editor: Editor | undefined;
  // Bumped on every transaction, so the toolbar's pressed states follow the cursor.
  const [tick, setTick] = createSignal(0);
  onMount(() => {
    editor = new Editor({
      element: host,
      extensions: richTextExtensions,
      content: isDocument(props.value) ? props.value : '',
      editable: !props.readOnly,
      editorProps: {
        attributes: {
          id: props.id,
          class: 'rich-text-content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': props.labelId,
          ...(props.describedBy ? { 'aria-describedby': props.describedBy } : {}),
          ...(props.invalid ? { 'aria-invalid': 'true' } : {}),
          ...(props.readOnly ? { 'aria-readonly': 'true' } : {}),
        },
      },
      onUpdate: ({ editor: current }) => props.onChange(current.getJSON()),
      onTransaction: () => setTick((n) => n + 1),
    });
  });
  onCleanup(() => editor?.destroy());
  // A toolbar is one stop of the Tab key; the arrow keys move between its buttons.
  const [current, setCurrent] = createSignal(0);
  let bar!: HTMLDivElement;
  const onKeyDown = (event: KeyboardEvent) => {
    const last = tools.length - 1;
    const next = { ArrowRight: current() + 1, ArrowLeft: current() - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const index = next < 0 ? last : next > last ? 0 : next;
    setCurrent(index);
    bar.querySelectorAll('button')[index]?.focus();
  };
  return (
    <div class="rich-text">
      <div class="rich-text-toolbar" role="toolbar" aria-label={m('richToolbar', { label: props.label })} aria-controls={props.id} ref={bar} onKeyDown={onKeyDown}>
        <For each={tools}>
          {(tool, index) => (
            <button
              type="button"
              tabindex={index() === current() ? 0 : -1}
              onFocus={() => setCurrent(index())}
              title={tool.label()}
              aria-pressed={(tick(), editor ? String(tool.active(editor)) : 'false') as 'true' | 'false'}
              disabled={props.readOnly}
              // Keeps the text's selection: the button does not take the focus from the editor on click.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => editor && tool.run(editor)}
            >
              {/* Named by the hidden word, not the short visible sign (G, C, T3...). */}
              <span aria-hidden="true">{tool.text}</span>
              <span class="visually-hidden">{tool.label()}</span>
            </button>
          )}
        </For>
      </div>
      <div ref={host} />
    </div>
  );
}
