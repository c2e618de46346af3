// Installed modules by name in the reader's language: the label of the module's first menu entry
// when it has screens (plugin definitions name themselves in English only), else its name.
import { modules, routes } from 'virtual:gea-plugins';
import { locale } from './i18n/index.ts';

export function moduleLabel(key: string, fallback?: string): string {
  const menu = routes
    .filter((route) => route.module === key && route.menu)
    .sort((a, b) => a.menu!.order - b.menu!.order)[0]?.menu;
  return menu?.label[locale()] ?? fallback ?? modules.find((m) => m.key === key)?.name ?? key;
}
