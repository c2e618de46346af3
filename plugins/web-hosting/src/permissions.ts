// Data only: the web client imports it too (menus), so it reaches @gea/core/permissions alone.
import { definePermissions } from '@gea/core/permissions';

// The ICT office hosts every body's site and runs the CMS (art. 3.3-4); each body writes its own
// pages with personal accounts, so every change is attributable (art. 11.1): writing and publishing
// are never given to a machine client. A new online service is built for all when at least half of
// the member bodies ask for it (art. 11.4): the referent speaks for their body.
export const webHostingPermissions = definePermissions('web-hosting', {
  'web-hosting:read': {
    description: "Read a body's hosted sites: domains, server, CMS, certificate, status",
    roles: ['ICT_STAFF', 'REFERENT', 'WEB_EDITOR', 'BOARD_MEMBER'],
  },
  'web-hosting:sites:write': {
    description: "Record and change a body's hosted sites, their required links and the supported CMS versions",
    roles: ['ICT_STAFF'],
  },
  'web-hosting:content:read': {
    description: "Read the pages of a body's site as they are being written: drafts, revisions, schedules",
    roles: ['ICT_STAFF', 'REFERENT', 'WEB_EDITOR'],
  },
  'web-hosting:content:write': {
    description: "Write the pages of a body's site under one's own account: drafts, revisions, restores, attachments",
    roles: ['ICT_STAFF', 'WEB_EDITOR'],
    notForTokens: true,
  },
  'web-hosting:content:publish': {
    description: "Publish, schedule and take down the pages of a body's site that does not ask for review",
    roles: ['ICT_STAFF', 'WEB_EDITOR'],
    notForTokens: true,
  },
  'web-hosting:content:review': {
    description: "Review the pages of a body's site that asks for review: publish or send back what another person wrote",
    roles: ['ICT_STAFF', 'REFERENT'],
    notForTokens: true,
  },
  'web-hosting:feedback:read': {
    description: "Read the visitors' ratings of a body's pages",
    roles: ['ICT_STAFF', 'REFERENT', 'WEB_EDITOR'],
  },
  'web-hosting:services:read': {
    description: 'Read the online services catalogue and the service proposals with their votes (art. 11.4)',
    roles: ['ICT_STAFF', 'REFERENT', 'WEB_EDITOR', 'BOARD_MEMBER'],
  },
  'web-hosting:services:write': {
    description: 'Record which body offers which online service',
    roles: ['ICT_STAFF'],
  },
  'web-hosting:proposals:vote': {
    description: 'Propose a new online service for a body, and record its yes or no to proposals (art. 11.4)',
    roles: ['REFERENT'],
    notForTokens: true,
  },
});

declare module '@gea/core' {
  interface GeaPermissions extends Record<keyof typeof webHostingPermissions, true> {}
}
