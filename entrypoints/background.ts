import { browser } from 'wxt/browser';
import { cardFor } from '../lib/background/cards';
import { annotateForWire, gazetteer } from '../lib/background/matcher';
import {
  checkUpdate,
  ensureBundled,
  exportToFile,
  packsChanged,
  startDelete,
  startImportFromUpload,
  startImportFromUrl,
  startReimport,
  startUpdate,
  verify,
} from '../lib/background/pack-tasks';
import { search } from '../lib/background/search';
import { readSettings, writeSettings } from '../lib/background/settings-store';
import { isSiteActive, isSiteEnabled, onPermissionAdded, setSite, syncSiteScripts } from '../lib/background/sites';
import { onTaskChange, taskList } from '../lib/background/tasks';
import { collectGarbage } from '../lib/db/slots';
import { listPacks, setPackEnabled, slotViews, storageEstimate, verifyPack } from '../lib/db/packs';
import type { Handlers } from '../lib/messages/router';
import { route } from '../lib/messages/router';
import { isDefaultSite } from '../lib/sites-match';

export default defineBackground(() => {
  const ctx = { extensionId: browser.runtime.id, extensionOrigin: new URL(browser.runtime.getURL('/')).origin };

  onTaskChange((task) => void browser.runtime.sendMessage({ siyaq: 1, type: 'task', task }).catch(() => undefined));

  const handlers: Handlers = {
    annotate: (p) => annotateForWire(p.blocks, p.context ?? []),
    card: async (p) => cardFor(p, (await readSettings()).eventOrder),
    status: async (p) => {
      const settings = await readSettings();
      const empty = (await slotViews()).length === 0;
      const { trigger, dwellMs, showMs, graceMs, highlight, adjectives, language, showAmbiguous } = settings;
      return {
        enabled: isSiteEnabled(p.origin, settings),
        active: await isSiteActive(p.origin, isDefaultSite(p.origin + '/'), settings),
        empty,
        settings: { trigger, dwellMs, showMs, graceMs, highlight, adjectives, language, ...(showAmbiguous !== undefined ? { showAmbiguous } : {}) },
      };
    },
    timeline: async (p) => {
      await browser.tabs.create({ url: browser.runtime.getURL(`/popup.html?entity=${encodeURIComponent(p.id)}&asOf=${p.asOf}` as '/') });
      return { opened: true };
    },
    search: async (p) => {
      const t0 = performance.now();
      const results = await search(p.query, p.limit ?? 20);
      return { results, tookMs: Math.round((performance.now() - t0) * 10) / 10 };
    },
    'packs.list': async () => {
      // The loaded matcher (cached for the worker's life), not its stored record: reading the
      // record would copy the whole index out of IndexedDB on every poll of the options page.
      const m = await gazetteer().catch(() => undefined);
      return {
        packs: await listPacks(),
        storage: await storageEstimate(),
        tasks: taskList(),
        ...(m ? { matcher: { entityCount: m.entityCount, aliasCount: m.aliasCount, bytes: m.byteLength } } : {}),
      };
    },
    'packs.import': (p) => {
      if (p.from === 'upload' && p.uploadId) return { taskId: startImportFromUpload(p.uploadId) };
      if (p.from === 'url' && p.url) return { taskId: startImportFromUrl(p.url) };
      throw new Error('an import needs a file or an https URL');
    },
    'packs.update': async (p) =>
      p.check ? await checkUpdate(p.id) : { taskId: startUpdate(p.id), current: (await listPacks()).find((x) => x.id === p.id)?.meta.version ?? '' },
    'packs.delete': (p) => ({ taskId: startDelete(p.id) }),
    'packs.enable': async (p) => {
      await setPackEnabled(p.id, p.enabled);
      packsChanged();
      return { ok: true };
    },
    'packs.export': (p) => exportToFile(p.id),
    'packs.verify': (p) => verify(p.id),
    'packs.reimport': (p) => ({ taskId: startReimport(p.id) }),
    'settings.get': () => readSettings(),
    'settings.set': async (p) => {
      const s = await writeSettings(p.settings);
      await syncSiteScripts(s);
      return s;
    },
    'site.set': (p) => setSite(p.origin, p.enabled, isDefaultSite(p.origin + '/')),
    ping: () => ({ pong: true }),
  };

  browser.runtime.onMessage.addListener((message, sender) => route(message, sender, ctx, handlers));
  // A new worker runs no import: any unreferenced slot, stale upload or export is garbage.
  void collectGarbage().catch(() => undefined);
  browser.permissions.onAdded.addListener(onPermissionAdded);

  browser.runtime.onInstalled.addListener((details) => {
    void (async () => {
      await collectGarbage().catch(() => undefined);
      await ensureBundled(details.reason === 'install' ? 'install' : 'update');
      await navigator.storage?.persist?.().catch(() => false);
    })();
  });

  browser.runtime.onStartup.addListener(() => {
    void (async () => {
      // A worker that died mid-import left an unreferenced slot: free it.
      await collectGarbage().catch(() => undefined);
      await ensureBundled('startup');
      for (const p of await listPacks()) await verifyPack(p.id, { full: true }).catch(() => undefined);
      packsChanged();
    })();
  });
});
