// The schema.org description of a page (JSON-LD), as the model asks on service pages
// (GovernmentService: name, description, serviceType, provider, areaServed, audience,
// availableChannel), and the plain equivalents for news, events, places, documents, units, people
// and datasets.
import type { ContentTypeName } from '../model/content-types.ts';
import { contentTypeDefinitions } from '../model/content-types.ts';
import { findTerm } from '../model/taxonomies.ts';
import { richTextToPlain } from '../rules/rich-text.ts';
import type { PublicReference } from './public-reference.ts';
import type { PublicSite } from './site.ts';

interface JsonLdInput {
  site: PublicSite;
  type: ContentTypeName;
  path: string;
  revision: { title: string; summary: string; fields: Record<string, unknown> };
  references: ReadonlyMap<string, PublicReference>;
  publishedAt: Date | null;
  updatedAt: Date | null;
}

const plain = (value: unknown, max = 500) => {
  if (value === undefined || value === null) return undefined;
  try {
    const text = richTextToPlain(value).replace(/\s+/g, ' ');
    return text === '' ? undefined : text.length > max ? `${text.slice(0, max - 1)}…` : text;
  } catch {
    return undefined;
  }
};

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** Drops the keys whose value is undefined, so that the JSON says only what is known. */
const compact = <T extends Record<string, unknown>>(value: T) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));

export function jsonLdOf({ site, type, path, revision, references, publishedAt, updatedAt }: JsonLdInput): Record<string, unknown> | null {
  const schemaType = contentTypeDefinitions[type].jsonLdType;
  if (!schemaType) return null;
  const siteUrl = `https://${site.primaryDomain}/`;
  const url = `${siteUrl}${path}`;
  const fields = revision.fields;
  const body = compact({ '@type': 'GovernmentOrganization', name: site.body.name, url: siteUrl, identifier: site.body.ipaCode ?? undefined, email: site.body.pecAddress ?? undefined });
  const referenced = (key: string) => {
    const ids = (Array.isArray(fields[key]) ? fields[key] : [fields[key]]) as unknown[];
    return ids.flatMap((id) => (typeof id === 'string' && references.get(id) ? [references.get(id)!] : []));
  };
  const base = { '@context': 'https://schema.org', '@type': schemaType, name: revision.title, description: text(revision.summary), url };
  switch (schemaType) {
    case 'GovernmentService': {
      const category = typeof fields.category === 'string' ? findTerm('serviceCategories', fields.category) : undefined;
      const onlineUrl = text(fields.onlineUrl);
      const contact = referenced('contactPoints')[0]?.contact;
      return compact({
        ...base,
        serviceType: category?.it,
        provider: body,
        areaServed: { '@type': 'AdministrativeArea', name: site.body.name.replace(/^Comune di\s+/i, '') },
        audience: compact({ '@type': 'Audience', audienceType: plain(fields.audience) }),
        availableChannel: compact({
          '@type': 'ServiceChannel',
          name: revision.title,
          serviceUrl: onlineUrl,
          availableLanguage: { '@type': 'Language', name: 'Italiano', alternateName: 'it' },
          servicePhone: contact?.phone ? { '@type': 'ContactPoint', telephone: contact.phone, email: contact.email } : undefined,
        }),
      });
    }
    case 'NewsArticle':
      return compact({
        ...base,
        headline: revision.title,
        datePublished: text(fields.date) ?? publishedAt?.toISOString(),
        dateModified: updatedAt?.toISOString(),
        articleBody: plain(fields.body, 2000),
        publisher: body,
      });
    case 'Event': {
      const place = referenced('place')[0];
      return compact({
        ...base,
        startDate: text(fields.startsAt),
        endDate: text(fields.endsAt),
        eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
        location: place || text(fields.address) ? compact({ '@type': 'Place', name: place?.title ?? text(fields.address), address: text(fields.address) }) : undefined,
        organizer: body,
      });
    }
    case 'Place':
      return compact({ ...base, address: text(fields.address) });
    case 'DigitalDocument':
      return compact({ ...base, datePublished: text(fields.date), publisher: body });
    case 'GovernmentOrganization':
      return compact({ ...base, address: text(fields.address), parentOrganization: body });
    case 'Person':
      return compact({ ...base, jobTitle: text(fields.role), worksFor: body });
    case 'Dataset':
      return compact({ ...base, license: text(fields.licence), publisher: body, distribution: text(fields.distributionUrl) ? { '@type': 'DataDownload', contentUrl: fields.distributionUrl } : undefined });
  }
}
