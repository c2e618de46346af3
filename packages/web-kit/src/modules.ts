// Installed modules by name in the reader's language: the label the plugin's web part gives, else
// the name the caller knows (the API's), else the key.
import { locale } from './i18n/index.ts';
import { webPlugin } from './registry.ts';

export function moduleLabel(key: string, fallback?: string): string {
  return webPlugin(key)?.label[locale()] ?? fallback ?? key;
}
