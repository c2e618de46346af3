import type { Role } from '@gea/db';

/** Text in each language GEA speaks: Italian always, English for people who chose it. */
export interface LocalizedText {
  it: string;
  en: string;
}

export type NotificationLocale = keyof LocalizedText;

/**
 * A kind of notification a plugin emits (`inventory:warranty-ending`). Who may receive it: people
 * holding `permission` on the body it concerns (on a body where the module is enabled), through
 * one of `roles` when given; disabled accounts never. Each person chooses inbox and e-mail per kind.
 */
export interface NotificationKindDefinition {
  /** For developers and the audit: what it tells, in English. */
  description: string;
  /** Shown in the preferences screen. */
  label: LocalizedText;
  /** The permission a recipient needs on the body (`inventory:read`). */
  permission: string;
  /** Only people holding the permission through one of these roles (default: any role that grants it). */
  roles?: readonly Role[];
}

/** One notification a plugin emits; the core finds its recipients. */
export interface NotificationInput {
  /** A kind the plugin declared under `notifications`. */
  kind: string;
  /**
   * The body it concerns, or the bodies (a contract serving several): people who may read it on
   * any of them receive it. Null: only people holding the permission for the whole association.
   */
  entityId: string | readonly string[] | null;
  /**
   * What it is about, for dedupe: the same kind and subject reach each person once, ever
   * (`certificate:<id>:30d`). Put what should notify again into it (a new expiry date).
   */
  subjectKey: string;
  title: LocalizedText;
  body: LocalizedText;
  /** Client path to open (`/pec-signatures`). */
  link?: string;
}

/** Emits notifications (one or many at once: many cost the same few queries); resolves with how many new deliveries it made. */
export type Notify = (notifications: NotificationInput | readonly NotificationInput[]) => Promise<{ created: number }>;
