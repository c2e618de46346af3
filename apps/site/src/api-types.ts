// The public read API of the web-hosting plugin, as apps/site reads it (see the contract).
// Every field is treated as possibly missing: the renderer never trusts the shape blindly.

export interface Label {
  it: string;
  en?: string;
}

export interface SiteLinkJson {
  kind: string;
  label: Label;
  dataElement?: string;
  /** An absolute URL, or the site path of a page ("privacy"). */
  href: string | null;
}

export interface MenuChildJson {
  path: string;
  label: Label;
  count?: number;
}

export interface MenuEntryJson {
  path: string;
  label: Label;
  dataElement?: string;
  children?: MenuChildJson[];
}

export interface SiteJson {
  site: {
    slug: string;
    name: string;
    primaryDomain?: string;
    body?: { name?: string; ipaCode?: string | null; pecAddress?: string | null };
    links?: SiteLinkJson[];
  };
  menu?: MenuEntryJson[];
}

export interface CardJson {
  type: string;
  title: string;
  summary?: string | null;
  path: string | null;
  date?: string | null;
}

export interface Crumb {
  label: string;
  path: string | null;
}

export interface TopicJson {
  key: string;
  label: string;
  count?: number;
}

export interface FieldJson {
  key: string;
  label: string;
  kind: string;
  value: unknown;
}

export interface SectionJson {
  key: string;
  label: string;
  fields: FieldJson[];
}

export interface PageJson {
  type: string;
  slug: string;
  path: string;
  title: string;
  summary?: string | null;
  topics?: { key: string; label: string }[];
  publishedAt?: string | null;
  updatedAt?: string | null;
  breadcrumb?: Crumb[];
  sections: SectionJson[];
  jsonLd?: unknown;
}

export interface ListJson {
  title: string;
  path: string;
  breadcrumb?: Crumb[];
  items: CardJson[];
  page?: number;
  pageCount?: number;
  total?: number;
}

export interface HomeJson {
  news?: CardJson[];
  events?: CardJson[];
  services?: CardJson[];
  topics?: TopicJson[];
}

export type PathJson =
  | { kind: 'home'; home: HomeJson; preview?: boolean }
  | { kind: 'list'; list: ListJson; preview?: boolean }
  | { kind: 'page'; page: PageJson; preview?: boolean };

export interface TaxonomiesJson {
  topics?: TopicJson[];
}
