import { definePlugin } from '@gea/core';

export default definePlugin({
  key: 'procurement',
  name: 'Procurement',
  description: 'Suppliers and contracts of the ICT office, for one or several bodies (art. 3.11-12, 10.5).',
  dependsOn: ['inventory'],
  prismaSchema: 'prisma/schema/procurement.prisma',
});
