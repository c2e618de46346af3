// The API's import problems (English sentences, no codes) in the reader's language, with the line
// numbers they mention moved to the lines of the person's own file. A sentence not recognised is
// shown as the API wrote it.
import type { Locale } from '@gea/web-kit';

type Rule = readonly [RegExp, (match: RegExpExecArray, line: (n: string) => string) => string];

const italian: readonly Rule[] = [
  [/^(\w+) "(.*)" must be a date written YYYY-MM-DD$/s, (m) => `«${m[2]}» non è una data valida (scrivila AAAA-MM-GG, per esempio 2024-03-14)`],
  [/^(\w+) "(.*)" must be one of (.*)$/s, (m) => `«${m[2]}» non è tra i valori ammessi: ${m[3]}`],
  [/^price_eur "(.*)" must not be negative$/s, (m) => `«${m[1]}»: il prezzo non può essere negativo`],
  [/^price_eur "(.*)" (?:must|has|is).*$/s, (m) => `«${m[1]}» non è un importo in euro valido (per esempio 1234,50, senza separatore delle migliaia)`],
  [/^there is no body (?:with ISTAT code (\d+)|"(.*)")( among the bodies you may see)?$/s, (m, _) =>
    `non c’è ${m[1] ? `un ente con codice ISTAT ${m[1]}` : `un ente «${m[2]}»`}${m[3] ? ' tra quelli che puoi vedere' : ''}`],
  [/^body (?:with ISTAT code (\d+)|"(.*)") matches (\d+) bodies: .*$/s, (m) => `«${m[1] ?? m[2]}» corrisponde a ${m[3]} enti: aggiungi il codice ISTAT`],
  [/^you may not change the inventory of this body \((.*)\)$/s, (m) => `non puoi modificare l’inventario di questo ente (${m[1]})`],
  [/^the inventory module is not enabled for this body \((.*)\)$/s, (m) => `il modulo inventario non è attivo per questo ente (${m[1]})`],
  [/^kind is required for a new asset$/, () => 'il tipo è obbligatorio per una nuova apparecchiatura'],
  [/^inventory_tag is required.*$/s, () => 'l’etichetta di inventario è obbligatoria'],
  [/^body is required.*$/s, () => 'l’ente è obbligatorio (nome o codice ISTAT)'],
  [/^body_istat_code "(.*)" must be 6 digits$/s, (m) => `«${m[1]}» non è un codice ISTAT (6 cifre)`],
  [/^inventory_tag "(.*)" of body (.*) is also on line (\d+)$/s, (m, line) => `l’etichetta «${m[1]}» dell’ente ${m[2]} c’è già alla riga ${line(m[3]!)}`],
  [/^"(.*)" has no site named "(.*)"$/s, (m) => `«${m[1]}» non ha una sede «${m[2]}»`],
  [/^"(.*)" has (\d+) sites named "(.*)"$/s, (m) => `«${m[1]}» ha ${m[2]} sedi «${m[3]}»`],
  [/^warranty_end (\S+) (?:is|would be) before purchase_date (\S+)$/s, (m) => `la fine della garanzia (${m[1]}) è prima della data di acquisto (${m[2]})`],
  [/^(\w+) must be at most (\d+) characters$/s, (m) => `al massimo ${m[2]} caratteri`],
  [/^expected (\d+) fields as in the header, found (\d+)$/s, (m) => `la riga ha ${m[2]} campi invece dei ${m[1]} dell’intestazione`],
  [/^the asset is DISPOSED.*$/s, () => 'l’apparecchiatura è dismessa: il suo stato non cambia più'],
];

const english: readonly Rule[] = [
  [/^(inventory_tag ".*" of body .* is also on line )(\d+)$/s, (m, line) => `${m[1]}${line(m[2]!)}`],
];

export function describeImportIssue(message: string, language: Locale, sourceLine: (line: number) => number): string {
  const line = (n: string) => String(sourceLine(Number(n)));
  for (const [pattern, render] of language === 'it' ? [...italian] : english) {
    const match = pattern.exec(message);
    if (match) return render(match, line);
  }
  return message;
}
