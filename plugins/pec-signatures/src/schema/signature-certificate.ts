import {
  addDays,
  ConflictError,
  containsText,
  expectedVersionDescription,
  InputError,
  lockForChange,
  modelRef,
  NotFoundError,
  save,
  StaleVersionError,
  today,
  versionDescription,
  type GeaBuilder,
  type GeaContext,
} from '@gea/core';
import { SignatureDeviceType as DeviceTypes, type Prisma } from '@gea/db';
import { z } from 'zod';
import { scopes } from '../scopes.ts';
import { certificateStatus, certificateStatusWhere, daysToExpiry, statusChangeRefusal, validityIssues } from '../rules/certificate-status.ts';

/** Codice fiscale of a person: 16 characters (omocodia letters allowed in the digit places). */
const PERSON_TAX_CODE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

export function addSignatureCertificate(builder: GeaBuilder) {
  const Entity = modelRef(builder, 'Entity');
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
    authScopes: (certificate) => scopes.readOn(certificate.entityId),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
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
        resolve: (certificate) => certificateStatus(certificate),
      }),
      daysToExpiry: t.int({
        description: 'Whole days from today to its last day of validity (negative once expired).',
        select: { validTo: true },
        resolve: (certificate) => daysToExpiry(certificate.validTo),
      }),
      entity: t.relation('entity', { nullable: true }),
    }),
  });

  const CertificateFilter = builder.inputType('SignatureCertificateFilter', {
    fields: (t) => ({
      entityId: t.globalID({ required: false, for: Entity }),
      status: t.field({ type: [Status], required: false }),
      holderTaxCode: t.string({ required: false, validate: z.string().trim().toUpperCase().max(16) }),
      deviceType: t.field({ type: [DeviceType], required: false }),
      text: t.string({
        required: false,
        description: 'Part of the holder\'s name or tax code, the serial number, the device\'s serial number or the issuer, in any case.',
        validate: z.string().trim().max(200),
      }),
      expiringWithinDays: t.int({
        required: false,
        description: 'Only certificates whose validity ends from now to this many days from today.',
        validate: z.number().int().min(0).max(3650),
      }),
    }),
  });

  const certificateWhere = (context: GeaContext, filter: typeof CertificateFilter.$inferInput | null | undefined): Prisma.SignatureCertificateWhereInput => {
    const text = filter?.text?.trim();
    const contains = (value: string) => containsText(value);
    return {
      AND: [
        { entity: scopes.readableEntities(context) },
        filter?.entityId ? { entityId: filter.entityId.id } : {},
        filter?.holderTaxCode ? { holderTaxCode: filter.holderTaxCode.trim().toUpperCase() } : {},
        filter?.deviceType?.length ? { deviceType: { in: filter.deviceType } } : {},
        text
          ? {
              OR: [
                { holderName: contains(text) },
                { holderTaxCode: contains(text) },
                { serialNumber: contains(text) },
                { deviceSerialNumber: contains(text) },
                { issuer: contains(text) },
              ],
            }
          : {},
        typeof filter?.expiringWithinDays === 'number' ? { validTo: { gte: new Date(), lt: addDays(today(), filter.expiringWithinDays + 1) } } : {},
        certificateStatusWhere(filter?.status),
      ],
    };
  };

  builder.queryField('signatureCertificates', (t) =>
    t.prismaConnection({
      type: SignatureCertificate,
      cursor: 'id',
      description: 'Signature certificates of the bodies the reader may see, soonest to expire first; totalCount counts every page under the same filter.',
      args: { filter: t.arg({ type: CertificateFilter, required: false }) },
      authScopes: (_root, args) => scopes.readList(args.filter?.entityId),
      totalCount: (_root, args, context) => context.prisma.signatureCertificate.count({ where: certificateWhere(context, args.filter) }),
      resolve: (query, _root, args, context) =>
        context.prisma.signatureCertificate.findMany({
          ...query,
          where: certificateWhere(context, args.filter),
          orderBy: [{ validTo: 'asc' }, { id: 'asc' }],
        }),
    }),
  );

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
  type Input = typeof CertificateInput.$inferInput;
  const checkValidity = (input: Input) => {
    const issues = validityIssues(input);
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
  const saveMeaning = (input: Input) => ({ unique: `${input.issuer.trim()} certificate ${input.serialNumber.trim()} is already recorded`, missing: 'Entity' });
  const onCertificateBody = (id: string) =>
    scopes.writeOnBodyOf((context) => context.prisma.signatureCertificate.findUnique({ where: { id }, select: { entityId: true } }));

  builder.mutationFields((t) => ({
    createSignatureCertificate: t.prismaField({
      type: SignatureCertificate,
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      args: { input: t.arg({ type: CertificateInput, required: true }) },
      authScopes: (_root, { input }) => scopes.writeOn(input.entityId.id),
      resolve: async (query, _root, { input }, context) => {
        context.audit = { ...context.audit, targetType: 'SignatureCertificate', entityId: input.entityId.id };
        checkValidity(input);
        return save(saveMeaning(input), () => context.prisma.signatureCertificate.create({ ...query, data: data(input) }));
      },
    }),

    updateSignatureCertificate: t.prismaField({
      type: SignatureCertificate,
      errors: { types: [InputError, ConflictError, NotFoundError, StaleVersionError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: SignatureCertificate }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        input: t.arg({ type: CertificateInput, required: true }),
      },
      authScopes: (_root, { id }, context) => onCertificateBody(id.id)(context),
      resolve: async (query, _root, { id, expectedVersion, input }, context) => {
        const before = await lockForChange(context, {
          model: 'SignatureCertificate',
          what: 'Signature certificate',
          id: id.id,
          expectedVersion,
          read: () => context.prisma.signatureCertificate.findUnique({ where: { id: id.id } }),
        });
        if (input.entityId.id !== before.entityId) {
          throw new InputError([{ path: ['input', 'entityId'], message: 'a certificate stays with its body' }]);
        }
        checkValidity(input);
        const after = await save(saveMeaning(input), () =>
          context.prisma.signatureCertificate.update({ ...query, where: { id: before.id }, data: data(input) }),
        );
        context.audit = { ...context.audit, targetType: 'SignatureCertificate', targetId: before.id, entityId: before.entityId, before, after };
        return after;
      },
    }),

    setSignatureCertificateStatus: t.prismaField({
      type: SignatureCertificate,
      description: 'Suspends, reactivates or revokes a certificate. A revoked certificate stays revoked.',
      errors: { types: [ConflictError, NotFoundError, StaleVersionError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: SignatureCertificate }),
        status: t.arg({ type: StoredStatus, required: true }),
        expectedVersion: t.arg.int({ required: false, description: `${expectedVersionDescription} Optional: without it the change applies to the certificate as it is.` }),
      },
      authScopes: (_root, { id }, context) => onCertificateBody(id.id)(context),
      resolve: async (query, _root, args, context) => {
        // Serialised per certificate: a revocation and a reactivation cannot both pass the check.
        const before = await lockForChange(context, {
          model: 'SignatureCertificate',
          what: 'Signature certificate',
          id: args.id.id,
          expectedVersion: args.expectedVersion,
          read: () => context.prisma.signatureCertificate.findUnique({ where: { id: args.id.id } }),
        });
        const refusal = statusChangeRefusal(before.status, args.status);
        if (refusal) throw new ConflictError(refusal);
        const after = await context.prisma.signatureCertificate.update({ ...query, where: { id: before.id }, data: { status: args.status } });
        context.audit = {
          ...context.audit,
          targetType: 'SignatureCertificate',
          targetId: before.id,
          entityId: before.entityId,
          before: { status: before.status, version: before.version },
          after: { status: args.status, version: before.version + 1 },
        };
        return after;
      },
    }),
  }));
}
