// Where a circuit's end may be: side A on a site of the circuit's body, side Z on any site (the
// central site is the union's) or on either side a network of the circuit's own provider; the CPE
// an asset of the body the site belongs to. Pure: the caller reads the facts.
import type { TerminationSide } from '@gea/db';

export interface TerminationFacts {
  side: TerminationSide;
  circuit: { entityId: string; providerId: string };
  /** The site named, with its body; `missing` when the id names no site. */
  site: { entityId: string } | 'missing' | null;
  /** The provider network named, with its provider; `missing` when the id names none. */
  providerNetwork: { providerId: string } | 'missing' | null;
  /** The CPE asset named, with its body; `missing` when the id names no asset. */
  cpe: { entityId: string } | 'missing' | null;
}

export interface TerminationIssue {
  field: 'siteId' | 'providerNetworkId' | 'cpeAssetId';
  message: string;
  code?: 'REQUIRED' | 'INVALID_VALUE';
}

export function terminationIssues(facts: TerminationFacts): TerminationIssue[] {
  const issues: TerminationIssue[] = [];
  if ((facts.site === null) === (facts.providerNetwork === null)) {
    issues.push({ field: 'siteId', message: 'give either a site or a provider network, not both or neither', code: 'REQUIRED' });
    return issues;
  }
  if (facts.site === 'missing') issues.push({ field: 'siteId', message: 'no such site' });
  else if (facts.site && facts.side === 'A' && facts.site.entityId !== facts.circuit.entityId) {
    issues.push({ field: 'siteId', message: "side A must be a site of the circuit's body" });
  }
  if (facts.providerNetwork === 'missing') issues.push({ field: 'providerNetworkId', message: 'no such provider network' });
  else if (facts.providerNetwork && facts.providerNetwork.providerId !== facts.circuit.providerId) {
    issues.push({ field: 'providerNetworkId', message: "is a network of another provider than the circuit's" });
  }
  if (facts.cpe === 'missing') issues.push({ field: 'cpeAssetId', message: 'no such asset' });
  else if (facts.cpe) {
    if (!facts.site || facts.site === 'missing') issues.push({ field: 'cpeAssetId', message: 'a CPE is installed at a site: this end is not on one' });
    else if (facts.cpe.entityId !== facts.site.entityId) issues.push({ field: 'cpeAssetId', message: "is an asset of another body than the site's" });
  }
  return issues;
}
