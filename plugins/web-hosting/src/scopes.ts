// The scopes this plugin's fields choose from: the server's part, kept apart from the permission
// definitions, which the web client imports too.
import { pluginScopes } from '@gea/core';

/** Hosted sites: read per body, recorded by the ICT office. */
export const siteScopes = pluginScopes('web-hosting:read', 'web-hosting:sites:write');

/** Pages being written: drafts and revisions are read and written per body, by people only. */
export const contentScopes = pluginScopes('web-hosting:content:read', 'web-hosting:content:write');

/** Publishing: directly, or through a reviewer on sites that ask for review. */
export const publishScopes = pluginScopes('web-hosting:content:read', 'web-hosting:content:publish');
export const reviewScopes = pluginScopes('web-hosting:content:read', 'web-hosting:content:review');

/** Visitors' ratings. */
export const feedbackScopes = pluginScopes('web-hosting:feedback:read', 'web-hosting:content:write');

/** The online services catalogue, and the proposals with their votes. */
export const serviceScopes = pluginScopes('web-hosting:services:read', 'web-hosting:services:write');
export const voteScopes = pluginScopes('web-hosting:services:read', 'web-hosting:proposals:vote');
