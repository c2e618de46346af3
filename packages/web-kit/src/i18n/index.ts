// Translations: Italian by default, English available, chosen in the header and remembered in this
// browser. Messages are flat keys resolved by @solid-primitives/i18n (`{{ name }}` placeholders).
import { flatten, resolveTemplate, translator, type BaseRecordDict, type Flatten } from '@solid-primitives/i18n';
import { createMemo, createRoot, createSignal, type Accessor } from 'solid-js';
import { en } from './en.ts';
import { it } from './it.ts';

export type Locale = 'it' | 'en';
export const locales: readonly Locale[] = ['it', 'en'];
export const localeNames: Record<Locale, string> = { it: 'Italiano', en: 'English' };

const STORAGE_KEY = 'gea.locale';

function storedLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'it' || saved === 'en') return saved;
  } catch {
    // storage blocked: the default
  }
  return 'it';
}

const [current, setCurrent] = createSignal<Locale>(storedLocale());
/** The interface language. */
export const locale: Accessor<Locale> = current;

export function setLocale(next: Locale): void {
  setCurrent(next);
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // the choice lasts for this page only
  }
}

/** Switches the language without touching the page or the browser's storage (unit tests). */
export function setLocaleForTests(next: Locale): void {
  setCurrent(next);
}

/** The BCP 47 tag Intl formats with: Italian conventions, or English with European dates. */
export const intlLocale = (value: Locale = current()): string => (value === 'it' ? 'it-IT' : 'en-GB');

export type Dictionary = typeof it;

/**
 * A translator for a set of messages in every locale: the core's, or a plugin's own. Reactive:
 * text rendered through it follows the language switch.
 */
export function createMessages<T extends BaseRecordDict>(messages: Record<Locale, T>) {
  return createRoot(() => {
    const flat = createMemo(() => flatten(messages[current()]) as Flatten<T>);
    return translator(flat, resolveTemplate);
  });
}

/** The core's messages. */
export const t = createMessages<Dictionary>({ it, en });
