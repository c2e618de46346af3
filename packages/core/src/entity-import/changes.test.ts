import { describe, expect, it } from 'vitest';
import { normalizeCsvText, readCsvRecords } from '../csv/records.ts';
import { isChangesHeader, readChangeEvents } from './changes.ts';
import { CHANGES_HEADER, changesFile } from './fixtures/published-files.ts';

const read = (text: string) => {
  const [header, ...records] = readCsvRecords(normalizeCsvText(text), ';').records;
  return readChangeEvents(header!.fields, records);
};

describe('ISTAT "Variazioni amministrative e territoriali"', () => {
  it('is recognised by its header, the trailing space of the new-code column included', () => {
    expect(isChangesHeader(CHANGES_HEADER.split(';'))).toBe(true);
    expect(isChangesHeader(['Anno', 'Tipo variazione'])).toBe(false);
  });

  it('keeps changes of province and ceased municipalities, with ISO dates; skips the other events', () => {
    const { events, skipped, issues } = read(changesFile());
    expect(issues).toEqual([]);
    expect(skipped).toBe(6);
    expect(events.map((e) => [e.line, e.kind, e.code, e.associated, e.date])).toEqual([
      [3, 'AP', '015149', '108033', '2009-06-30'],
      [9, 'ES', '037004', '037061', '2014-01-01'],
      [10, 'ES', '037023', '037061', '2014-01-01'],
      [11, 'ES', '037058', '037061', '2014-01-01'],
    ]);
  });

  it('reports bad codes, placeholders and impossible dates by line and column', () => {
    const { events, issues } = read(
      changesFile([
        '2009;AP;03;015;15149;Monza;03;108;108033;;x;y;30/06/2009;',
        '2014;ES;08;037;037004;Bazzano;08;037;037061;Valsamoggia;x;y;31/02/2014;',
        '2014;ES;08;037;037023;Crespellano;08;037;037061;Valsamoggia;x;y;2014-01-01;',
      ]),
    );
    expect(events).toEqual([]);
    expect(issues).toEqual([
      { line: 2, column: 'Codice Comune formato alfanumerico', message: '"Codice Comune formato alfanumerico" "15149" must be 6 digits' },
      { line: 3, column: 'Data decorrenza validità amministrativa', message: '"Data decorrenza validità amministrativa" "31/02/2014" must be a date written dd/mm/yyyy' },
      { line: 4, column: 'Data decorrenza validità amministrativa', message: '"Data decorrenza validità amministrativa" "2014-01-01" must be a date written dd/mm/yyyy' },
    ]);
  });
});
