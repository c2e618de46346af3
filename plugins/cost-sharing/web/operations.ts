// Cost sharing's mutations in words, for the audit trail.
import type { Label } from '@gea/web-kit/plugin';

export const costSharingOperations: Readonly<Record<string, Label>> = {
  setCostSharingRule: { it: 'Criterio di riparto dei costi', en: 'Cost sharing rule set' },
  issuePlanDocument: { it: 'Emissione del piano di riparto', en: 'Allocation plan issued' },
};
