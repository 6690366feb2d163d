/**
 * The card: who or what a name is, key facts, prior events, sources. Used on pages (inside a
 * closed shadow root) and in the popup. Every value is rendered as text by Preact; links are
 * made only from http(s) URLs, and open in a new tab without opener or referrer.
 */
import type { JSX } from 'preact';
import type { CardEvent, CardFact, EntityCard as Card } from '../lib/card/types';
import { formatDate } from '../lib/card/dates';
import { dir, safeHttpUrl, t, type Lang } from '../lib/i18n';

export interface EntityCardProps {
  card: Card;
  lang: Lang;
  /** The mention was an adjective (الإيرانية): say whose. */
  adjective?: boolean;
  /** Show the full timeline instead of the top events (popup). */
  full?: boolean;
  onMore?: () => void;
  onClose?: () => void;
  onChoose?: (id: string) => void;
}

export function pick(b: { ar?: string; en?: string } | undefined, lang: Lang): string {
  if (!b) return '';
  return (lang === 'ar' ? (b.ar ?? b.en) : (b.en ?? b.ar)) ?? '';
}

export function ExternalLink(props: { href: string; children: JSX.Element | string; class?: string }) {
  const href = safeHttpUrl(props.href);
  if (!href) return <span class={props.class}>{props.children}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" class={props.class}>
      {props.children}
    </a>
  );
}

/** A term of office in years: "2021–2024", "منذ 2021". */
function term(fact: CardFact, lang: Lang): string {
  const from = fact.from?.slice(0, 4);
  const to = fact.to?.slice(0, 4);
  if (from && to) return `${from}–${to}`;
  if (from) return t(lang, 'card_since', from);
  if (to) return t(lang, 'card_until', to);
  return '';
}

function FactRow({ fact, lang }: { fact: CardFact; lang: Lang }) {
  const value = fact.date && !fact.value.ar && !fact.value.en ? formatDate(fact.date, lang) : pick(fact.value, lang);
  const span = term(fact, lang);
  return (
    <div class="fact">
      <dt>{t(lang, `fact_${fact.key}`)}</dt>
      <dd>
        {value}
        {span ? <span class="muted"> ({span})</span> : null}
      </dd>
    </div>
  );
}

export function EventItem({ event, lang, summary = true }: { event: CardEvent; lang: Lang; summary?: boolean }) {
  const source = event.sources.map((s) => safeHttpUrl(s.url)).find(Boolean);
  return (
    <li class={event.alsoOnPage ? 'event related' : 'event'} data-event-id={event.id}>
      <time dateTime={event.date}>{formatDate(event.date, lang)}</time>
      <span class="event-title">{source ? <ExternalLink href={source}>{pick(event.title, lang)}</ExternalLink> : pick(event.title, lang)}</span>
      {summary && event.summary ? <p class="event-summary">{pick(event.summary, lang)}</p> : null}
    </li>
  );
}

export function EntityCard({ card, lang, adjective, full, onMore, onClose, onChoose }: EntityCardProps) {
  const other = lang === 'ar' ? card.label.en : card.label.ar;
  const kind = card.subtype ? t(lang, `subtype_${card.subtype.replace(/-/g, '_')}`) : t(lang, `type_${card.type}`);
  const wiki = card.links.filter((l) => l.kind !== 'source');
  const sources = card.links.filter((l) => l.kind === 'source').slice(0, 3);
  return (
    <article class="card" dir={dir(lang)} lang={lang} data-entity-id={card.id}>
      {card.alternatives.length ? (
        <div class="possible" role="note">
          <strong>{t(lang, 'card_possible_match')}</strong> {t(lang, 'card_possible_also')}{' '}
          {card.alternatives.map((a, i) => (
            <span key={a.id}>
              {i ? '، ' : ''}
              {onChoose ? (
                <button type="button" class="linkish" onClick={() => onChoose(a.id)}>
                  {pick(a.label, lang)}
                </button>
              ) : (
                pick(a.label, lang)
              )}
              {a.description ? <span class="muted"> — {pick(a.description, lang)}</span> : null}
            </span>
          ))}
        </div>
      ) : null}
      <header>
        <h2 class="title">
          <bdi>{pick(card.label, lang)}</bdi>
          {other ? (
            <span class="other-name" lang={lang === 'ar' ? 'en' : 'ar'} dir={lang === 'ar' ? 'ltr' : 'rtl'}>
              {other}
            </span>
          ) : null}
        </h2>
        <p class="kind">
          {adjective ? <span class="adjective">{t(lang, 'card_adjective_of')} · </span> : null}
          {kind}
        </p>
        {onClose ? (
          <button type="button" class="close" aria-label={t(lang, 'card_close')} title={t(lang, 'card_close')} onClick={onClose}>
            ×
          </button>
        ) : null}
      </header>
      {card.description ? <p class="description">{pick(card.description, lang)}</p> : null}
      {card.facts.length ? (
        <dl class="facts">
          {card.facts.map((f, i) => (
            <FactRow key={`${f.key}${i}`} fact={f} lang={lang} />
          ))}
        </dl>
      ) : null}
      <section class="events" aria-label={t(lang, 'card_prior_events')}>
        <h3>
          {t(lang, 'card_prior_events')} <span class="muted">{t(lang, 'card_before', formatDate(card.asOf, lang))}</span>
        </h3>
        {card.events.length ? (
          <ol>
            {card.events.map((e) => (
              <EventItem key={e.id} event={e} lang={lang} summary={full === true} />
            ))}
          </ol>
        ) : (
          <p class="muted">{t(lang, 'card_no_events')}</p>
        )}
        {!full && (card.moreEvents > 0 || card.events.length > 0) && onMore ? (
          <button type="button" class="more" onClick={onMore}>
            {card.moreEvents > 0 ? t(lang, 'card_more_events', card.moreEvents) : t(lang, 'card_full_timeline')}
          </button>
        ) : null}
      </section>
      <footer>
        {wiki.length ? (
          <span class="links">
            {wiki.map((l) => (
              <ExternalLink key={l.url} href={l.url}>
                {t(lang, `link_${l.kind}`)}
              </ExternalLink>
            ))}
          </span>
        ) : null}
        {sources.length ? (
          <span class="sources">
            {t(lang, 'card_sources')}:{' '}
            {sources.map((l, i) => (
              <span key={l.url}>
                {i ? ' · ' : ''}
                <ExternalLink href={l.url}>{sourceName(l.url, l.title, i)}</ExternalLink>
              </span>
            ))}
          </span>
        ) : null}
        <span class="pack">{t(lang, 'card_from_pack', card.packs.join('، '))}</span>
      </footer>
    </article>
  );
}

/** A source's short name: its title, else its site and page ("wikipedia: Iran"). */
function sourceName(url: string, title: string | undefined, i: number): string {
  if (title) return title.length > 40 ? title.slice(0, 39) + '…' : title;
  const host = hostOf(url);
  if (!host) return String(i + 1);
  try {
    const last = decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? '').replace(/_/g, ' ');
    const site = host.replace(/^(en|ar)\.m?\.?/, '').replace(/\.(org|com|net)$/, '');
    return last && last.length <= 30 ? `${site}: ${last}` : host;
  } catch {
    return host;
  }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}
