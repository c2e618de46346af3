import {
  ConflictError,
  coreRefs,
  InputError,
  NotFoundError,
  prismaErrorCode,
  readableEntitiesWhere,
  type FieldIssue,
  type GeaBuilder,
  type GeaContext,
} from '@gea/core';
import { z } from 'zod';
import { READ, WRITE } from '../permissions.ts';
import type { addRegistryOfficeSchema } from './offices.ts';
import { DAY_MS, readList, readOn, today, writeOnBodyOf } from './shared.ts';

interface MailboxUserShape {
  userId: string;
  name: string;
  email: string;
}

export function addMailboxSchema(builder: GeaBuilder, { RegistryOffice }: ReturnType<typeof addRegistryOfficeSchema>) {
  const { Entity } = coreRefs(builder);

  const MailboxUser = builder.objectRef<MailboxUserShape>('PecMailboxUser').implement({
    description: 'A person who may use a PEC mailbox.',
    fields: (t) => ({
      userId: t.id({
        description: 'The User id.',
        authScopes: { permissionOnSomeBody: READ },
        resolve: (user) => Buffer.from(`User:${user.userId}`).toString('base64'),
      }),
      name: t.exposeString('name', { authScopes: { permissionOnSomeBody: READ } }),
      email: t.exposeString('email', { authScopes: { permissionOnSomeBody: READ } }),
    }),
  });

  const PecMailbox = builder.prismaNode('PecMailbox', {
    description: 'A certified e-mail (PEC) mailbox of a body (art. 3.5).',
    id: { field: 'id' },
    nullable: true,
    authScopes: (mailbox) => readOn(mailbox.entityId),
    fields: (t) => ({
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
        resolve: (mailbox) => (mailbox.expiresOn ? Math.round((mailbox.expiresOn.getTime() - today().getTime()) / DAY_MS) : null),
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

  builder.prismaObjectFields('Entity', (t) => ({
    pecMailboxes: t.relation('pecMailboxes', {
      nullable: true,
      description: 'Its PEC mailboxes, by address.',
      authScopes: (entity) => readOn(entity.id),
      query: { orderBy: { address: 'asc' } },
    }),
  }));

  builder.queryField('pecMailboxes', (t) =>
    t.prismaField({
      type: [PecMailbox],
      description: 'PEC mailboxes of the bodies the reader may see (or of one body), by address.',
      args: { entityId: t.arg.globalID({ required: false, for: Entity }) },
      authScopes: (_root, args) => readList(args.entityId),
      resolve: (query, _root, args, context) =>
        context.prisma.pecMailbox.findMany({
          ...query,
          where: { entity: readableEntitiesWhere(context, READ), ...(args.entityId ? { entityId: args.entityId.id } : {}) },
          orderBy: { address: 'asc' },
        }),
    }),
  );

  const fields = {
    address: z.string().trim().toLowerCase().email('is not an e-mail address').max(254),
    provider: z.string().trim().min(1).max(200),
    quotaMb: z.number().int().min(1).max(10_000_000),
    contractReference: z.string().trim().min(1).max(500),
  };
  const MailboxInput = builder.inputType('PecMailboxInput', {
    fields: (t) => ({
      entityId: t.globalID({ required: true, for: Entity, description: 'The body; a mailbox never moves to another body.' }),
      registryOfficeId: t.globalID({ required: false, for: RegistryOffice, description: 'The registry office (AOO) it serves.' }),
      address: t.string({ required: true, validate: fields.address }),
      provider: t.string({ required: true, validate: fields.provider }),
      quotaMb: t.int({ required: true, validate: fields.quotaMb }),
      contractReference: t.string({ required: false, validate: fields.contractReference }),
      expiresOn: t.field({ type: 'Date', required: false }),
    }),
  });
  type Input = {
    entityId: { id: string };
    registryOfficeId?: { id: string } | null;
    address: string;
    provider: string;
    quotaMb: number;
    contractReference?: string | null;
    expiresOn?: Date | null;
  };
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
      const issue: FieldIssue = { path: ['input', 'registryOfficeId'], message: 'is not a registry office of this body' };
      throw new InputError([issue]);
    }
  };
  const saveError = (error: unknown, input: Input) => {
    const code = prismaErrorCode(error);
    if (code === 'P2002') return new ConflictError(`the mailbox ${input.address.trim().toLowerCase()} is already recorded`);
    if (code === 'P2003') return new NotFoundError('Entity');
    return error;
  };
  const onMailboxBody = (id: string) =>
    writeOnBodyOf((context) => context.prisma.pecMailbox.findUnique({ where: { id }, select: { entityId: true } }));

  builder.mutationFields((t) => ({
    createPecMailbox: t.prismaField({
      type: PecMailbox,
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      args: { input: t.arg({ type: MailboxInput, required: true }) },
      authScopes: (_root, { input }) => ({ entityPermission: { permission: WRITE, entityId: input.entityId.id } }),
      resolve: async (query, _root, { input }, context) => {
        context.audit = { ...context.audit, targetType: 'PecMailbox', entityId: input.entityId.id };
        await checkOffice(context, input);
        try {
          return await context.prisma.pecMailbox.create({ ...query, data: data(input) });
        } catch (error) {
          throw saveError(error, input);
        }
      },
    }),

    updatePecMailbox: t.prismaField({
      type: PecMailbox,
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      args: { id: t.arg.globalID({ required: true, for: PecMailbox }), input: t.arg({ type: MailboxInput, required: true }) },
      authScopes: (_root, { id }, context) => onMailboxBody(id.id)(context),
      resolve: async (query, _root, { id, input }, context) => {
        const before = await context.prisma.pecMailbox.findUnique({ where: { id: id.id } });
        if (!before) throw new NotFoundError('PEC mailbox');
        if (input.entityId.id !== before.entityId) {
          throw new InputError([{ path: ['input', 'entityId'], message: 'a mailbox stays with its body' }]);
        }
        await checkOffice(context, input);
        try {
          const after = await context.prisma.pecMailbox.update({ ...query, where: { id: before.id }, data: data(input) });
          context.audit = { ...context.audit, targetType: 'PecMailbox', targetId: before.id, entityId: before.entityId, before, after };
          return after;
        } catch (error) {
          throw saveError(error, input);
        }
      },
    }),

    setPecMailboxUsers: t.prismaField({
      type: PecMailbox,
      description: 'Replaces the people who may use a mailbox.',
      errors: { types: [InputError, NotFoundError], directResult: true },
      args: {
        mailboxId: t.arg.globalID({ required: true, for: PecMailbox }),
        userIds: t.arg.globalIDList({ required: true, description: 'User ids; an empty list removes everyone.' }),
      },
      authScopes: (_root, { mailboxId }, context) => onMailboxBody(mailboxId.id)(context),
      resolve: async (query, _root, { mailboxId, userIds }, context) => {
        const mailbox = await context.prisma.pecMailbox.findUnique({ where: { id: mailboxId.id }, include: { users: true } });
        if (!mailbox) throw new NotFoundError('PEC mailbox');
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

  return { PecMailbox };
}
