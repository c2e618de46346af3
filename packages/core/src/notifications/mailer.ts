import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export class MailConfigError extends Error {
  override name = 'MailConfigError';
}

/** SMTP from `GEA_SMTP_URL` (`smtp://user:pass@host:587`, `smtps://...`) and `GEA_MAIL_FROM`; null when no server is configured. */
export function mailerFromEnv(env: NodeJS.ProcessEnv): Mailer | null {
  const url = env.GEA_SMTP_URL?.trim();
  if (!url) return null;
  const protocol = URL.parse(url)?.protocol;
  if (protocol !== 'smtp:' && protocol !== 'smtps:') {
    throw new MailConfigError(`GEA_SMTP_URL must start with smtp:// or smtps:// (got "${url.replace(/\/\/[^@/]*@/, '//***@')}")`);
  }
  const from = env.GEA_MAIL_FROM?.trim() || 'GEA <gea@localhost>';
  // Bounded waits: a hung server must not hold a claimed e-mail past its lease (see outbox.ts).
  const transport = nodemailer.createTransport({ url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 });
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
    close: () => transport.close(),
  };
}
