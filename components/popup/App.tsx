/**
 * The toolbar popup: search every enabled pack, the names on the current page, Siyaq on or off
 * for the current site, and an entity's full timeline. The shell renders at once; everything
 * else arrives from the background and the tab afterwards, each part on its own.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { today } from '../../lib/card/dates';
import { dir, resolveLang, t, type Lang } from '../../lib/i18n';
import { request } from '../../lib/messages/client';
import type { Broadcast, PacksOverview, PageMentionSummary, SearchResult } from '../../lib/messages/protocol';
import type { Settings } from '../../lib/settings';
import { FullCard } from './FullCard';
import { OnThisPage } from './OnThisPage';
import { openOptions, PackNotice } from './PackNotice';
import { RESULTS_ID, resultId, SearchResults } from './SearchResults';
import { SiteSwitch } from './SiteSwitch';
import { pageMentions, resolveTab, type TabInfo } from './tab';
import { errorText, type PopupParams } from './util';

const LANG_KEY = 'siyaq.popup.lang';
const SEARCH_LIMIT = 20;

/**
 * The language of the first paint: the one the popup last resolved (kept in localStorage, read
 * synchronously), else the browser's. The settings, read right after, have the last word.
 */
export function initialLang(): Lang {
  try {
    const v = localStorage.getItem(LANG_KEY);
    if (v === 'ar' || v === 'en') return v;
  } catch {
    // Storage unavailable: fall through.
  }
  return resolveLang('auto', browser.i18n.getUILanguage());
}

export function applyLang(lang: Lang): void {
  const html = document.documentElement;
  html.lang = lang;
  html.dir = dir(lang);
  document.title = t(lang, 'popup_title');
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Not remembered: the next popup starts from the browser's language.
  }
}

interface Found {
  query: string;
  results: SearchResult[];
  tookMs: number;
}

interface View {
  id: string;
  asOf: string;
}

export function App({ params, lang: firstLang }: { params: PopupParams; lang: Lang }) {
  const [lang, setLang] = useState<Lang>(firstLang);
  const [settings, setSettings] = useState<Settings>();
  const [packs, setPacks] = useState<PacksOverview | Error>();
  const [tab, setTab] = useState<TabInfo | null | undefined>();
  const [summary, setSummary] = useState<PageMentionSummary | null | undefined>();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Found>();
  const [searchError, setSearchError] = useState<string>();
  const [active, setActive] = useState(-1);
  const [view, setView] = useState<View | null>(params.entity ? { id: params.entity, asOf: params.asOf ?? today() } : null);
  const input = useRef<HTMLInputElement>(null);
  /** Number of the latest search: a response to an older one is dropped. */
  const seq = useRef(0);
  const pending = useRef<Promise<Found | undefined> | undefined>();
  const queryRef = useRef('');
  queryRef.current = query;

  const runSearch = (raw: string): void => {
    const q = raw.trim().slice(0, 200);
    const mine = ++seq.current;
    if (!q) {
      pending.current = undefined;
      setFound(undefined);
      setSearchError(undefined);
      return;
    }
    pending.current = request('search', { query: q, limit: SEARCH_LIMIT }).then(
      (r) => {
        const f: Found = { query: q, results: r.results, tookMs: r.tookMs };
        if (mine === seq.current) {
          setFound(f);
          setSearchError(undefined);
          setActive((a) => Math.min(a, f.results.length - 1));
        }
        return f;
      },
      (e: unknown) => {
        if (mine === seq.current) setSearchError(errorText(e));
        return undefined;
      },
    );
  };

  const loadPacks = (): void => {
    request('packs.list', {}).then(setPacks, (e: unknown) => setPacks(e instanceof Error ? e : new Error(String(e))));
  };

  useEffect(() => {
    request('settings.get', {}).then(
      (s) => {
        setSettings(s);
        setLang(resolveLang(s.language, browser.i18n.getUILanguage()));
      },
      () => undefined,
    );
    loadPacks();
    void resolveTab(params.tab).then((tb) => {
      setTab(tb);
      if (tb) void pageMentions(tb).then(setSummary);
      else setSummary(null);
    });
    // Pack changes (an import finished, a pack was turned off): refresh the notice and the
    // search. Returns undefined, always: a value would answer other pages' requests.
    const onMessage = (msg: unknown): undefined => {
      const m = msg as Broadcast | undefined;
      if (m?.siyaq !== 1) return undefined;
      if (m.type === 'packs.changed' || (m.type === 'task' && m.task.done)) {
        loadPacks();
        if (queryRef.current.trim()) runSearch(queryRef.current);
      }
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
    // Once, on open.
  }, []);

  useEffect(() => applyLang(lang), [lang]);

  useEffect(() => {
    if (view) {
      const onKey = (e: KeyboardEvent) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        setView(null);
      };
      document.addEventListener('keydown', onKey);
      return () => document.removeEventListener('keydown', onKey);
    }
    input.current?.focus();
    return undefined;
  }, [view]);

  useEffect(() => {
    if (active >= 0) document.getElementById(resultId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const open = (id: string, asOf?: string) => setView({ id, asOf: asOf ?? today() });

  const openActive = async (): Promise<void> => {
    const q = query.trim();
    if (!q) return;
    const index = active;
    const f = found?.query === q ? found : await pending.current;
    if (!f?.results.length || f.query !== queryRef.current.trim()) return;
    open(f.results[Math.max(0, Math.min(index, f.results.length - 1))]!.id);
  };

  const onInput = (e: Event) => {
    const value = (e.currentTarget as HTMLInputElement).value;
    setQuery(value);
    setActive(-1);
    runSearch(value);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const n = found?.results.length ?? 0;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (n ? Math.min(a + 1, n - 1) : 0));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, -1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void openActive();
    } else if (e.key === 'Escape' && (query || active >= 0)) {
      // Clear first; a second Escape (empty field) closes the popup as usual.
      e.preventDefault();
      setQuery('');
      setActive(-1);
      runSearch('');
    }
  };

  const onReloaded = () => {
    if (!tab) return;
    setSummary(undefined);
    const target = tab;
    let done = false;
    const ask = () => {
      if (done) return;
      done = true;
      browser.tabs.onUpdated.removeListener(onUpdated);
      // The content script starts at document_idle: give it a few tries.
      void pageMentions(target, 8).then(setSummary);
    };
    const onUpdated = (id: number, info: { status?: string }) => {
      if (id === target.id && info.status === 'complete') ask();
    };
    browser.tabs.onUpdated.addListener(onUpdated);
    setTimeout(ask, 10_000);
  };

  const q = query.trim();
  const current = found && found.query === q ? found : undefined;
  const shown = q ? (found?.results ?? []) : [];
  const listOpen = shown.length > 0;

  let status = '';
  if (q && searchError) status = t(lang, 'popup_search_error', searchError);
  else if (q && current) status = current.results.length ? t(lang, 'popup_results_count', current.results.length) : '';
  else if (q) status = t(lang, 'popup_searching');

  return (
    <div class="popup" lang={lang} dir={dir(lang)}>
      <header class="bar">
        <h1 class="brand">
          <span class="logo" aria-hidden="true">
            س
          </span>
          {t(lang, 'popup_title')}
        </h1>
        <button type="button" class="linkish settings-link" onClick={openOptions}>
          {t(lang, 'popup_settings')}
        </button>
      </header>
      {tab?.origin ? <SiteSwitch lang={lang} tab={{ ...tab, origin: tab.origin }} readerSites={settings?.sites} onReloaded={onReloaded} /> : null}
      <PackNotice lang={lang} overview={packs} />
      {view ? (
        <FullCard id={view.id} asOf={view.asOf} lang={lang} onBack={() => setView(null)} onChoose={(id) => open(id, view.asOf)} />
      ) : (
        <main class="home">
          <div class="search">
            <label class="sr-only" for="siyaq-q">
              {t(lang, 'popup_search_label')}
            </label>
            <input
              ref={input}
              id="siyaq-q"
              type="search"
              role="combobox"
              autoComplete="off"
              spellcheck={false}
              dir="auto"
              maxLength={200}
              placeholder={t(lang, 'popup_search_placeholder')}
              aria-autocomplete="list"
              aria-controls={RESULTS_ID}
              aria-expanded={listOpen}
              aria-activedescendant={listOpen && active >= 0 ? resultId(active) : undefined}
              aria-describedby="siyaq-search-status"
              value={query}
              onInput={onInput}
              onKeyDown={onKeyDown}
            />
          </div>
          <p id="siyaq-search-status" class="search-status muted" role="status" aria-live="polite">
            {status}
          </p>
          {q && current && !current.results.length ? (
            <p class="note no-results" role="status">
              {t(lang, 'popup_no_results', current.query)}
            </p>
          ) : null}
          {listOpen ? (
            <SearchResults lang={lang} query={found?.query ?? ''} results={shown} active={active} onHover={setActive} onOpen={(r) => open(r.id)} />
          ) : null}
          {!q ? <OnThisPage lang={lang} tabId={tab?.id} summary={summary} onOpen={open} /> : null}
          {!q ? <p class="hint muted">{t(lang, 'popup_keys_hint')}</p> : null}
        </main>
      )}
    </div>
  );
}
