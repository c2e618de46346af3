// How soon something ends: the windows the lists filter by, and the badge's tone.

/** "Expiring within N days" choices of the lists' filters. */
export const EXPIRY_WINDOWS = [30, 90, 365] as const;

export const expiryTone = (days: number | null | undefined) => (days === null || days === undefined ? 'off' : days <= 30 ? 'warn' : 'ok');
