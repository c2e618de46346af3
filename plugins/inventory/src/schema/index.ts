import type { GeaBuilder } from '@gea/core';
import { addAssetType } from './asset.ts';
import { addAssetCsvQuery } from './asset-csv.ts';
import { addAssetImportSchema } from './asset-import.ts';
import { addAssetStatusChangeType } from './asset-status-change.ts';
import { addBodyPcCountType } from './body-pc-count.ts';
import { extendEntity } from './extends/entity.ts';
import { addRenewalPlanType } from './renewal-plan.ts';
import { addSoftwareInstallationType } from './software-installation.ts';
import { addSoftwareLicenceType } from './software-licence.ts';
import { addSoftwareProductType } from './software-product.ts';

/** The inventory's slice of the schema: its types first, then what it adds to the core's. */
export function addInventorySchema(builder: GeaBuilder): void {
  addAssetType(builder);
  addAssetStatusChangeType(builder);
  addAssetCsvQuery(builder);
  addAssetImportSchema(builder);
  addBodyPcCountType(builder);
  addSoftwareProductType(builder);
  addSoftwareLicenceType(builder);
  addSoftwareInstallationType(builder);
  addRenewalPlanType(builder);
  extendEntity(builder);
}
