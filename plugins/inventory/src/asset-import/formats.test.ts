import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldHeader, normaliseAmount, normaliseCell, normaliseDate, normaliseKind, normaliseStatus, recogniseHeader } from './formats.ts';

const fixture = (name: string) => readFileSync(new URL(`../../tests/fixtures/${name}`, import.meta.url), 'utf8');
const headerOf = (text: string, delimiter: string) => text.split('\n')[0]!.split(delimiter);

describe('recognising the exports of other tools', () => {
  it("reads GEA's own export as it is", () => {
    const { format, mapping } = recogniseHeader(['body', 'inventory_tag', 'kind', 'notes', 'price_eur']);
    expect(format).toBe('gea');
    expect(mapping).toEqual(['body', 'inventory_tag', 'kind', null, 'price_eur']);
  });

  it('recognises a GLPI computer export in Italian, with its BOM and the group prefixes of linked columns', () => {
    const { format, mapping } = recogniseHeader(headerOf(fixture('glpi-computers-it.csv'), ';'));
    expect(format).toBe('glpi-it');
    expect(mapping).toEqual([
      null, // Nome: the computer's name, not its inventory number
      'body',
      'status',
      'manufacturer',
      'serial_number',
      'kind',
      'model',
      'site',
      'inventory_tag',
      'assigned_to',
      'supplier',
      'purchase_date',
      'price_eur',
      'warranty_end',
      null,
    ]);
  });

  it('recognises a GLPI computer export in English', () => {
    const { format, mapping } = recogniseHeader(headerOf(fixture('glpi-computers-en.csv'), ';'));
    expect(format).toBe('glpi-en');
    expect(mapping.filter(Boolean)).toEqual([
      'body',
      'status',
      'manufacturer',
      'serial_number',
      'kind',
      'model',
      'site',
      'inventory_tag',
      'assigned_to',
      'supplier',
      'purchase_date',
      'price_eur',
      'warranty_end',
    ]);
  });

  it("recognises a Snipe-IT asset export, leaving out what GEA does not keep (the checkout's Type among them)", () => {
    const { format, mapping } = recogniseHeader(headerOf(fixture('snipeit-assets.csv'), ','));
    expect(format).toBe('snipe-it');
    const byHeader = Object.fromEntries(headerOf(fixture('snipeit-assets.csv'), ',').map((name, i) => [name, mapping[i]]));
    expect(byHeader).toMatchObject({
      Company: 'body',
      'Asset Name': null,
      'Asset Tag': 'inventory_tag',
      Model: 'model',
      'Model No.': null,
      Category: 'kind',
      Serial: 'serial_number',
      'Purchase Cost': 'price_eur',
      'Checked Out To': 'assigned_to',
      Type: null,
      Status: 'status',
      Warranty: null,
      'Warranty Expires': 'warranty_end',
    });
  });

  it('maps nothing in a file it does not know', () => {
    expect(recogniseHeader(['foo', 'bar'])).toEqual({ format: 'unknown', mapping: [null, null] });
  });

  it('folds names for comparison', () => {
    expect(foldHeader('\uFEFFInformazioni finanziarie e amministrative - Data d’acquisto ')).toBe("data d'acquisto");
    expect(foldHeader('Entità')).toBe('entita');
  });
});

describe('values of other tools in GEA terms', () => {
  it('dates', () => {
    expect(normaliseDate('14-03-2024')).toBe('2024-03-14');
    expect(normaliseDate('4/3/2024')).toBe('2024-03-04');
    expect(normaliseDate('2024-03-14 10:22:00')).toBe('2024-03-14');
    expect(normaliseDate('31-02-2023')).toBe('2023-02-31'); // left for the API to refuse, by line
    expect(normaliseDate('March 2024')).toBe('March 2024');
  });

  it('amounts', () => {
    expect(normaliseAmount('€ 1.234,56')).toBe('1234,56');
    expect(normaliseAmount('1,049.00')).toBe('1049.00');
    expect(normaliseAmount('1 234,56')).toBe('1234,56');
    expect(normaliseAmount('989,00')).toBe('989,00');
    expect(normaliseAmount('abc')).toBe('abc');
  });

  it('kinds and statuses', () => {
    expect(['Desktops', 'Laptops', 'Printers', 'Stampante multifunzione', 'Switch', 'Monitors', 'server'].map(normaliseKind)).toEqual([
      'DESKTOP_PC',
      'LAPTOP',
      'PRINTER',
      'MULTIFUNCTION_PRINTER',
      'NETWORK_DEVICE',
      'OTHER',
      'SERVER',
    ]);
    expect(
      ['Deployed (deployed)', 'Ready to Deploy (deployable)', 'Out for Repair (undeployable)', 'In magazzino', 'In uso', 'Dismesso', 'Prestato'].map(normaliseStatus),
    ).toEqual(['IN_SERVICE', 'SPARE', 'UNDER_REPAIR', 'SPARE', 'IN_SERVICE', 'DISPOSED', 'Prestato']);
  });

  it("GLPI's entity path to the body, and GEA's own files untouched", () => {
    expect(normaliseCell('glpi-it', 'body', 'Entità radice > Unione > Pontassieve')).toBe('Pontassieve');
    expect(normaliseCell('gea', 'purchase_date', ' 14-03-2024 ')).toBe('14-03-2024');
    expect(normaliseCell('snipe-it', 'supplier', 'Riga uno\nriga due')).toBe('Riga uno riga due');
  });
});
