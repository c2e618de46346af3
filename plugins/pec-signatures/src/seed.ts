import { addDays, isoDate, type SeedContext } from '@gea/core';
import type { Prisma } from '@gea/db';
import { buildDaticert } from './daticert/build.ts';
import { receiptKey } from './daticert/identity.ts';
import { parseDaticert } from './daticert/parse.ts';
import { messageOutcome } from './daticert/state.ts';

const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

const PROVIDER = 'Gestore PEC Demo S.p.A.';
const HOLDERS = [
  ['Mario Rossi', 'RSSMRA80A01H501U'],
  ['Giulia Bianchi', 'BNCGLI85M41D612X'],
  ['Luca Verdi', 'VRDLCU78C15G999Y'],
] as const;

/**
 * Synthetic demo data (addresses under example.it, no real mailbox): a registry office per
 * municipality with an IPA-style AOO code and its protocol mailbox, three signature certificates
 * per municipality (one expiring within a month), and for the first municipality two outgoing
 * messages with their receipts, one delivered and one that could not be delivered to one recipient.
 */
export async function seedPecSignatures({ prisma, log }: SeedContext): Promise<void> {
  const municipalities = await prisma.entity.findMany({ where: { kind: 'MUNICIPALITY' }, orderBy: { name: 'asc' } });
  const now = new Date();
  const today = new Date(isoDate(now));
  const mailboxes: { id: string; entityId: string; address: string }[] = [];
  for (const [index, entity] of municipalities.entries()) {
    const name = slug(entity.name);
    const office = await prisma.registryOffice.create({
      data: { entityId: entity.id, code: `A${(entity.istatCode ?? String(index + 1)).slice(-4).padStart(4, '0')}AOO`, name: `Registro di protocollo del Comune di ${entity.name}` },
    });
    const mailbox = await prisma.pecMailbox.create({
      data: {
        entityId: entity.id,
        registryOfficeId: office.id,
        address: `protocollo@pec.comune.${name}.example.it`,
        provider: PROVIDER,
        quotaMb: 2048,
        contractReference: 'Convenzione PEC Demo 2024-2027',
        // One municipality's mailbox term ends within the month, for the dashboard.
        expiresOn: addDays(today, index === 1 ? 21 : 400 + index),
      },
    });
    mailboxes.push({ id: mailbox.id, entityId: entity.id, address: mailbox.address });
    await prisma.signatureCertificate.createMany({
      data: HOLDERS.map(([holderName, holderTaxCode], h) => ({
        entityId: entity.id,
        holderName,
        holderTaxCode,
        deviceType: (['SMART_CARD', 'USB_TOKEN', 'REMOTE'] as const)[h]!,
        deviceSerialNumber: h === 2 ? null : `DEV${String(index * 10 + h).padStart(6, '0')}`,
        issuer: 'CA Firma Qualificata Demo',
        serialNumber: `${(index + 1).toString(16).padStart(4, '0')}${h.toString(16).padStart(4, '0')}A1B2`,
        validFrom: addDays(now, -700),
        // The first holder's certificate expires in 10-40 days: something to renew on the dashboard.
        validTo: addDays(now, h === 0 ? 10 + (index % 4) * 10 : 400 + h * 100),
      })),
    });
  }
  const first = mailboxes[0];
  if (first) {
    await seedMessage(prisma, first, {
      messageId: 'demo-0001.protocollo@pec.example.it',
      subject: 'Trasmissione determinazione n. 12/2026',
      recipients: ['ufficio.ragioneria@pec.regione.example.it'],
      receipts: ['accettazione', 'avvenuta-consegna'],
      sentAt: addDays(now, -2),
    });
    await seedMessage(prisma, first, {
      messageId: 'demo-0002.protocollo@pec.example.it',
      subject: 'Convocazione conferenza dei servizi',
      recipients: ['protocollo@pec.provincia.example.it', 'segreteria@pec.inesistente.example.it'],
      receipts: ['accettazione', 'avvenuta-consegna', 'errore-consegna'],
      sentAt: addDays(now, -1),
    });
  }
  log(`seeded ${mailboxes.length} registry offices with their PEC mailboxes, ${mailboxes.length * HOLDERS.length} signature certificates${first ? ' and 2 PEC messages with receipts' : ''}`);
}

async function seedMessage(
  prisma: Prisma.TransactionClient,
  mailbox: { id: string; entityId: string; address: string },
  spec: { messageId: string; subject: string; recipients: string[]; receipts: ('accettazione' | 'avvenuta-consegna' | 'errore-consegna')[]; sentAt: Date },
) {
  const message = await prisma.pecMessage.create({
    data: {
      mailboxId: mailbox.id,
      entityId: mailbox.entityId,
      direction: 'OUTGOING',
      messageId: spec.messageId,
      subject: spec.subject,
      sender: mailbox.address,
      protocolNumber: `${spec.sentAt.getUTCFullYear()}/${spec.messageId.slice(5, 9)}`,
      protocolDate: new Date(isoDate(spec.sentAt)),
      state: 'SENT',
      registeredAt: spec.sentAt,
      recipients: { createMany: { data: spec.recipients.map((address) => ({ address, kind: 'CERTIFIED' as const })) } },
    },
  });
  const receipts = spec.receipts.map((tipo, n) => {
    // Delivery and delivery error name one recipient each, in order.
    const consegna = tipo === 'accettazione' ? undefined : spec.recipients[Math.min(n - 1, spec.recipients.length - 1)];
    const xml = buildDaticert({
      tipo,
      errore: tipo === 'errore-consegna' ? 'no-dominio' : 'nessuno',
      sender: mailbox.address,
      recipients: spec.recipients.map((address) => ({ address })),
      subject: spec.subject,
      issuer: PROVIDER,
      issuedAt: new Date(spec.sentAt.getTime() + (n + 1) * 7000),
      // Every receipt of a message carries the message's identificativo.
      identifier: `opec-demo.${spec.messageId.slice(0, 9)}@pec.example.it`,
      msgid: spec.messageId,
      ...(tipo === 'accettazione' ? {} : { ricevuta: 'completa' as const, consegna }),
      ...(tipo === 'errore-consegna' ? { erroreEsteso: '5.1.2 - Dominio del destinatario inesistente' } : {}),
    });
    const parsed = parseDaticert(xml);
    if (!parsed.ok) throw new Error(`demo daticert is invalid: ${parsed.issues.map((i) => i.message).join('; ')}`);
    return { xml, daticert: parsed.daticert };
  });
  await prisma.pecReceipt.createMany({
    data: receipts.map(({ xml, daticert }) => ({
      messageId: message.id,
      type: daticert.type,
      error: daticert.error,
      errorDetail: daticert.errorDetail,
      identifier: daticert.identifier,
      receiptKey: receiptKey(daticert),
      issuer: daticert.issuer,
      issuedAt: daticert.issuedAt,
      receiptKind: daticert.receiptKind,
      deliveryAddress: daticert.deliveryAddress,
      sender: daticert.sender,
      subject: daticert.subject,
      recipients: daticert.recipients as unknown as Prisma.InputJsonValue,
      xml,
    })),
  });
  const outcome = messageOutcome('OUTGOING', spec.recipients, receipts.map((r) => r.daticert));
  for (const [address, state] of outcome.recipients) {
    await prisma.pecRecipient.updateMany({ where: { messageId: message.id, address }, data: state });
  }
  await prisma.pecMessage.update({ where: { id: message.id }, data: { state: outcome.state } });
}
