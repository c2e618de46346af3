import { seedDemoData } from '@gea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';
import webHosting from '../src/index.ts';
import { seedServiceProposals } from '../src/seed/proposals.ts';

const t = useTestApi([webHosting]);
let seeded: Awaited<ReturnType<typeof seedServiceProposals>>;

beforeAll(async () => {
  // the plugin's demo seed writes the proposals; a second call finds them and writes nothing
  await seedDemoData(t.db.prisma, [webHosting], { password: 'gea-demo', log: () => {} });
  seeded = await seedServiceProposals(t.db.prisma);
}, 300_000);

describe('demo proposals on the demo organisation', () => {
  it('the union of eight bodies: one proposal approved by four with its service offered by all eight, one open at 2 of 8', async () => {
    expect(seeded).toBeNull();
    const referent = await t.db.prisma.user.findUniqueOrThrow({ where: { email: 'referente@pelago.gea.local' }, include: { roles: true } });
    const actor = actorForRoles(t.api.composed, 'pelago', [{ role: 'REFERENT', entityId: referent.roles[0]!.entityId }]);
    const response = await t.api.gql(
      `{ serviceProposals { title status decisionYesVotes decisionMembers service { offerings { entity { name } } } tally { yes no members needed } votes { choice } } }`,
      {},
      actor,
    );
    expect(response.body.errors).toBeUndefined();
    const [open, approved] = response.body.data!.serviceProposals;
    expect(open).toMatchObject({ status: 'OPEN', tally: { yes: 2, no: 1, members: 8, needed: 4 } });
    expect(approved).toMatchObject({ status: 'APPROVED', decisionYesVotes: 4, decisionMembers: 8, tally: { yes: 4, no: 1, members: 8 } });
    expect(approved.service.offerings).toHaveLength(8);
    // the stored decision passes the database's own check (2 * yes >= members)
    const row = await t.db.prisma.serviceProposal.findFirstOrThrow({ where: { status: 'APPROVED' } });
    expect(2 * row.decisionYesVotes!).toBeGreaterThanOrEqual(row.decisionMembers!);
  });
});
