// The network drawn with Cytoscape.js (loaded on this screen only): sites placed by their coordinates
// (an equirectangular projection around the sites' centre) or laid out in a row below when unknown,
// the hub emphasised, provider networks between the sites and the hub, circuits as edges coloured
// by technology or by status. A canvas says nothing to a screen reader: the container is an image
// with a summary, and the page shows the same data as tables.
import type { Core, ElementDefinition } from 'cytoscape';
import { createEffect, onCleanup, onMount } from 'solid-js';
import { HUB_COLOUR, NETWORK_COLOUR, SITE_COLOUR, STATUS_COLOURS, TECHNOLOGY_COLOURS } from './colours.ts';

export interface GraphSite {
  id: string;
  name: string;
  entityId: string;
  entityName: string;
  latitude: number | null;
  longitude: number | null;
  isHub: boolean;
}
export interface GraphLink {
  id: string;
  cid: string;
  technology: string;
  status: string;
  fromSiteId: string | null;
  fromNetworkId: string | null;
  toSiteId: string | null;
  toNetworkId: string | null;
}
export interface GraphNetwork {
  id: string;
  name: string;
}
export interface GraphData {
  hubId: string | null;
  hubNetworkIds: readonly string[];
  sites: readonly GraphSite[];
  links: readonly GraphLink[];
  networks: readonly GraphNetwork[];
}

export type ColourBy = 'technology' | 'status';

const CYTOSCAPE_STYLESHEET = '__________cytoscape_stylesheet';
const WIDTH = 900;
const HEIGHT = 520;

/** x/y for each site with coordinates: longitudes shrunk by the cosine of the mean latitude. */
export function project(sites: readonly GraphSite[]): Map<string, { x: number; y: number }> {
  const placed = sites.filter((s) => s.latitude !== null && s.longitude !== null);
  const positions = new Map<string, { x: number; y: number }>();
  if (placed.length === 0) return positions;
  const meanLat = placed.reduce((sum, s) => sum + s.latitude!, 0) / placed.length;
  const k = Math.cos((meanLat * Math.PI) / 180);
  const xs = placed.map((s) => s.longitude! * k);
  const ys = placed.map((s) => -s.latitude!);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min(WIDTH / Math.max(maxX - minX, 1e-6), HEIGHT / Math.max(maxY - minY, 1e-6));
  placed.forEach((site, i) => positions.set(site.id, { x: (xs[i]! - minX) * scale, y: (ys[i]! - minY) * scale }));
  return positions;
}

function elements(data: GraphData, colourBy: ColourBy): ElementDefinition[] {
  const positions = project(data.sites);
  const placedCount = positions.size;
  // Sites without coordinates: a row below the map.
  let row = 0;
  for (const site of data.sites) {
    if (!positions.has(site.id)) positions.set(site.id, { x: (row++ % 12) * 75, y: (placedCount ? HEIGHT : 0) + 90 + Math.floor(row / 12) * 60 });
  }
  // Provider networks: between their sites' centre and the hub, so that spokes converge there.
  const hub = data.hubId ? positions.get(data.hubId) : undefined;
  const networkPositions = new Map<string, { x: number; y: number }>();
  data.networks.forEach((network, i) => {
    const ends = data.links
      .filter((l) => l.toNetworkId === network.id || l.fromNetworkId === network.id)
      .map((l) => positions.get(l.fromSiteId ?? l.toSiteId ?? ''))
      .filter((p): p is { x: number; y: number } => !!p);
    const centre = ends.length
      ? { x: ends.reduce((s, p) => s + p.x, 0) / ends.length, y: ends.reduce((s, p) => s + p.y, 0) / ends.length }
      : { x: WIDTH / 2, y: HEIGHT / 2 };
    const base = hub ? { x: (centre.x + hub.x) / 2, y: (centre.y + hub.y) / 2 } : centre;
    networkPositions.set(network.id, { x: base.x + 80 * i - 40 * (data.networks.length - 1), y: base.y + 50 * i });
  });

  const nodes: ElementDefinition[] = [
    ...data.sites.map((site) => ({
      group: 'nodes' as const,
      data: { id: site.id, label: site.isHub ? site.name : site.entityName, entityId: site.entityId, kind: site.isHub ? 'hub' : 'site' },
      position: positions.get(site.id)!,
      classes: site.isHub ? 'hub' : 'site',
    })),
    ...data.networks.map((network) => ({
      group: 'nodes' as const,
      data: { id: network.id, label: network.name, kind: 'network' },
      position: networkPositions.get(network.id)!,
      classes: 'network',
    })),
  ];
  const known = new Set(nodes.map((n) => n.data.id));
  const colours = colourBy === 'technology' ? TECHNOLOGY_COLOURS : STATUS_COLOURS;
  const edges: ElementDefinition[] = data.links.flatMap((link) => {
    const source = link.fromSiteId ?? link.fromNetworkId;
    const target = link.toSiteId ?? link.toNetworkId;
    if (!source || !target || !known.has(source) || !known.has(target)) return [];
    const key = colourBy === 'technology' ? link.technology : link.status;
    return [
      {
        group: 'edges' as const,
        data: { id: link.id, source, target, label: link.cid, colour: colours[key] ?? '#5f6368' },
        classes: link.status === 'ACTIVE' ? 'link' : 'link inactive',
      },
    ];
  });
  // The hub reached through a network whose link the reader may not see (a referent): a dotted line.
  if (data.hubId && known.has(data.hubId)) {
    for (const networkId of data.hubNetworkIds) {
      const drawn = edges.some((e) => (e.data.source === data.hubId && e.data.target === networkId) || (e.data.target === data.hubId && e.data.source === networkId));
      if (known.has(networkId) && !drawn) {
        edges.push({ group: 'edges', data: { id: `via-${networkId}`, source: networkId, target: data.hubId, colour: HUB_COLOUR }, classes: 'via' });
      }
    }
  }
  return [...nodes, ...edges];
}

export default function NetworkGraph(props: {
  data: GraphData;
  colourBy: ColourBy;
  label: string;
  onSite: (entityId: string) => void;
}) {
  let container!: HTMLDivElement;
  let cy: Core | undefined;
  let disposed = false;

  const draw = () => {
    if (!cy) return;
    cy.elements().remove();
    cy.add(elements(props.data, props.colourBy));
    cy.fit(undefined, 30);
    container.dataset.nodes = String(cy.nodes().length);
    container.dataset.edges = String(cy.edges('.link').length);
    container.dataset.ready = 'true';
  };

  onMount(async () => {
    const { default: cytoscape } = await import('cytoscape');
    if (disposed) return;
    // Cytoscape adds a <style> element unless one with this id exists: the Content-Security-Policy
    // (style-src 'self') refuses inline styles, so its one rule is in network.css and a placeholder
    // tells it not to try.
    if (!document.getElementById(CYTOSCAPE_STYLESHEET)) {
      const placeholder = document.createElement('template');
      placeholder.id = CYTOSCAPE_STYLESHEET;
      document.head.append(placeholder);
    }
    cy = cytoscape({
      container,
      layout: { name: 'preset' },
      minZoom: 0.2,
      maxZoom: 4,
      wheelSensitivity: 0.3,
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'font-size': 11,
            color: '#1f1f1f',
            'text-valign': 'bottom',
            'text-margin-y': 4,
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.85,
            'text-background-padding': '2px',
          },
        },
        { selector: 'node.site', style: { 'background-color': SITE_COLOUR, width: 16, height: 16 } },
        {
          selector: 'node.hub',
          style: { 'background-color': HUB_COLOUR, shape: 'star', width: 34, height: 34, 'font-weight': 'bold', 'border-width': 2, 'border-color': '#ffffff' },
        },
        { selector: 'node.network', style: { 'background-color': NETWORK_COLOUR, shape: 'round-rectangle', width: 46, height: 22, 'text-valign': 'center', color: '#ffffff', 'text-background-opacity': 0 } },
        { selector: 'edge', style: { width: 2.5, 'line-color': 'data(colour)', 'curve-style': 'bezier' } },
        { selector: 'edge.inactive', style: { 'line-style': 'dashed' } },
        { selector: 'edge.via', style: { 'line-style': 'dotted', width: 2 } },
      ],
    });
    cy.on('tap', 'node.site, node.hub', (event) => props.onSite(event.target.data('entityId') as string));
    draw();
  });
  createEffect(() => {
    // redraw when the data or the colouring change
    void props.data;
    void props.colourBy;
    draw();
  });
  onCleanup(() => {
    disposed = true;
    cy?.destroy();
  });

  return <div ref={container} class="connectivity-graph" role="img" aria-label={props.label} data-ready="false" />;
}
