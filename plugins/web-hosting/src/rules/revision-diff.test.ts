import { describe, expect, it } from 'vitest';
import { diffRevisions } from './revision-diff.ts';
import { paragraphs } from './rich-text.ts';

const base = { title: 'Biblioteca comunale', summary: 'La biblioteca del paese.', topics: ['cultura'], fields: {} as Record<string, unknown> };
const id = (n: number) => `0190f5c0-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('the diff of two revisions', () => {
  it('says nothing when nothing changed', () => {
    expect(diffRevisions('LUOGO', base, { ...base, fields: {} })).toEqual([]);
  });

  it('compares rich text as plain text, word by word, under the model label', () => {
    const from = { ...base, fields: { body: paragraphs('Aperta il lunedì e il martedì.') } };
    const to = { ...base, fields: { body: paragraphs('Aperta il lunedì e il giovedì.') } };
    const [change, ...rest] = diffRevisions('LUOGO', from, to);
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ path: ['fields', 'body'], label: { it: 'Descrizione', en: 'Description' }, before: 'Aperta il lunedì e il martedì.', after: 'Aperta il lunedì e il giovedì.' });
    expect(change!.parts.filter((part) => part.removed).map((part) => part.value)).toEqual(['martedì']);
    expect(change!.parts.filter((part) => part.added).map((part) => part.value)).toEqual(['giovedì']);
    expect(change!.parts.map((part) => (part.added ? '' : part.value)).join('')).toBe('Aperta il lunedì e il martedì.');
  });

  it('title, summary and topics too; terms by their labels; added and removed fields', () => {
    const from = { ...base, fields: { placeType: 'biblioteca', address: 'Via Roma 1' } };
    const to = { title: 'Biblioteca civica', summary: base.summary, topics: ['cultura', 'tempo-libero'], fields: { placeType: 'biblioteca', openingHours: paragraphs('Dalle 9 alle 13.') } };
    const changes = diffRevisions('LUOGO', from, to);
    expect(changes.map((c) => c.path.join('.'))).toEqual(['title', 'topics', 'fields.address', 'fields.openingHours']);
    expect(changes[0]).toMatchObject({ label: { it: 'Titolo' }, before: 'Biblioteca comunale', after: 'Biblioteca civica' });
    expect(changes[1]).toMatchObject({ before: 'Cultura', after: 'Cultura, Tempo libero' });
    expect(changes[2]).toMatchObject({ before: 'Via Roma 1', after: null, parts: [{ value: 'Via Roma 1', removed: true, added: false }] });
    expect(changes[3]).toMatchObject({ before: null, after: 'Dalle 9 alle 13.' });
  });

  it('names referenced pages by the names the caller gives, unknown ones by id', () => {
    const from = { ...base, fields: { contactPoints: [id(1)] } };
    const to = { ...base, fields: { contactPoints: [id(1), id(2)] } };
    const [change] = diffRevisions('LUOGO', from, to, (ref) => (ref === id(1) ? 'Ufficio cultura' : undefined));
    expect(change).toMatchObject({ path: ['fields', 'contactPoints'], before: 'Ufficio cultura', after: `Ufficio cultura, ${id(2)}` });
  });
});
