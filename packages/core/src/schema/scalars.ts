import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import type { GeaBuilder } from '../builder.ts';

export function addScalars(builder: GeaBuilder) {
  builder.addScalarType('DateTime', DateTimeResolver);
  // ISO calendar date (YYYY-MM-DD): reference dates, purchase dates, terms.
  builder.addScalarType('Date', DateResolver);
}
