import {
  ConflictError,
  coreRefs,
  InputError,
  NotFoundError,
  prismaErrorCode,
  readableEntitiesWhere,
  type FieldIssue,
  type GeaBuilder,
} from '@gea/core';
import { SignatureDeviceType as DeviceTypes, type Prisma } from '@gea/db';
import { z } from 'zod';
import { READ, WRITE } from '../permissions.ts';
import type { addMailboxSchema } from './mailboxes.ts';
import { DAY_MS, readList, readOn, today, writeOnBodyOf } from './shared.ts';

/** Codice fiscale of a person: 16 characters (omocodia letters allowed in the digit places). */
const PERSON_TAX_CODE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

type Certificate = Prisma.SignatureCertificateGetPayload<object>;
const statusOf = (certificate: Pick<Certificate, 'status' | 'validTo'>, now = new Date()) =>
  certificate.status === 'ACTIVE' && certificate.validTo < now ? 'EXPIRED' : certificate.status;

interface ExpiryAlerts {
  withinDays: number;
  entityIds: string[] | null;
}

export function addCertificateSchema(builder: GeaBuilder, { PecMailbox }: ReturnType<typeof addMailboxSchema>) {
  const { Entity } = coreRefs(builder);
  const DeviceType = builder.enumType(DeviceTypes, { name: 'SignatureDeviceType' });
  const Status = builder.enumType('SignatureCertificateStatus', {
    values: {
      ACTIVE: { description: 'In use.' },
      SUSPENDED: { description: 'Suspended by the certification authority; may be reactivated.' },
      REVOKED: { description: 'Revoked for good.' },
      EXPIRED: { description: 'Active, but past its validity (computed).' },
    } as const,
  });
  const StoredStatus = builder.enumType('SignatureCertificateStoredStatus', {
    description: 'The statuses that are set by hand (EXPIRED follows from the validity).',
    values: ['ACTIVE', 'SUSPENDED', 'REVOKED'] as const,
  });

  const SignatureCertificate = builder.prismaNode('SignatureCertificate', {
    description: 'A qualified signature certificate and the device that holds it (art. 3.5).',
    id: { field: 'id' },
    nullable: true,
    authScopes: (certificate) => readOn(certificate.entityId),
    fields: (t) => ({
      holderName: t.exposeString('holderName'),
      holderTaxCode: t.exposeString('holderTaxCode', { description: 'Codice fiscale of the holder.' }),
      deviceType: t.expose('deviceType', { type: DeviceType }),
      deviceSerialNumber: t.exposeString('deviceSerialNumber', { nullable: true }),
      issuer: t.exposeString('issuer', { description: 'The certification authority (QTSP).' }),
      serialNumber: t.exposeString('serialNumber'),
      validFrom: t.expose('validFrom', { type: 'DateTime' }),
      validTo: t.expose('validTo', { type: 'DateTime' }),
      status: t.field({
        type: Status,
        select: { status: true, validTo: true },
        resolve: (certificate) => statusOf(certificate),
      }),
      daysToExpiry: t.int({
        description: 'Whole days from today to its last day of validity (negative once expired).',
        select: { validTo: true },
        resolve: (certificate) => Math.floor((certificate.validTo.getTime() - today().getTime()) / DAY_MS),
      }),
      entity: t.relation('entity', { nullable: true }),
    }),
  });

  builder.prismaObjectFields('Entity', (t) => ({
    signatureCertificates: t.relation('signatureCertificates', {
      nullable: true,
      description: 'Its signature certificates, soonest to expire first.',
      authScopes: (entity) => readOn(entity.id),
      query: { orderBy: [{ validTo: 'asc' }, { id: 'asc' }] },
    }),
  }));

  const CertificateFilter = builder.inputType('SignatureCertificateFilter', {
    fields: (t) => ({
      entityId: t.globalID({ required: false, for: Entity }),
      status: t.field({ type: [Status], required: false }),
      holderTaxCode: t.string({ required: false, validate: z.string().trim().toUpperCase().max(16) }),
    }),
  });

  const statusWhere = (statuses: readonly string[] | null | undefined): Prisma.SignatureCertificateWhereInput => {
    if (!statuses?.length) return {};
    const now = new Date();
    return {
      OR: statuses.map((status) =>
        status === 'EXPIRED'
          ? { status: 'ACTIVE' as const, validTo: { lt: now } }
          : status === 'ACTIVE'
            ? { status: 'ACTIVE' as const, validTo: { gte: now } }
            : { status: status as 'SUSPENDED' | 'REVOKED' },
      ),
    };
  };

  const Alerts = builder.objectRef<ExpiryAlerts>('PecExpiryAlerts').implement({
    description: 'What expires soon, for the dashboard: active certificates and PEC mailboxes of the bodies the reader may see.',
    fields: (t) => ({
      withinDays: t.exposeInt('withinDays', { authScopes: { permissionOnSomeBody: READ } }),
      certificates: t.prismaField({
        type: [SignatureCertificate],
        description: 'Active certificates whose validity ends from now to the end of the window, soonest first.',
        authScopes: { permissionOnSomeBody: READ },
        resolve: (query, alerts, _args, context) =>
          context.prisma.signatureCertificate.findMany({
            ...query,
            where: {
              entity: readableEntitiesWhere(context, READ),
              ...(alerts.entityIds ? { entityId: { in: alerts.entityIds } } : {}),
              status: 'ACTIVE',
              validTo: { gte: new Date(), lt: new Date(today().getTime() + (alerts.withinDays + 1) * DAY_MS) },
            },
            orderBy: [{ validTo: 'asc' }, { id: 'asc' }],
          }),
      }),
      mailboxes: t.prismaField({
        type: [PecMailbox],
        description: 'Mailboxes whose term ends from today to the end of the window, soonest first.',
        authScopes: { permissionOnSomeBody: READ },
        resolve: (query, alerts, _args, context) =>
          context.prisma.pecMailbox.findMany({
            ...query,
            where: {
              entity: readableEntitiesWhere(context, READ),
              ...(alerts.entityIds ? { entityId: { in: alerts.entityIds } } : {}),
              expiresOn: { gte: today(), lte: new Date(today().getTime() + alerts.withinDays * DAY_MS) },
            },
            orderBy: [{ expiresOn: 'asc' }, { address: 'asc' }],
          }),
      }),
    }),
  });

  builder.queryFields((t) => ({
    signatureCertificates: t.prismaField({
      type: [SignatureCertificate],
      description: 'Signature certificates of the bodies the reader may see (or of one body), soonest to expire first.',
      args: { filter: t.arg({ type: CertificateFilter, required: false }) },
      authScopes: (_root, args) => readList(args.filter?.entityId),
      resolve: (query, _root, { filter }, context) =>
        context.prisma.signatureCertificate.findMany({
          ...query,
          where: {
            AND: [
              { entity: readableEntitiesWhere(context, READ) },
              filter?.entityId ? { entityId: filter.entityId.id } : {},
              filter?.holderTaxCode ? { holderTaxCode: filter.holderTaxCode.trim().toUpperCase() } : {},
              statusWhere(filter?.status),
            ],
          },
          orderBy: [{ validTo: 'asc' }, { id: 'asc' }],
        }),
    }),
    pecExpiryAlerts: t.field({
      type: Alerts,
      description: 'Certificates and mailboxes expiring within the next N days (for the dashboard), per body, scoped to the reader.',
      args: {
        withinDays: t.arg.int({ required: true, validate: z.number().int().min(0).max(3650) }),
        entityIds: t.arg.globalIDList({ required: false, for: Entity, description: 'Only these bodies.' }),
      },
      authScopes: (_root, args) =>
        args.entityIds?.length
          ? { someEntityPermission: { permission: READ, entityIds: args.entityIds.map((e) => e.id) } }
          : { permissionOnSomeBody: READ },
      resolve: (_root, args) => ({ withinDays: args.withinDays, entityIds: args.entityIds?.length ? args.entityIds.map((e) => e.id) : null }),
    }),
  }));

  const CertificateInput = builder.inputType('SignatureCertificateInput', {
    fields: (t) => ({
      entityId: t.globalID({ required: true, for: Entity, description: 'The body; a certificate never moves to another body.' }),
      holderName: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
      holderTaxCode: t.string({
        required: true,
        validate: z.string().trim().toUpperCase().regex(PERSON_TAX_CODE, 'is not a codice fiscale of a person (16 characters)'),
      }),
      deviceType: t.field({ type: DeviceType, required: true }),
      deviceSerialNumber: t.string({ required: false, validate: z.string().trim().min(1).max(100) }),
      issuer: t.string({ required: true, validate: z.string().trim().min(1).max(300) }),
      serialNumber: t.string({ required: true, validate: z.string().trim().min(1).max(100) }),
      validFrom: t.field({ type: 'DateTime', required: true }),
      validTo: t.field({ type: 'DateTime', required: true }),
    }),
  });
  type Input = {
    entityId: { id: string };
    holderName: string;
    holderTaxCode: string;
    deviceType: DeviceTypes;
    deviceSerialNumber?: string | null;
    issuer: string;
    serialNumber: string;
    validFrom: Date;
    validTo: Date;
  };
  const check = (input: Input) => {
    const issues: FieldIssue[] = [];
    if (input.validTo <= input.validFrom) issues.push({ path: ['input', 'validTo'], message: 'must be after the start of validity', code: 'INVALID_DATE_RANGE' });
    if (issues.length > 0) throw new InputError(issues);
  };
  const data = (input: Input) => ({
    entityId: input.entityId.id,
    holderName: input.holderName.trim(),
    holderTaxCode: input.holderTaxCode.trim().toUpperCase(),
    deviceType: input.deviceType,
    deviceSerialNumber: input.deviceSerialNumber?.trim() ?? null,
    issuer: input.issuer.trim(),
    serialNumber: input.serialNumber.trim(),
    validFrom: input.validFrom,
    validTo: input.validTo,
  });
  const saveError = (error: unknown, input: Input) => {
    const code = prismaErrorCode(error);
    if (code === 'P2002') return new ConflictError(`${input.issuer.trim()} certificate ${input.serialNumber.trim()} is already recorded`);
    if (code === 'P2003') return new NotFoundError('Entity');
    return error;
  };
  const onCertificateBody = (id: string) =>
    writeOnBodyOf((context) => context.prisma.signatureCertificate.findUnique({ where: { id }, select: { entityId: true } }));

  builder.mutationFields((t) => ({
    createSignatureCertificate: t.prismaField({
      type: SignatureCertificate,
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      args: { input: t.arg({ type: CertificateInput, required: true }) },
      authScopes: (_root, { input }) => ({ entityPermission: { permission: WRITE, entityId: input.entityId.id } }),
      resolve: async (query, _root, { input }, context) => {
        context.audit = { ...context.audit, targetType: 'SignatureCertificate', entityId: input.entityId.id };
        check(input);
        try {
          return await context.prisma.signatureCertificate.create({ ...query, data: data(input) });
        } catch (error) {
          throw saveError(error, input);
        }
      },
    }),

    updateSignatureCertificate: t.prismaField({
      type: SignatureCertificate,
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      args: { id: t.arg.globalID({ required: true, for: SignatureCertificate }), input: t.arg({ type: CertificateInput, required: true }) },
      authScopes: (_root, { id }, context) => onCertificateBody(id.id)(context),
      resolve: async (query, _root, { id, input }, context) => {
        const before = await context.prisma.signatureCertificate.findUnique({ where: { id: id.id } });
        if (!before) throw new NotFoundError('Signature certificate');
        if (input.entityId.id !== before.entityId) {
          throw new InputError([{ path: ['input', 'entityId'], message: 'a certificate stays with its body' }]);
        }
        check(input);
        try {
          const after = await context.prisma.signatureCertificate.update({ ...query, where: { id: before.id }, data: data(input) });
          context.audit = { ...context.audit, targetType: 'SignatureCertificate', targetId: before.id, entityId: before.entityId, before, after };
          return after;
        } catch (error) {
          throw saveError(error, input);
        }
      },
    }),

    setSignatureCertificateStatus: t.prismaField({
      type: SignatureCertificate,
      description: 'Suspends, reactivates or revokes a certificate. A revoked certificate stays revoked.',
      errors: { types: [ConflictError, NotFoundError], directResult: true },
      args: { id: t.arg.globalID({ required: true, for: SignatureCertificate }), status: t.arg({ type: StoredStatus, required: true }) },
      authScopes: (_root, { id }, context) => onCertificateBody(id.id)(context),
      resolve: async (query, _root, args, context) => {
        const before = await context.prisma.signatureCertificate.findUnique({ where: { id: args.id.id } });
        if (!before) throw new NotFoundError('Signature certificate');
        if (before.status === 'REVOKED' && args.status !== 'REVOKED') throw new ConflictError('a revoked certificate cannot be reactivated or suspended');
        const after = await context.prisma.signatureCertificate.update({ ...query, where: { id: before.id }, data: { status: args.status } });
        context.audit = {
          ...context.audit,
          targetType: 'SignatureCertificate',
          targetId: before.id,
          entityId: before.entityId,
          before: { status: before.status },
          after: { status: after.status },
        };
        return after;
      },
    }),
  }));

  return { SignatureCertificate };
}
