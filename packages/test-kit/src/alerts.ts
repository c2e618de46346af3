import { randomBytes } from 'node:crypto';
import type { GeaPrismaClient, Role } from '@gea/db';

const DAY = 86_400_000;
const ALL_MODULES = ['inventory', 'procurement', 'pec-signatures'];

export type AlertUser = 'head' | 'staff' | 'referentA' | 'referentB' | 'board' | 'disabledReferentA' | 'editorA';

export interface AlertWorld {
  bodies: { a: string; b: string; c: string };
  users: Record<AlertUser, { id: string; email: string; locale: string }>;
  items: { warrantyA: string; warrantyB: string; certificateB: string; mailboxA: string; contractAB: string };
  /** Which items each person must hear of (item ids), given the rules: body, roles, module enabled, active account. */
  expected: Record<AlertUser, string[]>;
}

/**
 * Three bodies (A and B with every module on, C with none), people in each role, and equipment,
 * certificates, mailboxes and contracts around `today`: some inside the alert windows, some outside,
 * one on C (module off). Unique names per call, so several worlds can share a database.
 */
export async function seedAlertWorld(prisma: GeaPrismaClient, today: Date): Promise<AlertWorld> {
  const tag = randomBytes(3).toString('hex');
  const day = (days: number) => new Date(today.getTime() + days * DAY);
  const body = (name: string) => prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: `${name} ${tag}` } });
  const [a, b, c] = [await body('Comune Avvisi A'), await body('Comune Avvisi B'), await body('Comune Avvisi C')];
  await prisma.moduleEnablement.createMany({
    data: [a, b].flatMap((entity) => ALL_MODULES.map((moduleKey) => ({ entityId: entity.id, moduleKey, enabled: true }))),
  });

  const user = async (name: string, roles: { role: Role; entityId: string | null }[], extra: { active?: boolean; locale?: string } = {}) => {
    const created = await prisma.user.create({
      data: { email: `${name.toLowerCase()}.${tag}@example.it`, name, roles: { create: roles }, ...extra },
    });
    return { id: created.id, email: created.email, locale: created.locale };
  };
  const users = {
    head: await user('Head', [{ role: 'ICT_HEAD', entityId: null }]),
    staff: await user('Staff', [{ role: 'ICT_STAFF', entityId: null }], { locale: 'en' }),
    referentA: await user('ReferentA', [{ role: 'REFERENT', entityId: a.id }]),
    referentB: await user('ReferentB', [{ role: 'REFERENT', entityId: b.id }]),
    board: await user('Board', [{ role: 'BOARD_MEMBER', entityId: null }]),
    disabledReferentA: await user('DisabledReferentA', [{ role: 'REFERENT', entityId: a.id }], { active: false }),
    editorA: await user('EditorA', [{ role: 'WEB_EDITOR', entityId: a.id }]),
  };

  const asset = (entityId: string, inventoryTag: string, warrantyEnd: Date, status: 'IN_SERVICE' | 'RETIRED' = 'IN_SERVICE') =>
    prisma.asset.create({ data: { entityId, kind: 'LAPTOP', manufacturer: 'Lenovo', model: 'ThinkPad T14', inventoryTag: `${inventoryTag}-${tag}`, warrantyEnd, status } });
  const warrantyA = await asset(a.id, 'A-1', day(10));
  const warrantyB = await asset(b.id, 'B-1', day(20));
  await asset(a.id, 'A-far', day(100));
  await asset(a.id, 'A-retired', day(5), 'RETIRED');
  await asset(c.id, 'C-1', day(5));

  const certificate = (entityId: string, serialNumber: string, validTo: Date) =>
    prisma.signatureCertificate.create({
      data: {
        entityId,
        holderName: 'Maria Bianchi',
        holderTaxCode: 'BNCMRA80A41D612X',
        deviceType: 'SMART_CARD',
        issuer: 'CA Qualificata Esempio',
        serialNumber: `${serialNumber}-${tag}`,
        validFrom: day(-700),
        validTo,
      },
    });
  const certificateB = await certificate(b.id, 'SN-B', new Date(day(5).getTime() + 12 * 3_600_000));
  await certificate(c.id, 'SN-C', new Date(day(5).getTime() + 12 * 3_600_000));

  const mailboxA = await prisma.pecMailbox.create({
    data: { entityId: a.id, address: `protocollo.${tag}@pec.example.it`, provider: 'Aruba PEC', quotaMb: 2048, expiresOn: day(25) },
  });

  const supplier = await prisma.supplier.create({ data: { name: `Assistenza Informatica ${tag} srl` } });
  const contract = (subject: string, entities: string[], endsOn: Date) =>
    prisma.contract.create({
      data: {
        kind: 'MAINTENANCE',
        subject: `${subject} ${tag}`,
        supplierId: supplier.id,
        contractingEntityId: entities[0]!,
        startsOn: day(-365),
        endsOn,
        valueCents: 1_200_000,
        entities: { create: entities.map((entityId) => ({ entityId })) },
      },
    });
  const contractAB = await contract('Manutenzione PC', [a.id, b.id], day(40));
  await contract('Manutenzione stampanti', [a.id], day(-1));

  const everything = [warrantyA.id, warrantyB.id, certificateB.id, mailboxA.id, contractAB.id];
  return {
    bodies: { a: a.id, b: b.id, c: c.id },
    users,
    items: { warrantyA: warrantyA.id, warrantyB: warrantyB.id, certificateB: certificateB.id, mailboxA: mailboxA.id, contractAB: contractAB.id },
    expected: {
      head: everything,
      staff: everything,
      referentA: [warrantyA.id, mailboxA.id, contractAB.id],
      referentB: [warrantyB.id, certificateB.id, contractAB.id],
      board: [],
      disabledReferentA: [],
      editorA: [],
    },
  };
}

/** The item a notification is about: its subject key is `<type>:<item id>:...`. */
export const itemOf = (subjectKey: string) => subjectKey.split(':')[1]!;
