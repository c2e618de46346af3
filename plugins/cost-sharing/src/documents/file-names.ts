// Italian file names for what the office downloads and files: the allocation of a year (or its
// simulation) and the issued annual documents. Lower case, ASCII, words joined by hyphens.
import type { ExpensePlan } from '@gea/db';

/** Short Italian names of the three annual documents, for file names. */
const PLAN_SLUGS: Record<ExpensePlan, string> = {
  PURCHASES: 'piano-acquisti',
  SOFTWARE_INTEGRATION: 'piano-integrazione-software',
  RUNNING_SERVICES: 'riepilogo-costi-servizi',
};

// Articles, prepositions and "comuni" say nothing in a file name: "Unione di Comuni Valdarno e Valdisieve" -> "unione-valdarno-valdisieve".
const FILLER = new Set(['di', 'e', 'ed', 'del', 'della', 'dello', 'dei', 'delle', 'degli', 'il', 'lo', 'la', 'i', 'gli', 'le', 'l', 'd', 'tra', 'fra', 'per', 'con', 'in', 'a', 'da', 'comuni']);

/** "Convenzione ICT Comune di Prato - Provincia di Prato" -> "convenzione-ict-comune-prato-provincia-prato". */
export function slug(text: string): string {
  const words = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '' && !FILLER.has(word));
  return words.join('-').slice(0, 80).replace(/-+$/, '') || 'associazione';
}

/** `ripartizione-2026-unione-valdarno-valdisieve.pdf`, or `simulazione-...` for a simulation. */
export function allocationFileName(associationName: string, year: number, scenario: boolean, extension = 'pdf'): string {
  return `${scenario ? 'simulazione-ripartizione' : 'ripartizione'}-${year}-${slug(associationName)}.${extension}`;
}

/** `riepilogo-costi-servizi-2026-v2.pdf`. */
export function planDocumentFileName(plan: ExpensePlan, year: number, version: number, extension: 'pdf' | 'csv'): string {
  return `${PLAN_SLUGS[plan]}-${year}-v${version}.${extension}`;
}
