import { GeaError, InputError, type GeaBuilder } from '@gea/core';
import { describeSkipped, importTrustList, type TrustListImportResult } from '../signature/trust-import.ts';
import { MAX_TRUST_LIST_BYTES, skipReasons, TrustListError, type SkippedService } from '../signature/trust-list.ts';

const PERMISSION = 'pec-signatures:trust:write' as const;
const authScopes = { permission: PERMISSION } as const;

/** The file is not a trusted list: nothing was changed. */
export class TrustedListFileError extends GeaError {
  constructor(readonly problem: TrustListError) {
    super('BAD_USER_INPUT', `file: ${problem.message}`);
  }
}

export function addSignatureTrustList(builder: GeaBuilder) {
  const SkipReason = builder.enumType('TrustedListSkipReason', {
    values: Object.fromEntries(Object.entries(skipReasons).map(([code, messages]) => [code, { description: messages.en.replace(' ({detail})', '') }])) as Record<
      keyof typeof skipReasons,
      { description: string }
    >,
  });
  const Skipped = builder.objectRef<SkippedService>('TrustedListSkippedService').implement({
    description: 'A service of the list whose certificate was not loaded, and why.',
    authScopes,
    fields: (t) => ({
      provider: t.exposeString('provider', { description: 'TSPName.' }),
      service: t.exposeString('service', { description: 'ServiceName.' }),
      reason: t.expose('reason', { type: SkipReason }),
      detail: t.exposeString('detail'),
      message: t.exposeString('message', { description: 'In Italian.' }),
      messageEn: t.exposeString('messageEn', { description: 'In English.' }),
      fingerprint: t.exposeString('fingerprint', { nullable: true, description: 'SHA-256 of the certificate, when there is one.' }),
    }),
  });
  const Loaded = builder.objectRef<TrustListImportResult['certificates'][number]>('TrustedListLoadedCertificate').implement({
    authScopes,
    fields: (t) => ({
      subject: t.exposeString('subject'),
      provider: t.exposeString('provider'),
      service: t.exposeString('service'),
      fingerprint: t.exposeString('fingerprint', { description: 'SHA-256 of the certificate (DER), hex.' }),
      validTo: t.expose('validTo', { type: 'DateTime' }),
    }),
  });
  const Result = builder.objectRef<TrustListImportResult>('TrustedListImport').implement({
    description: 'What an import of a trusted list loaded and skipped.',
    authScopes,
    fields: (t) => ({
      dryRun: t.exposeBoolean('dryRun', { description: 'True when nothing was written.' }),
      territory: t.exposeString('territory', { description: 'SchemeTerritory (IT for AgID\'s list).' }),
      sequenceNumber: t.exposeInt('sequenceNumber', { nullable: true, description: 'TSLSequenceNumber.' }),
      issuedAt: t.expose('issuedAt', { type: 'DateTime', nullable: true, description: 'ListIssueDateTime.' }),
      nextUpdate: t.expose('nextUpdate', { type: 'DateTime', nullable: true }),
      operator: t.exposeString('operator', { description: 'SchemeOperatorName.' }),
      loaded: t.exposeInt('loaded', { description: 'Service certificates loaded as trust anchors.' }),
      replaced: t.exposeInt('replaced', { description: 'Certificates of the earlier import of the same territory, replaced.' }),
      skippedCount: t.int({ resolve: (result) => result.skipped.length }),
      skipped: t.field({ type: [Skipped], resolve: (result) => result.skipped }),
      certificates: t.field({ type: [Loaded], resolve: (result) => result.certificates }),
    }),
  });

  builder.objectType(TrustedListFileError, {
    name: 'TrustedListFileError',
    description: 'The file is not an ETSI TS 119 612 trusted list; nothing was changed.',
    interfaces: ['Error' as never],
    isTypeOf: (value) => value instanceof TrustedListFileError,
    fields: (t) => ({
      messageIt: t.string({ authScopes: { public: true }, description: 'In Italian.', resolve: (error) => `file: ${error.problem.messageIt}` }),
    }),
  });

  builder.mutationField('importTrustedList', (t) =>
    t.field({
      type: Result,
      description:
        'Loads an EU trusted list as published (ETSI TS 119 612 XML, e.g. AgID\'s): the certificates of its granted qualified CA services become trust anchors for signature verification, replacing those of the same territory\'s earlier import. Says what was loaded and what was skipped and why. ICT head only; not for API tokens. Send as multipart/form-data.',
      errors: { types: [TrustedListFileError, InputError], directResult: true },
      authScopes,
      args: {
        file: t.arg({ type: 'Upload', required: true, description: 'The trusted list (XML).' }),
        dryRun: t.arg.boolean({ required: false, defaultValue: false, description: 'Check and count, write nothing.' }),
      },
      resolve: async (_root, args, context) => {
        context.audit = { ...context.audit, targetType: 'TrustedListCertificate' };
        if (args.file.size > MAX_TRUST_LIST_BYTES) throw new InputError([{ path: ['file'], message: `is larger than ${MAX_TRUST_LIST_BYTES / 1024 / 1024} MB`, code: 'TOO_BIG', maximum: MAX_TRUST_LIST_BYTES }]);
        const bytes = new Uint8Array(await args.file.arrayBuffer());
        try {
          const result = await importTrustList(context.prisma, bytes, { dryRun: args.dryRun ?? false });
          context.audit = {
            ...context.audit,
            after: {
              file: args.file.name,
              dryRun: result.dryRun,
              territory: result.territory,
              sequenceNumber: result.sequenceNumber,
              loaded: result.loaded,
              replaced: result.replaced,
              skipped: result.skipped.map(describeSkipped).join('; '),
            },
          };
          return result;
        } catch (error) {
          if (error instanceof TrustListError) throw new TrustedListFileError(error);
          throw error;
        }
      },
    }),
  );
}
