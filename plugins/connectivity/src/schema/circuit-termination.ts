import {
  auditConcerns,
  ConflictError,
  InputError,
  lockForChange,
  modelRef,
  NotFoundError,
  StaleVersionError,
  versionDescription,
  type GeaBuilder,
} from '@gea/core';
import type { TerminationSide as Side } from '@gea/db';
import { bodiesOfAssets } from '@gea/plugin-inventory';
import { z } from 'zod';
import { terminationIssues } from '../rules/circuit-termination.ts';
import { scopes } from '../scopes.ts';
import { writeOnCircuitBody } from './circuit.ts';
import { terminationSideEnum } from './enums.ts';

export function addCircuitTerminationType(builder: GeaBuilder) {
  const TerminationSide = terminationSideEnum(builder);
  const Asset = modelRef(builder, 'Asset');
  const CircuitTermination = builder.prismaNode('CircuitTermination', {
    description: "One end of a circuit (A or Z): a body's site or a provider network, with the port and the CPE.",
    id: { field: 'id' },
    nullable: true,
    // A termination is its circuit's: readable where the circuit's body is.
    select: { circuit: { select: { entityId: true } } },
    authScopes: (termination) => scopes.readOn(termination.circuit.entityId),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      side: t.expose('side', { type: TerminationSide }),
      circuit: t.relation('circuit'),
      site: t.relation('site', { nullable: true, description: "The body's site, when this end is on a site." }),
      providerNetwork: t.relation('providerNetwork', { nullable: true, description: 'The provider network, when this end is on one.' }),
      portSpeedKbps: t.exposeInt('portSpeedKbps', { nullable: true, description: 'Speed of the hand-over port, kbit/s.' }),
      crossConnect: t.exposeString('crossConnect', { nullable: true, description: 'Patch panel, cross-connect or rack position.' }),
      cpe: t.field({
        type: Asset,
        nullable: true,
        description: 'The customer premises equipment (router, ONT) from the inventory; null when the reader may not read the inventory of its body.',
        select: (_args, _context, nestedSelection) => ({ cpe: nestedSelection(true) }),
        resolve: (termination, _args, context) => {
          const cpe = (termination as unknown as { cpe: { entityId: string } | null }).cpe;
          return cpe && context.actor.can('inventory:read', cpe.entityId) ? (cpe as never) : null;
        },
      }),
    }),
  });

  const Circuit = modelRef(builder, 'Circuit');
  const Site = modelRef(builder, 'Site');
  const ProviderNetwork = modelRef(builder, 'ProviderNetwork');
  const TerminationInput = builder.inputType('CircuitTerminationInput', {
    description: 'Where one end of a circuit is: exactly one of a site and a provider network.',
    fields: (t) => ({
      siteId: t.globalID({ required: false, for: Site, description: "Side A: a site of the circuit's body; side Z: any site." }),
      providerNetworkId: t.globalID({ required: false, for: ProviderNetwork, description: "A network of the circuit's provider." }),
      portSpeedKbps: t.int({ required: false, validate: z.number().int().min(0).max(1_000_000_000), description: 'Speed of the hand-over port, kbit/s.' }),
      cpeAssetId: t.globalID({ required: false, for: Asset, description: "An inventory asset of the site's body." }),
      crossConnect: t.string({ required: false, validate: z.string().trim().max(200) }),
    }),
  });

  builder.mutationFields((t) => ({
    setCircuitTermination: t.prismaField({
      type: CircuitTermination,
      description:
        'Records or changes one end of a circuit. Changing an existing end needs its version as expectedVersion; recording a new one needs none.',
      errors: { types: [InputError, NotFoundError, StaleVersionError, ConflictError], directResult: true },
      args: {
        circuitId: t.arg.globalID({ required: true, for: Circuit }),
        side: t.arg({ type: TerminationSide, required: true }),
        expectedVersion: t.arg.int({ required: false, description: 'The version of the existing end, when there is one.' }),
        input: t.arg({ type: TerminationInput, required: true }),
      },
      authScopes: (_root, args, context) => writeOnCircuitBody(args.circuitId.id)(context),
      resolve: async (query, _root, { circuitId, side, expectedVersion, input }, context) => {
        const circuit = await context.prisma.circuit.findUnique({ where: { id: circuitId.id }, select: { id: true, entityId: true, providerId: true } });
        if (!circuit) throw new NotFoundError('Circuit');
        context.audit = { ...context.audit, targetType: 'CircuitTermination', entityId: circuit.entityId };
        const existing = await context.prisma.circuitTermination.findUnique({ where: { circuitId_side: { circuitId: circuit.id, side: side as Side } }, select: { id: true } });
        if (existing && expectedVersion == null) throw new ConflictError(`side ${side} is already recorded: send its version as expectedVersion to change it`);
        if (!existing && expectedVersion != null) throw new ConflictError(`side ${side} was removed meanwhile: record it again without expectedVersion`);
        const before = existing
          ? await lockForChange(context, {
              model: 'CircuitTermination',
              id: existing.id,
              expectedVersion: expectedVersion!,
              read: () => context.prisma.circuitTermination.findUnique({ where: { id: existing.id } }),
            })
          : null;
        const [site, network, cpeBodies] = await Promise.all([
          input.siteId ? context.prisma.site.findUnique({ where: { id: input.siteId.id }, select: { entityId: true } }) : null,
          input.providerNetworkId ? context.prisma.providerNetwork.findUnique({ where: { id: input.providerNetworkId.id }, select: { providerId: true } }) : null,
          input.cpeAssetId ? bodiesOfAssets(context, [input.cpeAssetId.id]) : null,
        ]);
        const cpeBody = input.cpeAssetId ? cpeBodies?.get(input.cpeAssetId.id) : undefined;
        const issues = terminationIssues({
          side: side as Side,
          circuit,
          site: input.siteId ? (site ?? 'missing') : null,
          providerNetwork: input.providerNetworkId ? (network ?? 'missing') : null,
          cpe: input.cpeAssetId ? (cpeBody ? { entityId: cpeBody } : 'missing') : null,
        });
        if (issues.length > 0) throw new InputError(issues.map((issue) => ({ path: ['input', issue.field], message: issue.message, code: issue.code })));
        const values = {
          siteId: input.siteId?.id ?? null,
          providerNetworkId: input.providerNetworkId?.id ?? null,
          portSpeedKbps: input.portSpeedKbps ?? null,
          cpeAssetId: input.cpeAssetId?.id ?? null,
          crossConnect: input.crossConnect?.trim() || null,
        };
        const after = before
          ? await context.prisma.circuitTermination.update({ ...query, where: { id: before.id }, data: values })
          : await context.prisma.circuitTermination.create({ ...query, data: { ...values, circuitId: circuit.id, side: side as Side } });
        if (values.siteId && site) auditConcerns(context, [site.entityId]);
        context.audit = { ...context.audit, targetId: (after as { id: string }).id, before, after: { side, ...values } };
        return after;
      },
    }),

    removeCircuitTermination: t.field({
      type: 'ID',
      description: 'Removes one end of a circuit; returns the id of the removed end.',
      errors: { types: [NotFoundError] },
      args: { id: t.arg.globalID({ required: true, for: CircuitTermination }) },
      authScopes: (_root, args, context) =>
        scopes.writeOnBodyOf((ctx) =>
          ctx.prisma.circuitTermination.findUnique({ where: { id: args.id.id }, select: { circuit: { select: { entityId: true } } } }).then((row) => (row ? row.circuit : null)),
        )(context),
      resolve: async (_root, { id }, context) => {
        const before = await context.prisma.circuitTermination.findUnique({ where: { id: id.id }, include: { circuit: { select: { entityId: true } } } });
        if (!before) throw new NotFoundError('Circuit termination');
        await context.prisma.circuitTermination.delete({ where: { id: before.id } });
        const { circuit, ...recorded } = before;
        context.audit = { ...context.audit, targetType: 'CircuitTermination', targetId: before.id, entityId: circuit.entityId, before: recorded };
        return Buffer.from(`CircuitTermination:${before.id}`).toString('base64');
      },
    }),
  }));
}
