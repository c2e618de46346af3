// Connectivity contracts: what connectivity adds to a procurement contract (framework, notice,
// renewal, the share of each body served), their term as it stands today, and the head's acts on
// them (art. 7.4: connectivity:contracts:write on every body served).
import {
  assertVersion,
  auditConcerns,
  ConflictError,
  defineLoader,
  expectedVersionDescription,
  InputError,
  lockRow,
  modelRef,
  NotFoundError,
  save,
  StaleVersionError,
  today,
  versionDescription,
  type FieldIssue,
  type GeaBuilder,
  type GeaContext,
} from '@gea/core';
import type { ConnectivityContract as ContractRow, Prisma } from '@gea/db';
import { contractFacts, type ContractFacts } from '@gea/plugin-procurement';
import { z } from 'zod';
import { addMonths, daysToNotice, termOn, type TermOnDay } from '../rules/contract-term.ts';
import { shareIssues } from '../rules/contract-shares.ts';
import { contractScopes } from '../scopes.ts';
import { contractRenewalEnum, frameworkAgreementEnum } from './enums.ts';

/** Procurement's facts of contracts (term, renewal limit, bodies served): all asked in one request cost one query. */
export const contractFactsById = defineLoader<string, ContractFacts | null>('connectivity.contractFacts', async (ids, context) => {
  const facts = await contractFacts(context, ids);
  return ids.map((id) => facts.get(id) ?? null);
});

type TermFields = Pick<ContractRow, 'contractId' | 'currentTermEndsOn' | 'renewal' | 'renewalMonths' | 'noticePeriodDays' | 'noticeGivenOn' | 'frameworkEndsOn'>;

/** The contract's term on a day, given procurement's facts of it (renewable-until). */
export const termOfContract = (row: TermFields, facts: Pick<ContractFacts, 'renewableUntil'> | null, day: Date): TermOnDay =>
  termOn(
    {
      termEndsOn: row.currentTermEndsOn,
      renewal: row.renewal,
      renewalMonths: row.renewalMonths,
      noticePeriodDays: row.noticePeriodDays,
      noticeGivenOn: row.noticeGivenOn,
      renewableUntil: facts?.renewableUntil ?? null,
      frameworkEndsOn: row.frameworkEndsOn,
    },
    day,
  );

const termSelect = { contractId: true, currentTermEndsOn: true, renewal: true, renewalMonths: true, noticePeriodDays: true, noticeGivenOn: true, frameworkEndsOn: true } as const;

const termToday = async (row: TermFields, context: GeaContext) => termOfContract(row, await contractFactsById(context).load(row.contractId), today());

const ContractTermStateValues = {
  ACTIVE: { description: 'Running; notice may still be given for the current term.' },
  NOTICE_DATE_PASSED: { description: 'Running; the notice date of the current term has passed: it ends at the term (or has renewed tacitly).' },
  NOTICE_GIVEN: { description: 'Notice (disdetta) was given: it ends at the current term.' },
  ENDED: { description: 'Its term has passed.' },
} as const;

export function addConnectivityContractType(builder: GeaBuilder) {
  const FrameworkAgreement = frameworkAgreementEnum(builder);
  const ContractRenewal = contractRenewalEnum(builder);
  const Contract = modelRef(builder, 'Contract');
  const Entity = modelRef(builder, 'Entity');
  const ContractTermState = builder.enumType('ContractTermState', {
    description: 'Where a connectivity contract stands today.',
    values: ContractTermStateValues,
  });

  const ConnectivityContract = builder.prismaNode('ConnectivityContract', {
    description: 'What connectivity adds to a procurement contract: framework, notice, renewal and the share of each body served.',
    id: { field: 'contractId' },
    nullable: true,
    select: { contractId: true, shares: { select: { entityId: true } } },
    authScopes: (terms) => contractScopes.readAny(terms.shares.map((share) => share.entityId)),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      contract: t.relation('contract', { description: 'The procurement contract (CIG, supplier, term).' }),
      framework: t.expose('framework', { type: FrameworkAgreement }),
      frameworkName: t.exposeString('frameworkName', { nullable: true, description: 'E.g. "SPC2 Lotto 1", "RTRT 4".' }),
      frameworkEndsOn: t.expose('frameworkEndsOn', { type: 'Date', nullable: true, description: 'The day the framework agreement itself ends.' }),
      noticePeriodDays: t.exposeInt('noticePeriodDays', { description: 'Notice needed before the term, in days.' }),
      renewal: t.expose('renewal', { type: ContractRenewal }),
      renewalMonths: t.exposeInt('renewalMonths', { nullable: true, description: 'Length of each renewal, months.' }),
      noticeGivenOn: t.expose('noticeGivenOn', { type: 'Date', nullable: true, description: 'The day notice (disdetta) was sent.' }),
      currentTermEndsOn: t.expose('currentTermEndsOn', { type: 'Date', description: 'Term after the express renewals recorded so far.' }),
      termEndsOn: t.field({
        type: 'Date',
        description: 'The effective term today: the recorded one moved by the tacit renewals that have happened.',
        select: termSelect,
        resolve: async (row, _args, context) => (await termToday(row, context)).termEndsOn,
      }),
      noticeDate: t.field({
        type: 'Date',
        description: 'Last day to give notice (disdetta) for the effective term: the term minus the notice period.',
        select: termSelect,
        resolve: async (row, _args, context) => (await termToday(row, context)).noticeDate,
      }),
      daysToNotice: t.int({
        description: 'Days from today to the notice date (negative once passed).',
        select: termSelect,
        resolve: async (row, _args, context) => daysToNotice(await termToday(row, context), today()),
      }),
      state: t.field({
        type: ContractTermState,
        select: termSelect,
        resolve: async (row, _args, context) => (await termToday(row, context)).state,
      }),
      tacitRenewals: t.int({
        description: 'Tacit renewals that have happened by today.',
        select: termSelect,
        resolve: async (row, _args, context) => (await termToday(row, context)).tacitRenewals,
      }),
      renewsTacitly: t.boolean({
        description: 'Whether it renews tacitly at the effective term if no notice is given (within the renewal limit and the framework).',
        select: termSelect,
        resolve: async (row, _args, context) => (await termToday(row, context)).renewsTacitly,
      }),
      shares: t.relation('shares', {
        description: "The bodies served and each one's share; only those the reader may see.",
        query: (_args, context) => ({ where: { entity: contractScopes.readableEntities(context) }, orderBy: { entityId: 'asc' } }),
      }),
    }),
  });

  builder.prismaObject('ConnectivityContractShare', {
    description: "A body served by a connectivity contract and its share, in basis points (a contract's shares add up to 10000).",
    authScopes: (share) => contractScopes.readOn(share.entityId),
    fields: (t) => ({
      entity: t.relation('entity', { nullable: true }),
      basisPoints: t.exposeInt('basisPoints'),
    }),
  });

  const ConnectivityContractFilter = builder.inputType('ConnectivityContractFilter', {
    fields: (t) => ({
      entityId: t.globalID({ required: false, for: Entity, description: 'Contracts serving this body.' }),
      framework: t.field({ type: FrameworkAgreement, required: false }),
      noticeWithinDays: t.int({
        required: false,
        validate: z.number().int().min(0).max(3650),
        description: 'Only contracts whose notice date is from today to this many days ahead (and no notice given yet).',
      }),
    }),
  });

  builder.queryField('connectivityContracts', (t) =>
    t.prismaField({
      type: [ConnectivityContract],
      description: 'Connectivity contracts serving the bodies the reader may see (or one body), soonest notice date first.',
      authScopes: (_root, args) => (args.filter?.entityId ? contractScopes.readOn(args.filter.entityId.id) : contractScopes.readSome),
      args: { filter: t.arg({ type: ConnectivityContractFilter, required: false }) },
      resolve: async (query, _root, { filter }, context) => {
        const where: Prisma.ConnectivityContractWhereInput = {
          AND: [
            { shares: { some: { entity: contractScopes.readableEntities(context) } } },
            ...(filter?.entityId ? [{ shares: { some: { entityId: filter.entityId.id } } }] : []),
            ...(filter?.framework ? [{ framework: filter.framework }] : []),
          ],
        };
        // The term's fields are needed for the filter and the order whatever the reader asked for.
        const selection = 'select' in query && query.select ? { ...query, select: { ...query.select, ...termSelect } } : query;
        const rows = await context.prisma.connectivityContract.findMany({ ...selection, where, orderBy: [{ currentTermEndsOn: 'asc' }, { contractId: 'asc' }] });
        const facts = await contractFactsById(context).loadMany(rows.map((row) => row.contractId));
        const day = today();
        const terms = rows.map((row, index) => ({ row, term: termOfContract(row, facts[index] instanceof Error ? null : facts[index]!, day) }));
        const within = filter?.noticeWithinDays;
        return terms
          .filter(({ row, term }) => within === null || within === undefined || (row.noticeGivenOn === null && term.state !== 'ENDED' && daysToNotice(term, day) >= 0 && daysToNotice(term, day) <= within))
          .sort((a, b) => a.term.noticeDate.getTime() - b.term.noticeDate.getTime() || a.row.contractId.localeCompare(b.row.contractId))
          .map(({ row }) => row);
      },
    }),
  );

  const ShareInput = builder.inputType('ConnectivityContractShareInput', {
    fields: (t) => ({
      entityId: t.globalID({ required: true, for: Entity }),
      basisPoints: t.int({ required: true, description: 'Share in basis points (10000 = 100%).' }),
    }),
  });
  const TermsInput = builder.inputType('ConnectivityContractTermsInput', {
    fields: (t) => ({
      framework: t.field({ type: FrameworkAgreement, required: true }),
      frameworkName: t.string({ required: false, validate: z.string().trim().max(200) }),
      frameworkEndsOn: t.field({ type: 'Date', required: false }),
      noticePeriodDays: t.int({ required: true, validate: z.number().int().min(0).max(730), description: 'Days of notice before the term (0 to 730).' }),
      renewal: t.field({ type: ContractRenewal, required: true }),
      renewalMonths: t.int({ required: false, validate: z.number().int().min(1).max(120), description: 'Length of each renewal: required for TACIT and EXPRESS.' }),
      shares: t.field({ type: [ShareInput], required: true, description: 'One per body the contract serves, adding up to 10000.' }),
    }),
  });

  /** The bodies the procurement contract serves: the head needs the right on each of them. */
  const servedBodies = async (context: GeaContext, contractId: string) => (await contractFactsById(context).load(contractId))?.entityIds ?? [];
  const writeScope = async (_root: unknown, args: { contractId: { id: string } }, context: GeaContext) =>
    contractScopes.writeEvery(await servedBodies(context, args.contractId.id));

  /** Locks the procurement contract's row (the terms have no uuid id of their own) and reads the terms. */
  const lockTerms = async (context: GeaContext, contractId: string) => {
    if (!(await lockRow(context.prisma, 'Contract', contractId))) throw new NotFoundError('Contract');
    const facts = (await contractFacts(context, [contractId])).get(contractId);
    if (!facts) throw new NotFoundError('Contract');
    const terms = await context.prisma.connectivityContract.findUnique({ where: { contractId }, include: { shares: { orderBy: { entityId: 'asc' } } } });
    return { facts, terms };
  };
  const lockExisting = async (context: GeaContext, contractId: string, expectedVersion: number) => {
    const { facts, terms } = await lockTerms(context, contractId);
    if (!terms) throw new NotFoundError('ConnectivityContract');
    assertVersion('ConnectivityContract', terms, expectedVersion);
    return { facts, terms };
  };
  const audited = (context: GeaContext, contractId: string, facts: ContractFacts, before: object | null, after: object) => {
    context.audit = { ...context.audit, targetType: 'ConnectivityContract', targetId: contractId, before: before ?? undefined, after };
    auditConcerns(context, facts.entityIds);
  };
  const recorded = ({ shares, ...row }: ContractRow & { shares: { entityId: string; basisPoints: number }[] }) => ({
    ...row,
    shares: shares.map((share) => ({ entityId: share.entityId, basisPoints: share.basisPoints })),
  });

  builder.mutationFields((t) => ({
    setConnectivityContractTerms: t.prismaField({
      type: ConnectivityContract,
      description:
        'Gives a SERVICES procurement contract its connectivity terms, or changes them: framework, notice period, renewal and the share ' +
        'of every body it serves (adding up to 10000). The head only (connectivity:contracts:write on every body served, art. 7.4).',
      errors: { types: [InputError, NotFoundError, ConflictError, StaleVersionError], directResult: true },
      args: {
        contractId: t.arg.globalID({ required: true, for: Contract }),
        expectedVersion: t.arg.int({ required: false, description: `${expectedVersionDescription} Null when the contract has no connectivity terms yet.` }),
        input: t.arg({ type: TermsInput, required: true }),
      },
      authScopes: writeScope,
      resolve: async (query, _root, { contractId, expectedVersion, input }, context) => {
        context.audit = { ...context.audit, targetType: 'ConnectivityContract', targetId: contractId.id };
        const { facts, terms } = await lockTerms(context, contractId.id);
        if (terms && (expectedVersion === null || expectedVersion === undefined)) {
          throw new ConflictError('The contract already has connectivity terms: send their version as expectedVersion to change them');
        }
        if (!terms && expectedVersion !== null && expectedVersion !== undefined) throw new StaleVersionError('ConnectivityContract', expectedVersion, 0);
        if (terms) assertVersion('ConnectivityContract', terms, expectedVersion);
        const issues: FieldIssue[] = [];
        if (facts.kind !== 'SERVICES') issues.push({ path: ['contractId'], message: `is a ${facts.kind} contract: connectivity terms go on SERVICES contracts` });
        const shares = input.shares.map((share) => ({ entityId: share.entityId.id, basisPoints: share.basisPoints }));
        issues.push(...shareIssues(facts.entityIds, shares));
        const renews = input.renewal !== 'NONE';
        if (renews && !input.renewalMonths) issues.push({ path: ['input', 'renewalMonths'], message: `is required for ${input.renewal} renewal` });
        if (input.frameworkEndsOn && input.frameworkEndsOn.getTime() < facts.startsOn.getTime()) {
          issues.push({ path: ['input', 'frameworkEndsOn'], message: 'is before the contract starts' });
        }
        if (issues.length > 0) throw new InputError(issues);
        const data = {
          framework: input.framework,
          frameworkName: input.frameworkName?.trim() || null,
          frameworkEndsOn: input.frameworkEndsOn ?? null,
          noticePeriodDays: input.noticePeriodDays,
          renewal: input.renewal,
          renewalMonths: renews ? input.renewalMonths! : null,
        };
        const sharesData = shares.sort((a, b) => a.entityId.localeCompare(b.entityId));
        const after = await save({ missing: 'Entity' }, () =>
          terms
            ? context.prisma.connectivityContract.update({
                ...query,
                where: { contractId: contractId.id },
                data: { ...data, shares: { deleteMany: {}, createMany: { data: sharesData } } },
              })
            : context.prisma.connectivityContract.create({
                ...query,
                // The term starts as procurement's; express renewals move it from here.
                data: { contractId: contractId.id, ...data, currentTermEndsOn: facts.endsOn, shares: { createMany: { data: sharesData } } },
              }),
        );
        audited(context, contractId.id, facts, terms ? recorded(terms) : null, { ...data, currentTermEndsOn: terms?.currentTermEndsOn ?? facts.endsOn, shares: sharesData });
        return after;
      },
    }),

    recordContractNotice: t.prismaField({
      type: ConnectivityContract,
      description: 'Records the notice (disdetta) sent on a day: the contract then ends at its term. The head only (art. 7.4).',
      errors: { types: [InputError, NotFoundError, ConflictError, StaleVersionError], directResult: true },
      args: {
        contractId: t.arg.globalID({ required: true, for: Contract }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        givenOn: t.arg({ type: 'Date', required: true, description: 'The day the notice was sent (PEC).' }),
      },
      authScopes: writeScope,
      resolve: async (query, _root, { contractId, expectedVersion, givenOn }, context) => {
        context.audit = { ...context.audit, targetType: 'ConnectivityContract', targetId: contractId.id };
        const { facts, terms } = await lockExisting(context, contractId.id, expectedVersion);
        if (terms.noticeGivenOn) throw new ConflictError('Notice was already recorded for this contract: withdraw it first to record another date');
        // The term in force when the notice was sent (tacit renewals up to that day).
        const term = termOfContract(terms, facts, givenOn);
        if (givenOn.getTime() > term.termEndsOn.getTime()) {
          throw new InputError([{ path: ['givenOn'], message: 'is after the contract\'s term: it has already ended' }]);
        }
        if (givenOn.getTime() < facts.startsOn.getTime()) throw new InputError([{ path: ['givenOn'], message: 'is before the contract starts' }]);
        const after = await context.prisma.connectivityContract.update({ ...query, where: { contractId: contractId.id }, data: { noticeGivenOn: givenOn } });
        audited(context, contractId.id, facts, recorded(terms), { noticeGivenOn: givenOn });
        return after;
      },
    }),

    withdrawContractNotice: t.prismaField({
      type: ConnectivityContract,
      description: 'Removes the notice recorded for a contract (recorded by mistake, or revoked with the supplier\'s agreement). The head only.',
      errors: { types: [NotFoundError, ConflictError, StaleVersionError], directResult: true },
      args: {
        contractId: t.arg.globalID({ required: true, for: Contract }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
      },
      authScopes: writeScope,
      resolve: async (query, _root, { contractId, expectedVersion }, context) => {
        context.audit = { ...context.audit, targetType: 'ConnectivityContract', targetId: contractId.id };
        const { facts, terms } = await lockExisting(context, contractId.id, expectedVersion);
        if (!terms.noticeGivenOn) throw new ConflictError('No notice is recorded for this contract');
        const after = await context.prisma.connectivityContract.update({ ...query, where: { contractId: contractId.id }, data: { noticeGivenOn: null } });
        audited(context, contractId.id, facts, recorded(terms), { noticeGivenOn: null });
        return after;
      },
    }),

    renewConnectivityContract: t.prismaField({
      type: ConnectivityContract,
      description:
        'Records the express renewal of a contract: its term moves by the renewal period. Refused for contracts that do not renew ' +
        'expressly, after notice, once ended, or past the last renewable date or the framework\'s end. The head only (art. 7.4).',
      errors: { types: [NotFoundError, ConflictError, StaleVersionError], directResult: true },
      args: {
        contractId: t.arg.globalID({ required: true, for: Contract }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
      },
      authScopes: writeScope,
      resolve: async (query, _root, { contractId, expectedVersion }, context) => {
        context.audit = { ...context.audit, targetType: 'ConnectivityContract', targetId: contractId.id };
        const { facts, terms } = await lockExisting(context, contractId.id, expectedVersion);
        if (terms.renewal !== 'EXPRESS' || !terms.renewalMonths) {
          throw new ConflictError(`The contract renews ${terms.renewal === 'TACIT' ? 'tacitly' : 'never'}: only a contract with express renewal is renewed by an act`);
        }
        if (terms.noticeGivenOn) throw new ConflictError('Notice was given: withdraw it before renewing');
        const day = today();
        if (day.getTime() > terms.currentTermEndsOn.getTime()) throw new ConflictError('The contract has already ended: an express renewal must come before the term');
        const next = addMonths(terms.currentTermEndsOn, terms.renewalMonths);
        const iso = (date: Date) => date.toISOString().slice(0, 10);
        if (facts.renewableUntil && next.getTime() > facts.renewableUntil.getTime()) {
          throw new ConflictError(`A renewal would end on ${iso(next)}, after the last renewable date of the contract (${iso(facts.renewableUntil)})`);
        }
        if (terms.frameworkEndsOn && next.getTime() > terms.frameworkEndsOn.getTime()) {
          throw new ConflictError(`A renewal would end on ${iso(next)}, after the framework agreement ends (${iso(terms.frameworkEndsOn)})`);
        }
        const after = await context.prisma.connectivityContract.update({ ...query, where: { contractId: contractId.id }, data: { currentTermEndsOn: next } });
        audited(context, contractId.id, facts, recorded(terms), { currentTermEndsOn: next });
        return after;
      },
    }),
  }));
}
