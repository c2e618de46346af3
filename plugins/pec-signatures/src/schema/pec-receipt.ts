import { ConflictError, InputError, modelRef, NotFoundError, type GeaBuilder, lockRow } from '@gea/core';
import { PecReceiptType as PecReceiptTypes, type Prisma } from '@gea/db';
import { z } from 'zod';
import { MAX_DATICERT_BYTES, parseDaticert, type DaticertRecipient } from '../daticert/parse.ts';
import { messageOutcome } from '../daticert/state.ts';
import { publishAfterCommit } from '../events.ts';
import { scopes } from '../scopes.ts';
import { recipientChanges, recipientStateChanges } from '../rules/receipt-recipients.ts';
import { mailboxForProtocolSystem, writeOnMailboxBody } from './pec-mailbox.ts';
import { pecReceiptRecipientType } from './pec-receipt-recipient.ts';

export function addPecReceipt(builder: GeaBuilder) {
  const PecMailbox = modelRef(builder, 'PecMailbox');
  const PecReceiptType = builder.enumType(PecReceiptTypes, { name: 'PecReceiptType' });
  const ReceiptRecipient = pecReceiptRecipientType(builder);

  const PecReceipt = builder.prismaNode('PecReceipt', {
    description: 'A receipt (ricevuta) of a message, from its daticert.xml.',
    id: { field: 'id' },
    nullable: true,
    select: { message: { select: { entityId: true } } },
    authScopes: (receipt) => scopes.readOn(receipt.message.entityId),
    fields: (t) => ({
      type: t.expose('type', { type: PecReceiptType }),
      error: t.exposeString('error', { description: '`errore`: nessuno, no-dominio, virus, altro.' }),
      errorDetail: t.exposeString('errorDetail', { nullable: true, description: '`errore-esteso`.' }),
      identifier: t.exposeString('identifier', { description: '`identificativo`: the provider\'s id of the receipt.' }),
      issuer: t.exposeString('issuer', { description: '`gestore-emittente`.' }),
      issuedAt: t.expose('issuedAt', { type: 'DateTime' }),
      receiptKind: t.exposeString('receiptKind', { nullable: true, description: '`ricevuta tipo`: completa, breve, sintetica.' }),
      deliveryAddress: t.exposeString('deliveryAddress', { nullable: true, description: '`consegna`: the recipient it is about.' }),
      sender: t.exposeString('sender'),
      subject: t.exposeString('subject'),
      recipients: t.field({
        type: [ReceiptRecipient],
        select: { recipients: true },
        resolve: (receipt) => receipt.recipients as unknown as DaticertRecipient[],
      }),
      xml: t.exposeString('xml', { description: 'The daticert.xml as registered.' }),
      registeredAt: t.expose('registeredAt', { type: 'DateTime' }),
      message: t.relation('message'),
    }),
  });

  builder.mutationField('registerPecReceipt', (t) =>
    t.prismaField({
      type: PecReceipt,
      description:
        'Registers a receipt of a message of the mailbox from its daticert.xml (the message is found by the receipt\'s msgid) and updates the message\'s state. Idempotent: the same receipt (same `identificativo`) again changes nothing and returns the stored one. Malformed XML, an unknown type or a DOCTYPE with declarations are refused with the reason, and nothing is stored.',
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      args: {
        mailboxId: t.arg.globalID({ required: true, for: PecMailbox }),
        daticert: t.arg.string({
          required: true,
          description: 'The daticert.xml, as text.',
          validate: z.string().min(1, 'is empty').max(MAX_DATICERT_BYTES, `is larger than ${MAX_DATICERT_BYTES / 1024} KB`),
        }),
      },
      authScopes: (_root, { mailboxId }, context) => writeOnMailboxBody(mailboxId.id)(context),
      resolve: async (query, _root, args, context) => {
        const mailbox = await mailboxForProtocolSystem(context, args.mailboxId.id);
        context.audit = { ...context.audit, targetType: 'PecReceipt', entityId: mailbox.entityId };
        const parsed = parseDaticert(args.daticert);
        if (!parsed.ok) {
          throw new InputError(parsed.issues.map((issue) => ({ path: ['daticert', ...issue.path.split('/').filter(Boolean)], message: issue.message })));
        }
        const receipt = parsed.daticert;
        const direction = receipt.type === 'POSTA_CERTIFICATA' ? 'INCOMING' : 'OUTGOING';
        const message = await context.prisma.pecMessage.findUnique({
          where: { mailboxId_direction_messageId: { mailboxId: mailbox.id, direction, messageId: receipt.msgid! } },
        });
        if (!message) {
          throw new NotFoundError(`${direction === 'INCOMING' ? 'Incoming' : 'Outgoing'} message <${receipt.msgid}> of mailbox ${mailbox.address}`);
        }
        // Receipts of one message are registered one at a time: the state is computed from all of them.
        await lockRow(context.prisma, 'PecMessage', message.id);
        const stored = await context.prisma.pecReceipt.findUnique({
          where: { messageId_identifier: { messageId: message.id, identifier: receipt.identifier } },
        });
        if (stored) {
          if (stored.type !== receipt.type || stored.deliveryAddress !== receipt.deliveryAddress) {
            throw new ConflictError(`receipt ${receipt.identifier} is already registered with different content`);
          }
          context.audit = { ...context.audit, targetId: stored.id, after: { duplicateOf: stored.id } };
          return context.prisma.pecReceipt.findUniqueOrThrow({ ...query, where: { id: stored.id } });
        }
        if (direction === 'OUTGOING' && receipt.sender !== message.sender) {
          throw new InputError([
            { path: ['daticert', 'postacert', 'intestazione', 'mittente'], message: `${receipt.sender} is not the sender of message <${message.messageId}> (${message.sender})` },
          ]);
        }
        const known = await context.prisma.pecRecipient.findMany({ where: { messageId: message.id } });
        const changes = recipientChanges(known, receipt.recipients);
        for (const { id, kind } of changes.retypes) await context.prisma.pecRecipient.update({ where: { id }, data: { kind } });
        for (const added of changes.additions) known.push(await context.prisma.pecRecipient.create({ data: { messageId: message.id, ...added } }));
        if (receipt.deliveryAddress && !known.some((r) => r.address === receipt.deliveryAddress)) {
          throw new InputError([
            { path: ['daticert', 'postacert', 'dati', 'consegna'], message: `${receipt.deliveryAddress} is not a recipient of message <${message.messageId}>` },
          ]);
        }
        const created = await context.prisma.pecReceipt.create({
          data: {
            messageId: message.id,
            type: receipt.type,
            error: receipt.error,
            errorDetail: receipt.errorDetail,
            identifier: receipt.identifier,
            issuer: receipt.issuer,
            issuedAt: receipt.issuedAt,
            receiptKind: receipt.receiptKind,
            deliveryAddress: receipt.deliveryAddress,
            sender: receipt.sender,
            subject: receipt.subject,
            recipients: receipt.recipients as unknown as Prisma.InputJsonValue,
            xml: args.daticert,
          },
        });
        const all = await context.prisma.pecReceipt.findMany({
          where: { messageId: message.id },
          select: { type: true, issuedAt: true, deliveryAddress: true, error: true, errorDetail: true },
        });
        const outcome = messageOutcome(message.direction, known.map((r) => r.address), all);
        for (const { id, next } of recipientStateChanges(known, outcome.recipients)) {
          await context.prisma.pecRecipient.update({ where: { id }, data: next });
        }
        if (outcome.state !== message.state) {
          await context.prisma.pecMessage.update({ where: { id: message.id }, data: { state: outcome.state } });
        }
        context.audit = {
          ...context.audit,
          targetId: created.id,
          before: { messageState: message.state },
          after: { type: created.type, identifier: created.identifier, messageId: message.id, messageState: outcome.state },
        };
        publishAfterCommit(context, { receiptId: created.id, messageId: message.id, mailboxId: mailbox.id, entityId: mailbox.entityId });
        return context.prisma.pecReceipt.findUniqueOrThrow({ ...query, where: { id: created.id } });
      },
    }),
  );
}
