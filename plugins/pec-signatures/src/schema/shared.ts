// Scopes, dates and small helpers every pec-signatures schema file uses.
import { scopes } from '../permissions.ts';

export { today, DAY_MS } from '@gea/core';
export const { readOn, writeOn, readList, writeOnBodyOf } = scopes;
