/**
 * Sites beyond the default list: the popup asks the reader for the host permission, then the
 * background registers the content script for that origin. Per-site off switch for any site.
 */
import { browser } from 'wxt/browser';
import type { Settings } from '../settings';
import { readSettings, writeSettings } from './settings-store';

const scriptId = (origin: string) => `site-${origin.replace(/[^a-z0-9]/gi, '_')}`;

export function isSiteEnabled(origin: string, settings: Settings): boolean {
  return !settings.disabledSites.includes(origin);
}

async function registered(): Promise<Set<string>> {
  const list = await browser.scripting.getRegisteredContentScripts().catch(() => []);
  return new Set(list.map((s) => s.id));
}

/** Registers the content script for every reader-enabled site that has its permission. */
export async function syncSiteScripts(settings?: Settings): Promise<void> {
  const s = settings ?? (await readSettings());
  const have = await registered();
  const files = (browser.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.js ?? []);
  if (!files.length) return;
  for (const origin of s.sites) {
    const id = scriptId(origin);
    const wanted = !s.disabledSites.includes(origin) && (await browser.permissions.contains({ origins: [`${origin}/*`] }).catch(() => false));
    if (wanted && !have.has(id))
      await browser.scripting
        .registerContentScripts([{ id, matches: [`${origin}/*`], js: files, runAt: 'document_idle', persistAcrossSessions: true }])
        .catch(() => undefined);
    if (!wanted && have.has(id)) await browser.scripting.unregisterContentScripts({ ids: [id] }).catch(() => undefined);
  }
  for (const id of have)
    if (id.startsWith('site-') && !s.sites.some((o) => scriptId(o) === id))
      await browser.scripting.unregisterContentScripts({ ids: [id] }).catch(() => undefined);
}

/** Whether the content script runs on a site now. */
export async function isSiteActive(origin: string, isDefault: boolean, settings: Settings): Promise<boolean> {
  if (!isSiteEnabled(origin, settings)) return false;
  if (isDefault) return true;
  return settings.sites.includes(origin) && (await browser.permissions.contains({ origins: [`${origin}/*`] }).catch(() => false));
}

/**
 * Turns a site on or off. Turning on a site outside the default list records the reader's wish
 * at once; the script is registered as soon as the host permission is granted (the popup asks for
 * it in the same click; Firefox may close the popup while its prompt is open, so the background
 * also finishes the job when the permission arrives: see `onPermissionAdded`).
 */
export async function setSite(origin: string, enabled: boolean, isDefault: boolean): Promise<{ enabled: boolean; active: boolean }> {
  const s = await readSettings();
  const disabled = new Set(s.disabledSites);
  const sites = new Set(s.sites);
  if (enabled) {
    disabled.delete(origin);
    if (!isDefault) sites.add(origin);
  } else disabled.add(origin);
  const next = await writeSettings({ ...s, sites: [...sites], disabledSites: [...disabled] });
  await syncSiteScripts(next);
  return { enabled: isSiteEnabled(origin, next), active: await isSiteActive(origin, isDefault, next) };
}

export function onPermissionAdded(): void {
  void syncSiteScripts().catch(() => undefined);
}
