// Art. 13: the population half of a year's costs goes by the resident population at 31 December of
// the year before. Which stored figure an allocation uses per body, and the refusal when one is missing.
import { GeaError, isoDate } from '@gea/core';

/** A stored figure: the latest on or before the reference date. */
export interface StoredFigure {
  entityId: string;
  referenceDate: Date;
  population: number;
}

/** The figure used for a body, and the date it is at (the reference date, or an earlier one in a scenario). */
export interface UsedFigure {
  population: number;
  referenceDate: Date;
}

export interface MissingPopulationBody {
  entityId: string;
  name: string;
  /** The latest earlier figure's date, when there is one (a scenario could use it). */
  latestEarlierDate: Date | null;
}

const MONTHS_IT = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "31 dicembre 2025" / "31 December 2025": the date in words, as plans and explanations write it. */
export function dateInWords(date: Date, locale: 'it' | 'en'): string {
  const months = locale === 'it' ? MONTHS_IT : MONTHS_EN;
  return `${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

const namesOf = (bodies: readonly MissingPopulationBody[]) => bodies.map((body) => body.name).join(', ');

export function missingPopulationMessage(locale: 'it' | 'en', year: number, referenceDate: Date, bodies: readonly MissingPopulationBody[]): string {
  return locale === 'it'
    ? `Manca la popolazione residente al ${dateInWords(referenceDate, 'it')} per: ${namesOf(bodies)}. ` +
        `La ripartizione del ${year} usa la popolazione al 31 dicembre dell'anno precedente (art. 13): ` +
        'importarla (npm run population:import) o registrarla (recordPopulation) e riprovare.'
    : `No resident population at ${dateInWords(referenceDate, 'en')} for: ${namesOf(bodies)}. ` +
        `The ${year} allocation uses the population at 31 December of the previous year (art. 13): ` +
        'import it (npm run population:import) or record it (recordPopulation) and try again.';
}

/**
 * The allocation cannot be computed: some member bodies have no population figure at the reference
 * date. The message is Italian; `englishMessage` carries the English one.
 */
export class PopulationMissingError extends GeaError {
  readonly year: number;
  readonly referenceDate: Date;
  readonly bodies: MissingPopulationBody[];
  readonly englishMessage: string;
  constructor(year: number, referenceDate: Date, bodies: MissingPopulationBody[]) {
    super('POPULATION_MISSING', missingPopulationMessage('it', year, referenceDate, bodies), {
      year,
      referenceDate: isoDate(referenceDate),
      bodies: bodies.map((body) => ({ entityId: body.entityId, name: body.name })),
    });
    this.year = year;
    this.referenceDate = referenceDate;
    this.bodies = bodies;
    this.englishMessage = missingPopulationMessage('en', year, referenceDate, bodies);
  }
}

/**
 * Picks each member's figure. An allocation uses exactly the reference date's figure and refuses,
 * naming every body without one; a scenario may fall back to the latest earlier figure (the date
 * used is reported per body). A body with no figure at all on or before the date is refused either way.
 */
export function selectPopulations(
  members: readonly { id: string; name: string }[],
  latest: readonly StoredFigure[],
  referenceDate: Date,
  options: { year: number; allowEarlier: boolean },
): Map<string, UsedFigure> {
  const byBody = new Map(latest.map((figure) => [figure.entityId, figure]));
  const used = new Map<string, UsedFigure>();
  const missing: MissingPopulationBody[] = [];
  for (const member of members) {
    const figure = byBody.get(member.id);
    const exact = figure !== undefined && figure.referenceDate.getTime() === referenceDate.getTime();
    if (figure && (exact || options.allowEarlier)) {
      used.set(member.id, { population: figure.population, referenceDate: figure.referenceDate });
    } else {
      missing.push({ entityId: member.id, name: member.name, latestEarlierDate: figure?.referenceDate ?? null });
    }
  }
  if (missing.length > 0) throw new PopulationMissingError(options.year, referenceDate, missing);
  return used;
}

/** The explanation's line naming the figure used, in the reader's language. */
export function populationLine(locale: 'it' | 'en', used: UsedFigure, referenceDate: Date): string {
  const number = new Intl.NumberFormat(locale === 'it' ? 'it-IT' : 'en-GB').format(used.population);
  const fallback = used.referenceDate.getTime() !== referenceDate.getTime();
  if (locale === 'it') {
    return `Popolazione residente al ${dateInWords(used.referenceDate, 'it')}: ${number}` +
      (fallback ? ` (simulazione: manca il dato al ${dateInWords(referenceDate, 'it')}, usato il più recente precedente)` : '');
  }
  return `Resident population at ${dateInWords(used.referenceDate, 'en')}: ${number}` +
    (fallback ? ` (simulation: no figure at ${dateInWords(referenceDate, 'en')}, the latest earlier one is used)` : '');
}
