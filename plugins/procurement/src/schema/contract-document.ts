// Documents attached to a contract (signed contract, determina, others): metadata in GraphQL, the
// bytes only through GET /procurement/contract-documents/<id> (see http/contract-document.ts).
import { createHash } from 'node:crypto';
import { InputError, lockForChange, modelRef, NotFoundError, StaleVersionError, expectedVersionDescription, type GeaBuilder } from '@gea/core';
import { ContractDocumentKind } from '@gea/db';
import { z } from 'zod';
import { contractBodies } from '../bodies.ts';
import { checkDocument } from '../rules/contract-document.ts';
import { scopes } from '../scopes.ts';

/** Where a document's bytes are served (relative to the API's origin). */
export const documentPath = (id: string) => `/procurement/contract-documents/${id}`;

/** Changing a contract's documents: procurement:write on every body it serves. */
const writeOnContract = async (contractId: string, context: Parameters<typeof contractBodies>[0]) => {
  const bodies = await contractBodies(context).load(contractId);
  return bodies.length > 0 ? scopes.writeEvery(bodies) : ({ permission: scopes.write } as const);
};

export function addContractDocumentType(builder: GeaBuilder) {
  const Contract = modelRef(builder, 'Contract');
  const Kind = builder.enumType(ContractDocumentKind, { name: 'ContractDocumentKind' });

  const ContractDocument = builder.prismaNode('ContractDocument', {
    description: 'A file attached to a contract: the signed contract, the determina, others. Its bytes: GET `downloadPath`.',
    id: { field: 'id' },
    nullable: true,
    // Select mode: the content (up to 15 MiB) is never loaded for the metadata.
    select: { id: true, contractId: true },
    authScopes: async (document, context) => scopes.readAny(await contractBodies(context).load(document.contractId)),
    fields: (t) => ({
      kind: t.expose('kind', { type: Kind }),
      fileName: t.exposeString('fileName'),
      mediaType: t.exposeString('mediaType', { description: 'From the content: application/pdf or application/pkcs7-mime (.p7m).' }),
      signed: t.exposeBoolean('signed', { description: 'Carries a digital signature (CAdES envelope or PAdES signature dictionary); not verified here.' }),
      sizeBytes: t.exposeInt('sizeBytes'),
      sha256: t.exposeString('sha256', { description: 'SHA-256 of the content, lowercase hexadecimal.' }),
      uploadedBy: t.exposeString('uploadedBy', { description: 'Who attached it.' }),
      uploadedAt: t.expose('uploadedAt', { type: 'DateTime' }),
      downloadPath: t.string({
        description: 'Path (on the API\'s origin) that serves the bytes to those who may read the contract.',
        select: { id: true },
        resolve: (document) => documentPath(document.id),
      }),
    }),
  });

  builder.prismaObjectFields('Contract', (t) => ({
    documents: t.relation('documents', {
      description: 'Files attached to it, latest first.',
      query: { orderBy: [{ uploadedAt: 'desc' }, { id: 'desc' }] },
    }),
  }));

  const Input = builder.inputType('AttachContractDocumentInput', {
    fields: (t) => ({
      kind: t.field({ type: Kind, required: true }),
      fileName: t.string({ required: true, validate: z.string().max(1000), description: 'Name with its extension: .pdf or .p7m.' }),
      contentBase64: t.string({
        required: true,
        description: 'The file, base64-encoded: at most 15 MiB once decoded; a PDF (PAdES-signed or not) or a CAdES .p7m, recognised from the content.',
      }),
    }),
  });

  builder.mutationFields((t) => ({
    attachContractDocument: t.prismaField({
      type: ContractDocument,
      description: 'Attaches a file to a contract. The writer needs procurement rights on every body the contract serves.',
      errors: { types: [InputError, NotFoundError, StaleVersionError], directResult: true },
      args: {
        contractId: t.arg.globalID({ required: true, for: Contract }),
        expectedVersion: t.arg.int({ required: false, description: `${expectedVersionDescription} (of the contract) Optional.` }),
        input: t.arg({ type: Input, required: true }),
      },
      authScopes: (_root, { contractId }, context) => writeOnContract(contractId.id, context),
      resolve: async (query, _root, { contractId, expectedVersion, input }, context) => {
        const contract = await lockForChange(context, {
          model: 'Contract',
          id: contractId.id,
          expectedVersion,
          read: () => context.prisma.contract.findUnique({ where: { id: contractId.id }, select: { id: true, version: true } }),
        });
        const checked = checkDocument(input);
        if (Array.isArray(checked)) throw new InputError(checked);
        const recorded = {
          contractId: contract.id,
          kind: input.kind,
          fileName: checked.fileName,
          mediaType: checked.mediaType,
          signed: checked.signed,
          sizeBytes: checked.bytes.length,
          sha256: createHash('sha256').update(checked.bytes).digest('hex'),
        };
        const document = await context.prisma.contractDocument.create({
          ...query,
          data: {
            ...recorded,
            content: new Uint8Array(checked.bytes),
            uploadedById: context.actor.kind === 'user' || context.actor.kind === 'token' ? context.actor.id : null,
            uploadedBy: context.actor.label,
          },
        });
        context.audit = { ...context.audit, targetType: 'Contract', targetId: contract.id, after: recorded };
        return document;
      },
    }),

    removeContractDocument: t.field({
      type: 'ID',
      description: 'Removes a file from a contract. Returns its id.',
      errors: { types: [NotFoundError] },
      args: { id: t.arg.globalID({ required: true, for: ContractDocument }) },
      authScopes: async (_root, { id }, context) => {
        const document = await context.prisma.contractDocument.findUnique({ where: { id: id.id }, select: { contractId: true } });
        return document ? writeOnContract(document.contractId, context) : ({ permission: scopes.write } as const);
      },
      resolve: async (_root, { id }, context) => {
        const before = await context.prisma.contractDocument.findUnique({ where: { id: id.id }, omit: { content: true } });
        if (!before) throw new NotFoundError('ContractDocument');
        await context.prisma.contractDocument.delete({ where: { id: before.id } });
        context.audit = { ...context.audit, targetType: 'Contract', targetId: before.contractId, before };
        return Buffer.from(`ContractDocument:${before.id}`).toString('base64');
      },
    }),
  }));
}
