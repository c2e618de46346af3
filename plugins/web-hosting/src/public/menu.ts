// The site's menus as the model orders them, with how many published pages each list holds, and
// the breadcrumbs that follow them.
import type { PluginRouteCall } from '@gea/core';
import type { ContentTypeName, Label } from '../model/content-types.ts';
import { menu } from '../model/menus.ts';
import { organisationUnitTypes, personTypes } from '../model/taxonomies.ts';
import { publicRead } from './respond.ts';

/** The field of each type that decides its second-level menu entry. */
export const menuTermField: Partial<Record<ContentTypeName, string>> = {
  SERVIZIO: 'category',
  NOTIZIA: 'newsType',
  UNITA_ORGANIZZATIVA: 'unitType',
  PERSONA_PUBBLICA: 'personType',
};

export interface PublishedCount {
  type: ContentTypeName;
  term: string | null;
  count: number;
}

/** Published pages per type and menu term: one statement. */
export async function publishedCounts(context: PluginRouteCall['context'], siteId: string): Promise<PublishedCount[]> {
  return context.db.$queryRaw<PublishedCount[]>`
    select i.type::text as type,
           coalesce(r.fields->>'category', r.fields->>'newsType', r.fields->>'unitType', r.fields->>'personType') as term,
           count(*)::int as count
    from "ContentItem" i join "ContentRevision" r on r.id = i."publishedRevisionId"
    where i."siteId" = ${siteId}::uuid and i.status = 'PUBLISHED'
    group by 1, 2`;
}

const unitKeys = new Set<string>(organisationUnitTypes.map((t) => t.key));
const personKeys = new Set<string>(personTypes.map((t) => t.key));

/** The menu path a page of this type and term is listed under (second level), or its first level. */
function listPathsOf(type: ContentTypeName, term: string | null): string[] {
  switch (type) {
    case 'SERVIZIO':
      return ['servizi', ...(term ? [`servizi/${term}`] : [])];
    case 'NOTIZIA':
      return ['novita', ...(term ? [`novita/${term}`] : [])];
    case 'UNITA_ORGANIZZATIVA':
      return ['amministrazione', ...(term && unitKeys.has(term) ? [`amministrazione/${term}`] : [])];
    case 'PERSONA_PUBBLICA':
      return ['amministrazione', ...(term && personKeys.has(term) ? [`amministrazione/${term}`] : [])];
    case 'DOCUMENTO_PUBBLICO':
    case 'DATASET':
      return ['amministrazione', 'amministrazione/documenti-e-dati'];
    case 'LUOGO':
      return ['vivere-il-comune', 'vivere-il-comune/luoghi'];
    case 'EVENTO':
      return ['vivere-il-comune', 'vivere-il-comune/eventi'];
    default:
      return [];
  }
}

export interface PublicMenuEntry {
  path: string;
  label: Label;
  dataElement: string;
  count: number;
  children: { path: string; label: Label; count: number }[];
}

export function buildMenu(counts: readonly PublishedCount[]): PublicMenuEntry[] {
  const byPath = new Map<string, number>();
  for (const row of counts) {
    for (const path of listPathsOf(row.type, row.term)) byPath.set(path, (byPath.get(path) ?? 0) + row.count);
  }
  return menu.map((entry) => ({
    path: entry.path,
    label: entry.label,
    dataElement: entry.dataElement,
    count: byPath.get(entry.path) ?? 0,
    children: entry.children.map((child) => ({ path: child.path, label: child.label, count: byPath.get(child.path) ?? 0 })),
  }));
}

export interface Crumb {
  label: Label;
  path: string;
}

const HOME: Crumb = { label: { it: 'Home', en: 'Home' }, path: '' };
const menuLabels = new Map<string, Label>(menu.flatMap((entry) => [[entry.path, entry.label] as const, ...entry.children.map((child) => [child.path, child.label] as const)]));

/** The label of a menu path (first or second level), if it is one. */
export const menuLabelOf = (path: string) => menuLabels.get(path);

/**
 * Home, then every menu entry above the path (Home > Servizi > <category> > <title>); the last crumb
 * is the page or list itself.
 */
export function breadcrumbOf(path: string, last: Label | null): Crumb[] {
  const segments = path.split('/').filter(Boolean);
  const crumbs: Crumb[] = [HOME];
  for (let i = 1; i < segments.length; i++) {
    const prefix = segments.slice(0, i).join('/');
    const label = prefix === 'argomenti' ? { it: 'Argomenti', en: 'Topics' } : menuLabels.get(prefix);
    if (label) crumbs.push({ label, path: prefix });
  }
  if (last && segments.length > 0) crumbs.push({ label: last, path });
  return crumbs;
}

export const menuRoute = {
  method: 'GET',
  path: '/public/sites/:site/menu',
  access: 'public',
  handle: (request: Request, call: PluginRouteCall) =>
    publicRead(request, call, false, async ({ head }) => ({ json: { menu: buildMenu(await publishedCounts(call.context, head.id)) } })),
} as const;
