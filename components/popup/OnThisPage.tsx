/** The names Siyaq found on the current tab, with how often; choosing one shows it there. */
import { useState } from 'preact/hooks';
import type { PageMentionSummary } from '../../lib/messages/protocol';
import { t, type Lang } from '../../lib/i18n';
import { revealOnPage } from './tab';

export interface OnThisPageProps {
  lang: Lang;
  tabId: number | undefined;
  /** undefined while asking the page; null when the page has no Siyaq highlights. */
  summary: PageMentionSummary | null | undefined;
  onOpen: (id: string, asOf: string | undefined) => void;
}

export function OnThisPage({ lang, tabId, summary, onOpen }: OnThisPageProps) {
  const [missing, setMissing] = useState<string | undefined>();
  const reveal = (id: string) => {
    if (tabId === undefined) return;
    setMissing(undefined);
    void revealOnPage(tabId, id).then((found) => !found && setMissing(id));
  };
  return (
    <section class="on-page" aria-labelledby="on-page-title">
      <h2 id="on-page-title">{t(lang, 'popup_on_this_page')}</h2>
      {summary === undefined ? <p class="note muted">{t(lang, 'popup_page_loading')}</p> : null}
      {summary === null ? <p class="note muted page-none">{t(lang, 'popup_page_none')}</p> : null}
      {summary && !summary.entities.length ? <p class="note muted page-none">{t(lang, 'popup_page_empty')}</p> : null}
      {summary && summary.entities.length ? (
        <ul class="mentions">
          {summary.entities.slice(0, 200).map((e) => {
            const label = lang === 'en' ? (e.labelEn ?? e.label) : e.label;
            return (
              <li key={e.id} class="mention" data-entity-id={e.id}>
                <button type="button" class="m-reveal" title={t(lang, 'popup_show_on_page')} onClick={() => reveal(e.id)}>
                  <bdi class="m-label">{label}</bdi>
                  <span class="count" aria-label={t(lang, 'popup_mentions', e.count)}>
                    {e.count}
                  </span>
                </button>
                <button
                  type="button"
                  class="m-card"
                  aria-label={`${t(lang, 'popup_open_card')}: ${label}`}
                  title={t(lang, 'popup_open_card')}
                  onClick={() => onOpen(e.id, summary.asOf || undefined)}
                >
                  <svg class="icon" viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
                    <circle cx="10" cy="10" r="8.25" fill="none" stroke="currentColor" stroke-width="1.5" />
                    <path d="M10 9v5" stroke="currentColor" stroke-width="1.7" stroke-linecap="round" />
                    <circle cx="10" cy="6.2" r="1.1" fill="currentColor" />
                  </svg>
                </button>
                {missing === e.id ? <span class="m-missing muted">{t(lang, 'popup_not_found_on_page')}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
