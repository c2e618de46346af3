import type { AllocationResult, BodyAllocation, PoolSplit } from './allocate.ts';

export type ExplanationLocale = 'it' | 'en';

/**
 * The sentences of an explanation, one object per locale. The server needs only these few
 * templates; the web client uses a maintained i18n library for its own texts.
 */
const templates = {
  it: {
    intlLocale: 'it-IT',
    shares: (name: string, population: string, pcs: string) => `${name}: ${population} della popolazione, ${pcs} dei PC in servizio`,
    generalPcByPopulation: 'Nessun ente ha PC in servizio: la quota PC è ripartita in base alla popolazione',
    generalPopulationByPcs: 'Nessun ente ha popolazione registrata: la quota popolazione è ripartita in base ai PC in servizio',
    generalEqual: 'Nessun ente ha PC in servizio né popolazione registrata: la spesa comune è ripartita in parti uguali',
    pcQuota: (amount: string) => `Quota PC: ${amount}`,
    populationQuota: (amount: string) => `Quota popolazione: ${amount}`,
    corrective: (label: string, amount: string) => `Correttivo «${label}»: ${amount}`,
    project: (name: string, amount: string) => `Progetto «${name}» (solo partecipanti): ${amount}`,
    projectPcByPopulation: (name: string) => `Progetto «${name}»: nessun partecipante ha PC in servizio, la quota PC è ripartita in base alla popolazione`,
    projectPopulationByPcs: (name: string) => `Progetto «${name}»: nessun partecipante ha popolazione registrata, la quota popolazione è ripartita in base ai PC in servizio`,
    projectEqual: (name: string) => `Progetto «${name}»: nessun partecipante ha PC in servizio né popolazione registrata, la spesa è ripartita in parti uguali`,
    staff: (person: string, amount: string) => `Rimborso personale distaccato (${person}): ${amount}`,
    total: (amount: string) => `Totale: ${amount}`,
  },
  en: {
    intlLocale: 'en-GB',
    shares: (name: string, population: string, pcs: string) => `${name}: ${population} of population, ${pcs} of PCs in service`,
    generalPcByPopulation: 'No body has PCs in service: the PC quota is split by population',
    generalPopulationByPcs: 'No body has a recorded population: the population quota is split by PCs in service',
    generalEqual: 'No body has PCs in service or a recorded population: the shared costs are split equally',
    pcQuota: (amount: string) => `PC quota: ${amount}`,
    populationQuota: (amount: string) => `Population quota: ${amount}`,
    corrective: (label: string, amount: string) => `Corrective “${label}”: ${amount}`,
    project: (name: string, amount: string) => `Project “${name}” (participants only): ${amount}`,
    projectPcByPopulation: (name: string) => `Project “${name}”: no participant has PCs in service, the PC quota is split by population`,
    projectPopulationByPcs: (name: string) => `Project “${name}”: no participant has a recorded population, the population quota is split by PCs in service`,
    projectEqual: (name: string) => `Project “${name}”: no participant has PCs in service or a recorded population, the cost is split equally`,
    staff: (person: string, amount: string) => `Reimbursement of seconded staff (${person}): ${amount}`,
    total: (amount: string) => `Total: ${amount}`,
  },
} satisfies Record<ExplanationLocale, unknown>;

type Templates = (typeof templates)[ExplanationLocale];

const MINUS = '\u2212';

/** Exact decimal string of an amount in cents ("-1234.05"), for Intl to format without any float. */
export function centsToDecimalString(cents: number): `${number}` {
  if (!Number.isSafeInteger(cents)) throw new Error(`not a whole number of cents: ${cents}`);
  const value = BigInt(cents);
  const magnitude = value < 0n ? -value : value;
  return `${value < 0n ? '-' : ''}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}` as `${number}`;
}

const formatters = new Map<string, { euro: Intl.NumberFormat; percent: Intl.NumberFormat }>();
function formattersFor(intlLocale: string) {
  let found = formatters.get(intlLocale);
  if (!found) {
    found = {
      // Grouping always, as administrative documents write it: "1.234,00 €" (it-IT alone would give "1234,00 €").
      euro: new Intl.NumberFormat(intlLocale, { style: 'currency', currency: 'EUR', useGrouping: 'always' }),
      percent: new Intl.NumberFormat(intlLocale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    };
    formatters.set(intlLocale, found);
  }
  return found;
}

/** Euros from cents in the locale's format, with a true minus sign (U+2212), e.g. "−1.234,00 €". */
export function formatEuros(cents: number, locale: ExplanationLocale): string {
  // format, not formatToParts: the same text at a fraction of the cost (thousands of lines per
  // allocation); the one hyphen-minus of a negative amount (these locales' minus sign) becomes U+2212.
  const text = formattersFor(templates[locale].intlLocale).euro.format(centsToDecimalString(cents));
  return cents < 0 ? text.replace('-', MINUS) : text;
}

/** A fraction 0..1 as a percentage with one decimal, e.g. "32,1%". */
export function formatPercent(fraction: number, locale: ExplanationLocale): string {
  return formattersFor(templates[locale].intlLocale).percent.format(fraction);
}

/** Notes on a pool split by another basis than configured (shown only when that part is not 0). */
function basisNotes(split: PoolSplit, notes: { pcByPopulation: string; populationByPcs: string; equal: string }): string[] {
  if (split.pcPartBasis === 'EQUAL' || split.populationPartBasis === 'EQUAL') {
    return split.pcPartCents + split.populationPartCents > 0 ? [notes.equal] : [];
  }
  const lines: string[] = [];
  if (split.pcPartBasis === 'POPULATION' && split.pcPartCents > 0) lines.push(notes.pcByPopulation);
  if (split.populationPartBasis === 'PCS' && split.populationPartCents > 0) lines.push(notes.populationByPcs);
  return lines;
}

/**
 * Plain-language lines explaining one body's allocation, for the people of the bodies: shares,
 * any fallback of the rule, base quotas, correctives, projects, staff reimbursements, total.
 */
export function explainAllocation(body: BodyAllocation, result: AllocationResult, locale: ExplanationLocale): string[] {
  const t: Templates = templates[locale];
  const euros = (cents: number) => formatEuros(cents, locale);
  const lines = [t.shares(body.name, formatPercent(body.populationShare, locale), formatPercent(body.pcShare, locale))];
  lines.push(
    ...basisNotes(result.generalPoolSplit, {
      pcByPopulation: t.generalPcByPopulation,
      populationByPcs: t.generalPopulationByPcs,
      equal: t.generalEqual,
    }),
  );
  lines.push(t.pcQuota(euros(body.pcQuotaCents)), t.populationQuota(euros(body.populationQuotaCents)));
  for (const corrective of body.correctives) lines.push(t.corrective(corrective.label, euros(corrective.amountCents)));
  for (const project of body.projects) {
    lines.push(t.project(project.name, euros(project.amountCents)));
    const pool = result.projectPools.find((candidate) => candidate.projectId === project.projectId);
    if (pool) {
      lines.push(
        ...basisNotes(pool.split, {
          pcByPopulation: t.projectPcByPopulation(project.name),
          populationByPcs: t.projectPopulationByPcs(project.name),
          equal: t.projectEqual(project.name),
        }),
      );
    }
  }
  for (const loan of body.staffLoans) lines.push(t.staff(loan.personName, euros(loan.amountCents)));
  lines.push(t.total(euros(body.totalCents)));
  return lines;
}
