// Enums several inventory files (and other plugins) use: defined once per builder.
import { perBuilder } from '@gea/core';
import { AssetKind, AssetStatus, LicenceKind } from '@gea/db';

export const assetKindEnum = perBuilder((builder) => builder.enumType(AssetKind, { name: 'AssetKind' }));
export const assetStatusEnum = perBuilder((builder) => builder.enumType(AssetStatus, { name: 'AssetStatus' }));
export const licenceKindEnum = perBuilder((builder) => builder.enumType(LicenceKind, { name: 'LicenceKind' }));
