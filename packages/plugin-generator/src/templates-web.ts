// The web half of a new plugin: its route table (one lazy chunk per screen) and a list screen on the
// web kit's data table, with its words in Italian and English.
import type { PluginNames } from './names.ts';

export function webFiles(n: PluginNames): Record<string, string> {
  const dir = `plugins/${n.key}/web`;
  return {
    [`${dir}/index.ts`]: `import { defineWebPlugin } from '@gea/web-kit/plugin';
import { ${n.camel}Permissions } from '../src/permissions.ts';

export default defineWebPlugin({
  key: '${n.key}',
  label: { it: '${n.title}', en: '${n.title}' },
  permissions: ${n.camel}Permissions,
  routes: [
    {
      path: '/${n.key}',
      load: () => import('./${n.modelFile}-list-page.tsx'),
      permission: '${n.key}:read',
      menu: { label: { it: '${n.title}', en: '${n.title}' }, order: 100 },
    },
  ],
});
`,

    [`${dir}/messages.ts`]: `// This plugin's words, in every language of the client.
import { createMessages } from '@gea/web-kit';

const it = {
  title: '${n.title}',
  intro: 'Gli elementi del modulo per gli enti che puoi vedere.',
  name: 'Nome',
  body: 'Ente',
  note: 'Nota',
  updatedAt: 'Aggiornato',
  results: 'Elementi',
  caption: 'Elementi, per nome',
  none: 'Nessun elemento.',
  paging: 'Pagine degli elementi',
};
const en: typeof it = {
  title: '${n.title}',
  intro: 'The module\\'s items for the bodies you may see.',
  name: 'Name',
  body: 'Body',
  note: 'Note',
  updatedAt: 'Updated',
  results: 'Items',
  caption: 'Items, by name',
  none: 'No items.',
  paging: 'Pages of items',
};

export const m = createMessages({ it, en });
`,

    [`${dir}/${n.modelFile}-list-page.tsx`]: `import { createListParams, createListQuery, DataTable, formatDateTime, graphql, PageHeading } from '@gea/web-kit';
import { m } from './messages.ts';

const ItemsQuery = graphql(\`
  query ${n.model}List($first: Int!, $after: String) {
    ${n.modelPlural}(first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          name
          note
          updatedAt
          entity {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
\`);

export default function ${n.model}ListPage() {
  const list = createListParams({ filters: [] });
  const items = createListQuery({ query: ItemsQuery, list, variables: () => ({}), connection: (data) => data.${n.modelPlural} });
  return (
    <>
      <PageHeading title={m('title')}>
        <p class="lead">{m('intro')}</p>
      </PageHeading>
      <DataTable
        label={m('results')}
        caption={m('caption')}
        source={items}
        empty={m('none')}
        pagerLabel={m('paging')}
        columns={[
          { header: m('name'), rowHeader: true, width: 'm', cell: (item) => item.name },
          { header: m('body'), width: 'm', cell: (item) => item.entity?.name ?? '—' },
          { header: m('note'), width: 'l', cell: (item) => item.note ?? '' },
          { header: m('updatedAt'), nowrap: true, width: 's', cell: (item) => formatDateTime(item.updatedAt) },
        ]}
      />
    </>
  );
}
`,
  };
}
