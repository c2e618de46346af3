// The colours of the network view, shared by the graph and its legend (kept apart so that the
// legend does not pull the graph's chunk, Cytoscape with it, into the page).
/** Colours with at least 3:1 contrast on white, told apart by the legend's words as well. */
export const TECHNOLOGY_COLOURS: Record<string, string> = {
  FTTH_FTTB: '#1b7a3a',
  FTTC: '#a35a00',
  FWA: '#1f5fbf',
  XDSL: '#b3261e',
  SATELLITE: '#6b3fa0',
  RADIO: '#00777a',
  OTHER: '#5f6368',
};
export const STATUS_COLOURS: Record<string, string> = {
  ACTIVE: '#1b7a3a',
  OFFLINE: '#b3261e',
  ORDERED: '#5f6368',
  PLANNED: '#5f6368',
  PROVISIONING: '#1f5fbf',
  DEPROVISIONING: '#a35a00',
  DECOMMISSIONED: '#3c4043',
};
export const HUB_COLOUR = '#7a1f5c';
export const SITE_COLOUR = '#1d3f6e';
export const NETWORK_COLOUR = '#4d5156';

