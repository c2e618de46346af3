// The plugin kit: what every plugin's schema files use, so no plugin carries its own copy.
export { DAY_MS, isoDate, today, addDays, daysBetween, daysFromToday, endOfYear } from './dates.ts';
export { save, saveErrorOf, isUniqueViolation, type SaveErrorMeaning } from './save-errors.ts';
export { modelRef, perBuilder, type ModelName } from './refs.ts';
export { pluginScopes, entityScopes, type PluginScopes } from './scopes.ts';
export { assertReadableThrough, fileResponse } from './access.ts';
export { lockRow, lockForChange, assertVersion, quotedTableName, versionDescription, expectedVersionDescription, type LockedChange } from './versions.ts';
export { auditConcerns, recordSystemEvent, type SystemEvent } from './audit.ts';
export { limitRate } from './rate-limit.ts';
export { likeLiteral, containsText, startsWithText, equalsTextIgnoringCase } from './text-match.ts';
export { TRIGRAM_SEARCH_MINIMUM, isTrigramSearchable, trigramSearchSchema } from './trigram-search.ts';
export { jsonRows, jsonTuples } from './json-rows.ts';
export { isUuid } from './uuid.ts';
export { selectsOnly } from './selection.ts';
export { spliceJson, enableSplices, type Splice } from './spliced-json.ts';
// Relay's global id as the schema writes it, for values written outside the executor (spliceJson).
export { encodeGlobalID } from '@pothos/plugin-relay';
