import { z } from 'zod';
import type { GeaBuilder } from '../builder.ts';
import { entityScopes } from '../kit/scopes.ts';
import { InputError, NotFoundError } from '../errors.ts';
import type { GeaPlugin } from '../plugin.ts';
import { coreRefs } from './refs.ts';

interface ModuleState {
  entityId: string;
  key: string;
  name: string;
  enabled: boolean;
  since: Date | null;
  changedById: string | null;
}

/**
 * Which installed modules each body has enabled (art. 11.4: a service is built for everyone only when
 * enough bodies want it). A module is off for a body until it is enabled.
 */
export function addModuleSchema(builder: GeaBuilder, plugins: readonly GeaPlugin[]) {
  const { Entity } = coreRefs(builder);
  const read = entityScopes.readOn;

  const ModuleStateRef = builder.objectRef<ModuleState>('ModuleState').implement({
    description: 'An installed module and whether it is enabled for one body.',
    fields: (t) => ({
      key: t.exposeString('key', { authScopes: (state) => read(state.entityId) }),
      name: t.exposeString('name', { authScopes: (state) => read(state.entityId) }),
      enabled: t.exposeBoolean('enabled', { authScopes: (state) => read(state.entityId) }),
      since: t.expose('since', { type: 'DateTime', nullable: true, authScopes: (state) => read(state.entityId) }),
      changedBy: t.prismaField({
        type: 'User',
        nullable: true,
        authScopes: { permission: 'core:users:read' },
        resolve: (query, state, _args, context) =>
          state.changedById ? context.prisma.user.findUnique({ ...query, where: { id: state.changedById } }) : null,
      }),
    }),
  });

  builder.prismaObjectFields('Entity', (t) => ({
    modules: t.field({
      type: [ModuleStateRef],
      description: 'Every installed module, enabled or not for this body.',
      select: { modules: true },
      resolve: (entity) =>
        plugins.map((plugin) => {
          const row = entity.modules.find((m) => m.moduleKey === plugin.key);
          return {
            entityId: entity.id,
            key: plugin.key,
            name: plugin.name,
            enabled: row?.enabled ?? false,
            since: row?.since ?? null,
            changedById: row?.changedById ?? null,
          };
        }),
    }),
    enabledModules: t.stringList({
      description: 'Keys of the modules enabled for this body (the web client hides the others).',
      select: { modules: { where: { enabled: true }, select: { moduleKey: true } } },
      resolve: (entity) =>
        entity.modules.map((m) => m.moduleKey).filter((key) => plugins.some((plugin) => plugin.key === key)),
    }),
  }));

  builder.mutationFields((t) => ({
    setModuleEnabled: t.prismaField({
      type: Entity,
      description: 'Enables or disables an installed module for a body.',
      errors: { types: [InputError, NotFoundError], directResult: true },
      authScopes: { permission: 'core:modules:write' },
      args: {
        entityId: t.arg.globalID({ required: true, for: Entity }),
        module: t.arg.string({ required: true, validate: z.string().max(100) }),
        enabled: t.arg.boolean({ required: true }),
      },
      resolve: async (query, _root, args, context) => {
        if (!plugins.some((plugin) => plugin.key === args.module)) {
          throw new InputError([
            { path: ['module'], message: `"${args.module}" is not an installed module (installed: ${plugins.map((p) => p.key).join(', ') || 'none'})` },
          ]);
        }
        const entityId = args.entityId.id;
        if (!(await context.prisma.entity.count({ where: { id: entityId } }))) throw new NotFoundError('Entity');
        const key = { entityId_moduleKey: { entityId, moduleKey: args.module } };
        const before = await context.prisma.moduleEnablement.findUnique({ where: key });
        if (before?.enabled !== args.enabled) {
          const change = { enabled: args.enabled, since: new Date(), changedById: context.actor.kind === 'user' ? context.actor.id : null };
          await context.prisma.moduleEnablement.upsert({
            where: key,
            create: { entityId, moduleKey: args.module, ...change },
            update: change,
          });
        }
        context.audit = {
          ...context.audit,
          entityId,
          targetType: 'Module',
          targetId: args.module,
          before: { enabled: before?.enabled ?? false },
          after: { enabled: args.enabled },
        };
        return context.prisma.entity.findUniqueOrThrow({ ...query, where: { id: entityId } });
      },
    }),
  }));
}
