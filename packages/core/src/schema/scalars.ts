import { DateResolver, DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import type { GeaBuilder } from '../builder.ts';
import { InputError } from '../errors.ts';
import { centsOf, parseCents, parseCentsLiteral } from '../cents.ts';

export function addScalars(builder: GeaBuilder) {
  builder.addScalarType('DateTime', DateTimeResolver);
  // ISO calendar date (YYYY-MM-DD): reference dates, purchase dates, terms.
  builder.addScalarType('Date', DateResolver);
  // Structured content whose shape is checked by the field that takes it (a CMS page's fields).
  builder.addScalarType('JSONObject', JSONObjectResolver);
  builder.scalarType('Cents', {
    description:
      'An amount in euro cents, up to ±9007199254740991 (2^53 - 1). Sent as a JSON number; accepted as a JSON integer ' +
      'or a string of digits. A fraction or a larger amount is refused (BAD_USER_INPUT, reason CENTS_NOT_AN_INTEGER or CENTS_OUT_OF_RANGE).',
    serialize: (value) => centsOf(value as bigint | number),
    parseValue: parseCents,
    parseLiteral: parseCentsLiteral,
  });
  // GraphQL multipart request spec: Yoga parses multipart bodies and puts a File in the variable.
  builder.scalarType('Upload', {
    description: 'A file sent with the GraphQL multipart request spec (multipart/form-data: operations, map, files).',
    serialize: () => {
      throw new Error('Upload is an input-only scalar');
    },
    // Yoga may hand over its own File implementation (@whatwg-node): recognised by shape, not class.
    parseValue: (value) => {
      const file = value as Partial<File> | null;
      if (file && typeof file === 'object' && typeof file.arrayBuffer === 'function' && typeof file.name === 'string') return value as File;
      throw new InputError([{ path: [], message: 'is not a file: send it as multipart/form-data (GraphQL multipart request spec)' }]);
    },
  });
}
