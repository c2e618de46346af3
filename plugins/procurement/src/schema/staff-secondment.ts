import {
  ConflictError,
  expectedVersionDescription,
  InputError,
  lockForChange,
  modelRef,
  NotFoundError,
  StaleVersionError,
  versionDescription,
  type GeaBuilder,
  type GeaContext,
} from '@gea/core';
import { z } from 'zod';
import { scopes, writeAll } from '../scopes.ts';
import { accountingYear, money } from '../rules/expense.ts';
import { membersDuringYear } from '../services.ts';

export function addStaffSecondmentType(builder: GeaBuilder) {
  const StaffSecondment = builder.prismaNode('StaffSecondment', {
    description: 'Staff a member body assigns to the ICT office in a year; its cost is reimbursed in full (art. 13.5).',
    id: { field: 'id' },
    nullable: true,
    // Names and costs of people: only for those who read the lending body's procurement.
    authScopes: (row) => scopes.readOn(row.lendingEntityId),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      year: t.exposeInt('year'),
      lendingEntity: t.relation('lendingEntity'),
      personName: t.exposeString('personName'),
      role: t.exposeString('role', { nullable: true }),
      timeShareBasisPoints: t.exposeInt('timeShareBasisPoints', { description: 'Share of working time, 10000 = full time.' }),
      costCents: t.expose('costCents', { type: 'Cents' }),
    }),
  });

  const StaffInput = builder.inputType('StaffSecondmentInput', {
    fields: (t) => ({
      year: t.int({ required: true, validate: accountingYear }),
      lendingEntityId: t.globalID({ required: true, for: modelRef(builder, 'Entity'), description: 'The member body that assigns the person.' }),
      personName: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
      role: t.string({ required: false, validate: z.string().trim().min(1).max(200) }),
      timeShareBasisPoints: t.int({ required: true, validate: z.number().int().min(1).max(10_000) }),
      costCents: t.field({ type: 'Cents', required: true, validate: money }),
    }),
  });
  /** The lending body must be a member of the association in that year (art. 13.5). */
  const staffData = async (context: GeaContext, associationId: string, input: typeof StaffInput.$inferInput) => {
    if (!(await membersDuringYear(context, associationId, input.year)).includes(input.lendingEntityId.id)) {
      throw new InputError([{ path: ['input', 'lendingEntityId'], message: `is not a member of the association in ${input.year}` }]);
    }
    return {
      year: input.year,
      lendingEntityId: input.lendingEntityId.id,
      personName: input.personName.trim(),
      role: input.role?.trim() ?? null,
      timeShareBasisPoints: input.timeShareBasisPoints,
      costCents: input.costCents,
    };
  };

  builder.mutationFields((t) => ({
    createStaffSecondment: t.prismaField({
      type: StaffSecondment,
      errors: { types: [InputError, NotFoundError, ConflictError], directResult: true },
      authScopes: writeAll,
      args: { associationId: t.arg.globalID({ required: true, for: modelRef(builder, 'Association') }), input: t.arg({ type: StaffInput, required: true }) },
      resolve: async (query, _root, { associationId, input }, context) => {
        const data = await staffData(context, associationId.id, input);
        context.audit = { ...context.audit, targetType: 'StaffSecondment', entityId: data.lendingEntityId };
        return context.prisma.staffSecondment.create({ ...query, data: { associationId: associationId.id, ...data } });
      },
    }),
    updateStaffSecondment: t.prismaField({
      type: StaffSecondment,
      errors: { types: [InputError, NotFoundError, ConflictError, StaleVersionError], directResult: true },
      authScopes: writeAll,
      args: {
        id: t.arg.globalID({ required: true, for: StaffSecondment }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        input: t.arg({ type: StaffInput, required: true }),
      },
      resolve: async (query, _root, { id, expectedVersion, input }, context) => {
        const before = await lockForChange(context, {
          model: 'StaffSecondment',
          id: id.id,
          expectedVersion,
          read: () => context.prisma.staffSecondment.findUnique({ where: { id: id.id } }),
        });
        const data = await staffData(context, before.associationId, input);
        const after = await context.prisma.staffSecondment.update({ ...query, where: { id: before.id }, data });
        context.audit = { ...context.audit, targetType: 'StaffSecondment', targetId: before.id, entityId: data.lendingEntityId, before, after };
        return after;
      },
    }),
    deleteStaffSecondment: t.field({
      type: 'ID',
      errors: { types: [NotFoundError, StaleVersionError] },
      authScopes: writeAll,
      args: {
        id: t.arg.globalID({ required: true, for: StaffSecondment }),
        expectedVersion: t.arg.int({ required: false, description: `${expectedVersionDescription} Optional.` }),
      },
      resolve: async (_root, { id, expectedVersion }, context) => {
        const before = await lockForChange(context, {
          model: 'StaffSecondment',
          id: id.id,
          expectedVersion,
          read: () => context.prisma.staffSecondment.findUnique({ where: { id: id.id } }),
        });
        await context.prisma.staffSecondment.delete({ where: { id: before.id } });
        context.audit = { ...context.audit, targetType: 'StaffSecondment', targetId: before.id, entityId: before.lendingEntityId, before };
        return Buffer.from(`StaffSecondment:${before.id}`).toString('base64');
      },
    }),
  }));
}
