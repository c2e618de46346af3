import { describe, expect, it } from 'vitest';
import { buildPageTree, fieldsToSave, filterPages, isValidSlug, issueTarget, pageGroupOf, pageStatus, slugFromTitle, SLUG_MAX } from './editing.ts';

describe('slugFromTitle', () => {
  it('drops accents, apostrophes and punctuation, and joins words with hyphens', () => {
    expect(slugFromTitle("Carta d'identità elettronica (CIE)")).toBe('carta-d-identita-elettronica-cie');
    expect(slugFromTitle('  Tari: tassa sui rifiuti – 2026  ')).toBe('tari-tassa-sui-rifiuti-2026');
    expect(slugFromTitle('Perché? Più città, più così!')).toBe('perche-piu-citta-piu-cosi');
  });
  it('gives an empty slug for a title with no letters or digits', () => {
    expect(slugFromTitle('…!?')).toBe('');
  });
  it('cuts long titles at a word boundary within the limit', () => {
    const slug = slugFromTitle('Richiesta di contributo economico per il sostegno alle famiglie con figli minori in condizione di disagio');
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX);
    expect(slug.endsWith('-')).toBe(false);
    expect(isValidSlug(slug)).toBe(true);
    expect('richiesta-di-contributo-economico-per-il-sostegno-alle-famiglie-con-figli-minori-in'.startsWith(slug)).toBe(true);
  });
  it('only accepts what it makes', () => {
    expect(isValidSlug('servizio-1')).toBe(true);
    for (const bad of ['', 'Servizio', 'a--b', '-a', 'a-', 'città', 'a b']) expect(isValidSlug(bad), bad).toBe(false);
  });
});

describe('pageStatus', () => {
  it('puts review before schedule before unpublished changes', () => {
    expect(pageStatus({ status: 'DRAFT', hasUnpublishedChanges: true })).toBe('DRAFT');
    expect(pageStatus({ status: 'PUBLISHED', hasUnpublishedChanges: false })).toBe('PUBLISHED');
    expect(pageStatus({ status: 'PUBLISHED', hasUnpublishedChanges: true })).toBe('CHANGED');
    expect(pageStatus({ status: 'UNPUBLISHED', hasUnpublishedChanges: true })).toBe('UNPUBLISHED');
    expect(pageStatus({ status: 'DRAFT', hasUnpublishedChanges: true, publishAt: '2026-12-24T08:00:00Z' })).toBe('SCHEDULED');
    expect(pageStatus({ status: 'PUBLISHED', hasUnpublishedChanges: true, publishAt: '2026-12-24T08:00:00Z', reviewRevision: { id: 'r' } })).toBe('REVIEW');
  });
});

describe('the page tree', () => {
  const page = (id: string, title: string, parent?: string) => ({ id, title, slug: slugFromTitle(title), parent: parent ? { id: parent } : null });
  it('nests children under their parents, by title', () => {
    const tree = buildPageTree([page('c', 'Zeta', 'a'), page('a', 'Alfa'), page('b', 'Beta', 'a'), page('d', 'Delta')]);
    expect(tree.map((node) => node.item.id)).toEqual(['a', 'd']);
    expect(tree[0]!.children.map((node) => node.item.id)).toEqual(['b', 'c']);
  });
  it('shows pages with a missing parent, and pages in a cycle, as roots', () => {
    const tree = buildPageTree([page('a', 'A', 'x'), page('b', 'B', 'c'), page('c', 'C', 'b')]);
    expect(tree.map((node) => node.item.id).sort()).toEqual(['a', 'b', 'c']);
  });
  it('keeps the pages above a match, ignoring accents and case', () => {
    const items = [page('a', 'Anagrafe'), page('b', 'Carta di identità', 'a'), page('c', 'Tributi')];
    expect(filterPages(items, 'IDENTITA').map((item) => item.id)).toEqual(['a', 'b']);
    expect(filterPages(items, '  ').length).toBe(3);
    expect(filterPages(items, 'nulla')).toEqual([]);
  });
  it('groups types under the model’s menus', () => {
    expect(pageGroupOf('SERVIZIO')).toBe('servizi');
    expect(pageGroupOf('NOTIZIA')).toBe('novita');
    expect(pageGroupOf('LUOGO')).toBe('vivere-il-comune');
    expect(pageGroupOf('PERSONA_PUBBLICA')).toBe('amministrazione');
    expect(pageGroupOf('PAGINA')).toBe('pagine');
    expect(pageGroupOf('PUNTO_DI_CONTATTO')).toBe('punti-di-contatto');
  });
});

describe('the editor form', () => {
  it('places publication issues on their field, section or header input', () => {
    expect(issueTarget('SERVIZIO', ['fields', 'howTo'])).toEqual({ kind: 'field', key: 'howTo', section: 'come-fare' });
    expect(issueTarget('SERVIZIO', ['sections', 'contatti'])).toEqual({ kind: 'section', key: 'contatti' });
    expect(issueTarget('SERVIZIO', ['topics'])).toEqual({ kind: 'topics' });
    expect(issueTarget('SERVIZIO', ['fields', 'nope'])).toEqual({ kind: 'other' });
  });
  it('leaves empty values out of a save, and fields the type does not have', () => {
    expect(fieldsToSave('SERVIZIO', { howTo: { type: 'doc' }, onlineUrl: ' ', contactPoints: [], active: false, category: null, stray: 'x' })).toEqual({
      howTo: { type: 'doc' },
      active: false,
    });
  });
});
