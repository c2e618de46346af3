import { csvDialectEnum, writeCsv, type GeaBuilder } from '@gea/core';
import { scopes } from '../scopes.ts';
import { assetCsvColumns, assetCsvRow } from '../rules/asset-csv.ts';
import { assetListInputs, assetOrderBy, assetWhere } from './asset-filter.ts';

export function addAssetCsvQuery(builder: GeaBuilder) {
  const { AssetFilter, AssetSort } = assetListInputs(builder);
  builder.queryField('assetsCsv', (t) =>
    t.string({
      description:
        'The filtered, sorted list as CSV (UTF-8, header row) in the dialect asked for (default STANDARD: comma-separated, decimal point), over every body the reader may see. At most 100,000 rows.',
      authScopes: { authenticated: true },
      // Query cost (the API server's query limits): every row the reader may see, up to 100,000, read and written
      // out. One export fits a referent's ceiling, two do not.
      extensions: { cost: 9_000 },
      args: {
        filter: t.arg({ type: AssetFilter, required: false }),
        sort: t.arg({ type: AssetSort, required: false }),
        dialect: t.arg({ type: csvDialectEnum(builder), required: false, defaultValue: 'STANDARD' }),
      },
      resolve: async (_root, args, context) => {
        const rows = await context.prisma.asset.findMany({
          where: { ...assetWhere(args.filter), entity: scopes.readableEntities(context) },
          orderBy: assetOrderBy(args.sort),
          include: { entity: { select: { name: true, istatCode: true } }, site: { select: { name: true } } },
          take: 100_000,
        });
        return writeCsv(assetCsvColumns, rows.map(assetCsvRow), args.dialect ?? 'STANDARD');
      },
    }),
  );
}
