import { versionDescription, type GeaBuilder } from '@gea/core';
import { contractScopes } from '../scopes.ts';
import { contractRenewalEnum, frameworkAgreementEnum } from './enums.ts';

export function addConnectivityContractType(builder: GeaBuilder) {
  const FrameworkAgreement = frameworkAgreementEnum(builder);
  const ContractRenewal = contractRenewalEnum(builder);

  builder.prismaNode('ConnectivityContract', {
    description: 'What connectivity adds to a procurement contract: framework, notice, renewal and the share of each body served.',
    id: { field: 'contractId' },
    nullable: true,
    select: { shares: { select: { entityId: true } } },
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
}
