// The public read API (access 'public', no sign-in): published content of the served sites, as
// JSON, cacheable (see cache.ts), and the visitors' page ratings.
import type { PluginHttpRoute } from '@gea/core';
import { feedbackRoute } from './feedback.ts';
import { fileRoute } from './files.ts';
import { menuRoute } from './menu.ts';
import { pathRoute } from './page.ts';
import { siteRoute } from './site.ts';
import { taxonomiesRoute } from './taxonomies.ts';

export const publicRoutes: readonly PluginHttpRoute[] = [siteRoute, menuRoute, taxonomiesRoute, pathRoute, fileRoute, feedbackRoute];
