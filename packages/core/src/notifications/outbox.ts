import type { GeaPrismaClient } from '@gea/db';
import type { Mailer, MailMessage } from './mailer.ts';
import type { LocalizedText, NotificationLocale } from './types.ts';

export interface OutboxOptions {
  /** Public address of the web client, to make the notification's link absolute (`https://gea.example.it`). */
  linkBase?: string;
  log: (line: string) => void;
  batchSize?: number;
  /** A failing e-mail is retried by later runs, then given up (status FAILED). */
  maxAttempts?: number;
  /** How long after a failed attempt an e-mail may be tried again (default 4 minutes: the next outbox run). */
  retryAfterMs?: number;
  /**
   * A claimed e-mail whose process died is claimed again after this long. Longer than the mailer's
   * own timeouts, so a live process is never overtaken mid-send.
   */
  leaseMs?: number;
}

export const localeOf = (locale: string | null | undefined): NotificationLocale => (locale === 'en' ? 'en' : 'it');
export const textIn = (text: unknown, locale: NotificationLocale): string => {
  const localized = text as Partial<LocalizedText> | null;
  return localized?.[locale] ?? localized?.it ?? '';
};

const footer: LocalizedText = {
  it: 'Messaggio automatico di GEA. Puoi scegliere quali avvisi ricevere per e-mail nelle preferenze delle notifiche.',
  en: 'Automatic message from GEA. You can choose which alerts you get by e-mail in your notification preferences.',
};

/** The e-mail for one notification, in the recipient's language. */
export function renderEmail(
  notification: { title: unknown; body: unknown; link: string | null },
  recipient: { email: string; locale: string },
  linkBase?: string,
): MailMessage {
  const locale = localeOf(recipient.locale);
  const link = notification.link && linkBase ? new URL(notification.link, linkBase).href : notification.link;
  return {
    to: recipient.email,
    subject: textIn(notification.title, locale),
    text: [textIn(notification.body, locale), link ?? '', '--', footer[locale]].filter(Boolean).join('\n\n'),
  };
}

interface Claimed {
  id: string;
  recipientId: string;
  title: unknown;
  body: unknown;
  link: string | null;
  emailAttempts: number;
}

/**
 * Sends the e-mails of committed notifications. Each is claimed first with one UPDATE over rows
 * picked FOR UPDATE SKIP LOCKED (PENDING, or SENDING past its lease), so two processes never send
 * the same one; a failed send goes back to PENDING for a later run, up to `maxAttempts`.
 */
export async function deliverPendingEmails(
  prisma: GeaPrismaClient,
  mailer: Mailer,
  options: OutboxOptions,
): Promise<{ sent: number; failed: number }> {
  const batchSize = options.batchSize ?? 50;
  const maxAttempts = options.maxAttempts ?? 5;
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  const retryAfterMs = options.retryAfterMs ?? 4 * 60_000;
  // A failed e-mail waits retryAfterMs, and is never tried twice in one pass.
  const passStart = new Date();
  let sent = 0;
  let failed = 0;
  for (;;) {
    const claimedAt = new Date();
    const staleBefore = new Date(claimedAt.getTime() - leaseMs);
    const retryBefore = new Date(Math.min(passStart.getTime(), claimedAt.getTime() - retryAfterMs));
    const claimed = await prisma.$queryRaw<Claimed[]>`
      update "Notification" set "emailStatus" = 'SENDING', "emailClaimedAt" = ${claimedAt}, "emailAttempts" = "emailAttempts" + 1
      where id in (
        select id from "Notification"
        where ("emailStatus" = 'PENDING' and ("emailClaimedAt" is null or "emailClaimedAt" < ${retryBefore}))
           or ("emailStatus" = 'SENDING' and "emailClaimedAt" < ${staleBefore})
        order by "createdAt", id
        limit ${batchSize}
        for update skip locked)
      returning id, "recipientId", title, body, link, "emailAttempts"`;
    if (claimed.length === 0) break;
    const recipients = await prisma.user.findMany({
      where: { id: { in: [...new Set(claimed.map((row) => row.recipientId))] } },
      select: { id: true, email: true, locale: true, active: true },
    });
    const recipientOf = new Map(recipients.map((user) => [user.id, user]));
    for (const row of claimed) {
      const recipient = recipientOf.get(row.recipientId);
      if (!recipient?.active) {
        // Disabled since the notification was created: nothing goes to a closed account.
        await prisma.notification.update({ where: { id: row.id }, data: { emailStatus: 'NOT_WANTED', emailClaimedAt: null } });
        continue;
      }
      try {
        await mailer.send(renderEmail(row, recipient, options.linkBase));
        await prisma.notification.update({ where: { id: row.id }, data: { emailStatus: 'SENT', emailSentAt: new Date(), emailError: null } });
        sent++;
      } catch (error) {
        const giveUp = row.emailAttempts >= maxAttempts;
        const message = (error as Error).message?.slice(0, 500) ?? String(error);
        await prisma.notification.update({
          where: { id: row.id },
          data: { emailStatus: giveUp ? 'FAILED' : 'PENDING', emailError: message },
        });
        failed++;
        options.log(`notifications: e-mail to ${recipient.email} failed (attempt ${row.emailAttempts}${giveUp ? ', giving up' : ', will retry'}): ${message}`);
      }
    }
    if (claimed.length < batchSize) break;
  }
  return { sent, failed };
}
