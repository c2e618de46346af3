import type { GeaBuilder } from '@gea/core';
import { stringify } from 'csv-stringify/sync';
import { scopes } from '../scopes.ts';
import { assetCsvColumns, assetCsvRow } from '../rules/asset-csv.ts';
import { assetListInputs, assetOrderBy, assetWhere } from './asset-filter.ts';

export function addAssetCsvQuery(builder: GeaBuilder) {
  const { AssetFilter, AssetSort } = assetListInputs(builder);
  builder.queryField('assetsCsv', (t) =>
    t.string({
      description:
        'The filtered, sorted list as CSV (UTF-8, comma-separated, header row), over every body the reader may see. At most 100,000 rows.',
      authScopes: { authenticated: true },
      // Query cost (the API server's query limits): every row the reader may see, up to 100,000, read and written
      // out. One export fits a referent's ceiling, two do not.
      extensions: { cost: 9_000 },
      args: { filter: t.arg({ type: AssetFilter, required: false }), sort: t.arg({ type: AssetSort, required: false }) },
      resolve: async (_root, args, context) => {
        const rows = await context.prisma.asset.findMany({
          where: { ...assetWhere(args.filter), entity: scopes.readableEntities(context) },
          orderBy: assetOrderBy(args.sort),
          include: { entity: { select: { name: true, istatCode: true } }, site: { select: { name: true } } },
          take: 100_000,
        });
        return stringify(rows.map(assetCsvRow), { header: true, columns: [...assetCsvColumns] });
      },
    }),
  );
}
