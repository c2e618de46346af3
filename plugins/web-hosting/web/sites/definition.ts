// The hosted sites screens of the web-hosting module: routes, widgets and the labels of their
// mutations for the audit trail (composed in ../index.ts).
import type { AnyWebWidget, Label, WebRoute } from '@gea/web-kit/plugin';

export const routes: readonly WebRoute[] = [];
export const widgets: readonly AnyWebWidget[] = [];
export const operations: Readonly<Record<string, Label>> = {};
