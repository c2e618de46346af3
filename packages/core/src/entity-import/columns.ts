// The columns of GEA's own entity layout: what the published layouts (layouts.ts) are mapped onto.
export const valueColumns = [
  'kind',
  'name',
  'istat_code',
  'cadastral_code',
  'province',
  'tax_code',
  'ipa_code',
  'pec',
  'member_of',
  'notes',
  // a merger (fusione): the day the body ceased and the ISTAT code of the municipality born of it
  'ceased_on',
  'successor_istat_code',
] as const;
export type ValueColumn = (typeof valueColumns)[number];
