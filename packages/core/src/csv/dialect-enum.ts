// The GraphQL enum of CSV dialects, defined once per schema so every export takes the same argument.
import { perBuilder } from '../kit/refs.ts';
import { csvDialects } from './write.ts';

export const csvDialectEnum = perBuilder((builder) =>
  builder.enumType('CsvDialect', {
    description:
      'How a CSV export is written. STANDARD: RFC 4180, comma-separated, decimal point, no byte-order mark. ITALIAN_EXCEL: what Excel set to Italian opens as columns: semicolon-separated, decimal comma in amounts, UTF-8 with a byte-order mark.',
    values: csvDialects,
  }),
);
