// The API's enums this plugin's screens offer as choices.

export const CERTIFICATE_STATUSES = ['ACTIVE', 'SUSPENDED', 'REVOKED', 'EXPIRED'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

export const DEVICE_TYPES = ['SMART_CARD', 'USB_TOKEN', 'REMOTE'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];
