// Published files of public bodies, recognised by their header and read as they are published:
// ISTAT's "Elenco dei comuni italiani" and the IPA open-data export of bodies ("Enti"). Each is
// mapped onto GEA's own columns, so one validation and one writer serve every layout.
import type { CsvRecord } from '../csv/records.ts';
import type { ValueColumn } from './columns.ts';

export type EntityFileLayout = 'GEA' | 'ISTAT_MUNICIPALITIES' | 'IPA_BODIES' | 'ISTAT_CHANGES';

/** Header cells compared without case, line breaks or repeated spaces (ISTAT's header cells hold line breaks). */
export const normalizeHeader = (cell: string): string => cell.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Cells that stand for "no value" in published files. "NA" is not one of them: it is Napoli's
 * province code. Reported, not taken as a value.
 */
const PLACEHOLDERS = new Set(['n.d.', 'n.d', 'nd', 'n/d', '#n/d', '#n/a', 'n/a', 'n.a.', 'null', '-', '--', '?']);
export const isPlaceholder = (value: string): boolean => PLACEHOLDERS.has(value.trim().toLowerCase());

/** How one GEA column is read from a published file. */
interface Source {
  /** Header of the published column (as published; matched with normalizeHeader). */
  header: string;
  /** Other spellings the same column has had in earlier editions. */
  alternatives?: string[];
}

export interface PublishedLayout {
  layout: Exclude<EntityFileLayout, 'GEA' | 'ISTAT_CHANGES'>;
  /** Every one of these headers must be present. */
  required: string[];
  columns: Partial<Record<ValueColumn, Source>>;
  /** The GEA kind of a row, or null when the row is not one GEA manages (it is then skipped, not refused). */
  kindOf: (cell: (header: string) => string) => string | null;
  /** Columns filled only for some kinds (the IPA export gives the seat's municipality codes for every body). */
  onlyFor?: Partial<Record<ValueColumn, string[]>>;
  /** The PEC address, where the file spreads addresses over several columns. */
  pecOf?: (cell: (header: string) => string) => string;
  /** The body's name as GEA keeps it, where the file words it otherwise. */
  nameOf?: (name: string, kind: string) => string;
}

/**
 * ISTAT, "Elenco dei comuni italiani" (Elenco-comuni-italiani.csv, istat.it/classificazione/codici-dei-comuni-...):
 * semicolon-separated, Windows-1252 (or UTF-8 with BOM), one municipality per row.
 */
export const ISTAT_MUNICIPALITIES: PublishedLayout = {
  layout: 'ISTAT_MUNICIPALITIES',
  required: ['Codice Comune formato alfanumerico', 'Denominazione in italiano', 'Codice Catastale del comune'],
  columns: {
    istat_code: { header: 'Codice Comune formato alfanumerico' },
    name: { header: 'Denominazione in italiano' },
    cadastral_code: { header: 'Codice Catastale del comune' },
    province: { header: 'Sigla automobilistica' },
  },
  kindOf: () => 'MUNICIPALITY',
};

/** IPA categories (Codice_Categoria) GEA keeps, as kinds. Other bodies of the export are skipped. */
export const IPA_KINDS: Record<string, string> = {
  L6: 'MUNICIPALITY', // Comuni e loro Consorzi e Associazioni
  L5: 'PROVINCE', // Province e loro Consorzi e Associazioni
  L18: 'UNION', // Unioni di Comuni e loro Consorzi e Associazioni
  L45: 'PROVINCE', // Citta' Metropolitane (successors of the provinces they replaced)
};

/**
 * IPA open data, "Enti" (indicepa.gov.it/ipa-dati, enti.csv): comma-separated, UTF-8, one body per
 * row, its PEC among Mail1..Mail5 by Tipo_MailN.
 */
export const IPA_BODIES: PublishedLayout = {
  layout: 'IPA_BODIES',
  required: ['Codice_IPA', 'Denominazione_ente', 'Codice_fiscale_ente', 'Codice_Categoria'],
  columns: {
    ipa_code: { header: 'Codice_IPA' },
    name: { header: 'Denominazione_ente' },
    tax_code: { header: 'Codice_fiscale_ente' },
    istat_code: { header: 'Codice_comune_ISTAT' },
    cadastral_code: { header: 'Codice_catastale_comune' },
  },
  kindOf: (cell) => IPA_KINDS[cell('Codice_Categoria').trim().toUpperCase()] ?? null,
  // IPA names a municipality "Comune di Pontassieve"; ISTAT and GEA name it "Pontassieve".
  nameOf: (name, kind) => (kind === 'MUNICIPALITY' ? name.replace(/^\s*comune di\s+/i, '') : name),
  // The codes of the municipality where a body has its seat: they identify only a municipality itself.
  onlyFor: { istat_code: ['MUNICIPALITY'], cadastral_code: ['MUNICIPALITY'] },
  pecOf: (cell) => {
    for (let n = 1; n <= 5; n++) {
      if (normalizeHeader(cell(`Tipo_Mail${n}`)) === 'pec' && cell(`Mail${n}`).trim() !== '') return cell(`Mail${n}`).trim();
    }
    return '';
  },
};

export const PUBLISHED_LAYOUTS: readonly PublishedLayout[] = [ISTAT_MUNICIPALITIES, IPA_BODIES];

/** The published layout a header belongs to, or null for GEA's own layout. */
export function recogniseLayout(header: readonly string[]): PublishedLayout | null {
  const cells = new Set(header.map(normalizeHeader));
  return PUBLISHED_LAYOUTS.find((layout) => layout.required.every((name) => cells.has(normalizeHeader(name)))) ?? null;
}

/** GEA's columns in the order of the records a published file is turned into. */
export const MAPPED_COLUMNS: readonly ValueColumn[] = ['kind', 'name', 'istat_code', 'cadastral_code', 'province', 'tax_code', 'ipa_code', 'pec'];

export interface MappedFile {
  records: CsvRecord[];
  /** Rows of bodies GEA does not keep (IPA categories other than municipalities, provinces, unions). */
  skipped: number;
  /** GEA column -> the published header it was read from, for messages that name the file's own column. */
  sourceColumns: Partial<Record<ValueColumn, string>>;
  /** Placeholder cells ("N.D."): line, published column, value. */
  placeholders: { line: number; column: string; value: string }[];
}

/** Turns a published file's records into records of GEA's columns (MAPPED_COLUMNS), with the same lines. */
export function mapPublishedRecords(layout: PublishedLayout, header: readonly string[], records: readonly CsvRecord[]): MappedFile {
  const index = new Map<string, number>();
  header.forEach((cell, i) => {
    const key = normalizeHeader(cell);
    if (!index.has(key)) index.set(key, i);
  });
  const headerIndex = (source: Source | undefined) => {
    if (!source) return undefined;
    for (const name of [source.header, ...(source.alternatives ?? [])]) {
      const i = index.get(normalizeHeader(name));
      if (i !== undefined) return i;
    }
    return undefined;
  };
  const sourceColumns: Partial<Record<ValueColumn, string>> = {};
  for (const [column, source] of Object.entries(layout.columns) as [ValueColumn, Source][]) {
    const i = headerIndex(source);
    if (i !== undefined) sourceColumns[column] = header[i]!.replace(/\s+/g, ' ').trim();
  }
  const placeholders: MappedFile['placeholders'] = [];
  const mapped: CsvRecord[] = [];
  let skipped = 0;
  for (const record of records) {
    const cell = (name: string) => {
      const i = index.get(normalizeHeader(name));
      return i === undefined ? '' : (record.fields[i] ?? '');
    };
    const kind = layout.kindOf(cell);
    if (kind === null) {
      skipped++;
      continue;
    }
    const fields = MAPPED_COLUMNS.map((column) => {
      if (column === 'kind') return kind;
      if (column === 'pec' && layout.pecOf) return layout.pecOf(cell);
      if (column === 'name' && layout.nameOf) return layout.nameOf(cell(layout.columns.name!.header), kind);
      const i = headerIndex(layout.columns[column]);
      if (i === undefined) return '';
      if (layout.onlyFor?.[column] && !layout.onlyFor[column]!.includes(kind)) return '';
      const value = record.fields[i] ?? '';
      if (isPlaceholder(value)) {
        placeholders.push({ line: record.line, column: sourceColumns[column]!, value: value.trim() });
        return '';
      }
      return value;
    });
    mapped.push({ line: record.line, fields });
  }
  return { records: mapped, skipped, sourceColumns, placeholders };
}
