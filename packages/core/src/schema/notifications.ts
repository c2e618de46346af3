import { z } from 'zod';
import type { GeaBuilder } from '../builder.ts';
import type { GeaContext } from '../context.ts';
import { InputError } from '../errors.ts';
import { collectNotificationKinds } from '../notifications/kinds.ts';
import { localeOf, textIn } from '../notifications/outbox.ts';
import { mayEverReceive } from '../notifications/recipients.ts';
import type { NotificationKindDefinition } from '../notifications/types.ts';
import type { PermissionDefinition } from '../permissions.ts';
import type { GeaPlugin } from '../plugin.ts';

/** Inbox and preferences belong to a signed-in person: API tokens (machines) have neither. */
const person = (context: GeaContext) => context.actor.kind === 'user' && context.actor.id !== null;
const personScope = (_root: unknown, _args: unknown, context: GeaContext) => person(context);

interface PreferenceRow {
  kind: string;
  /** The person's own language, the default for `label`. */
  locale: string;
  definition: NotificationKindDefinition;
  inbox: boolean;
  email: boolean;
}

const localeArg = z.enum(['it', 'en']).nullish();

export function addNotificationSchema(
  builder: GeaBuilder,
  plugins: readonly GeaPlugin[],
  permissions: ReadonlyMap<string, PermissionDefinition>,
) {
  const kinds = collectNotificationKinds(plugins, permissions);

  const Notification = builder.prismaNode('Notification', {
    description: 'A notification in the signed-in person\'s inbox.',
    id: { field: 'id' },
    // Only its recipient sees it, however it is reached (node(id:) included).
    authScopes: (notification, context) => person(context) && notification.recipientId === context.actor.id,
    fields: (t) => ({
      kind: t.exposeString('kind', { description: 'What kind of notification (`inventory:warranty-ending`).' }),
      title: t.string({
        args: { locale: t.arg.string({ required: false, validate: localeArg, description: '`it` or `en`; default: the recipient\'s language.' }) },
        select: { title: true, recipient: { select: { locale: true } } },
        resolve: (n, args) => textIn(n.title, localeOf(args.locale ?? n.recipient.locale)),
      }),
      body: t.string({
        args: { locale: t.arg.string({ required: false, validate: localeArg }) },
        select: { body: true, recipient: { select: { locale: true } } },
        resolve: (n, args) => textIn(n.body, localeOf(args.locale ?? n.recipient.locale)),
      }),
      link: t.exposeString('link', { nullable: true, description: 'Client path to open.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      readAt: t.expose('readAt', { type: 'DateTime', nullable: true }),
    }),
  });

  const Preference = builder.objectRef<PreferenceRow>('NotificationPreference').implement({
    description: 'How the signed-in person receives one kind of notification (both on unless changed).',
    authScopes: (_row, context) => person(context),
    fields: (t) => ({
      kind: t.exposeString('kind'),
      label: t.string({
        args: { locale: t.arg.string({ required: false, validate: localeArg }) },
        resolve: (row, args) => row.definition.label[localeOf(args.locale ?? row.locale)],
      }),
      description: t.string({ resolve: (row) => row.definition.description }),
      inbox: t.exposeBoolean('inbox', { description: 'In the in-app inbox.' }),
      email: t.exposeBoolean('email', { description: 'By e-mail.' }),
    }),
  });

  const Marked = builder.objectRef<{ marked: number; recipientId: string }>('MarkNotificationsReadResult').implement({
    authScopes: (_row, context) => person(context),
    fields: (t) => ({
      marked: t.exposeInt('marked', { description: 'How many notifications were unread and are now read.' }),
      unreadCount: t.int({
        description: 'Unread notifications left in the inbox.',
        resolve: (row, _args, context) => context.prisma.notification.count({ where: { recipientId: row.recipientId, inInbox: true, readAt: null } }),
      }),
    }),
  });

  const ownRoles = (context: GeaContext) =>
    context.prisma.user.findUnique({
      where: { id: context.actor.id! },
      select: { id: true, active: true, locale: true, roles: { select: { role: true, entityId: true } } },
    });

  builder.queryFields((t) => ({
    notifications: t.prismaConnection({
      type: Notification,
      cursor: 'id',
      description: 'The signed-in person\'s inbox, newest first.',
      authScopes: personScope,
      args: { unreadOnly: t.arg.boolean({ required: false }) },
      resolve: (query, _root, args, context) =>
        context.prisma.notification.findMany({
          ...query,
          where: { recipientId: context.actor.id!, inInbox: true, ...(args.unreadOnly ? { readAt: null } : {}) },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        }),
    }),
    unreadNotificationCount: t.int({
      description: 'Unread notifications in the signed-in person\'s inbox.',
      authScopes: personScope,
      resolve: (_root, _args, context) =>
        context.prisma.notification.count({ where: { recipientId: context.actor.id!, inInbox: true, readAt: null } }),
    }),
    notificationPreferences: t.field({
      type: [Preference],
      description: 'Every kind of notification the signed-in person may receive, with how they receive it.',
      authScopes: personScope,
      resolve: async (_root, _args, context) => {
        const [user, stored] = await Promise.all([
          ownRoles(context),
          context.prisma.notificationPreference.findMany({ where: { userId: context.actor.id! } }),
        ]);
        if (!user) return [];
        const byKind = new Map(stored.map((row) => [row.kind, row]));
        return [...kinds]
          .filter(([, definition]) => mayEverReceive(user, definition, permissions))
          .map(([kind, definition]) => ({ kind, locale: user.locale, definition, inbox: byKind.get(kind)?.inbox ?? true, email: byKind.get(kind)?.email ?? true }));
      },
    }),
  }));

  builder.mutationFields((t) => ({
    markNotificationsRead: t.field({
      type: Marked,
      description: 'Marks the given notifications (or, with `all: true`, every one) of the signed-in person as read.',
      authScopes: personScope,
      errors: { types: [InputError], directResult: true },
      args: {
        ids: t.arg.globalIDList({ required: false, for: Notification }),
        all: t.arg.boolean({ required: false }),
      },
      resolve: async (_root, args, context) => {
        if (!args.all && !args.ids?.length) throw new InputError([{ path: ['ids'], message: 'give ids, or all: true' }]);
        if (args.all && args.ids?.length) throw new InputError([{ path: ['all'], message: 'give either ids or all: true, not both' }]);
        const { count } = await context.prisma.notification.updateMany({
          where: {
            recipientId: context.actor.id!,
            readAt: null,
            ...(args.all ? {} : { id: { in: args.ids!.map((id) => id.id) } }),
          },
          data: { readAt: new Date() },
        });
        context.audit = { ...context.audit, entityId: null, targetType: 'Notification', after: { marked: count } };
        return { marked: count, recipientId: context.actor.id! };
      },
    }),
    setNotificationPreference: t.field({
      type: Preference,
      description: 'Chooses how the signed-in person receives one kind of notification.',
      authScopes: personScope,
      errors: { types: [InputError], directResult: true },
      args: {
        kind: t.arg.string({ required: true }),
        inbox: t.arg.boolean({ required: true }),
        email: t.arg.boolean({ required: true }),
      },
      resolve: async (_root, args, context) => {
        const definition = kinds.get(args.kind);
        if (!definition) throw new InputError([{ path: ['kind'], message: `no notification kind "${args.kind}"` }]);
        const userId = context.actor.id!;
        const before = await context.prisma.notificationPreference.findUnique({ where: { userId_kind: { userId, kind: args.kind } } });
        const saved = await context.prisma.notificationPreference.upsert({
          where: { userId_kind: { userId, kind: args.kind } },
          create: { userId, kind: args.kind, inbox: args.inbox, email: args.email },
          update: { inbox: args.inbox, email: args.email },
        });
        context.audit = {
          ...context.audit,
          entityId: null,
          targetType: 'NotificationPreference',
          targetId: `${userId}:${args.kind}`,
          before: { inbox: before?.inbox ?? true, email: before?.email ?? true },
          after: { inbox: saved.inbox, email: saved.email },
        };
        const { locale } = await context.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { locale: true } });
        return { kind: args.kind, locale, definition, inbox: saved.inbox, email: saved.email };
      },
    }),
  }));
}
