import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { t, type Lang } from '../../lib/i18n';

export const LangContext = createContext<Lang>('ar');

export function useLang(): Lang {
  return useContext(LangContext);
}

/** The interface string `key` in the page's language. */
export function useT(): (key: string, ...subs: (string | number)[]) => string {
  const lang = useLang();
  return (key, ...subs) => t(lang, key, ...subs);
}
