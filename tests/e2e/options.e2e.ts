/**
 * The options page in the built extension: the pack manager (import from a file with progress,
 * a malformed pack refused, an import cut short by killing the service worker, update in place,
 * disable, delete, export and re-import, the URL import's page side) and the settings.
 *
 * The tests share one browser and run in order, but each first puts the packs in the state it
 * needs, so any one of them can run alone (vitest -t).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../scripts/demo/server';
import { alphaV1, alphaV11, big, LAZURD, writeFixtures, writeTestPack, ZUMURRUD, type Fixtures } from '../fixtures/packs/make';
import { killServiceWorker, launch, waitForHighlights, type Session } from './harness';

const SCREENSHOTS = join(import.meta.dirname, '../../docs/screenshots');
/** Enough rows that reading the file lasts well beyond the moment the test kills the worker. */
const BIG_ENTITIES = 20_000;
const DEFAULT_ENTITY = 'Q794'; // إيران in the default pack

interface PackRow {
  id: string;
  slot: number;
  enabled: boolean;
  status: string;
  checksum: string;
  meta: { version: string; checksum: string; counts: { entities: number; events: number } };
}
interface Overview {
  packs: PackRow[];
  storage: { usage?: number; quota?: number; persisted?: boolean };
  tasks: { id: string; done: boolean }[];
}

let s: Session;
let dir: string;
let files: Fixtures;
let bigFile: string;
let page: Page;

const zumurrudPage = () => `<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>أخبار زمردستان</title>
<meta property="article:published_time" content="2024-06-11T09:30:00+03:00"></head>
<body><main><article>
<h1>رئيسة وزراء زمردستان تزور إيران</h1>
<p>وصلت سلمى الياقوتي رئيسة وزراء زمردستان إلى طهران اليوم في أول زيارة رسمية لها، وبحثت مع المسؤولين في إيران التعاون الاقتصادي بين البلدين.</p>
<p>وقالت الياقوتي إن زمردستان تسعى إلى توسيع علاقاتها التجارية مع دول المنطقة، وإن العاصمة ياقوت آباد ستستضيف مؤتمرًا اقتصاديًا في الخريف المقبل.</p>
<p>وكانت زمردستان قد نالت استقلالها عام 1999، وتقيم علاقات دبلوماسية مع عدد من الدول العربية والآسيوية.</p>
</article></main></body></html>`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'siyaq-options-'));
  files = writeFixtures(dir);
  bigFile = writeTestPack(big(BIG_ENTITIES), join(dir, 'test-big.json'));
  const server = await startServer(0, { '/zumurrud.html': { type: 'text/html; charset=utf-8', body: zumurrudPage() } });
  // SIYAQ_EXTENSION_DIR: test a copy of the build (another build may be rewriting .output).
  s = await launch({ server, ...(process.env.SIYAQ_EXTENSION_DIR ? { extensionDir: process.env.SIYAQ_EXTENSION_DIR } : {}) });
  await s.waitForPacks();
  page = await openOptions();
});

afterAll(async () => {
  await s?.close();
  await s?.server.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ---- Helpers ------------------------------------------------------------------------------

async function openOptions(): Promise<Page> {
  const p = await s.context.newPage();
  await p.goto(s.extUrl('options.html'));
  await p.waitForSelector('[data-testid="packs"] [data-testid="pack"]');
  await recordProgress(p);
  return p;
}

/** Records, in the page, every task element and progress bar that ever appears. */
async function recordProgress(p: Page): Promise<void> {
  await p.evaluate(() => {
    const w = window as unknown as { __seen: { kind: string; state: string; progress: boolean; value: string | null; detail: string }[] };
    w.__seen = [];
    const look = () => {
      for (const el of document.querySelectorAll<HTMLElement>('[data-testid="task"]')) {
        const bar = el.querySelector('[data-testid="task-progress"]');
        w.__seen.push({
          kind: el.dataset.taskKind ?? '',
          state: el.dataset.state ?? '',
          progress: !!bar,
          value: bar?.getAttribute('value') ?? null,
          detail: el.querySelector('.task-detail')?.textContent ?? '',
        });
      }
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

async function seen(p: Page): Promise<{ kind: string; state: string; progress: boolean; value: string | null; detail: string }[]> {
  const out = await p.evaluate(() => (window as unknown as { __seen: unknown }).__seen);
  await p.evaluate(() => ((window as unknown as { __seen: unknown[] }).__seen = []));
  return out as never;
}

/** expect.poll with room for a busy machine (the background rebuilds its matcher on each change). */
const poll = <T>(fn: () => T | Promise<T>, opts: { timeout?: number } = {}) => expect.poll(fn, { timeout: opts.timeout ?? 20_000, interval: 100 });

const overview = () => s.call<Overview>('packs.list');

/** What must not change when an import fails: every pack's id, version, counts and contents. */
async function snapshot(): Promise<Record<string, unknown>> {
  const o = await overview();
  return Object.fromEntries(
    o.packs.map((p) => [p.id, { version: p.meta.version, counts: p.meta.counts, checksum: p.checksum, slot: p.slot, enabled: p.enabled, status: p.status }]),
  );
}

async function found(query: string, id: string): Promise<boolean> {
  const r = await s.call<{ results: { id: string }[] }>('search', { query, limit: 50 });
  return r.results.some((x) => x.id === id);
}

async function waitIdle(): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await overview()).tasks.some((t) => !t.done)) {
    if (Date.now() > deadline) throw new Error('background tasks still running after 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const packItem = (id: string) => page.locator(`[data-testid="pack"][data-pack-id="${id}"]`);

/** Imports a file through the page's file input; returns the task element once it has ended. */
async function importThroughPage(path: string) {
  await dismissTasks();
  await page.setInputFiles('[data-testid="import-file"]', path);
  const task = page.locator('[data-testid="task"][data-task-kind="import"]').last();
  await task.waitFor();
  await page.waitForFunction(() => {
    const list = document.querySelectorAll<HTMLElement>('[data-testid="task"][data-task-kind="import"]');
    const last = list[list.length - 1];
    return last && last.dataset.state !== 'running';
  });
  return task;
}

/** Drops a file on the import zone, as a reader dragging it from the file manager would. */
async function dropThroughPage(path: string) {
  await dismissTasks();
  await page.evaluate(
    ([b64, name]) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name));
      const zone = document.querySelector('[data-testid="dropzone"]')!;
      for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    [readFileSync(path).toString('base64'), basename(path)] as const,
  );
  const task = page.locator('[data-testid="task"][data-task-kind="import"]').last();
  await task.waitFor();
  await poll(() => task.getAttribute('data-state')).not.toBe('running');
  return task;
}

async function dismissTasks(): Promise<void> {
  for (;;) {
    const b = page.locator('[data-testid="task"]:not([data-state="running"]) .task-head button');
    if ((await b.count()) === 0) return;
    await b.first().click();
  }
}

/** Puts test.alpha at `version` (or removes it) without going through the page. */
async function ensureAlpha(version: '1.0.0' | '1.1.0' | null): Promise<void> {
  await waitIdle();
  const cur = (await overview()).packs.find((p) => p.id === 'test.alpha');
  if (!cur && version === null) return;
  if (cur && cur.meta.version === version && cur.enabled) return;
  if (cur) {
    await s.call('packs.delete', { id: 'test.alpha' });
    await waitIdle();
  }
  if (version) {
    await importThroughPage(version === '1.0.0' ? files.alphaV1 : files.alphaV11);
    await poll(async () => (await overview()).packs.find((p) => p.id === 'test.alpha')?.meta.version).toBe(version);
  }
  await waitIdle();
}

/** The extension's IndexedDB as stored: staging records, the slots that hold rows, the packs' slots. */
async function storedSlots(p: Page): Promise<{ staging: number[]; rowSlots: number[]; packSlots: number[] }> {
  return p.evaluate(async () => {
    const d = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('siyaq');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const tx = d.transaction(['staging', 'chunks', 'packs'], 'readonly');
    const get = <T>(req: IDBRequest<T>) => new Promise<T>((res) => (req.onsuccess = () => res(req.result)));
    const staging = (await get(tx.objectStore('staging').getAllKeys())) as number[];
    const chunkKeys = (await get(tx.objectStore('chunks').getAllKeys())) as [number, string, number][];
    const packs = (await get(tx.objectStore('packs').getAll())) as { slot: number }[];
    d.close();
    return { staging, rowSlots: [...new Set(chunkKeys.map((k) => k[0]))].sort(), packSlots: packs.map((p) => p.slot).sort() };
  });
}

// ---- Tests --------------------------------------------------------------------------------

describe('options page: pack manager', () => {
  it('shows the default pack with its counts, source and the open-data attribution, in Arabic', async () => {
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    const item = packItem('siyaq.default');
    const o = await overview();
    const def = o.packs.find((p) => p.id === 'siyaq.default')!;
    expect(await item.getAttribute('data-entities')).toBe(String(def.meta.counts.entities));
    expect(await item.getAttribute('data-status')).toBe('ok');
    await poll(() => item.locator('[data-testid="attribution"]').allTextContents()).toContainEqual(expect.stringContaining('dr5hn'));
    const links = await page.locator('a[href]').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.getAttribute('rel')]));
    for (const [href, rel] of links) {
      if (href!.startsWith('#')) continue;
      expect(href).toMatch(/^https?:\/\//);
      expect(rel).toBe('noopener noreferrer');
    }
    expect(await page.locator('[data-testid="storage"]').getAttribute('data-quota')).toMatch(/^\d+$/);
  });

  it('imports a pack from a file with progress, and its names are then found and highlighted', async () => {
    await ensureAlpha(null);
    expect(await found(ZUMURRUD.ar, ZUMURRUD.id)).toBe(false);
    await seen(page);
    const task = await importThroughPage(files.alphaV1);
    expect(await task.getAttribute('data-state')).toBe('done');
    const item = packItem('test.alpha');
    await item.waitFor();
    expect(await item.getAttribute('data-version')).toBe('1.0.0');
    expect(await item.getAttribute('data-entities')).toBe('3');
    expect(await item.getAttribute('data-events')).toBe('2');
    expect(await item.locator('[data-testid="pack-counts"]').textContent()).toMatch(/3.*2/);
    // A progress bar was shown while the import ran.
    const states = await seen(page);
    expect(states.some((x) => x.kind === 'import' && x.state === 'running' && x.progress)).toBe(true);
    expect(await found(ZUMURRUD.ar, ZUMURRUD.id)).toBe(true);
    // And the content script marks the new name on a page.
    const news = await s.context.newPage();
    await news.goto(s.server.url + '/zumurrud.html');
    await waitForHighlights(news);
    await poll(() =>
      news.evaluate(() =>
        [...(CSS.highlights.get('siyaq-mention') ?? [])].map((r) => (r instanceof Range ? r.toString() : '')).filter((t) => t.includes('زمردستان')),
      ),
    ).not.toHaveLength(0);
    await news.close();
  });

  it('refuses a malformed pack with an error naming the row and field, and changes nothing', async () => {
    await ensureAlpha('1.0.0');
    const before = await snapshot();
    const task = await importThroughPage(files.malformed);
    expect(await task.getAttribute('data-state')).toBe('failed');
    const error = task.locator('[data-testid="error"]');
    expect(await error.getAttribute('data-code')).toBe('invalid');
    const exact = (await error.locator('[data-testid="error-exact"]').textContent()) ?? '';
    expect(exact).toContain('entity 2');
    expect(exact).toContain('facts[0].date');
    expect(exact).toContain('2024-13-45');
    // The explanation for the reader, in Arabic, says where.
    expect(await error.locator('.friendly').textContent()).toMatch(/[\u0600-\u06ff]{3}/);
    expect(await error.locator('.where').textContent()).toMatch(/2.*facts\[0\]\.date/);
    expect(await snapshot()).toEqual(before);
    expect(await page.locator('[data-pack-id="test.bad"]').count()).toBe(0);
    expect(await found('إيران', DEFAULT_ENTITY)).toBe(true);
    expect(await found(ZUMURRUD.ar, ZUMURRUD.id)).toBe(true);
  });

  it('an import cut short by killing the service worker leaves every pack as it was; the page recovers', async () => {
    await ensureAlpha(null);
    const before = await snapshot();
    await dismissTasks();
    await page.setInputFiles('[data-testid="import-file"]', bigFile);
    // Kill the worker while it is reading the file (the bar has moved, the task is not done).
    await page.waitForFunction(
      () => {
        const bar = document.querySelector('[data-testid="task"][data-state="running"] [data-testid="task-progress"][value]');
        return !!bar && Number(bar.getAttribute('value')) > 0;
      },
      undefined,
      { polling: 10, timeout: 30_000 },
    );
    const atKill = await page.locator('[data-testid="task"][data-state="running"] .task-detail').textContent();
    await killServiceWorker(s);
    // The page notices (its poll wakes a new worker, which does not know the task) and says so.
    const task = page.locator('[data-testid="task"][data-task-kind="import"]').last();
    await poll(() => task.getAttribute('data-state'), { timeout: 30_000 }).toBe('failed');
    expect(await task.locator('[data-testid="error"]').getAttribute('data-code')).toBe('interrupted');
    expect(atKill).toMatch(/\d/);
    expect(await snapshot()).toEqual(before);
    expect(await page.locator('[data-pack-id="test.big"]').count()).toBe(0);
    expect(await found('إيران', DEFAULT_ENTITY)).toBe(true);
    // The same page, with the new worker: a new import works.
    const again = await importThroughPage(files.alphaV1);
    expect(await again.getAttribute('data-state')).toBe('done');
    await packItem('test.alpha').waitFor();
    const o = await overview();
    expect(o.packs.map((p) => p.id).sort()).toEqual([...Object.keys(before), 'test.alpha'].sort());
    // And the rows the killed import wrote are gone: every stored slot belongs to a pack.
    await poll(async () => {
      const st = await storedSlots(page);
      return { staging: st.staging, rows: st.rowSlots };
    }).toEqual({ staging: [], rows: (await storedSlots(page)).packSlots });
  });

  it('updates a pack in place from a newer file dropped on the page (v1.0.0 -> v1.1.0)', async () => {
    await ensureAlpha('1.0.0');
    expect(await found(LAZURD.ar, LAZURD.id)).toBe(false);
    const task = await dropThroughPage(files.alphaV11);
    expect(await task.getAttribute('data-state')).toBe('done');
    const item = packItem('test.alpha');
    await poll(() => item.getAttribute('data-version')).toBe('1.1.0');
    expect(await item.getAttribute('data-entities')).toBe(String(alphaV11().entities.length));
    expect(await item.getAttribute('data-events')).toBe(String(alphaV11().events.length));
    expect(await page.locator('[data-pack-id="test.alpha"]').count()).toBe(1);
    const alpha = (await overview()).packs.filter((p) => p.id === 'test.alpha');
    expect(alpha.map((p) => p.meta.version)).toEqual(['1.1.0']);
    expect(alpha[0]!.meta.checksum).toBe(alphaV11().pack.checksum);
    expect(alphaV1().pack.checksum).not.toBe(alphaV11().pack.checksum);
    expect(await found(LAZURD.ar, LAZURD.id)).toBe(true);
  });

  it('URL import: refuses a non-https address, asks for the host permission, and reports a refusal', async () => {
    // The browser's permission prompt cannot be answered headless, so the page's side is
    // checked with chrome.permissions.request answered by the test.
    const url = page.locator('[data-testid="import-url"]');
    await url.fill('http://example.com/pack.json');
    await page.click('[data-action="import-url"]');
    await page.locator('#import-url-problem').waitFor();
    await dismissTasks();
    await page.evaluate(() => {
      const w = window as unknown as { __asked: unknown[]; __answer: boolean; chrome: { permissions: { request: unknown } } };
      w.__asked = [];
      w.__answer = false;
      w.chrome.permissions.request = (perm: unknown, cb?: (ok: boolean) => void) => {
        w.__asked.push(perm);
        if (cb) cb(w.__answer);
        else return Promise.resolve(w.__answer);
      };
    });
    const target = `https://127.0.0.1:1/packs/test.json.gz`;
    await url.fill(target);
    await page.click('[data-action="import-url"]');
    const refused = page.locator('[data-testid="task"][data-state="failed"]').last();
    await refused.waitFor();
    expect(await refused.locator('[data-testid="error"]').getAttribute('data-code')).toBe('permission');
    expect(await page.evaluate(() => (window as unknown as { __asked: unknown[] }).__asked)).toEqual([{ origins: ['https://127.0.0.1:1/*'] }]);
    // Granted in the page but not in the browser: the background checks for itself and refuses.
    await dismissTasks();
    await page.evaluate(() => ((window as unknown as { __answer: boolean }).__answer = true));
    await url.fill(target);
    await page.click('[data-action="import-url"]');
    const task = page.locator('[data-testid="task"][data-task-kind="import"]').last();
    await poll(() => task.getAttribute('data-state')).toBe('failed');
    expect(await task.locator('[data-testid="error"]').getAttribute('data-code')).toBe('permission');
    expect(await task.locator('[data-testid="error-exact"]').textContent()).toContain('127.0.0.1');
  });

  it('turning a pack off hides its names; on again finds them', async () => {
    await ensureAlpha('1.0.0');
    const item = packItem('test.alpha');
    const sw = item.locator('[data-testid="pack-enabled"]');
    expect(await sw.isChecked()).toBe(true);
    await sw.click();
    await poll(() => item.getAttribute('data-enabled')).toBe('false');
    await poll(() => found(ZUMURRUD.ar, ZUMURRUD.id)).toBe(false);
    expect((await overview()).packs.find((p) => p.id === 'test.alpha')?.enabled).toBe(false);
    expect(await found('إيران', DEFAULT_ENTITY)).toBe(true);
    await sw.click();
    await poll(() => item.getAttribute('data-enabled')).toBe('true');
    await poll(() => found(ZUMURRUD.ar, ZUMURRUD.id)).toBe(true);
  });

  it('deletes a pack after confirmation, with progress; its names are gone and storage is consistent', async () => {
    await ensureAlpha('1.0.0');
    await dismissTasks();
    const storage = page.locator('[data-testid="storage"]');
    const usageBefore = Number(await storage.getAttribute('data-usage'));
    await seen(page);
    const item = packItem('test.alpha');
    await item.locator('[data-action="delete"]').click();
    // Nothing happens before the reader confirms.
    expect(await item.locator('[data-action="delete-confirm"]').isVisible()).toBe(true);
    expect((await overview()).packs.some((p) => p.id === 'test.alpha')).toBe(true);
    await item.locator('[data-action="delete-confirm"]').click();
    await item.waitFor({ state: 'detached' });
    const task = page.locator('[data-testid="task"][data-task-kind="delete"]').last();
    await poll(() => task.getAttribute('data-state')).toBe('done');
    expect((await seen(page)).some((x) => x.kind === 'delete' && x.state === 'running' && x.progress)).toBe(true);
    expect((await overview()).packs.some((p) => p.id === 'test.alpha')).toBe(false);
    expect(await found(ZUMURRUD.ar, ZUMURRUD.id)).toBe(false);
    expect(await found('إيران', DEFAULT_ENTITY)).toBe(true);
    // The storage shown is the browser's figure, and deleting did not make it grow.
    await poll(async () => {
      const shown = Number(await storage.getAttribute('data-usage'));
      return shown > 0 && shown <= usageBefore + 256 * 1024;
    }).toBe(true);
    expect(Number(await storage.getAttribute('data-quota'))).toBeGreaterThan(0);
  });

  it('exports a pack, deletes it and imports the exported file: same id, version, counts and checksum', async () => {
    await ensureAlpha('1.1.0');
    const before = (await overview()).packs.find((p) => p.id === 'test.alpha')!;
    const item = packItem('test.alpha');
    const [download] = await Promise.all([page.waitForEvent('download'), item.locator('[data-action="export"]').click()]);
    expect(download.suggestedFilename()).toBe('test.alpha-1.1.0.json.gz');
    const saved = join(dir, 'export', download.suggestedFilename());
    mkdirSync(join(dir, 'export'), { recursive: true });
    await download.saveAs(saved);
    await item.locator('[data-action="delete"]').click();
    await item.locator('[data-action="delete-confirm"]').click();
    await item.waitFor({ state: 'detached' });
    await waitIdle();
    expect((await overview()).packs.some((p) => p.id === 'test.alpha')).toBe(false);
    const task = await importThroughPage(saved);
    expect(await task.getAttribute('data-state')).toBe('done');
    await item.waitFor();
    const after = (await overview()).packs.find((p) => p.id === 'test.alpha')!;
    expect(after.meta.version).toBe(before.meta.version);
    expect(after.meta.counts).toEqual(before.meta.counts);
    expect(after.meta.checksum).toBe(before.meta.checksum);
    expect(after.checksum).toBe(before.checksum);
    expect(after.status).toBe('ok');
    expect(await found(LAZURD.ar, LAZURD.id)).toBe(true);
  });
});

describe('options page: damage and the bundled pack', () => {
  it('a damaged pack shows its problem, and re-import repairs it in one click', async () => {
    await waitIdle();
    await dismissTasks();
    const def = (await overview()).packs.find((p) => p.id === 'siyaq.default')!;
    // Lose one stored block of rows, as an eviction or a disk error would.
    await page.evaluate(async (slot) => {
      const d = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open('siyaq');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      await new Promise<void>((res, rej) => {
        const tx = d.transaction('chunks', 'readwrite');
        tx.objectStore('chunks').delete([slot, 'e', 0]);
        tx.oncomplete = () => res();
        tx.onerror = () => rej(tx.error);
      });
      d.close();
    }, def.slot);
    const item = packItem('siyaq.default');
    await item.locator('[data-action="verify"]').click();
    await poll(() => item.getAttribute('data-status')).toBe('damaged');
    expect(await item.locator('.damage code').textContent()).toContain('missing');
    expect(await found('إيران', DEFAULT_ENTITY)).toBe(false);
    await item.locator('[data-action="reimport"]').click();
    const task = page.locator('[data-testid="task"][data-pack-id="siyaq.default"]').last();
    await poll(() => task.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    await poll(() => item.getAttribute('data-status')).toBe('ok');
    expect(await item.locator('.damage').count()).toBe(0);
    expect(await found('إيران', DEFAULT_ENTITY)).toBe(true);
  });

  it('updating the bundled pack when it is current says it is up to date', async () => {
    await waitIdle();
    await dismissTasks();
    const item = packItem('siyaq.default');
    const version = await item.getAttribute('data-version');
    await item.locator('[data-action="update"]').click();
    const task = page.locator('[data-testid="task"][data-task-kind="update"]').last();
    await poll(() => task.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    expect(await task.locator('.task-title').textContent()).toContain(version!);
    expect(await item.getAttribute('data-version')).toBe(version);
    expect(await found('إيران', DEFAULT_ENTITY)).toBe(true);
  });
});

describe('options page: settings', () => {
  it('saves on change, says so, and switches the interface language and direction', async () => {
    await s.call('settings.set', {
      settings: { ...(await s.call<Record<string, unknown>>('settings.get')), sites: ['https://example.com'], disabledSites: ['https://www.aljazeera.net'] },
    });
    await page.reload();
    await page.waitForSelector('[data-testid="settings"]');
    await page.check('input[name="highlight"][value="underline"]');
    await poll(() => page.locator('[data-testid="settings-saved"]').getAttribute('data-state')).toBe('saved');
    expect((await s.call<{ highlight: string }>('settings.get')).highlight).toBe('underline');
    await page.check('input[name="trigger"][value="modifier"]');
    await poll(async () => (await s.call<{ trigger: string }>('settings.get')).trigger).toBe('modifier');
    await page.uncheck('input[data-setting="showAmbiguous"]');
    await poll(async () => (await s.call<{ showAmbiguous: boolean }>('settings.get')).showAmbiguous).toBe(false);
    // A slider saves when released.
    await page.locator('input[data-setting="dwellMs"]').fill('300');
    await poll(async () => (await s.call<{ dwellMs: number }>('settings.get')).dwellMs).toBe(300);
    // Sites: each list item can be removed.
    await page.locator('[data-testid="sites-on"] [data-origin="https://example.com"] button').click();
    await poll(async () => (await s.call<{ sites: string[] }>('settings.get')).sites).toEqual([]);
    await page.locator('[data-testid="sites-off"] [data-origin="https://www.aljazeera.net"] button').click();
    await poll(async () => (await s.call<{ disabledSites: string[] }>('settings.get')).disabledSites).toEqual([]);
    // English, left to right.
    await page.check('input[name="language"][value="en"]');
    await poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    expect(await page.locator('#settings-title').textContent()).toBe('Settings');
    await page.check('input[name="language"][value="auto"]');
    await poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    // Back to the defaults for whatever runs next.
    await page.check('input[name="highlight"][value="dotted"]');
    await page.check('input[name="trigger"][value="hover"]');
    await page.check('input[data-setting="showAmbiguous"]');
    await poll(async () => (await s.call<{ trigger: string; showAmbiguous: boolean }>('settings.get')).showAmbiguous).toBe(true);
  });

  it('saves a screenshot of the page in Arabic with the pack list', async () => {
    await ensureAlpha('1.1.0');
    const shot = await s.context.newPage();
    await shot.setViewportSize({ width: 1100, height: 1500 });
    await shot.goto(s.extUrl('options.html'));
    await shot.waitForSelector('[data-pack-id="test.alpha"]');
    await shot.waitForSelector('[data-testid="settings"]');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await shot.screenshot({ path: join(SCREENSHOTS, 'options.png') });
    await shot.close();
  });
});
