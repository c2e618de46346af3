// The server half of a new plugin: definition, permissions, model, one type with a query and two
// mutations on the plugin kit, a business rule with its unit test, a seed row, and an integration
// test that runs on PGlite and PostgreSQL.
import type { PluginNames } from './names.ts';

export function serverFiles(n: PluginNames): Record<string, string> {
  const dir = `plugins/${n.key}`;
  return {
    [`${dir}/package.json`]: `${JSON.stringify(
      {
        name: `@gea/plugin-${n.key}`,
        version: '0.1.0',
        private: true,
        type: 'module',
        exports: { '.': './src/index.ts', './web': './web/index.ts' },
        scripts: { typecheck: 'tsc -p tsconfig.json' },
        dependencies: { '@gea/core': '*', '@gea/db': '*', '@gea/web-kit': '*', 'solid-js': '~1.9.9', zod: '^4.1.0' },
        devDependencies: { '@gea/test-kit': '*', vitest: '^4.1.0' },
      },
      null,
      2,
    )}\n`,

    [`${dir}/tsconfig.json`]: `{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "jsx": "preserve", "jsxImportSource": "solid-js" },
  "include": ["src", "tests", "web"]
}
`,

    [`prisma/schema/${n.key}.prisma`]: `/// An item of the ${n.title} module, kept for one body.
model ${n.model} {
  id        String   @id @default(uuid(7)) @db.Uuid
  entityId  String   @db.Uuid
  name      String
  note      String?
  createdAt DateTime @default(now()) @db.Timestamptz(3)
  updatedAt DateTime @updatedAt @db.Timestamptz(3)
  /// Optimistic concurrency: 1 when created, raised by one on every UPDATE (db:migration adds the trigger).
  version   Int      @default(1)

  entity Entity @relation(fields: [entityId], references: [id], onDelete: Cascade)

  @@unique([entityId, name])
}
`,

    [`${dir}/src/index.ts`]: `import { definePlugin } from '@gea/core';
import { ${n.camel}Permissions } from './permissions.ts';
import { add${n.pascal}Schema } from './schema/index.ts';
import { seed${n.pascal} } from './seed.ts';

export default definePlugin({
  key: '${n.key}',
  name: '${n.title}',
  description: 'What the ${n.title} module keeps for each body.',
  prismaSchema: 'prisma/schema/${n.key}.prisma',
  permissions: ${n.camel}Permissions,
  schema: add${n.pascal}Schema,
  seed: seed${n.pascal},
});
`,

    [`${dir}/src/permissions.ts`]: `// Data only: the web client imports it too (menus), so it reaches @gea/core/permissions alone.
import { definePermissions } from '@gea/core/permissions';

export const ${n.camel}Permissions = definePermissions('${n.key}', {
  '${n.key}:read': { description: 'Read the ${n.title} items of a body', roles: ['ICT_STAFF', 'REFERENT', 'BOARD_MEMBER'] },
  '${n.key}:write': { description: 'Record and change the ${n.title} items of a body', roles: ['ICT_STAFF'] },
});

declare module '@gea/core' {
  interface GeaPermissions extends Record<keyof typeof ${n.camel}Permissions, true> {}
}
`,

    [`${dir}/src/scopes.ts`]: `import { pluginScopes } from '@gea/core';

/** The scopes this plugin's fields choose from. */
export const scopes = pluginScopes('${n.key}:read', '${n.key}:write');
`,

    [`${dir}/src/schema/index.ts`]: `import type { GeaBuilder } from '@gea/core';
import { add${n.model}Schema } from './${n.modelFile}.ts';

/** One file per type; fields this plugin adds to other types go in ./extends/. */
export function add${n.pascal}Schema(builder: GeaBuilder) {
  add${n.model}Schema(builder);
}
`,

    [`${dir}/src/schema/${n.modelFile}.ts`]: `import {
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
  type GeaContext,
} from '@gea/core';
import { z } from 'zod';
import { scopes } from '../scopes.ts';
import { itemData } from '../rules/${n.modelFile}.ts';

export function add${n.model}Schema(builder: GeaBuilder) {
  const Entity = modelRef(builder, 'Entity');

  const ${n.model} = builder.prismaNode('${n.model}', {
    description: 'An item of the ${n.title} module, kept for one body.',
    id: { field: 'id' },
    nullable: true,
    authScopes: (item) => scopes.readOn(item.entityId),
    fields: (t) => ({
      name: t.exposeString('name'),
      note: t.exposeString('note', { nullable: true }),
      // nullable: the body itself may be outside the reader's scopes even when its item is not
      entity: t.relation('entity', { nullable: true }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
      version: t.exposeInt('version', { description: versionDescription }),
    }),
  });

  // Bodies where the reader lacks the permission or the module is off are never selected.
  const listWhere = (context: GeaContext, entityId: { id: string } | null | undefined) => ({
    entity: scopes.readableEntities(context),
    ...(entityId ? { entityId: entityId.id } : {}),
  });
  builder.queryField('${n.modelPlural}', (t) =>
    t.prismaConnection({
      type: ${n.model},
      cursor: 'id',
      description: 'Items of the bodies the reader may see (or of one body), by name.',
      authScopes: (_root, args) => scopes.readList(args.entityId),
      args: { entityId: t.arg.globalID({ required: false, for: Entity }) },
      totalCount: (_root, args, context) => context.prisma.${n.modelCamel}.count({ where: listWhere(context, args.entityId) }),
      resolve: (query, _root, args, context) =>
        context.prisma.${n.modelCamel}.findMany({ ...query, where: listWhere(context, args.entityId), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    }),
  );

  const ${n.model}Input = builder.inputType('${n.model}Input', {
    fields: (t) => ({
      name: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
      note: t.string({ required: false, validate: z.string().trim().max(2000) }),
    }),
  });
  const meaning = (input: typeof ${n.model}Input.$inferInput) => ({
    unique: \`the body already has an item named "\${input.name.trim()}"\`,
    missing: 'Entity',
  });

  builder.mutationFields((t) => ({
    create${n.model}: t.prismaField({
      type: ${n.model},
      description: 'Records an item for a body.',
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      args: { entityId: t.arg.globalID({ required: true, for: Entity }), input: t.arg({ type: ${n.model}Input, required: true }) },
      authScopes: (_root, args) => scopes.writeOn(args.entityId.id),
      resolve: (query, _root, { entityId, input }, context) => {
        context.audit = { ...context.audit, targetType: '${n.model}', entityId: entityId.id };
        return save(meaning(input), () => context.prisma.${n.modelCamel}.create({ ...query, data: { entityId: entityId.id, ...itemData(input) } }));
      },
    }),
    update${n.model}: t.prismaField({
      type: ${n.model},
      description: 'Changes an item: fields left out are cleared.',
      errors: { types: [InputError, ConflictError, NotFoundError, StaleVersionError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: ${n.model} }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        input: t.arg({ type: ${n.model}Input, required: true }),
      },
      authScopes: (_root, args, context) =>
        scopes.writeOnBodyOf((c) => c.prisma.${n.modelCamel}.findUnique({ where: { id: args.id.id }, select: { entityId: true } }))(context),
      resolve: async (query, _root, { id, expectedVersion, input }, context) => {
        // Locked, read, compared with the version the client read: a concurrent change waits, a stale one is refused.
        const before = await lockForChange(context, {
          model: '${n.model}',
          id: id.id,
          expectedVersion,
          read: () => context.prisma.${n.modelCamel}.findUnique({ where: { id: id.id } }),
        });
        const after = await save(meaning(input), () =>
          context.prisma.${n.modelCamel}.update({ ...query, where: { id: before.id }, data: itemData(input) }),
        );
        context.audit = { ...context.audit, targetType: '${n.model}', targetId: before.id, entityId: before.entityId, before, after };
        return after;
      },
    }),
  }));
}
`,

    [`${dir}/src/rules/${n.modelFile}.ts`]: `// Business rules of an item, as plain functions: tested on their own, used by the schema.

/** What is stored of an item's input: text trimmed, an empty note is no note. */
export function itemData(input: { name: string; note?: string | null }): { name: string; note: string | null } {
  return { name: input.name.trim(), note: input.note?.trim() || null };
}
`,

    [`${dir}/src/rules/${n.modelFile}.test.ts`]: `import { describe, expect, it } from 'vitest';
import { itemData } from './${n.modelFile}.ts';

describe('itemData', () => {
  it('trims the name and the note', () => {
    expect(itemData({ name: '  Primo  ', note: ' nota ' })).toEqual({ name: 'Primo', note: 'nota' });
  });

  it('stores a blank or missing note as no note', () => {
    expect(itemData({ name: 'Primo', note: '   ' }).note).toBeNull();
    expect(itemData({ name: 'Primo' }).note).toBeNull();
  });
});
`,

    [`${dir}/src/seed.ts`]: `import type { SeedContext } from '@gea/core';

/** Demo data: one item for the first municipality. */
export async function seed${n.pascal}({ prisma, log }: SeedContext): Promise<void> {
  const body = await prisma.entity.findFirst({ where: { kind: 'MUNICIPALITY' }, orderBy: { name: 'asc' } });
  if (!body) return;
  await prisma.${n.modelCamel}.create({ data: { entityId: body.id, name: 'Primo elemento', note: 'Dati dimostrativi' } });
  log(\`seeded one ${n.title} item for \${body.name}\`);
}
`,

    [`${dir}/tests/${n.key}.test.ts`]: `import plugin from '@gea/plugin-${n.key}';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';
import { beforeAll, describe, expect, it } from 'vitest';

// Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set, each time in a fresh database.
const t = useTestApi([plugin]);
const bodies: { id: string; gid: string }[] = [];

const CREATE = \`mutation ($entityId: ID!, $input: ${n.model}Input!) {
  create${n.model}(entityId: $entityId, input: $input) {
    __typename ... on ${n.model} { id name note } ... on Error { code message }
  }
}\`;
const LIST = '{ ${n.modelPlural}(first: 50) { totalCount edges { node { name entity { name } } } } }';

beforeAll(async () => {
  for (const name of ['Comune di Prova', 'Comune di Altrove']) {
    const entity = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name } });
    bodies.push({ id: entity.id, gid: toGlobalId('Entity', entity.id) });
  }
  await enableModules(t.db, bodies.map((b) => b.id), ['${n.key}']);
});

describe('${n.title}', () => {
  const staff = () => actorForRoles(t.api.composed, 'staff', [{ role: 'ICT_STAFF', entityId: null }]);
  const referentOf = (index: number) => actorForRoles(t.api.composed, 'referent', [{ role: 'REFERENT', entityId: bodies[index]!.id }]);

  it('the ICT staff records an item, and the mutation is audited', async () => {
    const created = await t.api.gql(CREATE, { entityId: bodies[0]!.gid, input: { name: ' Primo ', note: '' } }, staff());
    expect(created.body.data?.create${n.model}).toMatchObject({ __typename: '${n.model}', name: 'Primo', note: null });
    const audit = await t.db.prisma.auditEvent.findFirst({ where: { operation: 'create${n.model}' }, orderBy: { at: 'desc' } });
    expect(audit).toMatchObject({ outcome: 'SUCCESS', entityId: bodies[0]!.id, targetType: '${n.model}' });
  });

  it('a second item with the same name in the same body is a conflict', async () => {
    const again = await t.api.gql(CREATE, { entityId: bodies[0]!.gid, input: { name: 'Primo' } }, staff());
    expect(again.body.data?.create${n.model}).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' });
  });

  it('a referent sees their own body\\'s items only, and may not write', async () => {
    await t.api.gql(CREATE, { entityId: bodies[1]!.gid, input: { name: 'Altro' } }, staff());
    const own = await t.api.gql(LIST, {}, referentOf(0));
    expect(own.body.data?.${n.modelPlural}.totalCount).toBe(1);
    expect(own.body.data?.${n.modelPlural}.edges.map((e: any) => e.node.name)).toEqual(['Primo']);
    const write = await t.api.gql(CREATE, { entityId: bodies[0]!.gid, input: { name: 'Secondo' } }, referentOf(0));
    expect(write.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers MODULE_DISABLED where the module is off', async () => {
    await t.db.prisma.moduleEnablement.updateMany({ where: { entityId: bodies[1]!.id }, data: { enabled: false } });
    const response = await t.api.gql(CREATE, { entityId: bodies[1]!.gid, input: { name: 'Spento' } }, staff());
    expect(response.body.errors?.[0]?.extensions?.code).toBe('MODULE_DISABLED');
  });

  it('an update needs the version the client read: a stale one changes nothing', async () => {
    const created = await t.api.gql(CREATE, { entityId: bodies[0]!.gid, input: { name: 'Da cambiare' } }, staff());
    const UPDATE = \`mutation ($id: ID!, $v: Int!, $input: ${n.model}Input!) {
      update${n.model}(id: $id, expectedVersion: $v, input: $input) {
        __typename ... on ${n.model} { name version } ... on StaleVersionError { code currentVersion }
      }
    }\`;
    const id = created.body.data?.create${n.model}.id;
    const first = await t.api.gql(UPDATE, { id, v: 1, input: { name: 'Cambiato' } }, staff());
    expect(first.body.data?.update${n.model}).toEqual({ __typename: '${n.model}', name: 'Cambiato', version: 2 });
    const stale = await t.api.gql(UPDATE, { id, v: 1, input: { name: 'Perso' } }, staff());
    expect(stale.body.data?.update${n.model}).toEqual({ __typename: 'StaleVersionError', code: 'STALE_VERSION', currentVersion: 2 });
  });
});
`,
  };
}
