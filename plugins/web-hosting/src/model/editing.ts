// Pure helpers of the CMS screens (web/pages/): the slug suggested from a title, a page's status in
// one word, where a page sits in the site's menus, the page tree, and which field a publication
// issue is about. Data only, so the unit tests reach them and the web client imports them.
import { contentTypeDefinitions, type ContentTypeName, type FieldDefinition } from './content-types.ts';

/** The most characters a suggested slug has: long enough for a service's name. */
export const SLUG_MAX = 80;

/** A slug for a title: lowercase ASCII words joined by hyphens, accents dropped ("Carta d'identità" -> "carta-d-identita"). */
export function slugFromTitle(title: string): string {
  const words = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (words.length <= SLUG_MAX) return words;
  const cut = words.slice(0, SLUG_MAX + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : cut.slice(0, SLUG_MAX)).replace(/-+$/, '');
}

/** Whether a slug is one the site accepts: what slugFromTitle makes. */
export const isValidSlug = (slug: string) => slug.length > 0 && slug.length <= SLUG_MAX && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug);

export type PageStatusKey = 'DRAFT' | 'PUBLISHED' | 'CHANGED' | 'REVIEW' | 'SCHEDULED' | 'UNPUBLISHED';

export interface PageStatusFacts {
  status: 'DRAFT' | 'PUBLISHED' | 'UNPUBLISHED';
  hasUnpublishedChanges: boolean;
  publishAt?: string | null;
  reviewRevision?: unknown;
}

/**
 * What an editor needs to know first about a page: waiting for a reviewer, then due to go live, then
 * edited since it was published, else its stored status.
 */
export function pageStatus(item: PageStatusFacts): PageStatusKey {
  if (item.reviewRevision) return 'REVIEW';
  if (item.publishAt) return 'SCHEDULED';
  if (item.status === 'PUBLISHED') return item.hasUnpublishedChanges ? 'CHANGED' : 'PUBLISHED';
  return item.status;
}

/** The groups of the page tree: the model's four menus, then plain pages and contact points. */
export const pageGroups = ['amministrazione', 'novita', 'servizi', 'vivere-il-comune', 'pagine', 'punti-di-contatto'] as const;
export type PageGroup = (typeof pageGroups)[number];

export function pageGroupOf(type: ContentTypeName): PageGroup {
  switch (type) {
    case 'SERVIZIO':
      return 'servizi';
    case 'NOTIZIA':
      return 'novita';
    case 'EVENTO':
    case 'LUOGO':
      return 'vivere-il-comune';
    case 'DOCUMENTO_PUBBLICO':
    case 'DATASET':
    case 'UNITA_ORGANIZZATIVA':
    case 'PERSONA_PUBBLICA':
      return 'amministrazione';
    case 'PUNTO_DI_CONTATTO':
      return 'punti-di-contatto';
    case 'PAGINA':
      return 'pagine';
  }
}

export interface TreeItem {
  id: string;
  title: string;
  parent?: { id: string } | null;
}
export interface TreeNode<T extends TreeItem> {
  item: T;
  children: TreeNode<T>[];
}

/**
 * The pages as a forest, by title at every level. A page whose parent is not in the list (filtered
 * out, or unreadable) is a root; a cycle cannot hide pages: its members become roots too.
 */
export function buildPageTree<T extends TreeItem>(items: readonly T[]): TreeNode<T>[] {
  const byId = new Map(items.map((item) => [item.id, { item, children: [] as TreeNode<T>[] }]));
  const roots: TreeNode<T>[] = [];
  const reachesItself = (item: T) => {
    const seen = new Set<string>([item.id]);
    for (let parentId = item.parent?.id; parentId && byId.has(parentId); parentId = byId.get(parentId)!.item.parent?.id) {
      if (seen.has(parentId)) return true;
      seen.add(parentId);
    }
    return false;
  };
  for (const node of byId.values()) {
    const parent = node.item.parent ? byId.get(node.item.parent.id) : undefined;
    if (parent && parent !== node && !reachesItself(node.item)) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (nodes: TreeNode<T>[]) => {
    nodes.sort((a, b) => a.item.title.localeCompare(b.item.title, 'it'));
    for (const node of nodes) sort(node.children);
    return nodes;
  };
  return sort(roots);
}

/** Pages whose title or slug holds every word of the search, with the pages above them (so the tree still reads). */
export function filterPages<T extends TreeItem & { slug: string }>(items: readonly T[], search: string): T[] {
  const words = search.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  const plain = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const byId = new Map(items.map((item) => [item.id, item]));
  const keep = new Set<string>();
  for (const item of items) {
    const text = `${plain(item.title)} ${item.slug}`;
    if (!words.every((word) => text.includes(word))) continue;
    for (let current: T | undefined = item; current && !keep.has(current.id); current = current.parent ? byId.get(current.parent.id) : undefined) keep.add(current.id);
  }
  return items.filter((item) => keep.has(item.id));
}

/** What a publication issue's path points at in the editor's form. */
export type IssueTarget = { kind: 'title' | 'summary' | 'topics' } | { kind: 'field'; key: string; section: string } | { kind: 'section'; key: string } | { kind: 'other' };

export function issueTarget(type: ContentTypeName, path: readonly (string | number)[]): IssueTarget {
  const [head, key] = path.map(String);
  if (head === 'title' || head === 'summary' || head === 'topics') return { kind: head };
  const sections = contentTypeDefinitions[type].sections;
  if (head === 'fields' && key) {
    const section = sections.find((s) => s.fields.some((field) => field.key === key));
    if (section) return { kind: 'field', key, section: section.key };
  }
  if (head === 'sections' && key && sections.some((s) => s.key === key)) return { kind: 'section', key };
  return { kind: 'other' };
}

/** An empty value of a field, as the editor's form starts it. */
export function emptyValue(field: FieldDefinition): unknown {
  switch (field.kind) {
    case 'terms':
    case 'references':
    case 'attachments':
      return [];
    case 'boolean':
    case 'richText':
    case 'term':
    case 'reference':
    case 'attachment':
      return null;
    default:
      return '';
  }
}

/**
 * The fields a revision is saved with: empty texts and lists, and unset values, left out (the server
 * treats a missing field as empty), so an untouched form saves what it loaded.
 */
export function fieldsToSave(type: ContentTypeName, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const section of contentTypeDefinitions[type].sections) {
    for (const field of section.fields) {
      const value = values[field.key];
      if (value === undefined || value === null) continue;
      if (typeof value === 'string' && value.trim() === '') continue;
      if (Array.isArray(value) && value.length === 0) continue;
      out[field.key] = value;
    }
  }
  return out;
}
