// Scopes and dates every inventory schema file uses.
import { scopes } from '../permissions.ts';

export { today, isoDate } from '@gea/core';
export const readOn = scopes.readOn;
export const writeOn = scopes.writeOn;
