// Loading an EU trusted list into the database (CLI `npm run trust:import` and the
// importTrustedList mutation), and reading the loaded certificates back as trust anchors.
import type { GeaPrismaClient } from '@gea/db';
import * as pkijs from 'pkijs';
import { parseTrustList, type SkippedService, type TrustList } from './trust-list.ts';

export interface TrustListImportResult {
  dryRun: boolean;
  territory: string;
  sequenceNumber: number | null;
  issuedAt: Date | null;
  nextUpdate: Date | null;
  operator: string;
  /** Certificates loaded as trust anchors. */
  loaded: number;
  /** Certificates of the same territory's earlier import, now replaced. */
  replaced: number;
  skipped: SkippedService[];
  /** The loaded certificates, in list order. */
  certificates: { subject: string; provider: string; service: string; fingerprint: string; validTo: Date }[];
}

/**
 * Replaces the certificates loaded from `territory`'s list with those of this one (a service
 * withdrawn since the last import stops being trusted). Run it inside a transaction: the mutation's
 * own, or `prisma.$transaction` from the command line.
 */
export async function importTrustList(prisma: GeaPrismaClient, xml: string | Uint8Array, { dryRun = false } = {}): Promise<TrustListImportResult> {
  const list: TrustList = parseTrustList(xml);
  const replaced = await prisma.trustedListCertificate.count({ where: { territory: list.territory } });
  if (!dryRun) {
    await prisma.trustedListCertificate.deleteMany({ where: { territory: list.territory } });
    if (list.certificates.length > 0) {
      await prisma.trustedListCertificate.createMany({
        data: list.certificates.map((c) => ({
          territory: list.territory,
          listSequenceNumber: list.sequenceNumber,
          fingerprint: c.fingerprint,
          der: Buffer.from(c.der),
          subject: c.subject,
          issuer: c.issuer,
          serialNumber: c.serialNumber,
          validFrom: c.validFrom,
          validTo: c.validTo,
          providerName: c.provider,
          serviceName: c.service,
          serviceType: c.serviceType,
          serviceStatus: c.serviceStatus,
        })),
      });
    }
  }
  return {
    dryRun,
    territory: list.territory,
    sequenceNumber: list.sequenceNumber,
    issuedAt: list.issuedAt,
    nextUpdate: list.nextUpdate,
    operator: list.operator,
    loaded: list.certificates.length,
    replaced,
    skipped: list.skipped,
    certificates: list.certificates.map((c) => ({ subject: c.subject, provider: c.provider, service: c.service, fingerprint: c.fingerprint, validTo: c.validTo })),
  };
}

/** One line per skipped service, for the command line and the audit trail. */
export const describeSkipped = (s: SkippedService) => `${s.provider} / ${s.service}: ${s.reason} (${s.messageEn})`;

const cache = new WeakMap<object, { key: string; certificates: pkijs.Certificate[] }>();

/**
 * The certificates imported from trusted lists, as trust anchors. Parsed once and kept while the
 * table does not change (checked with one aggregate query per call, so every API process sees an
 * import made by another).
 */
export async function importedTrustAnchors(prisma: GeaPrismaClient, cacheOwner: object = prisma): Promise<pkijs.Certificate[]> {
  const stamp = await prisma.trustedListCertificate.aggregate({ _count: { _all: true }, _max: { importedAt: true } });
  const key = `${stamp._count._all}:${stamp._max.importedAt?.getTime() ?? 0}`;
  const cached = cache.get(cacheOwner);
  if (cached?.key === key) return cached.certificates;
  const rows = await prisma.trustedListCertificate.findMany({ select: { der: true }, orderBy: { id: 'asc' } });
  const certificates = rows.map((row) => pkijs.Certificate.fromBER(new Uint8Array(row.der)));
  cache.set(cacheOwner, { key, certificates });
  return certificates;
}

/**
 * Every trust anchor: the configured CA certificates (PEM, folder) and those imported from trusted
 * lists. For callers outside the verification mutation (e.g. checking a PEC receipt's envelope).
 * Inside a mutation pass `context.prisma` (its transaction: on PGlite a query on the root client
 * would wait for that transaction) and `context.db` as `cacheOwner`, so the parsed certificates are
 * kept across requests.
 */
export async function trustAnchors(
  prisma: GeaPrismaClient,
  configured: () => Promise<readonly pkijs.Certificate[]>,
  cacheOwner: object = prisma,
): Promise<pkijs.Certificate[]> {
  const [fromConfig, imported] = await Promise.all([configured(), importedTrustAnchors(prisma, cacheOwner)]);
  return [...fromConfig, ...imported];
}
