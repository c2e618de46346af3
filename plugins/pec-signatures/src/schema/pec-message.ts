import {
  ConflictError,
  expectedVersionDescription,
  InputError,
  lockForChange,
  modelRef,
  NotFoundError,
  save,
  StaleVersionError,
  versionDescription,
  type GeaBuilder,
} from '@gea/core';
import { PecDirection as PecDirections, PecMessageState as PecMessageStates } from '@gea/db';
import { z } from 'zod';
import { normaliseAddress, normaliseMessageId } from '../daticert/parse.ts';
import { scopes } from '../scopes.ts';
import { isSameRegistration, registrationIssues } from '../rules/message-registration.ts';
import { mailboxForProtocolSystem, writeOnMailboxBody } from './pec-mailbox.ts';

const address = z.string().trim().toLowerCase().email('is not an e-mail address').max(254);
const protocolNumber = z.string().trim().min(1).max(100);

export function addPecMessage(builder: GeaBuilder) {
  const Entity = modelRef(builder, 'Entity');
  const PecMailbox = modelRef(builder, 'PecMailbox');
  const PecDirection = builder.enumType(PecDirections, { name: 'PecDirection' });
  const PecMessageState = builder.enumType(PecMessageStates, { name: 'PecMessageState' });

  const PecMessage = builder.prismaNode('PecMessage', {
    description: 'A PEC message registered by a protocol system, and where it stands.',
    id: { field: 'id' },
    nullable: true,
    authScopes: (message) => scopes.readOn(message.entityId),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
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
      authScopes: (_root, args) => scopes.readList(args.filter?.entityId),
      resolve: (query, _root, { filter }, context) =>
        context.prisma.pecMessage.findMany({
          ...query,
          where: {
            entity: scopes.readableEntities(context),
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
      protocolNumber: t.string({ required: false, validate: protocolNumber }),
      protocolDate: t.field({ type: 'Date', required: false }),
    }),
  });

  builder.mutationFields((t) => ({
    registerPecMessage: t.prismaField({
      type: PecMessage,
      description:
        'Registers a PEC message of a mailbox. Registering the same message again (same mailbox, direction and Message-ID, same content) returns the stored one; different content is a conflict.',
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      args: { input: t.arg({ type: RegisterMessageInput, required: true }) },
      authScopes: (_root, { input }, context) => writeOnMailboxBody(input.mailboxId.id)(context),
      resolve: async (query, _root, { input }, context) => {
        const mailbox = await mailboxForProtocolSystem(context, input.mailboxId.id);
        context.audit = { ...context.audit, targetType: 'PecMessage', entityId: mailbox.entityId };
        const sender = normaliseAddress(input.sender);
        const recipients = [...new Set(input.recipients.map(normaliseAddress))];
        const issues = registrationIssues({ ...input, sender }, mailbox.address);
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
          if (!isSameRegistration(existing, values, recipients)) {
            throw new ConflictError(`message <${messageId}> is already registered for this mailbox with different data`);
          }
          context.audit = { ...context.audit, targetId: existing.id, after: { duplicateOf: existing.id } };
          return context.prisma.pecMessage.findUniqueOrThrow({ ...query, where: { id: existing.id } });
        }
        // Two first registrations at once: the other one won, and this one is its retry.
        return save({ unique: `message <${messageId}> is being registered by another request: retry` }, () =>
          context.prisma.pecMessage.create({
            ...query,
            data: {
              ...key,
              ...values,
              entityId: mailbox.entityId,
              state: input.direction === 'OUTGOING' ? 'SENT' : 'RECEIVED',
              recipients: { createMany: { data: recipients.map((address) => ({ address })) } },
            },
          }),
        );
      },
    }),

    setPecMessageProtocol: t.prismaField({
      type: PecMessage,
      description: 'Records the protocol number and date the protocol system gave a message.',
      errors: { types: [InputError, NotFoundError, StaleVersionError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: PecMessage }),
        protocolNumber: t.arg.string({ required: true, validate: protocolNumber }),
        protocolDate: t.arg({ type: 'Date', required: true }),
        expectedVersion: t.arg.int({ required: false, description: `${expectedVersionDescription} Optional.` }),
      },
      authScopes: (_root, { id }, context) =>
        scopes.writeOnBodyOf((c) => c.prisma.pecMessage.findUnique({ where: { id: id.id }, select: { entityId: true } }))(context),
      resolve: async (query, _root, args, context) => {
        // The same lock as receipts take: a receipt's state change and this one never interleave.
        const before = await lockForChange(context, {
          model: 'PecMessage',
          what: 'PEC message',
          id: args.id.id,
          expectedVersion: args.expectedVersion,
          read: () => context.prisma.pecMessage.findUnique({ where: { id: args.id.id } }),
        });
        await mailboxForProtocolSystem(context, before.mailboxId);
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
  }));
}
