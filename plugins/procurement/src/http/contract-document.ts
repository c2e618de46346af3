// GET /procurement/contract-documents/<id>: a contract's file, byte for byte, to those who may read
// the contract (procurement:read on one of the bodies it serves, module on). Anyone else gets 404,
// as for a file that does not exist. Every download, and every refused attempt, is audited.
import { assertReadableThrough, fileResponse, GeaError, NotFoundError, type GeaContext, type PluginHttpRoute, isUuid } from '@gea/core';
import { contractBodies } from '../bodies.ts';
import { scopes } from '../scopes.ts';


async function audit(context: GeaContext, outcome: 'SUCCESS' | 'REFUSED', targetId: string, entityId: string | null, errorCode: string | null, entityIds: string[] = []) {
  await context.db.auditEvent.create({
    data: {
      requestId: context.requestId,
      actorKind: context.actor.kind,
      actorId: context.actor.id,
      actorLabel: context.actor.label,
      entityId,
      entityIds,
      operation: 'downloadContractDocument',
      targetType: 'ContractDocument',
      targetId,
      outcome,
      errorCode,
    },
  });
}

export const contractDocumentRoute: PluginHttpRoute = {
  method: 'GET',
  path: '/contract-documents/:id',
  async handle(_request, { params, context }) {
    const id = (params.id ?? '').toLowerCase();
    const document = isUuid(id)
      ? await context.prisma.contractDocument.findUnique({
          where: { id },
          select: { contractId: true, fileName: true, mediaType: true, content: true },
        })
      : null;
    if (!document) throw new NotFoundError('ContractDocument');
    const bodies = await contractBodies(context).load(document.contractId);
    try {
      await assertReadableThrough(context, scopes.read, bodies, 'ContractDocument');
    } catch (error) {
      await audit(context, 'REFUSED', id, null, error instanceof GeaError ? error.code : null);
      throw error;
    }
    // Filed under the body the reader reached it through, and listed under every body the contract
    // serves. A refusal stays under no body: the person reached none (the ICT head's trail shows it).
    await audit(context, 'SUCCESS', id, bodies.find((entityId) => context.actor.can(scopes.read, entityId)) ?? null, null, [...bodies]);
    return fileResponse(new Uint8Array(document.content), { name: document.fileName, contentType: document.mediaType });
  },
};
