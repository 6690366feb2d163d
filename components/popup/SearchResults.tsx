/** The results of a search, as a listbox driven from the search field (aria-activedescendant). */
import { pick } from '../EntityCard';
import { t, type Lang } from '../../lib/i18n';
import type { SearchResult } from '../../lib/messages/protocol';
import { kindLabel } from './util';

export const RESULTS_ID = 'siyaq-results';
export const resultId = (i: number) => `siyaq-result-${i}`;

export interface SearchResultsProps {
  lang: Lang;
  /** The query these results answer. */
  query: string;
  results: readonly SearchResult[];
  active: number;
  onHover: (i: number) => void;
  onOpen: (r: SearchResult) => void;
}

export function SearchResults({ lang, query, results, active, onHover, onOpen }: SearchResultsProps) {
  return (
    <ul class="results" id={RESULTS_ID} role="listbox" aria-label={t(lang, 'popup_results')} data-query={query}>
      {results.map((r, i) => {
        const other = lang === 'ar' ? r.label.en : r.label.ar;
        return (
          <li
            key={r.id}
            id={resultId(i)}
            role="option"
            aria-selected={i === active}
            class={i === active ? 'result active' : 'result'}
            data-entity-id={r.id}
            // Keep the focus in the search field; the click still opens the result.
            onMouseDown={(e) => e.preventDefault()}
            onMouseMove={() => i !== active && onHover(i)}
            onClick={() => onOpen(r)}
          >
            <span class="r-main">
              <bdi class="r-label">{pick(r.label, lang)}</bdi>
              {other ? (
                <span class="r-other" lang={lang === 'ar' ? 'en' : 'ar'}>
                  {other}
                </span>
              ) : null}
            </span>
            <span class="r-kind">{kindLabel(lang, r.type, r.subtype)}</span>
            {r.matched ? (
              <span class="r-matched">
                {t(lang, 'popup_matched')} <bdi>{r.matched}</bdi>
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
