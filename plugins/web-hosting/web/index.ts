// Web hosting's web part: the hosted sites with their alerts, the pages of each site with the editor,
// revisions and preview, and the board of online service proposals. Each area declares its own
// routes, widgets and operation labels; they are composed here.
import { defineWebPlugin } from '@gea/web-kit/plugin';
import { webHostingPermissions } from '../src/permissions.ts';
import * as pages from './pages/definition.ts';
import * as proposals from './proposals/definition.ts';
import * as sites from './sites/definition.ts';

const areas = [sites, pages, proposals];

export default defineWebPlugin({
  key: 'web-hosting',
  label: { it: 'Siti web', en: 'Web sites' },
  permissions: webHostingPermissions,
  operations: Object.assign({}, ...areas.map((area) => area.operations)),
  routes: areas.flatMap((area) => area.routes),
  widgets: areas.flatMap((area) => area.widgets),
});
