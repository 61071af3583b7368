import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setFormatLocale } from '../format';
import { en } from './en';
import { ja } from './ja';
import { zh } from './zh';

/**
 * The UI's languages. i18next (with react-i18next) holds the catalogs: it is the most used i18n
 * library for React, keeps plurals to `Intl.PluralRules` (so Japanese and Chinese need one form,
 * English two), interpolates without string concatenation, switches language live by re-rendering
 * only the components that translate, and types every key against the English catalog.
 */
export const LANGUAGES = [
  { id: 'en', name: 'English' },
  { id: 'ja', name: '日本語' },
  { id: 'zh', name: '简体中文' },
] as const;
export type LanguageId = (typeof LANGUAGES)[number]['id'];
export type LanguageSetting = LanguageId | 'system';

export const CATALOGS = { en, ja, zh } as const;
export const NAMESPACES = Object.keys(en) as (keyof typeof en)[];

/** The `lang` of the page and the locale of `Intl`: the script matters for CJK fonts and formats. */
const LOCALE: Record<LanguageId, string> = { en: 'en', ja: 'ja-JP', zh: 'zh-CN' };

/** The language to show: the user's choice, else the first OS or browser language we have, else English. */
export function languageFor(setting: LanguageSetting | undefined, preferred: readonly string[]): LanguageId {
  if (setting && setting !== 'system') return setting;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'en' || base === 'ja' || base === 'zh') return base;
  }
  return 'en';
}

/** `Intl`'s locale for a language: the browser's own English (en-GB dates stay en-GB), else the language's. */
export function intlLocale(language: LanguageId, preferred: readonly string[]): string {
  if (language === 'en') return preferred.find((t) => /^en(-|$)/i.test(t)) ?? 'en';
  return LOCALE[language];
}

function preferredLanguages(): readonly string[] {
  return typeof navigator === 'undefined'
    ? []
    : navigator.languages?.length
      ? navigator.languages
      : [navigator.language];
}

function applyLocale(language: LanguageId): void {
  setFormatLocale(intlLocale(language, preferredLanguages()));
  if (typeof document !== 'undefined') document.documentElement.lang = LOCALE[language];
}

/** Starts i18next synchronously with every catalog (they are small and bundled). */
export function initI18n(language: LanguageId = languageFor('system', preferredLanguages())): typeof i18next {
  applyLocale(language);
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: CATALOGS,
      lng: language,
      fallbackLng: 'en',
      supportedLngs: LANGUAGES.map((l) => l.id),
      ns: NAMESPACES,
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      initAsync: false,
      returnEmptyString: false,
    });
  } else if (i18next.language !== language) {
    void i18next.changeLanguage(language);
  }
  return i18next;
}

/** Switches the UI live: every translating component re-renders, formats follow. */
export function setLanguage(setting: LanguageSetting | undefined): LanguageId {
  const language = languageFor(setting, preferredLanguages());
  applyLocale(language);
  if (i18next.language !== language) void i18next.changeLanguage(language);
  return language;
}
