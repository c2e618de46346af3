// Numbers and dates as the PDFs print them (Italian conventions, the standard fonts' WinAnsi characters).
import { centsToDecimalString } from '../allocation/explain.ts';

// 'always': Italian style otherwise leaves four-digit numbers ungrouped (7564,00 next to 11.712,00).
const eur = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', useGrouping: 'always' } as Intl.NumberFormatOptions);
export const int = new Intl.NumberFormat('it-IT', { useGrouping: 'always' } as Intl.NumberFormatOptions);
/** The standard PDF fonts are WinAnsi: no true minus sign, no narrow spaces. */
export const winAnsi = (text: string) => text.replace(/\u2212/g, '-').replace(/[\u00a0\u202f]/g, ' ');
// An exact decimal string: `cents / 100` prints the wrong cent above about €2.8 billion.
export const money = (cents: number) => winAnsi(eur.format(centsToDecimalString(cents)));
export const date = (iso: string) => new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeZone: 'Europe/Rome' }).format(new Date(iso));
