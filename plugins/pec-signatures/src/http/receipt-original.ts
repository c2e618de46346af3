import { assertReadableThrough, fileResponse, NotFoundError, type PluginHttpRoute, isUuid } from '@gea/core';
import { scopes } from '../scopes.ts';


async function readableReceipt(context: Parameters<PluginHttpRoute['handle']>[1]['context'], id: string) {
  const receipt = isUuid(id)
    ? await context.prisma.pecReceipt.findUnique({
        where: { id: id.toLowerCase() },
        select: { xml: true, eml: true, message: { select: { entityId: true } } },
      })
    : null;
  if (!receipt) throw new NotFoundError('PecReceipt');
  await assertReadableThrough(context, scopes.read, [receipt.message.entityId], 'PecReceipt');
  return receipt;
}

/** The receipt's daticert.xml exactly as it was registered: what the protocol system files. */
export const receiptOriginalRoute: PluginHttpRoute = {
  method: 'GET',
  path: '/receipts/:id/daticert.xml',
  async handle(_request, { params, context }) {
    const receipt = await readableReceipt(context, params.id ?? '');
    return fileResponse(receipt.xml, { name: 'daticert.xml', contentType: 'application/xml; charset=utf-8' });
  },
};

/** The provider's signed receipt message, byte for byte, for a receipt registered as .eml. */
export const receiptEmlRoute: PluginHttpRoute = {
  method: 'GET',
  path: '/receipts/:id/receipt.eml',
  async handle(_request, { params, context }) {
    const receipt = await readableReceipt(context, params.id ?? '');
    if (!receipt.eml) throw new NotFoundError('PecReceipt .eml (registered from its daticert.xml alone)');
    return fileResponse(new Uint8Array(receipt.eml), { name: 'receipt.eml', contentType: 'message/rfc822' });
  },
};
