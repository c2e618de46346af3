// What a page's revision may hold (on every save) and what it must hold to be published, from the
// content model's data (src/model/). Pure: references and attachments are only checked for their
// shape here; the services check that they exist on the same site.
import { isUuid, type FieldIssue } from '@gea/core';
import { contentTypeDefinitions, fieldsOf, type ContentTypeName, type FieldDefinition } from '../model/content-types.ts';
import { findTerm } from '../model/taxonomies.ts';
import { isRichTextEmpty, parseRichText, RichTextError } from './rich-text.ts';

export interface RevisionContent {
  title: string;
  summary: string;
  topics: readonly string[];
  fields: Readonly<Record<string, unknown>>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ./-]{4,38}$/;
const TEXT_MAX = 2000;

const isValidDate = (value: string) => DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Whether a field's value counts as given (for required fields and sections). */
export function isFilled(field: FieldDefinition, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  switch (field.kind) {
    case 'richText':
      return !isRichTextEmpty(value);
    case 'terms':
    case 'references':
    case 'attachments':
      return Array.isArray(value) && value.length > 0;
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return typeof value === 'string' ? value.trim() !== '' : true;
  }
}

function checkValue(field: FieldDefinition, value: unknown): string | null {
  if (value === null) return null;
  switch (field.kind) {
    case 'text':
    case 'longText':
    case 'phone':
    case 'email':
    case 'url': {
      if (typeof value !== 'string') return 'text expected';
      const max = field.max ?? (field.kind === 'url' ? 2000 : TEXT_MAX);
      if (value.length > max) return `at most ${max} characters`;
      if (value.trim() === '') return null;
      if (field.kind === 'url' && !isHttpUrl(value)) return 'an http or https address expected';
      if (field.kind === 'email' && !EMAIL.test(value)) return 'not an e-mail address';
      if (field.kind === 'phone' && !PHONE.test(value)) return 'not a phone number';
      return null;
    }
    case 'richText':
      try {
        parseRichText(value);
        return null;
      } catch (error) {
        return error instanceof RichTextError ? `rich text: ${error.message}` : 'rich text expected';
      }
    case 'date':
      return typeof value === 'string' && isValidDate(value) ? null : 'a date YYYY-MM-DD expected';
    case 'dateTime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value) ? null : 'an ISO date and time expected';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'true or false expected';
    case 'term':
      return typeof value === 'string' && findTerm(field.vocabulary, value) ? null : `not a term of ${field.vocabulary}`;
    case 'terms':
      if (!Array.isArray(value) || value.length > 50) return 'a list of terms expected';
      if (new Set(value).size !== value.length) return 'a term is repeated';
      return value.every((key) => typeof key === 'string' && findTerm(field.vocabulary, key)) ? null : `not a term of ${field.vocabulary}`;
    case 'reference':
    case 'attachment':
      return isUuid(value) ? null : 'an id expected';
    case 'references':
    case 'attachments':
      if (!Array.isArray(value) || value.length > 100) return 'a list of ids expected';
      if (new Set(value).size !== value.length) return 'an id is repeated';
      return value.every((id) => isUuid(id)) ? null : 'an id expected';
  }
}

/** What any saved revision must satisfy: known fields of the right kinds, closed vocabularies. */
export function checkRevisionShape(type: ContentTypeName, content: RevisionContent): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const title = content.title.trim();
  if (title === '') issues.push({ path: ['title'], message: 'the title is empty', code: 'REQUIRED' });
  if (content.title.length > 255) issues.push({ path: ['title'], message: 'at most 255 characters', code: 'TOO_LONG', maximum: 255 });
  if (content.summary.length > 500) issues.push({ path: ['summary'], message: 'at most 500 characters', code: 'TOO_LONG', maximum: 500 });
  if (new Set(content.topics).size !== content.topics.length) issues.push({ path: ['topics'], message: 'a topic is repeated' });
  for (const topic of content.topics) {
    if (!findTerm('topics', topic)) issues.push({ path: ['topics'], message: `"${topic}" is not a topic of the model`, code: 'INVALID_CHOICE' });
  }
  const fields = new Map(fieldsOf(type).map((field) => [field.key, field]));
  for (const [key, value] of Object.entries(content.fields)) {
    const field = fields.get(key);
    if (!field) {
      issues.push({ path: ['fields', key], message: `not a field of ${contentTypeDefinitions[type].label.en}` });
      continue;
    }
    const problem = checkValue(field, value);
    if (problem) issues.push({ path: ['fields', key], message: problem, code: field.kind === 'term' || field.kind === 'terms' ? 'INVALID_CHOICE' : 'INVALID_VALUE' });
  }
  return issues;
}

/**
 * What a revision must hold to be published: every required section and field, the topics, and the
 * type's own rules. A service page without one of the model's sections is refused here.
 */
export function checkPublishable(type: ContentTypeName, content: RevisionContent): FieldIssue[] {
  const issues = checkRevisionShape(type, content);
  const definition = contentTypeDefinitions[type];
  const value = (key: string) => content.fields[key];
  if (content.summary.trim() === '') issues.push({ path: ['summary'], message: 'the short description is empty', code: 'REQUIRED' });
  if (definition.topicsRequired && content.topics.length === 0) issues.push({ path: ['topics'], message: 'at least one topic (argomento) is needed', code: 'REQUIRED' });
  for (const section of definition.sections) {
    const required = section.fields.filter((field) => field.required);
    for (const field of required) {
      if (!isFilled(field, value(field.key))) issues.push({ path: ['fields', field.key], message: `"${field.label.en}" is empty (section "${section.label.it}")`, code: 'REQUIRED' });
    }
    if (section.required && required.length === 0 && !section.fields.some((field) => isFilled(field, value(field.key)))) {
      issues.push({ path: ['sections', section.key], message: `the section "${section.label.it}" is empty`, code: 'REQUIRED' });
    }
  }
  switch (type) {
    case 'SERVIZIO':
      if (value('active') === false && !isFilled(fieldsOf(type).find((f) => f.key === 'inactiveReason')!, value('inactiveReason'))) {
        issues.push({ path: ['fields', 'inactiveReason'], message: 'a service that is not available says why', code: 'REQUIRED' });
      }
      break;
    case 'EVENTO': {
      const startsAt = value('startsAt');
      const endsAt = value('endsAt');
      if (typeof startsAt === 'string' && typeof endsAt === 'string' && Date.parse(endsAt) < Date.parse(startsAt)) {
        issues.push({ path: ['fields', 'endsAt'], message: 'the event ends before it starts', code: 'INVALID_DATE_RANGE' });
      }
      break;
    }
  }
  return dedupe(issues);
}

function dedupe(issues: FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path.join('.')}|${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The ids a revision points at: pages it references and files it attaches. */
export function referencesOf(type: ContentTypeName, fields: Readonly<Record<string, unknown>>) {
  const pages: { key: string; id: string; to: readonly ContentTypeName[] }[] = [];
  const attachments: { key: string; id: string }[] = [];
  for (const field of fieldsOf(type)) {
    const raw = fields[field.key];
    if (raw === undefined || raw === null) continue;
    const ids = Array.isArray(raw) ? (raw as string[]) : [raw as string];
    if (field.kind === 'reference' || field.kind === 'references') for (const id of ids) pages.push({ key: field.key, id, to: field.to });
    if (field.kind === 'attachment' || field.kind === 'attachments') for (const id of ids) attachments.push({ key: field.key, id });
  }
  return { pages, attachments };
}
