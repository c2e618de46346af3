import type { GeaPrismaClient, NotificationEmailStatus, Prisma } from '@gea/db';
import type { PermissionDefinition } from '../permissions.ts';
import { receivingBody } from './recipients.ts';
import type { NotificationInput, NotificationKindDefinition, Notify } from './types.ts';

export interface NotifierOptions {
  prisma: GeaPrismaClient;
  kinds: ReadonlyMap<string, NotificationKindDefinition>;
  permissions: ReadonlyMap<string, PermissionDefinition>;
  installedModules: ReadonlySet<string>;
  /** Whether a mail server is configured: without one, e-mail is skipped (and said once). */
  emailEnabled: boolean;
  log: (line: string) => void;
}

const bodiesOf = (input: NotificationInput): readonly string[] | null =>
  input.entityId === null ? null : typeof input.entityId === 'string' ? [input.entityId] : input.entityId;

function check(input: NotificationInput, kinds: ReadonlyMap<string, NotificationKindDefinition>): NotificationKindDefinition {
  const kind = kinds.get(input.kind);
  if (!kind) throw new Error(`notify: "${input.kind}" is not a declared notification kind`);
  if (!input.subjectKey) throw new Error(`notify(${input.kind}): subjectKey is required (it is the dedupe key)`);
  for (const text of [input.title, input.body]) {
    if (!text?.it || !text?.en) throw new Error(`notify(${input.kind}): title and body need Italian and English text`);
  }
  return kind;
}

/**
 * The `notify` that jobs receive. Recipients are found in three queries whatever the number of
 * notifications (users with a role on the bodies, modules enabled there, preferences); every
 * (kind, subjectKey, recipient) row is inserted with ON CONFLICT DO NOTHING on its unique index,
 * so a job that runs again, or on two processes at once, never delivers anything twice.
 */
export function createNotifier(options: NotifierOptions): Notify {
  const { prisma, kinds, permissions, installedModules, emailEnabled, log } = options;
  let saidEmailOff = false;
  return async (notifications) => {
    const items = (Array.isArray(notifications) ? notifications : [notifications]) as readonly NotificationInput[];
    if (items.length === 0) return { created: 0 };
    const checked = items.map((input) => ({ input, kind: check(input, kinds), bodies: bodiesOf(input) }));
    const bodies = [...new Set(checked.flatMap((item) => item.bodies ?? []))];

    const [enablements, users] = await Promise.all([
      bodies.length === 0
        ? Promise.resolve([])
        : prisma.moduleEnablement.findMany({ where: { entityId: { in: bodies }, enabled: true }, select: { entityId: true, moduleKey: true } }),
      prisma.user.findMany({
        where: { active: true, roles: { some: { OR: [{ entityId: null }, ...(bodies.length ? [{ entityId: { in: bodies } }] : [])] } } },
        select: { id: true, active: true, roles: { select: { role: true, entityId: true } } },
      }),
    ]);
    const enabledModules = new Map<string, Set<string>>();
    for (const row of enablements) enabledModules.set(row.entityId, (enabledModules.get(row.entityId) ?? new Set()).add(row.moduleKey));
    const preferences =
      users.length === 0
        ? []
        : await prisma.notificationPreference.findMany({
            where: { userId: { in: users.map((user) => user.id) }, kind: { in: [...new Set(items.map((item) => item.kind))] } },
          });
    const preferenceOf = new Map(preferences.map((p) => [`${p.userId}|${p.kind}`, p]));

    const rows = new Map<string, Prisma.NotificationCreateManyInput>();
    for (const { input, kind, bodies: entityIds } of checked) {
      for (const user of users) {
        const through = receivingBody(user, kind, entityIds, { permissions, installedModules, enabledModules });
        if (!through) continue;
        const preference = preferenceOf.get(`${user.id}|${input.kind}`);
        const wantsEmail = preference?.email ?? true;
        let emailStatus: NotificationEmailStatus = 'NOT_WANTED';
        if (wantsEmail) emailStatus = emailEnabled ? 'PENDING' : 'SKIPPED';
        if (wantsEmail && !emailEnabled && !saidEmailOff) {
          saidEmailOff = true;
          log('notifications: e-mail is off (GEA_SMTP_URL is not set); notifications go to the in-app inbox only');
        }
        // A row is written even when the person wants neither: it records that this was delivered (as chosen).
        rows.set(`${input.kind}|${input.subjectKey}|${user.id}`, {
          recipientId: user.id,
          kind: input.kind,
          subjectKey: input.subjectKey,
          entityId: through.entityId,
          title: { it: input.title.it, en: input.title.en },
          body: { it: input.body.it, en: input.body.en },
          link: input.link ?? null,
          inInbox: preference?.inbox ?? true,
          emailStatus,
        });
      }
    }
    if (rows.size === 0) return { created: 0 };
    const { count } = await prisma.notification.createMany({ data: [...rows.values()], skipDuplicates: true });
    return { created: count };
  };
}
