/**
 * Siyaq on or off for the current site. Turning it on for a site outside the default list asks
 * for that site's host permission first, inside the click (browsers only allow the prompt from a
 * user gesture). The change applies to pages loaded after it, so a reload is offered.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t, type Lang } from '../../lib/i18n';
import { request } from '../../lib/messages/client';
import { isDefaultSite } from '../../lib/sites-match';
import type { TabInfo } from './tab';
import { errorText } from './util';

export interface SiteSwitchProps {
  lang: Lang;
  tab: TabInfo & { origin: string };
  /** Sites the reader turned on beyond the default list (settings.sites), once known. */
  readerSites: readonly string[] | undefined;
  onReloaded: () => void;
}

export function SiteSwitch({ lang, tab, readerSites, onReloaded }: SiteSwitchProps) {
  const origin = tab.origin;
  const host = new URL(origin).host;
  const isDefault = isDefaultSite(origin + '/');
  const [on, setOn] = useState<boolean | undefined>();
  const [busy, setBusy] = useState(false);
  const [changed, setChanged] = useState(false);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    if (!isDefault && !readerSites) return;
    let live = true;
    void (async () => {
      try {
        // "Not turned off" is not "on" for a site outside the default list: the background says
        // whether the script actually runs there (turned on here, permission still granted).
        const status = await request('status', { origin });
        if (live) setOn(status.active);
      } catch (e) {
        if (live) setError(t(lang, 'popup_site_error', errorText(e)));
      }
    })();
    return () => {
      live = false;
    };
  }, [origin, isDefault, readerSites]);

  const toggle = async () => {
    if (on === undefined || busy) return;
    const next = !on;
    setError(undefined);
    if (next && !isDefault) {
      // The prompt needs the click's user gesture, so it is asked for before any await. The wish
      // is sent at the same moment: Firefox may close the popup while its prompt is open, and the
      // background then registers the site when the permission arrives.
      const asked = browser.permissions.request({ origins: [`${origin}/*`] });
      void request('site.set', { origin, enabled: true }).catch(() => undefined);
      let granted = false;
      try {
        granted = await asked;
      } catch {
        granted = false;
      }
      if (!granted) {
        setError(t(lang, 'popup_site_permission_denied'));
        return;
      }
    }
    setBusy(true);
    try {
      const r = await request('site.set', { origin, enabled: next });
      setOn(r.active);
      setChanged(true);
    } catch (e) {
      setError(t(lang, 'popup_site_error', errorText(e)));
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    try {
      await browser.tabs.reload(tab.id);
      setChanged(false);
      onReloaded();
    } catch (e) {
      setError(t(lang, 'popup_site_error', errorText(e)));
    }
  };

  return (
    <section class="site" aria-label={t(lang, 'popup_site_section')}>
      <div class="site-row">
        <span class="site-label" id="site-label">
          {t(lang, 'popup_site_label')} <bdi dir="ltr">{host}</bdi>
        </span>
        <button
          type="button"
          role="switch"
          class="switch"
          aria-checked={on === true}
          aria-labelledby="site-label"
          disabled={on === undefined || busy}
          onClick={() => void toggle()}
        >
          <span class="switch-track" aria-hidden="true">
            <span class="switch-thumb" />
          </span>
          <span class="switch-text">{on === undefined ? '…' : on ? t(lang, 'popup_site_on') : t(lang, 'popup_site_off')}</span>
        </button>
      </div>
      {changed ? (
        <p class="site-reload" role="status">
          {t(lang, 'popup_reload_hint')}{' '}
          <button type="button" class="reload" onClick={() => void reload()}>
            {t(lang, 'popup_reload')}
          </button>
        </p>
      ) : null}
      {error ? (
        <p class="note error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
