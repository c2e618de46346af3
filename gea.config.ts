// Installed plugins. Override with GEA_PLUGINS=inventory,... (or GEA_PLUGINS=none for the core alone).
import type { GeaConfig } from '@gea/api';
import inventory from '@gea/plugin-inventory';

export default {
  plugins: [inventory],
} satisfies GeaConfig;
