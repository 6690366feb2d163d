/**
 * An entity's full card in the popup: facts and the complete timeline of prior events, with a
 * year filter. The card itself is the shared EntityCard (the hover cards use it too).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { EntityCard } from '../EntityCard';
import { formatDate } from '../../lib/card/dates';
import type { EntityCard as Card } from '../../lib/card/types';
import { t, type Lang } from '../../lib/i18n';
import { request } from '../../lib/messages/client';
import { errorText, yearOf, yearsOf } from './util';

export interface FullCardProps {
  id: string;
  asOf: string;
  lang: Lang;
  onBack: () => void;
  onChoose: (id: string) => void;
}

type State = { loading: true } | { loading: false; card: Card | null } | { loading: false; error: string };

export function FullCard({ id, asOf, lang, onBack, onChoose }: FullCardProps) {
  const [state, setState] = useState<State>({ loading: true });
  const [year, setYear] = useState('');
  const back = useRef<HTMLButtonElement>(null);

  useEffect(() => back.current?.focus(), []);

  useEffect(() => {
    let live = true;
    setState({ loading: true });
    setYear('');
    request('card', { id, asOf, page: [], all: true }).then(
      (card) => live && setState({ loading: false, card }),
      (e: unknown) => live && setState({ loading: false, error: errorText(e) }),
    );
    return () => {
      live = false;
    };
  }, [id, asOf]);

  const card = 'card' in state ? state.card : null;
  const years = useMemo(() => (card ? yearsOf(card.events) : []), [card]);
  const shown = useMemo(() => (card && year ? { ...card, events: card.events.filter((e) => yearOf(e.date) === year) } : card), [card, year]);

  return (
    <section class="full" aria-busy={state.loading}>
      <div class="full-bar">
        <button ref={back} type="button" class="back" onClick={onBack}>
          <span aria-hidden="true">{lang === 'ar' ? '→' : '←'}</span> {t(lang, 'popup_back')}
        </button>
        {card && years.length > 1 ? (
          <label class="year-filter">
            <span>{t(lang, 'popup_year_filter')}</span>
            <select value={year} onChange={(e) => setYear((e.currentTarget as HTMLSelectElement).value)}>
              <option value="">{t(lang, 'popup_all_years', card.events.length)}</option>
              {years.map((y) => (
                <option key={y.year} value={y.year}>
                  {formatDate(y.year, lang)} ({y.count})
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {state.loading ? <p class="note muted">{t(lang, 'card_loading')}</p> : null}
      {'error' in state ? (
        <p class="note error" role="alert">
          {t(lang, 'popup_card_error', state.error)}
        </p>
      ) : null}
      {!state.loading && !('error' in state) && !card ? <p class="note">{t(lang, 'card_not_found')}</p> : null}
      {card && shown ? (
        <>
          {year ? (
            <p class="note muted filter-note" role="status">
              {t(lang, 'popup_events_shown', shown.events.length, card.events.length)}{' '}
              <button type="button" class="linkish" onClick={() => setYear('')}>
                {t(lang, 'popup_clear_filter')}
              </button>
            </p>
          ) : null}
          <EntityCard card={shown} lang={lang} full onChoose={onChoose} />
        </>
      ) : null}
    </section>
  );
}
