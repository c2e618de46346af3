// The inventory's mutations in words, for the audit trail.
import type { Label } from '@gea/web-kit/plugin';

export const inventoryOperations: Readonly<Record<string, Label>> = {
  createAsset: { it: 'Nuovo bene', en: 'New asset' },
  updateAsset: { it: 'Modifica di un bene', en: 'Asset changed' },
  changeAssetStatus: { it: 'Cambio di stato di un bene', en: 'Asset status changed' },
  importAssets: { it: 'Importazione dei beni', en: 'Assets imported' },
  createSoftwareProduct: { it: 'Nuovo prodotto software', en: 'New software product' },
  createSoftwareLicence: { it: 'Nuova licenza software', en: 'New software licence' },
  updateSoftwareLicence: { it: 'Modifica di una licenza software', en: 'Software licence changed' },
  installSoftware: { it: 'Installazione di software', en: 'Software installed' },
  removeSoftware: { it: 'Rimozione di software', en: 'Software removed' },
};
