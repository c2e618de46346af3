import {
  ConflictError,
  coreRefs,
  GeaError,
  InputError,
  LoaderRegistry,
  NotFoundError,
  prismaErrorCode,
  readableEntitiesWhere,
  refusalFor,
  type FieldIssue,
  type GeaBuilder,
  type GeaContext,
} from '@gea/core';
import {
  PecDirection as PecDirections,
  PecMessageState as PecMessageStates,
  PecReceiptType as PecReceiptTypes,
  PecRecipientKind as PecRecipientKinds,
  PecRecipientState as PecRecipientStates,
  type Prisma,
} from '@gea/db';
import { z } from 'zod';
import { MAX_DATICERT_BYTES, normaliseAddress, normaliseMessageId, parseDaticert, type DaticertRecipient } from '../daticert/parse.ts';
import { messageOutcome } from '../daticert/state.ts';
import { publishAfterCommit, type PecPubSub, type ReceiptEvent } from '../events.ts';
import { READ } from '../permissions.ts';
import type { addMailboxSchema } from './mailboxes.ts';
import { readList, readOn, writeOnBodyOf } from './shared.ts';

const MODULE = 'pec-signatures';

type Mailbox = Prisma.PecMailboxGetPayload<{ include: { registryOffice: { select: { protocolApiTokenId: true } } } }>;

/**
 * Once a registry office names its protocol system's token, only that token registers messages and
 * receipts for the office's mailboxes (people with the write permission still may).
 */
function assertProtocolSystem(context: GeaContext, mailbox: Mailbox) {
  const bound = mailbox.registryOffice?.protocolApiTokenId;
  if (context.actor.kind === 'token' && bound && bound !== context.actor.id) {
    throw new GeaError('INSUFFICIENT_SCOPE', 'This API token is not the protocol system of the mailbox\'s registry office');
  }
}

async function mailboxFor(context: GeaContext, id: string): Promise<Mailbox> {
  const mailbox = await context.prisma.pecMailbox.findUnique({
    where: { id },
    include: { registryOffice: { select: { protocolApiTokenId: true } } },
  });
  if (!mailbox) throw new NotFoundError('PEC mailbox');
  assertProtocolSystem(context, mailbox);
  return mailbox;
}

/** The refusal a field would give this actor, for subscriptions refused before any event. */
function refusal(context: GeaContext): GeaError {
  return refusalFor(context.actor, [READ]);
}

export function addMessageSchema(builder: GeaBuilder, { PecMailbox }: ReturnType<typeof addMailboxSchema>, pubsub: PecPubSub) {
  const { Entity } = coreRefs(builder);
  const PecDirection = builder.enumType(PecDirections, { name: 'PecDirection' });
  const PecMessageState = builder.enumType(PecMessageStates, { name: 'PecMessageState' });
  const PecReceiptType = builder.enumType(PecReceiptTypes, { name: 'PecReceiptType' });
  const PecRecipientKind = builder.enumType(PecRecipientKinds, { name: 'PecRecipientKind' });
  const PecRecipientState = builder.enumType(PecRecipientStates, { name: 'PecRecipientState' });

  builder.prismaObject('PecRecipient', {
    description: 'A recipient of a message and how far delivery to it went.',
    select: { message: { select: { entityId: true } } },
    authScopes: (recipient) => readOn(recipient.message.entityId),
    fields: (t) => ({
      address: t.exposeString('address'),
      kind: t.expose('kind', { type: PecRecipientKind, nullable: true, description: 'Null until a receipt says.' }),
      state: t.expose('state', { type: PecRecipientState }),
      deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
      error: t.exposeString('error', { nullable: true, description: 'Why delivery failed.' }),
    }),
  });

  const DaticertRecipientRef = builder.objectRef<DaticertRecipient>('PecReceiptRecipient').implement({
    description: 'A recipient as a receipt lists it (`destinatari`).',
    fields: (t) => ({
      address: t.exposeString('address', { authScopes: { permissionOnSomeBody: READ } }),
      kind: t.field({ type: PecRecipientKind, authScopes: { permissionOnSomeBody: READ }, resolve: (r) => r.kind }),
    }),
  });

  const PecReceipt = builder.prismaNode('PecReceipt', {
    description: 'A receipt (ricevuta) of a message, from its daticert.xml.',
    id: { field: 'id' },
    nullable: true,
    select: { message: { select: { entityId: true } } },
    authScopes: (receipt) => readOn(receipt.message.entityId),
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
        type: [DaticertRecipientRef],
        select: { recipients: true },
        resolve: (receipt) => receipt.recipients as unknown as DaticertRecipient[],
      }),
      xml: t.exposeString('xml', { description: 'The daticert.xml as registered.' }),
      registeredAt: t.expose('registeredAt', { type: 'DateTime' }),
      message: t.relation('message'),
    }),
  });

  const PecMessage = builder.prismaNode('PecMessage', {
    description: 'A PEC message registered by a protocol system, and where it stands.',
    id: { field: 'id' },
    nullable: true,
    authScopes: (message) => readOn(message.entityId),
    fields: (t) => ({
      direction: t.expose('direction', { type: PecDirection }),
      messageId: t.exposeString('messageId', { description: 'Message-ID header, without angle brackets.' }),
      subject: t.exposeString('subject'),
      sender: t.exposeString('sender'),
      protocolNumber: t.exposeString('protocolNumber', { nullable: true }),
      protocolDate: t.expose('protocolDate', { type: 'Date', nullable: true }),
      state: t.expose('state', { type: PecMessageState }),
      registeredAt: t.expose('registeredAt', { type: 'DateTime' }),
      mailbox: t.relation('mailbox'),
      recipients: t.relation('recipients', { query: { orderBy: { address: 'asc' } } }),
      receipts: t.relation('receipts', { description: 'Its receipts, in the order they were issued.', query: { orderBy: [{ issuedAt: 'asc' }, { id: 'asc' }] } }),
    }),
  });

  const MessageFilter = builder.inputType('PecMessageFilter', {
    fields: (t) => ({
      entityId: t.globalID({ required: false, for: Entity }),
      mailboxId: t.globalID({ required: false, for: PecMailbox }),
      direction: t.field({ type: PecDirection, required: false }),
      state: t.field({ type: [PecMessageState], required: false }),
      messageId: t.string({ required: false, description: 'Message-ID, with or without angle brackets.', validate: z.string().max(998) }),
      protocolNumber: t.string({ required: false, validate: z.string().max(100) }),
    }),
  });

  builder.queryField('pecMessages', (t) =>
    t.prismaConnection({
      type: PecMessage,
      cursor: 'id',
      description: 'PEC messages of the bodies the reader may see, latest first.',
      args: { filter: t.arg({ type: MessageFilter, required: false }) },
      authScopes: (_root, args) => readList(args.filter?.entityId),
      resolve: (query, _root, { filter }, context) =>
        context.prisma.pecMessage.findMany({
          ...query,
          where: {
            entity: readableEntitiesWhere(context, READ),
            ...(filter?.entityId ? { entityId: filter.entityId.id } : {}),
            ...(filter?.mailboxId ? { mailboxId: filter.mailboxId.id } : {}),
            ...(filter?.direction ? { direction: filter.direction } : {}),
            ...(filter?.state?.length ? { state: { in: filter.state } } : {}),
            ...(filter?.messageId ? { messageId: normaliseMessageId(filter.messageId) } : {}),
            ...(filter?.protocolNumber ? { protocolNumber: filter.protocolNumber.trim() } : {}),
          },
          orderBy: [{ registeredAt: 'desc' }, { id: 'desc' }],
        }),
    }),
  );

  const address = z.string().trim().toLowerCase().email('is not an e-mail address').max(254);
  const RegisterMessageInput = builder.inputType('RegisterPecMessageInput', {
    fields: (t) => ({
      mailboxId: t.globalID({ required: true, for: PecMailbox }),
      direction: t.field({ type: PecDirection, required: true }),
      messageId: t.string({
        required: true,
        description: 'The Message-ID header, with or without angle brackets.',
        validate: z.string().trim().min(3).max(998).regex(/^<?[^<>\s]+>?$/, 'is not a Message-ID'),
      }),
      subject: t.string({ required: true, validate: z.string().max(998) }),
      sender: t.string({ required: true, validate: address }),
      recipients: t.stringList({ required: true, description: 'To and Cc addresses.', validate: z.array(address).min(1, 'name at least one recipient').max(1000) }),
      protocolNumber: t.string({ required: false, validate: z.string().trim().min(1).max(100) }),
      protocolDate: t.field({ type: 'Date', required: false }),
    }),
  });
  const onMailboxBody = (id: string) =>
    writeOnBodyOf((context) => context.prisma.pecMailbox.findUnique({ where: { id }, select: { entityId: true } }));

  builder.mutationFields((t) => ({
    registerPecMessage: t.prismaField({
      type: PecMessage,
      description:
        'Registers a PEC message of a mailbox. Registering the same message again (same mailbox, direction and Message-ID, same content) returns the stored one; different content is a conflict.',
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      args: { input: t.arg({ type: RegisterMessageInput, required: true }) },
      authScopes: (_root, { input }, context) => onMailboxBody(input.mailboxId.id)(context),
      resolve: async (query, _root, { input }, context) => {
        const mailbox = await mailboxFor(context, input.mailboxId.id);
        context.audit = { ...context.audit, targetType: 'PecMessage', entityId: mailbox.entityId };
        const issues: FieldIssue[] = [];
        const sender = normaliseAddress(input.sender);
        const recipients = [...new Set(input.recipients.map(normaliseAddress))];
        if (input.direction === 'OUTGOING' && sender !== mailbox.address) {
          issues.push({ path: ['input', 'sender'], message: `an outgoing message is sent from the mailbox itself (${mailbox.address})` });
        }
        if (!!input.protocolNumber !== !!input.protocolDate) {
          issues.push({ path: ['input', input.protocolNumber ? 'protocolDate' : 'protocolNumber'], message: 'give protocol number and date together' });
        }
        if (issues.length > 0) throw new InputError(issues);
        const messageId = normaliseMessageId(input.messageId);
        const values = {
          subject: input.subject,
          sender,
          protocolNumber: input.protocolNumber?.trim() ?? null,
          protocolDate: input.protocolDate ?? null,
        };
        const key = { mailboxId: mailbox.id, direction: input.direction, messageId };
        const existing = await context.prisma.pecMessage.findUnique({
          where: { mailboxId_direction_messageId: key },
          include: { recipients: { select: { address: true } } },
        });
        if (existing) {
          const same =
            existing.subject === values.subject &&
            existing.sender === values.sender &&
            existing.protocolNumber === values.protocolNumber &&
            (existing.protocolDate?.getTime() ?? null) === (values.protocolDate?.getTime() ?? null) &&
            recipients.every((r) => existing.recipients.some((e) => e.address === r));
          if (!same) throw new ConflictError(`message <${messageId}> is already registered for this mailbox with different data`);
          context.audit = { ...context.audit, targetId: existing.id, after: { duplicateOf: existing.id } };
          return context.prisma.pecMessage.findUniqueOrThrow({ ...query, where: { id: existing.id } });
        }
        try {
          return await context.prisma.pecMessage.create({
            ...query,
            data: {
              ...key,
              ...values,
              entityId: mailbox.entityId,
              state: input.direction === 'OUTGOING' ? 'SENT' : 'RECEIVED',
              recipients: { createMany: { data: recipients.map((address) => ({ address })) } },
            },
          });
        } catch (error) {
          // Two first registrations at once: the other one won, and this one is its retry.
          if (prismaErrorCode(error) === 'P2002') throw new ConflictError(`message <${messageId}> is being registered by another request: retry`);
          throw error;
        }
      },
    }),

    setPecMessageProtocol: t.prismaField({
      type: PecMessage,
      description: 'Records the protocol number and date the protocol system gave a message.',
      errors: { types: [InputError, NotFoundError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: PecMessage }),
        protocolNumber: t.arg.string({ required: true, validate: z.string().trim().min(1).max(100) }),
        protocolDate: t.arg({ type: 'Date', required: true }),
      },
      authScopes: (_root, { id }, context) =>
        writeOnBodyOf((c) => c.prisma.pecMessage.findUnique({ where: { id: id.id }, select: { entityId: true } }))(context),
      resolve: async (query, _root, args, context) => {
        const before = await context.prisma.pecMessage.findUnique({ where: { id: args.id.id } });
        if (!before) throw new NotFoundError('PEC message');
        await mailboxFor(context, before.mailboxId);
        const after = await context.prisma.pecMessage.update({
          ...query,
          where: { id: before.id },
          data: { protocolNumber: args.protocolNumber.trim(), protocolDate: args.protocolDate },
        });
        context.audit = {
          ...context.audit,
          targetType: 'PecMessage',
          targetId: before.id,
          entityId: before.entityId,
          before: { protocolNumber: before.protocolNumber, protocolDate: before.protocolDate },
          after: { protocolNumber: after.protocolNumber, protocolDate: after.protocolDate },
        };
        return after;
      },
    }),

    registerPecReceipt: t.prismaField({
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
      authScopes: (_root, { mailboxId }, context) => onMailboxBody(mailboxId.id)(context),
      resolve: async (query, _root, args, context) => {
        const mailbox = await mailboxFor(context, args.mailboxId.id);
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
        await context.prisma.$queryRaw`select 1 from "PecMessage" where id = ${message.id}::uuid for update`;
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
        // The receipts' `destinatari` are the provider's list of recipients: they complete the registration's.
        const known = await context.prisma.pecRecipient.findMany({ where: { messageId: message.id } });
        for (const listed of receipt.recipients) {
          const existing = known.find((r) => r.address === listed.address);
          if (!existing) {
            known.push(await context.prisma.pecRecipient.create({ data: { messageId: message.id, address: listed.address, kind: listed.kind } }));
          } else if (existing.kind !== listed.kind) {
            await context.prisma.pecRecipient.update({ where: { id: existing.id }, data: { kind: listed.kind } });
          }
        }
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
        for (const recipient of known) {
          const next = outcome.recipients.get(recipient.address)!;
          if (recipient.state !== next.state || recipient.error !== next.error || recipient.deliveredAt?.getTime() !== next.deliveredAt?.getTime()) {
            await context.prisma.pecRecipient.update({ where: { id: recipient.id }, data: next });
          }
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
        publishAfterCommit(context, pubsub, { receiptId: created.id, messageId: message.id, mailboxId: mailbox.id, entityId: mailbox.entityId });
        return context.prisma.pecReceipt.findUniqueOrThrow({ ...query, where: { id: created.id } });
      },
    }),
  }));

  const ReceiptEventRef = builder.objectRef<ReceiptEvent>('PecReceiptEvent').implement({
    description: 'A receipt just registered, and its message as it now stands.',
    fields: (t) => ({
      receipt: t.prismaField({
        type: PecReceipt,
        authScopes: (event) => readOn(event.entityId),
        resolve: (query, event, _args, context) => context.prisma.pecReceipt.findUniqueOrThrow({ ...query, where: { id: event.receiptId } }),
      }),
      message: t.prismaField({
        type: PecMessage,
        authScopes: (event) => readOn(event.entityId),
        resolve: (query, event, _args, context) => context.prisma.pecMessage.findUniqueOrThrow({ ...query, where: { id: event.messageId } }),
      }),
    }),
  });

  /** Still allowed and enabled, checked per event: a subscription can outlive a module switched off. */
  const mayRead = async (context: GeaContext, entityId: string) => {
    if (!context.actor.can(READ, entityId)) return false;
    if (!context.installedModules.has(MODULE)) return true;
    const enabled = await context.db.moduleEnablement.findUnique({
      where: { entityId_moduleKey: { entityId, moduleKey: MODULE } },
      select: { enabled: true },
    });
    return enabled?.enabled === true;
  };

  builder.subscriptionField('pecReceiptRegistered', (t) =>
    t.field({
      type: ReceiptEventRef,
      description:
        'Tells a protocol system or the web client when a receipt is registered: only receipts of mailboxes of bodies the subscriber may read (over Server-Sent Events: POST /graphql with Accept: text/event-stream).',
      args: {
        entityId: t.arg.globalID({ required: false, for: Entity, description: 'Only this body.' }),
        mailboxId: t.arg.globalID({ required: false, for: PecMailbox, description: 'Only this mailbox.' }),
      },
      authScopes: (_root, args) => readList(args.entityId),
      subscribe: (_root, args, context) => {
        const scope = context.actor.entitiesWith(READ);
        const allowed = args.entityId ? context.actor.can(READ, args.entityId.id) : scope === 'all' || scope.length > 0;
        if (!allowed) throw refusal(context);
        const source = pubsub.subscribe();
        return {
          async *[Symbol.asyncIterator]() {
            for await (const event of source) {
              if (args.entityId && event.entityId !== args.entityId.id) continue;
              if (args.mailboxId && event.mailboxId !== args.mailboxId.id) continue;
              if (!(await mayRead(context, event.entityId))) continue;
              // Fresh loaders per event, as each mutation gets: enablement and rows may have changed.
              context.loaders = new LoaderRegistry();
              yield event;
            }
          },
        };
      },
      resolve: (event) => event,
    }),
  );

  return { PecMessage, PecReceipt };
}
