/**
 * Interface strings in Arabic and English. The texts live in public/_locales (the manifest and
 * browser.i18n use them too); they are bundled here as well so the reader's language setting
 * can override the browser's.
 */
import ar from '../public/_locales/ar/messages.json';
import en from '../public/_locales/en/messages.json';

export type Lang = 'ar' | 'en';
type Catalog = Record<string, { message: string }>;
const catalogs: Record<Lang, Catalog> = { ar: ar as Catalog, en: en as Catalog };

export type MessageKey = keyof typeof ar & keyof typeof en;

/** The language to show: the setting, or the browser's UI language (Arabic when it is Arabic). */
export function resolveLang(setting: 'auto' | Lang, uiLanguage: string | undefined): Lang {
  if (setting !== 'auto') return setting;
  return (uiLanguage ?? '').toLowerCase().startsWith('ar') ? 'ar' : 'en';
}

export function t(lang: Lang, key: string, ...subs: (string | number)[]): string {
  const m = catalogs[lang][key]?.message ?? catalogs.en[key]?.message ?? key;
  return m.replace(/\$P(\d)\$/g, (_, n: string) => String(subs[Number(n) - 1] ?? ''));
}

export function dir(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/** Only http(s) URLs become links; anything else (javascript:, data:, ...) is refused. */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
