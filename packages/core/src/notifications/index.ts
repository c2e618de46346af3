export { collectNotificationKinds, NotificationConfigError } from './kinds.ts';
export { createNotifier, type NotifierOptions } from './notify.ts';
export { mailerFromEnv, MailConfigError, type Mailer, type MailMessage } from './mailer.ts';
export { deliverPendingEmails, renderEmail, type OutboxOptions } from './outbox.ts';
export { receivingBody, mayEverReceive, type CandidateRecipient, type RecipientRules } from './recipients.ts';
export type { LocalizedText, NotificationInput, NotificationKindDefinition, Notify, NotificationLocale } from './types.ts';
export { alertThreshold, formatDay, inDays } from './thresholds.ts';
