import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeImportBytes } from './decode.ts';
import {
  DEMO_MUNICIPALITIES,
  encodeUtf8WithBom,
  encodeWindows1252,
  ipaFile,
  istatFile,
  istatLine,
  ISTAT_HEADER,
  syntheticMunicipalities,
} from './fixtures/published-files.ts';
import { isPlaceholder, normalizeHeader, recogniseLayout } from './layouts.ts';
import { checkEntityCsv } from './validate.ts';

const rowsOf = (text: string) => checkEntityCsv(text);

describe('ISTAT "Elenco dei comuni italiani", as published', () => {
  it('is recognised by its header, line breaks inside the quoted header cells included', () => {
    const text = istatFile(DEMO_MUNICIPALITIES);
    expect(text.split('\r\n')[0]).toContain('"Codice dell\'Unità territoriale sovracomunale \n(valida a fini statistici)"');
    const checked = rowsOf(text);
    expect(checked.layout).toBe('ISTAT_MUNICIPALITIES');
    expect(checked.issues).toEqual([]);
    expect(checked.rowCount).toBe(8);
    // The header takes lines 1-3 (two cells hold a line break): the first municipality is on line 4.
    expect(checked.rows[2]).toEqual({
      line: 6,
      kind: 'MUNICIPALITY',
      name: 'Pontassieve',
      istatCode: '048033',
      cadastralCode: 'G825',
      province: 'FI',
      taxCode: null,
      ipaCode: null,
      pec: null,
      memberOf: null,
      populations: [],
    });
  });

  it('reads the same rows from Windows-1252 and from UTF-8 with BOM, whatever the names (property)', () => {
    // Letters of Italian, French, German and Slovene names in Italy, all in Windows-1252.
    const letter = fc.constantFrom(...'abcdefghilmnopqrstuvzàèéìòùÀÈÉÌÒÙâêîôûçëïüöäßšž’\' -'.split(''));
    const name = fc.array(letter, { minLength: 1, maxLength: 30 }).map((chars) => `S${chars.join('')}`.trim());
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 12 }), (names) => {
        const municipalities = names.map((n, i) => ({
          istatCode: `099${String(i + 1).padStart(3, '0')}`,
          name: n,
          cadastralCode: `Z${String(i + 1).padStart(3, '0')}`,
          province: 'ZZ',
        }));
        const text = istatFile(municipalities);
        const fromCp1252 = decodeImportBytes(encodeWindows1252(text));
        const fromUtf8 = decodeImportBytes(encodeUtf8WithBom(text));
        expect(fromUtf8.encoding).toBe('UTF-8');
        const a = rowsOf(fromCp1252.text);
        const b = rowsOf(fromUtf8.text);
        expect(a.issues).toEqual([]);
        expect(a.rows).toEqual(b.rows);
        expect(a.rows.map((row) => row.name)).toEqual(names);
      }),
      { numRuns: 60 },
    );
  });

  it('reports "N.D." and other placeholders by line and by the file\'s own column, and only those rows', () => {
    const lines = istatFile(DEMO_MUNICIPALITIES).split('\r\n');
    // Line 5 of the file is Pelago (the header takes lines 1-3).
    // lines[0] is the header (three lines of the file: two cells hold a line break).
    lines[2] = lines[2]!.replace(';G420;', ';N.D.;');
    lines[4] = lines[4]!.replace(';048035;', ';n.d.;');
    const checked = rowsOf(lines.join('\r\n'));
    expect(checked.issues).toEqual([
      { line: 5, column: 'Codice Catastale del comune', message: '"Codice Catastale del comune" holds the placeholder "N.D." instead of a value' },
      { line: 7, column: 'Codice Comune formato alfanumerico', message: '"Codice Comune formato alfanumerico" holds the placeholder "n.d." instead of a value' },
    ]);
    expect(checked.rows.map((row) => row.name)).toEqual(['Londa', 'Pontassieve', "Rignano sull'Arno", 'Rufina', 'San Godenzo', 'Prato']);
  });

  it('names the file\'s own column when a value is wrong', () => {
    const text = istatFile([{ ...DEMO_MUNICIPALITIES[0]!, cadastralCode: 'E66' }]);
    expect(rowsOf(text).issues).toEqual([
      { line: 4, column: 'Codice Catastale del comune', message: '"Codice Catastale del comune" "E66" must be one letter and 3 digits' },
    ]);
  });

  it('reads all 7,904 rows of a full-size list (synthetic, layout-exact) without a problem', () => {
    const municipalities = syntheticMunicipalities();
    expect(municipalities).toHaveLength(7904);
    const { text, encoding } = decodeImportBytes(encodeWindows1252(istatFile(municipalities)));
    expect(encoding).toBe('Windows-1252');
    const checked = rowsOf(text);
    expect(checked.issues).toEqual([]);
    expect(checked.rows).toHaveLength(7904);
    expect(checked.rows[7903]!.name).toBe(municipalities[7903]!.name);
  }, 60_000);

  it('does not take the province code of Napoli ("NA") for a placeholder', () => {
    expect(isPlaceholder('NA')).toBe(false);
    expect(isPlaceholder(' N.D. ')).toBe(true);
    const line = istatLine({ istatCode: '063049', name: 'Napoli', cadastralCode: 'F839', province: 'NA' });
    const checked = rowsOf(`${ISTAT_HEADER.map((c) => `"${c}"`).join(';')}\n${line}\n`);
    expect(checked.issues).toEqual([]);
    expect(checked.rows[0]).toMatchObject({ name: 'Napoli', province: 'NA', istatCode: '063049' });
  });
});

describe('IPA open data "Enti", as published', () => {
  const file = ipaFile([
    { ipaCode: 'c_g825', name: 'Comune di Pontassieve', taxCode: '01210280481', category: 'L6', istatCode: '048033', cadastralCode: 'G825', pec: 'comune.pontassieve@postacert.toscana.it', pecSecond: true },
    { ipaCode: 'p_po', name: 'Provincia di Prato', taxCode: '92035800488', category: 'L5', istatCode: '100005', cadastralCode: 'G999', pec: 'provinciadiprato@postacert.toscana.it' },
    { ipaCode: 'istsc_fiic81600d', name: 'Istituto Comprensivo Pontassieve', taxCode: '94076080483', category: 'L33', istatCode: '048033', cadastralCode: 'G825' },
  ]);

  it('is recognised by its header; municipalities by their ISTAT code, other bodies without their seat\'s codes', () => {
    const checked = rowsOf(file);
    expect(checked.layout).toBe('IPA_BODIES');
    expect(checked.issues).toEqual([]);
    expect(checked.rowCount).toBe(3);
    expect(checked.skipped).toBe(1); // the school: not a kind of body GEA keeps
    expect(checked.rows).toEqual([
      expect.objectContaining({ line: 2, kind: 'MUNICIPALITY', name: 'Pontassieve', istatCode: '048033', cadastralCode: 'G825', ipaCode: 'c_g825', taxCode: '01210280481', pec: 'comune.pontassieve@postacert.toscana.it' }),
      expect.objectContaining({ line: 3, kind: 'PROVINCE', name: 'Provincia di Prato', istatCode: null, cadastralCode: null, ipaCode: 'p_po', taxCode: '92035800488', pec: 'provinciadiprato@postacert.toscana.it' }),
    ]);
  });

  it('names IPA\'s column when a value is wrong', () => {
    const bad = ipaFile([{ ipaCode: 'c_x', name: 'Comune di X', taxCode: '01210280482', category: 'L6', istatCode: '048033', cadastralCode: 'G825' }]);
    expect(rowsOf(bad).issues).toEqual([{ line: 2, column: 'Codice_fiscale_ente', message: '"Codice_fiscale_ente" "01210280482" has a wrong check digit' }]);
  });
});

describe('decoding', () => {
  it('decodes every Windows-1252 letter, the 0x80-0x9F ones included (Node\'s own decoder drops them)', () => {
    const text = 'Sant’Angelo “€” Šž Œ – Agliè';
    expect(decodeImportBytes(encodeWindows1252(text))).toEqual({ text, encoding: 'Windows-1252' });
    expect(decodeImportBytes(encodeUtf8WithBom(text))).toEqual({ text, encoding: 'UTF-8' });
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const decoded = decodeImportBytes(all).text;
    expect(decoded).toHaveLength(256);
    expect(decoded[0x80]).toBe('€');
    expect(decoded[0x92]).toBe('’');
    expect(decoded[0x9f]).toBe('Ÿ');
    expect(decoded[0xe0]).toBe('à');
  });
});

describe('layout recognition', () => {
  it('keeps GEA\'s own layout for data/entities.csv-style headers', () => {
    expect(recogniseLayout(['kind', 'name', 'istat_code'])).toBeNull();
    expect(normalizeHeader(' Codice dell\'Unità territoriale sovracomunale \r\n(valida a fini statistici)')).toBe(
      "codice dell'unità territoriale sovracomunale (valida a fini statistici)",
    );
  });
});
