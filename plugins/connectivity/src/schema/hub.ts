// The association's central site, where the servers are (art. 5.2): the hub the network view draws
// every body's links towards. One per association; set by ICT staff for the whole association.
import { InputError, lockRow, modelRef, NotFoundError, type GeaBuilder, type GeaContext } from '@gea/core';
import { scopes, writeAll } from '../scopes.ts';

/** Bodies of an association today: its current members and its lead body. */
export async function isBodyOfAssociation(context: GeaContext, associationId: string, entityId: string): Promise<boolean> {
  const found = await context.prisma.association.count({
    where: {
      id: associationId,
      OR: [{ leadEntityId: entityId }, { members: { some: { entityId, OR: [{ leftOn: null }, { leftOn: { gt: new Date() } }] } } }],
    },
  });
  return found > 0;
}

export function addConnectivityHub(builder: GeaBuilder) {
  const Association = modelRef(builder, 'Association');
  const Site = modelRef(builder, 'Site');

  const ConnectivityHub = builder.prismaObject('ConnectivityHub', {
    description: "The association's central site, where the servers are (art. 5.2): the hub of the network view.",
    // The hub is the association's, not one body's: whoever reads some body's links knows where they lead.
    authScopes: scopes.readSome,
    fields: (t) => ({
      association: t.relation('association'),
      // The site itself stays guarded by its own type (core:entities:read on its body); its existence is known.
      site: t.relation('site', { nullable: true }),
      siteId: t.globalID({ description: 'The central site, as an id: known to every reader even where the site is not readable.', resolve: (hub) => ({ type: 'Site', id: hub.siteId }) }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    }),
  });

  builder.prismaObjectFields('Association', (t) => ({
    connectivityHub: t.relation('connectivityHub', {
      nullable: true,
      description: "The association's central site for connectivity (art. 5.2); null until set.",
      authScopes: scopes.readSome,
    }),
  }));

  builder.queryField('connectivityHub', (t) =>
    t.prismaField({
      type: ConnectivityHub,
      nullable: true,
      description: "An association's central site for connectivity; null until set (or no such association).",
      authScopes: scopes.readSome,
      args: { associationId: t.arg.globalID({ required: true, for: Association }) },
      resolve: (query, _root, args, context) => context.prisma.connectivityHub.findUnique({ ...query, where: { associationId: args.associationId.id } }),
    }),
  );

  builder.mutationField('setConnectivityHub', (t) =>
    t.prismaField({
      type: ConnectivityHub,
      description: "Sets the association's central site (art. 5.2): a site of one of its bodies. Association-wide connectivity:write.",
      errors: { types: [InputError, NotFoundError], directResult: true },
      authScopes: writeAll,
      args: {
        associationId: t.arg.globalID({ required: true, for: Association }),
        siteId: t.arg.globalID({ required: true, for: Site }),
      },
      resolve: async (query, _root, args, context) => {
        const associationId = args.associationId.id;
        // One change of an association's hub at a time.
        if (!(await lockRow(context.prisma, 'Association', associationId))) throw new NotFoundError('Association');
        const site = await context.prisma.site.findUnique({ where: { id: args.siteId.id }, select: { id: true, entityId: true, name: true } });
        if (!site) throw new NotFoundError('Site');
        if (!(await isBodyOfAssociation(context, associationId, site.entityId))) {
          throw new InputError([{ path: ['siteId'], message: 'the site must belong to a body of the association' }]);
        }
        const before = await context.prisma.connectivityHub.findUnique({ where: { associationId } });
        const hub = await context.prisma.connectivityHub.upsert({
          ...query,
          where: { associationId },
          create: { associationId, siteId: site.id },
          update: { siteId: site.id },
        });
        context.audit = {
          ...context.audit,
          entityId: site.entityId,
          targetType: 'ConnectivityHub',
          targetId: associationId,
          before: before ? { siteId: before.siteId } : null,
          after: { siteId: site.id, siteName: site.name },
        };
        return hub;
      },
    }),
  );
}
