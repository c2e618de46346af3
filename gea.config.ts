// Installed plugins. Override with GEA_PLUGINS=inventory,... (or GEA_PLUGINS=none for the core alone).
import type { GeaConfig } from '@gea/api';
import connectivity from '@gea/plugin-connectivity';
import costSharing from '@gea/plugin-cost-sharing';
import inventory from '@gea/plugin-inventory';
import pecSignatures from '@gea/plugin-pec-signatures';
import procurement from '@gea/plugin-procurement';
import webHosting from '@gea/plugin-web-hosting';

export default {
  plugins: [inventory, procurement, costSharing, pecSignatures, connectivity, webHosting],
} satisfies GeaConfig;
