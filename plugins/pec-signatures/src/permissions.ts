import { definePermissions } from '@gea/core/permissions';

// PEC and signatures are run by the ICT staff for every body (art. 3.5); referents and the board
// read what concerns their bodies. Protocol systems get these as API token scopes, for one body.
export const pecSignaturesPermissions = definePermissions('pec-signatures', {
  'pec-signatures:read': {
    description: 'Read registry offices, PEC mailboxes, messages and receipts, signature certificates; verify signatures',
    roles: ['ICT_STAFF', 'REFERENT', 'BOARD_MEMBER'],
  },
  'pec-signatures:write': {
    description: 'Record registry offices, mailboxes, certificates; register PEC messages and their receipts',
    roles: ['ICT_STAFF'],
  },
  // Whose signatures count as trusted is the ICT head's decision (art. 7): no other role holds it,
  // and no API token may carry it.
  'pec-signatures:trust:write': {
    description: 'Import EU trusted lists (ETSI TS 119 612): their CA certificates become trust anchors for signature verification',
    notForTokens: true,
  },
});


declare module '@gea/core' {
  interface GeaPermissions extends Record<keyof typeof pecSignaturesPermissions, true> {}
}
