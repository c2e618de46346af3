import { perBuilder, type GeaBuilder } from '@gea/core';
import { z } from 'zod';
import { readOnAssociation } from '../scopes.ts';
import { grantSourceEnum } from './enums.ts';

/** A grant as an expense's input lists it. */
export const expenseGrantInput = perBuilder((builder) =>
  builder.inputType('ExpenseGrantInput', {
    fields: (t) => ({
      source: t.field({ type: grantSourceEnum(builder), required: true }),
      grantor: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
      amountCents: t.field({ type: 'Cents', required: true, validate: z.number().int().min(1).max(1_000_000_000_00) }),
      reference: t.string({ required: false, validate: z.string().trim().min(1).max(200) }),
    }),
  }),
);

export function addExpenseGrantType(builder: GeaBuilder) {
  builder.prismaObject('ExpenseGrant', {
    description: 'A contribution obtained for an expense: the expense is shared net of it (art. 13.2).',
    select: { expense: { select: { associationId: true } } },
    authScopes: (grant, context) => readOnAssociation(context, grant.expense.associationId),
    fields: (t) => ({
      source: t.expose('source', { type: grantSourceEnum(builder) }),
      grantor: t.exposeString('grantor'),
      amountCents: t.expose('amountCents', { type: 'Cents' }),
      reference: t.exposeString('reference', { nullable: true }),
    }),
  });
}
