import {
  addDays,
  ConflictError,
  containsText,
  daysFromToday,
  expectedVersionDescription,
  GeaError,
  InputError,
  lockForChange,
  modelRef,
  NotFoundError,
  save,
  StaleVersionError,
  today,
  versionDescription,
  type GeaBuilder,
  type GeaContext,
} from '@gea/core';
import type { Prisma } from '@gea/db';
import { z } from 'zod';
import { scopes } from '../scopes.ts';
import { isAnotherProtocolSystem } from '../rules/protocol-system.ts';
import { pecMailboxUserType } from './pec-mailbox-user.ts';

type MailboxWithOffice = Prisma.PecMailboxGetPayload<{ include: { registryOffice: { select: { protocolApiTokenId: true } } } }>;

/** The mailbox a protocol system registers messages or receipts for; another system's token is refused. */
export async function mailboxForProtocolSystem(context: GeaContext, id: string): Promise<MailboxWithOffice> {
  const mailbox = await context.prisma.pecMailbox.findUnique({
    where: { id },
    include: { registryOffice: { select: { protocolApiTokenId: true } } },
  });
  if (!mailbox) throw new NotFoundError('PEC mailbox');
  if (isAnotherProtocolSystem(context.actor, mailbox.registryOffice?.protocolApiTokenId)) {
    throw new GeaError('INSUFFICIENT_SCOPE', 'This API token is not the protocol system of the mailbox\'s registry office');
  }
  return mailbox;
}

/** Write scope on the body of a mailbox: for changing it, and for registering its messages. */
export const writeOnMailboxBody = (id: string) =>
  scopes.writeOnBodyOf((context) => context.prisma.pecMailbox.findUnique({ where: { id }, select: { entityId: true } }));

export function addPecMailbox(builder: GeaBuilder) {
  const Entity = modelRef(builder, 'Entity');
  const RegistryOffice = modelRef(builder, 'RegistryOffice');
  const MailboxUser = pecMailboxUserType(builder);

  const PecMailbox = builder.prismaNode('PecMailbox', {
    description: 'A certified e-mail (PEC) mailbox of a body (art. 3.5).',
    id: { field: 'id' },
    nullable: true,
    authScopes: (mailbox) => scopes.readOn(mailbox.entityId),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      address: t.exposeString('address'),
      provider: t.exposeString('provider', { description: 'The PEC provider (gestore) that runs it.' }),
      quotaMb: t.exposeInt('quotaMb', { description: 'Storage quota in megabytes.' }),
      contractReference: t.exposeString('contractReference', {
        nullable: true,
        description: 'The contract or order it was bought under, as text.',
      }),
      expiresOn: t.expose('expiresOn', { type: 'Date', nullable: true, description: 'Last day of the service term.' }),
      daysToExpiry: t.int({
        nullable: true,
        description: 'Days from today to its last day (negative once expired); null without a term.',
        select: { expiresOn: true },
        resolve: (mailbox) => (mailbox.expiresOn ? daysFromToday(mailbox.expiresOn) : null),
      }),
      entity: t.relation('entity', { nullable: true }),
      registryOffice: t.relation('registryOffice', { nullable: true }),
      users: t.field({
        type: [MailboxUser],
        description: 'The people who may use it.',
        select: { users: { select: { user: { select: { id: true, name: true, email: true } } } } },
        resolve: (mailbox) =>
          mailbox.users
            .map(({ user }) => ({ userId: user.id, name: user.name, email: user.email }))
            .sort((a, b) => a.name.localeCompare(b.name)),
      }),
    }),
  });

  const MailboxFilter = builder.inputType('PecMailboxFilter', {
    fields: (t) => ({
      entityId: t.globalID({ required: false, for: Entity }),
      registryOfficeId: t.globalID({ required: false, for: RegistryOffice }),
      text: t.string({
        required: false,
        description: 'Part of the address, the provider or the contract reference, in any case.',
        validate: z.string().trim().max(200),
      }),
      expiringWithinDays: t.int({
        required: false,
        description: 'Only mailboxes whose term ends from today to this many days from today.',
        validate: z.number().int().min(0).max(3650),
      }),
    }),
  });

  const mailboxWhere = (context: GeaContext, filter: typeof MailboxFilter.$inferInput | null | undefined): Prisma.PecMailboxWhereInput => {
    const text = filter?.text?.trim();
    return {
      AND: [
        { entity: scopes.readableEntities(context) },
        filter?.entityId ? { entityId: filter.entityId.id } : {},
        filter?.registryOfficeId ? { registryOfficeId: filter.registryOfficeId.id } : {},
        text
          ? {
              OR: [
                { address: containsText(text) },
                { provider: containsText(text) },
                { contractReference: containsText(text) },
              ],
            }
          : {},
        typeof filter?.expiringWithinDays === 'number' ? { expiresOn: { gte: today(), lte: addDays(today(), filter.expiringWithinDays) } } : {},
      ],
    };
  };

  builder.queryField('pecMailboxes', (t) =>
    t.prismaConnection({
      type: PecMailbox,
      cursor: 'id',
      description: 'PEC mailboxes of the bodies the reader may see, by address; totalCount counts every page under the same filter.',
      args: { filter: t.arg({ type: MailboxFilter, required: false }) },
      authScopes: (_root, args) => scopes.readList(args.filter?.entityId),
      totalCount: (_root, args, context) => context.prisma.pecMailbox.count({ where: mailboxWhere(context, args.filter) }),
      resolve: (query, _root, args, context) =>
        context.prisma.pecMailbox.findMany({ ...query, where: mailboxWhere(context, args.filter), orderBy: [{ address: 'asc' }, { id: 'asc' }] }),
    }),
  );

  const MailboxInput = builder.inputType('PecMailboxInput', {
    fields: (t) => ({
      entityId: t.globalID({ required: true, for: Entity, description: 'The body; a mailbox never moves to another body.' }),
      registryOfficeId: t.globalID({ required: false, for: RegistryOffice, description: 'The registry office (AOO) it serves.' }),
      address: t.string({ required: true, validate: z.string().trim().toLowerCase().email('is not an e-mail address').max(254) }),
      provider: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
      quotaMb: t.int({ required: true, validate: z.number().int().min(1).max(10_000_000) }),
      contractReference: t.string({ required: false, validate: z.string().trim().min(1).max(500) }),
      expiresOn: t.field({ type: 'Date', required: false }),
    }),
  });
  type Input = typeof MailboxInput.$inferInput;
  const data = (input: Input) => ({
    entityId: input.entityId.id,
    registryOfficeId: input.registryOfficeId?.id ?? null,
    address: input.address.trim().toLowerCase(),
    provider: input.provider.trim(),
    quotaMb: input.quotaMb,
    contractReference: input.contractReference?.trim() ?? null,
    expiresOn: input.expiresOn ?? null,
  });
  /** The office must be one of the mailbox's own body. */
  const checkOffice = async (context: GeaContext, input: Input) => {
    if (!input.registryOfficeId) return;
    const office = await context.prisma.registryOffice.findUnique({ where: { id: input.registryOfficeId.id }, select: { entityId: true } });
    if (!office || office.entityId !== input.entityId.id) {
      throw new InputError([{ path: ['input', 'registryOfficeId'], message: 'is not a registry office of this body' }]);
    }
  };
  const saveMeaning = (input: Input) => ({ unique: `the mailbox ${input.address.trim().toLowerCase()} is already recorded`, missing: 'Entity' });

  builder.mutationFields((t) => ({
    createPecMailbox: t.prismaField({
      type: PecMailbox,
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      args: { input: t.arg({ type: MailboxInput, required: true }) },
      authScopes: (_root, { input }) => scopes.writeOn(input.entityId.id),
      resolve: async (query, _root, { input }, context) => {
        context.audit = { ...context.audit, targetType: 'PecMailbox', entityId: input.entityId.id };
        await checkOffice(context, input);
        return save(saveMeaning(input), () => context.prisma.pecMailbox.create({ ...query, data: data(input) }));
      },
    }),

    updatePecMailbox: t.prismaField({
      type: PecMailbox,
      errors: { types: [InputError, ConflictError, NotFoundError, StaleVersionError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: PecMailbox }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        input: t.arg({ type: MailboxInput, required: true }),
      },
      authScopes: (_root, { id }, context) => writeOnMailboxBody(id.id)(context),
      resolve: async (query, _root, { id, expectedVersion, input }, context) => {
        const before = await lockForChange(context, {
          model: 'PecMailbox',
          what: 'PEC mailbox',
          id: id.id,
          expectedVersion,
          read: () => context.prisma.pecMailbox.findUnique({ where: { id: id.id } }),
        });
        if (input.entityId.id !== before.entityId) {
          throw new InputError([{ path: ['input', 'entityId'], message: 'a mailbox stays with its body' }]);
        }
        await checkOffice(context, input);
        const after = await save(saveMeaning(input), () => context.prisma.pecMailbox.update({ ...query, where: { id: before.id }, data: data(input) }));
        context.audit = { ...context.audit, targetType: 'PecMailbox', targetId: before.id, entityId: before.entityId, before, after };
        return after;
      },
    }),

    setPecMailboxUsers: t.prismaField({
      type: PecMailbox,
      description: 'Replaces the people who may use a mailbox.',
      errors: { types: [InputError, NotFoundError, StaleVersionError], directResult: true },
      args: {
        mailboxId: t.arg.globalID({ required: true, for: PecMailbox }),
        userIds: t.arg.globalIDList({ required: true, description: 'User ids; an empty list removes everyone.' }),
        expectedVersion: t.arg.int({ required: false, description: `${expectedVersionDescription} Optional.` }),
      },
      authScopes: (_root, { mailboxId }, context) => writeOnMailboxBody(mailboxId.id)(context),
      resolve: async (query, _root, { mailboxId, userIds, expectedVersion }, context) => {
        // One replacement at a time: `before` is what the previous one left.
        const mailbox = await lockForChange(context, {
          model: 'PecMailbox',
          what: 'PEC mailbox',
          id: mailboxId.id,
          expectedVersion,
          read: () => context.prisma.pecMailbox.findUnique({ where: { id: mailboxId.id }, include: { users: true } }),
        });
        const ids = [...new Set(userIds.filter((u) => u.typename === 'User').map((u) => u.id))];
        const found = await context.prisma.user.findMany({ where: { id: { in: ids }, active: true }, select: { id: true } });
        if (ids.length !== userIds.length || found.length !== ids.length) {
          throw new InputError([{ path: ['userIds'], message: 'list each active user once, by their User id' }]);
        }
        await context.prisma.pecMailboxUser.deleteMany({ where: { mailboxId: mailbox.id } });
        await context.prisma.pecMailboxUser.createMany({ data: ids.map((userId) => ({ mailboxId: mailbox.id, userId })) });
        context.audit = {
          ...context.audit,
          targetType: 'PecMailbox',
          targetId: mailbox.id,
          entityId: mailbox.entityId,
          before: { userIds: mailbox.users.map((u) => u.userId) },
          after: { userIds: ids },
        };
        return context.prisma.pecMailbox.findUniqueOrThrow({ ...query, where: { id: mailbox.id } });
      },
    }),
  }));
}
