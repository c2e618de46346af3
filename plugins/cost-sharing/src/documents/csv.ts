import { stringify } from 'csv-stringify/sync';
import type { PlanDocumentContent } from './content.ts';

/** Integer cents as euros with two decimals, never through floating point. */
export const euros = (cents: number) => `${cents < 0 ? '-' : ''}${Math.trunc(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/** Each body's quota as CSV (UTF-8, comma-separated, header row, amounts in euros with a dot). */
export function planDocumentCsv(content: PlanDocumentContent): string {
  return stringify(
    content.quotas.map((q) => [
      q.name,
      q.pcs,
      q.population,
      euros(q.pcQuotaCents),
      euros(q.populationQuotaCents),
      euros(q.correctivesCents),
      euros(q.projectsCents),
      euros(q.staffReimbursementCents),
      euros(q.totalCents),
    ]),
    {
      header: true,
      columns: ['body', 'pcs_in_service', 'population', 'pc_quota_eur', 'population_quota_eur', 'correctives_eur', 'projects_eur', 'staff_reimbursement_eur', 'total_eur'],
    },
  );
}
