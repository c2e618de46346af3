import { addDays, modelRef, today, type GeaBuilder } from '@gea/core';
import { z } from 'zod';
import { scopes } from '../scopes.ts';

interface ExpiryAlerts {
  withinDays: number;
  entityIds: string[] | null;
}

export function addPecExpiryAlerts(builder: GeaBuilder) {
  const Entity = modelRef(builder, 'Entity');
  const SignatureCertificate = modelRef(builder, 'SignatureCertificate');
  const PecMailbox = modelRef(builder, 'PecMailbox');

  const Alerts = builder.objectRef<ExpiryAlerts>('PecExpiryAlerts').implement({
    description: 'What expires soon, for the dashboard: active certificates and PEC mailboxes of the bodies the reader may see.',
    fields: (t) => ({
      withinDays: t.exposeInt('withinDays', { authScopes: scopes.readSome }),
      certificates: t.prismaField({
        type: [SignatureCertificate],
        description: 'Active certificates whose validity ends from now to the end of the window, soonest first.',
        authScopes: scopes.readSome,
        resolve: (query, alerts, _args, context) =>
          context.prisma.signatureCertificate.findMany({
            ...query,
            where: {
              entity: scopes.readableEntities(context),
              ...(alerts.entityIds ? { entityId: { in: alerts.entityIds } } : {}),
              status: 'ACTIVE',
              validTo: { gte: new Date(), lt: addDays(today(), alerts.withinDays + 1) },
            },
            orderBy: [{ validTo: 'asc' }, { id: 'asc' }],
          }),
      }),
      mailboxes: t.prismaField({
        type: [PecMailbox],
        description: 'Mailboxes whose term ends from today to the end of the window, soonest first.',
        authScopes: scopes.readSome,
        resolve: (query, alerts, _args, context) =>
          context.prisma.pecMailbox.findMany({
            ...query,
            where: {
              entity: scopes.readableEntities(context),
              ...(alerts.entityIds ? { entityId: { in: alerts.entityIds } } : {}),
              expiresOn: { gte: today(), lte: addDays(today(), alerts.withinDays) },
            },
            orderBy: [{ expiresOn: 'asc' }, { address: 'asc' }],
          }),
      }),
    }),
  });

  builder.queryField('pecExpiryAlerts', (t) =>
    t.field({
      type: Alerts,
      description: 'Certificates and mailboxes expiring within the next N days (for the dashboard), per body, scoped to the reader.',
      args: {
        withinDays: t.arg.int({ required: true, validate: z.number().int().min(0).max(3650) }),
        entityIds: t.arg.globalIDList({ required: false, for: Entity, description: 'Only these bodies.' }),
      },
      authScopes: (_root, args) => (args.entityIds?.length ? scopes.readAny(args.entityIds.map((e) => e.id)) : scopes.readSome),
      resolve: (_root, args) => ({ withinDays: args.withinDays, entityIds: args.entityIds?.length ? args.entityIds.map((e) => e.id) : null }),
    }),
  );
}
