// @gea/site: the reference front end of the web-hosting plugin, a municipal site of the Designers
// Italia model rendered on the server from the plugin's public read API.
export { createSiteHandler, SITE_CONTENT_SECURITY_POLICY, type SiteHandler, type SiteHandlerOptions } from './handler.ts';
export type * from './api-types.ts';
