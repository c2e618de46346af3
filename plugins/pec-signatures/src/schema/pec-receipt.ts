import { ConflictError, InputError, modelRef, NotFoundError, type GeaBuilder, type GeaContext, lockRow } from '@gea/core';
import { PecReceiptSource as PecReceiptSources, PecReceiptType as PecReceiptTypes, type Prisma } from '@gea/db';
import type * as pkijs from 'pkijs';
import { z } from 'zod';
import { readReceiptEml, MAX_RECEIPT_EML_BYTES } from '../daticert/eml.ts';
import { receiptKey } from '../daticert/identity.ts';
import { MAX_DATICERT_BYTES, normaliseMessageId, parseDaticert, type Daticert, type DaticertRecipient } from '../daticert/parse.ts';
import { trustAnchors } from '../signature/trust-import.ts';
import { SignatureInputError, verifySignature } from '../signature/verify.ts';
import { messageOutcome } from '../daticert/state.ts';
import { publishAfterCommit } from '../events.ts';
import { scopes } from '../scopes.ts';
import { recipientChanges, recipientStateChanges } from '../rules/receipt-recipients.ts';
import { mailboxForProtocolSystem, writeOnMailboxBody } from './pec-mailbox.ts';
import { pecReceiptRecipientType } from './pec-receipt-recipient.ts';

export function addPecReceipt(builder: GeaBuilder, trustedCertificates: () => Promise<readonly pkijs.Certificate[]>) {
  const PecMailbox = modelRef(builder, 'PecMailbox');
  const PecReceiptType = builder.enumType(PecReceiptTypes, { name: 'PecReceiptType' });
  const ReceiptRecipient = pecReceiptRecipientType(builder);
  const PecReceiptSource = builder.enumType(PecReceiptSources, { name: 'PecReceiptSource' });
  const EnvelopeSignature = builder.objectRef<EnvelopeSignatureOutcome>('PecEnvelopeSignature').implement({
    description: 'The provider\'s S/MIME signature on a receipt registered as .eml, as verified when it was registered. Revocation is not checked.',
    fields: (t) => ({
      valid: t.exposeBoolean('valid', { authScopes: scopes.readSome, description: 'Intact, under a trusted CA, with a certificate valid when it signed.' }),
      intact: t.exposeBoolean('intact', { authScopes: scopes.readSome, description: 'The signed content is exactly what the provider signed.' }),
      trusted: t.exposeBoolean('trusted', { authScopes: scopes.readSome, description: 'The signer\'s certificate chains to a trusted CA.' }),
      format: t.exposeString('format', { authScopes: scopes.readSome, description: 'multipart/signed or application/pkcs7-mime.' }),
      signer: t.exposeString('signer', { authScopes: scopes.readSome, nullable: true, description: 'The signer certificate\'s subject.' }),
      issuer: t.exposeString('issuer', { authScopes: scopes.readSome, nullable: true, description: 'The signer certificate\'s issuer.' }),
      signingTime: t.field({ type: 'DateTime', nullable: true, authScopes: scopes.readSome, resolve: (o) => (o.signingTime ? new Date(o.signingTime) : null) }),
      problems: t.exposeStringList('problems', { authScopes: scopes.readSome }),
      verifiedAt: t.field({ type: 'DateTime', authScopes: scopes.readSome, resolve: (o) => new Date(o.verifiedAt) }),
    }),
  });

  const PecReceipt = builder.prismaNode('PecReceipt', {
    description: 'A receipt (ricevuta) of a message, from its daticert.xml.',
    id: { field: 'id' },
    nullable: true,
    select: { message: { select: { entityId: true } } },
    authScopes: (receipt) => scopes.readOn(receipt.message.entityId),
    fields: (t) => ({
      type: t.expose('type', { type: PecReceiptType }),
      error: t.exposeString('error', { description: '`errore`: nessuno, no-dest, no-dominio, virus, altro.' }),
      errorDetail: t.exposeString('errorDetail', { nullable: true, description: '`errore-esteso`.' }),
      identifier: t.exposeString('identifier', { description: '`identificativo`: the provider\'s id of the message; every receipt of one message carries the same.' }),
      issuer: t.exposeString('issuer', { description: '`gestore-emittente`.' }),
      issuedAt: t.expose('issuedAt', { type: 'DateTime' }),
      receiptKind: t.exposeString('receiptKind', { nullable: true, description: '`ricevuta tipo`: completa, breve, sintetica.' }),
      deliveryAddress: t.exposeString('deliveryAddress', { nullable: true, description: '`consegna`: the recipient it is about.' }),
      sender: t.exposeString('sender'),
      subject: t.exposeString('subject'),
      recipients: t.field({
        type: [ReceiptRecipient],
        select: { recipients: true },
        resolve: (receipt) => receipt.recipients as unknown as DaticertRecipient[],
      }),
      xml: t.exposeString('xml', { description: 'The daticert.xml as registered (taken from the .eml when it came as one).' }),
      source: t.expose('source', { type: PecReceiptSource, description: 'Registered from a bare daticert.xml or from the provider\'s .eml (GET /pec-signatures/receipts/<id>/receipt.eml).' }),
      envelopeSignature: t.field({
        type: EnvelopeSignature,
        nullable: true,
        description: 'The provider\'s signature on the .eml; null for a receipt registered from its daticert.xml alone.',
        select: { envelopeSignature: true },
        resolve: (receipt) => receipt.envelopeSignature as unknown as EnvelopeSignatureOutcome | null,
      }),
      emlBase64: t.string({
        nullable: true,
        description: 'The provider\'s receipt message (.eml) byte for byte, in Base64, as GET /pec-signatures/receipts/<id>/receipt.eml serves it; null for a receipt registered from its daticert.xml alone. Ask for it only to download it.',
        select: { eml: true },
        resolve: (receipt) => (receipt.eml ? Buffer.from(receipt.eml).toString('base64') : null),
      }),
      registeredAt: t.expose('registeredAt', { type: 'DateTime' }),
      message: t.relation('message'),
    }),
  });

  builder.mutationField('registerPecReceipt', (t) =>
    t.prismaField({
      type: PecReceipt,
      description:
        'Registers a receipt of a message of the mailbox from its daticert.xml (the message is found by the receipt\'s msgid) and updates the message\'s and its recipients\' state. A receipt is identified by its message, its type and, for receipts about one recipient, that recipient (`consegna`): all receipts of one message share its `identificativo`. The same receipt again changes nothing and returns the stored one; the same receipt with other content is a conflict. Malformed XML, an unknown type or a DOCTYPE with declarations are refused with the reason, and nothing is stored.',
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      args: {
        mailboxId: t.arg.globalID({ required: true, for: PecMailbox }),
        daticert: t.arg.string({
          required: true,
          description: 'The daticert.xml, as text.',
          validate: z.string().min(1, 'is empty').max(MAX_DATICERT_BYTES, `is larger than ${MAX_DATICERT_BYTES / 1024} KB`),
        }),
      },
      authScopes: (_root, { mailboxId }, context) => writeOnMailboxBody(mailboxId.id)(context),
      resolve: async (query, _root, args, context) => {
        const parsed = parseDaticert(args.daticert);
        const id = await recordReceipt(context, args.mailboxId.id, parsed.ok ? { ok: true, daticert: parsed.daticert } : parsed, {
          xml: args.daticert,
          source: 'DATICERT',
          eml: null,
          envelopeSignature: null,
        });
        return context.prisma.pecReceipt.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
  );

  builder.mutationField('registerPecReceiptEml', (t) =>
    t.prismaField({
      type: PecReceipt,
      description:
        'Registers a receipt from the provider\'s whole message (.eml, S/MIME signed: multipart/signed or application/pkcs7-mime), as protocol systems keep it: its daticert.xml is registered as by registerPecReceipt, the provider\'s signature on the envelope is verified and its outcome kept (envelopeSignature), and the .eml is stored. An envelope whose content does not match its signature is refused. Send as multipart/form-data.',
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      args: {
        mailboxId: t.arg.globalID({ required: true, for: PecMailbox }),
        eml: t.arg({ type: 'Upload', required: true, description: 'The receipt message (.eml), as received.' }),
      },
      authScopes: (_root, { mailboxId }, context) => writeOnMailboxBody(mailboxId.id)(context),
      resolve: async (query, _root, args, context) => {
        const file = args.eml as File;
        if (file.size > MAX_RECEIPT_EML_BYTES) throw new InputError([{ path: ['eml'], message: `is larger than ${MAX_RECEIPT_EML_BYTES / 1024 / 1024} MB` }]);
        const raw = new Uint8Array(await file.arrayBuffer());
        const read = await readReceiptEml(raw);
        if (!read.ok) throw new InputError(read.issues.map((issue) => ({ path: ['eml', ...(issue.path ? [issue.path] : [])], message: issue.message })));
        const { envelope } = read;
        const anchors = await trustAnchors(context.prisma, trustedCertificates, context.db);
        const outcome = await envelopeOutcome(envelope.format, envelope.signature, envelope.signedContent, anchors);
        // Only a signature shown not to match is refused; one whose algorithm cannot be checked is kept, not valid, with its reason.
        if (outcome.altered) {
          throw new InputError([{ path: ['eml'], message: `the provider's signature does not match the envelope's content: the receipt was altered or damaged (${outcome.problems.join('; ') || 'not intact'})` }]);
        }
        const parsed = parseDaticert(envelope.daticert);
        const checked = parsed.ok ? headerIssues(envelope.headers, parsed.daticert) : [];
        const id = await recordReceipt(
          context,
          args.mailboxId.id,
          !parsed.ok ? { ok: false, issues: parsed.issues.map((i) => ({ ...i, path: `daticert.xml/${i.path}` })) } : checked.length > 0 ? { ok: false, issues: checked } : parsed,
          { xml: envelope.daticert, source: 'EML', eml: raw, envelopeSignature: outcome },
          'eml',
        );
        return context.prisma.pecReceipt.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
  );
}

/** What the API keeps of the verifier's report on a receipt's envelope. */
export interface EnvelopeSignatureOutcome {
  format: string;
  valid: boolean;
  intact: boolean;
  trusted: boolean;
  signer: string | null;
  issuer: string | null;
  signingTime: string | null;
  problems: string[];
  verifiedAt: string;
  /** The signature was checked and does not match the content (not kept; the receipt is refused). */
  altered?: boolean;
}

async function envelopeOutcome(
  format: string,
  signature: Uint8Array,
  signedContent: Uint8Array | null,
  trustedCertificates: readonly pkijs.Certificate[],
): Promise<EnvelopeSignatureOutcome> {
  const verifiedAt = new Date().toISOString();
  try {
    const report = await verifySignature({
      file: { name: 'smime.p7s', bytes: signature },
      content: signedContent ? { name: 'envelope', bytes: signedContent } : null,
      trustedCertificates,
    });
    const signer = report.signers[0];
    return {
      format,
      valid: report.valid,
      intact: report.signers.length > 0 && report.signers.every((s) => s.intact),
      trusted: report.signers.length > 0 && report.signers.every((s) => s.trusted),
      signer: signer?.subject ?? null,
      issuer: signer?.issuer ?? null,
      signingTime: signer?.signingTime?.toISOString() ?? null,
      problems: report.signers.flatMap((s) => s.problems),
      verifiedAt,
      altered: report.signers.length === 0 || report.signers.some((s) => s.integrity === 'NOT_INTACT'),
    };
  } catch (error) {
    if (!(error instanceof SignatureInputError)) throw error;
    return { format, valid: false, intact: false, trusted: false, signer: null, issuer: null, signingTime: null, problems: [error.message], verifiedAt, altered: true };
  }
}

/** The provider headers must say what the daticert says: X-Ricevuta (or X-Trasporto) its type, X-Riferimento-Message-ID its msgid. */
function headerIssues(headers: { ricevuta: string | null; trasporto: string | null; riferimentoMessageId: string | null }, receipt: Daticert) {
  const issues: { path: string; message: string }[] = [];
  const said = receipt.tipo === 'posta-certificata' ? headers.trasporto : headers.ricevuta;
  const name = receipt.tipo === 'posta-certificata' ? 'X-Trasporto' : 'X-Ricevuta';
  if (said && said.toLowerCase() !== receipt.tipo) issues.push({ path: name, message: `is "${said}" but daticert.xml is a ${receipt.tipo} receipt` });
  if (headers.riferimentoMessageId && receipt.msgid && normaliseMessageId(headers.riferimentoMessageId) !== receipt.msgid) {
    issues.push({ path: 'X-Riferimento-Message-ID', message: `is <${normaliseMessageId(headers.riferimentoMessageId)}> but daticert.xml is about <${receipt.msgid}>` });
  }
  return issues;
}

interface Original {
  xml: string;
  source: 'DATICERT' | 'EML';
  eml: Uint8Array | null;
  envelopeSignature: EnvelopeSignatureOutcome | null;
}

/**
 * Stores a parsed receipt on its message and recomputes the message's and recipients' state; the
 * receipt's id (the stored one when it was registered before). Throws the API error otherwise,
 * with paths under `field`.
 */
async function recordReceipt(
  context: GeaContext,
  mailboxId: string,
  parsed: { ok: true; daticert: Daticert } | { ok: false; issues: { path: string; message: string }[] },
  original: Original,
  field: 'daticert' | 'eml' = 'daticert',
): Promise<string> {
  const mailbox = await mailboxForProtocolSystem(context, mailboxId);
  context.audit = { ...context.audit, targetType: 'PecReceipt', entityId: mailbox.entityId };
  const at = (path: string) => [field, ...path.split('/').filter(Boolean)];
  if (!parsed.ok) throw new InputError(parsed.issues.map((issue) => ({ path: at(issue.path), message: issue.message })));
  const receipt = parsed.daticert;
  const prefix = field === 'eml' ? 'daticert.xml/' : '';
  const direction = receipt.type === 'POSTA_CERTIFICATA' ? 'INCOMING' : 'OUTGOING';
  const message = await context.prisma.pecMessage.findUnique({
    where: { mailboxId_direction_messageId: { mailboxId: mailbox.id, direction, messageId: receipt.msgid! } },
  });
  if (!message) {
    throw new NotFoundError(`${direction === 'INCOMING' ? 'Incoming' : 'Outgoing'} message <${receipt.msgid}> of mailbox ${mailbox.address}`);
  }
  // Receipts of one message are registered one at a time: the state is computed from all of them.
  await lockRow(context.prisma, 'PecMessage', message.id);
  const key = receiptKey(receipt);
  const stored = await context.prisma.pecReceipt.findUnique({ where: { messageId_receiptKey: { messageId: message.id, receiptKey: key } } });
  if (stored) {
    if (!sameReceipt(stored, receipt)) {
      const about = receipt.deliveryAddress ? ` about ${receipt.deliveryAddress}` : '';
      throw new ConflictError(`a ${receipt.tipo} receipt${about} of message <${message.messageId}> is already registered with different content (identificativo, date, errore or provider)`);
    }
    // The same receipt again; a later .eml of a receipt first registered from its daticert.xml keeps the envelope.
    if (original.source === 'EML' && stored.source === 'DATICERT') {
      await context.prisma.pecReceipt.update({
        where: { id: stored.id },
        data: { source: 'EML', eml: new Uint8Array(original.eml!), envelopeSignature: original.envelopeSignature as unknown as Prisma.InputJsonValue },
      });
    }
    context.audit = { ...context.audit, targetId: stored.id, after: { duplicateOf: stored.id } };
    return stored.id;
  }
  if (direction === 'OUTGOING' && receipt.sender !== message.sender) {
    throw new InputError([
      { path: at(`${prefix}postacert/intestazione/mittente`), message: `${receipt.sender} is not the sender of message <${message.messageId}> (${message.sender})` },
    ]);
  }
  const known = await context.prisma.pecRecipient.findMany({ where: { messageId: message.id } });
  if (receipt.deliveryAddress && !known.some((r) => r.address === receipt.deliveryAddress) && !receipt.recipients.some((r) => r.address === receipt.deliveryAddress)) {
    throw new InputError([
      { path: at(`${prefix}postacert/dati/consegna`), message: `${receipt.deliveryAddress} is not a recipient of message <${message.messageId}>` },
    ]);
  }
  const changes = recipientChanges(known, receipt.recipients);
  for (const { id, kind } of changes.retypes) await context.prisma.pecRecipient.update({ where: { id }, data: { kind } });
  for (const added of changes.additions) known.push(await context.prisma.pecRecipient.create({ data: { messageId: message.id, ...added } }));
  const created = await context.prisma.pecReceipt.create({
    data: {
      messageId: message.id,
      type: receipt.type,
      error: receipt.error,
      errorDetail: receipt.errorDetail,
      identifier: receipt.identifier,
      receiptKey: key,
      issuer: receipt.issuer,
      issuedAt: receipt.issuedAt,
      receiptKind: receipt.receiptKind,
      deliveryAddress: receipt.deliveryAddress,
      sender: receipt.sender,
      subject: receipt.subject,
      recipients: receipt.recipients as unknown as Prisma.InputJsonValue,
      xml: original.xml,
      source: original.source,
      eml: original.eml ? new Uint8Array(original.eml) : null,
      ...(original.envelopeSignature ? { envelopeSignature: original.envelopeSignature as unknown as Prisma.InputJsonValue } : {}),
    },
  });
  const all = await context.prisma.pecReceipt.findMany({
    where: { messageId: message.id },
    select: { type: true, issuedAt: true, deliveryAddress: true, error: true, errorDetail: true },
  });
  const outcome = messageOutcome(message.direction, known.map((r) => r.address), all);
  for (const { id, next } of recipientStateChanges(known, outcome.recipients)) {
    await context.prisma.pecRecipient.update({ where: { id }, data: next });
  }
  if (outcome.state !== message.state) {
    await context.prisma.pecMessage.update({ where: { id: message.id }, data: { state: outcome.state } });
  }
  context.audit = {
    ...context.audit,
    targetId: created.id,
    before: { messageState: message.state },
    after: {
      type: created.type,
      identifier: created.identifier,
      deliveryAddress: created.deliveryAddress,
      messageId: message.id,
      messageState: outcome.state,
      source: created.source,
      ...(original.envelopeSignature ? { envelopeSignatureValid: original.envelopeSignature.valid } : {}),
    },
  };
  publishAfterCommit(context, { receiptId: created.id, messageId: message.id, mailboxId: mailbox.id, entityId: mailbox.entityId });
  return created.id;
}

/** A receipt registered again: the same provider's same receipt, whatever its envelope. */
function sameReceipt(stored: { identifier: string; issuedAt: Date; error: string; errorDetail: string | null; issuer: string }, receipt: Daticert) {
  return (
    stored.identifier === receipt.identifier &&
    stored.issuedAt.getTime() === receipt.issuedAt.getTime() &&
    stored.error === receipt.error &&
    stored.errorDetail === receipt.errorDetail &&
    stored.issuer === receipt.issuer
  );
}
