// What changed between two revisions of a page, field by field, in words an editor reads: labels from
// the content model, rich text compared as plain text word by word, terms by their labels, pages and
// files by their titles and names. Pure: the caller passes what ids are called.
import { diffWords } from 'diff';
import { fieldsOf, type ContentTypeName, type FieldDefinition, type Label } from '../model/content-types.ts';
import { findTerm, type VocabularyName } from '../model/taxonomies.ts';
import type { RevisionContent } from './revision-check.ts';
import { richTextToPlain } from './rich-text.ts';

export interface DiffPart {
  value: string;
  added: boolean;
  removed: boolean;
}

export interface RevisionChange {
  /** ['title'], ['summary'], ['topics'] or ['fields', key]. */
  path: string[];
  label: Label;
  before: string | null;
  after: string | null;
  parts: DiffPart[];
}

/** Names of the pages and files a revision points at, by id; an unknown id is shown as is. */
export type NameOf = (id: string) => string | undefined;

const termLabel = (vocabulary: VocabularyName, key: string) => findTerm(vocabulary, key)?.it ?? key;

function plainRichText(value: unknown): string {
  try {
    return richTextToPlain(value);
  } catch {
    return JSON.stringify(value);
  }
}

/** A field's value as text: what the diff compares. Null when the field is empty. */
export function fieldText(field: FieldDefinition, value: unknown, nameOf: NameOf = () => undefined): string | null {
  if (value === undefined || value === null) return null;
  let text: string;
  switch (field.kind) {
    case 'richText':
      text = plainRichText(value);
      break;
    case 'boolean':
      text = value === true ? 'Sì' : value === false ? 'No' : String(value);
      break;
    case 'term':
      text = termLabel(field.vocabulary, String(value));
      break;
    case 'terms':
      text = (Array.isArray(value) ? value : [value]).map((key) => termLabel(field.vocabulary, String(key))).join(', ');
      break;
    case 'reference':
    case 'references':
    case 'attachment':
    case 'attachments':
      text = (Array.isArray(value) ? value : [value]).map((id) => nameOf(String(id)) ?? String(id)).join(', ');
      break;
    default:
      text = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return text === '' ? null : text;
}

function change(path: string[], label: Label, before: string | null, after: string | null): RevisionChange | null {
  if (before === after) return null;
  const parts = diffWords(before ?? '', after ?? '').map((part) => ({ value: part.value, added: Boolean(part.added), removed: Boolean(part.removed) }));
  return { path, label, before, after, parts };
}

const topicsText = (topics: readonly string[]) => (topics.length ? topics.map((key) => termLabel('topics', key)).join(', ') : null);

/** The changes from `from` to `to`, in the order of the page's form: title, summary, topics, then each field by section. */
export function diffRevisions(type: ContentTypeName, from: RevisionContent, to: RevisionContent, nameOf: NameOf = () => undefined): RevisionChange[] {
  const changes: (RevisionChange | null)[] = [
    change(['title'], { it: 'Titolo', en: 'Title' }, from.title || null, to.title || null),
    change(['summary'], { it: 'Descrizione breve', en: 'Short description' }, from.summary || null, to.summary || null),
    change(['topics'], { it: 'Argomenti', en: 'Topics' }, topicsText(from.topics), topicsText(to.topics)),
  ];
  for (const field of fieldsOf(type)) {
    changes.push(change(['fields', field.key], field.label, fieldText(field, from.fields[field.key], nameOf), fieldText(field, to.fields[field.key], nameOf)));
  }
  return changes.filter((item): item is RevisionChange => item !== null);
}
