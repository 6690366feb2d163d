/**
 * The options page: the pack manager and the reader's settings, in Arabic or English (the
 * language setting, else the browser's), right-to-left when Arabic.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { dir, resolveLang, t } from '../../lib/i18n';
import { request } from '../../lib/messages/client';
import type { Settings } from '../../lib/settings';
import { ErrorBox } from './ErrorBox';
import { LangContext } from './lang';
import { errorInfo } from './packActions';
import { PackManager } from './PackManager';
import { SettingsPanel, type SaveState } from './SettingsPanel';

function uiLanguage(): string | undefined {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    return navigator.language;
  }
}

export function App() {
  const [settings, setSettings] = useState<Settings>();
  const [loadError, setLoadError] = useState<{ message: string; code?: string }>();
  const [save, setSave] = useState<SaveState>({ state: 'idle' });
  const latest = useRef<Settings>();
  const saves = useRef(0);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const savedTimer = useRef<ReturnType<typeof setTimeout>>();

  const lang = resolveLang(settings?.language ?? 'auto', uiLanguage());

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = dir(lang);
    document.title = t(lang, 'options_page_title');
  }, [lang]);

  useEffect(() => {
    let tries = 0;
    const load = () =>
      request('settings.get', {}).then(
        (s) => {
          latest.current = s;
          setSettings(s);
          setLoadError(undefined);
        },
        (e: unknown) => {
          setLoadError(errorInfo(e));
          // The background may be starting: try a few times.
          if (++tries < 5) setTimeout(load, 500 * tries);
        },
      );
    void load();
  }, []);

  const change = (patch: Partial<Settings>) => {
    if (!latest.current) return;
    const next: Settings = { ...latest.current, ...patch };
    latest.current = next;
    setSettings(next);
    setSave({ state: 'saving' });
    clearTimeout(savedTimer.current);
    const n = ++saves.current;
    // One save at a time, in order; only the last one's answer is shown.
    chain.current = chain.current.then(() =>
      request('settings.set', { settings: next }).then(
        (stored) => {
          if (n !== saves.current) return;
          latest.current = stored;
          setSettings(stored);
          setSave({ state: 'saved' });
          savedTimer.current = setTimeout(() => setSave({ state: 'idle' }), 4000);
        },
        (e: unknown) => {
          if (n === saves.current) setSave({ state: 'error', error: errorInfo(e) });
        },
      ),
    );
  };

  return (
    <LangContext.Provider value={lang}>
      <div class="page">
        <header class="page-head">
          <h1>
            <span class="logo" aria-hidden="true">
              سياق
            </span>
            {t(lang, 'options_heading')}
          </h1>
          <nav aria-label={t(lang, 'options_nav')}>
            <a href="#packs-title">{t(lang, 'options_packs_title')}</a>
            <a href="#settings-title">{t(lang, 'options_settings_title')}</a>
          </nav>
        </header>
        <main>
          <PackManager />
          {settings ? (
            <SettingsPanel settings={settings} save={save} onChange={change} />
          ) : loadError ? (
            <section class="panel">
              <ErrorBox context="settings" error={loadError} />
            </section>
          ) : (
            <p class="muted">{t(lang, 'options_loading')}</p>
          )}
        </main>
      </div>
    </LangContext.Provider>
  );
}
