import { GeaError, LoaderRegistry, refusalFor, modelRef, type GeaBuilder, type GeaContext } from '@gea/core';
import { receiptRegistered, type ReceiptEvent } from '../events.ts';
import { scopes } from '../scopes.ts';

const MODULE = 'pec-signatures';

/** The refusal a field would give this actor, for subscriptions refused before any event. */
function refusal(context: GeaContext): GeaError {
  return refusalFor(context.actor, [scopes.read]);
}

/** Still allowed and enabled, checked per event: a subscription can outlive a module switched off. */
async function mayRead(context: GeaContext, entityId: string): Promise<boolean> {
  if (!context.actor.can(scopes.read, entityId)) return false;
  if (!context.installedModules.has(MODULE)) return true;
  const enabled = await context.db.moduleEnablement.findUnique({
    where: { entityId_moduleKey: { entityId, moduleKey: MODULE } },
    select: { enabled: true },
  });
  return enabled?.enabled === true;
}

export function addPecReceiptEvent(builder: GeaBuilder) {
  const Entity = modelRef(builder, 'Entity');
  const PecMailbox = modelRef(builder, 'PecMailbox');
  const PecReceipt = modelRef(builder, 'PecReceipt');
  const PecMessage = modelRef(builder, 'PecMessage');

  const ReceiptEventRef = builder.objectRef<ReceiptEvent>('PecReceiptEvent').implement({
    description: 'A receipt just registered, and its message as it now stands.',
    fields: (t) => ({
      receipt: t.prismaField({
        type: PecReceipt,
        authScopes: (event) => scopes.readOn(event.entityId),
        resolve: (query, event, _args, context) => context.prisma.pecReceipt.findUniqueOrThrow({ ...query, where: { id: event.receiptId } }),
      }),
      message: t.prismaField({
        type: PecMessage,
        authScopes: (event) => scopes.readOn(event.entityId),
        resolve: (query, event, _args, context) => context.prisma.pecMessage.findUniqueOrThrow({ ...query, where: { id: event.messageId } }),
      }),
    }),
  });

  builder.subscriptionField('pecReceiptRegistered', (t) =>
    t.field({
      type: ReceiptEventRef,
      description:
        'Tells a protocol system or the web client when a receipt is registered: only receipts of mailboxes of bodies the subscriber may read (over Server-Sent Events: POST /graphql with Accept: text/event-stream).',
      args: {
        entityId: t.arg.globalID({ required: false, for: Entity, description: 'Only this body.' }),
        mailboxId: t.arg.globalID({ required: false, for: PecMailbox, description: 'Only this mailbox.' }),
      },
      authScopes: (_root, args) => scopes.readList(args.entityId),
      subscribe: (_root, args, context) => {
        const scope = context.actor.entitiesWith(scopes.read);
        const allowed = args.entityId ? context.actor.can(scopes.read, args.entityId.id) : scope === 'all' || scope.length > 0;
        if (!allowed) throw refusal(context);
        const source = context.events.subscribe(receiptRegistered);
        return {
          async *[Symbol.asyncIterator]() {
            for await (const event of source) {
              if (args.entityId && event.entityId !== args.entityId.id) continue;
              if (args.mailboxId && event.mailboxId !== args.mailboxId.id) continue;
              if (!(await mayRead(context, event.entityId))) continue;
              // Fresh loaders per event, as each mutation gets: enablement and rows may have changed.
              context.loaders = new LoaderRegistry();
              yield event;
            }
          },
        };
      },
      resolve: (event) => event,
    }),
  );
}
