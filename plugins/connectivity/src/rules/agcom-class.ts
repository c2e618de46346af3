// The AGCOM class of a fixed line (delibera 292/18/CONS): the label ("bollino") that says which
// physical infrastructure carries it. Green "F" for fibre to the home or building; yellow "FR" for
// mixed fibre-copper (FTTC) and for fixed wireless with at least 30 Mbit/s down (mixed fibre-radio);
// red "R" for copper only (ADSL) and for wireless below 30 Mbit/s. Satellite and other links have none.
import type { CircuitTechnology } from '@gea/db';

export type AgcomClass = 'F' | 'FR' | 'R';

/** The ultra-broadband threshold the classes use: 30 Mbit/s download. */
export const ULTRA_BROADBAND_KBPS = 30_000;

export function agcomClassOf(technology: CircuitTechnology, downloadKbps: number): AgcomClass | null {
  switch (technology) {
    case 'FTTH_FTTB':
      return 'F';
    case 'FTTC':
      return 'FR';
    case 'FWA':
    case 'RADIO':
      return downloadKbps >= ULTRA_BROADBAND_KBPS ? 'FR' : 'R';
    case 'XDSL':
      return 'R';
    case 'SATELLITE':
    case 'OTHER':
      return null;
  }
}
