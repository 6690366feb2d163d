/**
 * Drives the real built extension in the system Chromium (Playwright, playwright-core). Used by
 * the end-to-end tests, the demo and the benchmarks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../scripts/lib/chromium';
import { startServer, type PageServer } from '../../scripts/demo/server';

export const EXTENSION_DIR = join(import.meta.dirname, '../../.output/chrome-mv3');

export interface Session {
  context: BrowserContext;
  extensionId: string;
  server: PageServer;
  userDataDir: string;
  extUrl(path: string): string;
  worker(): Promise<Worker>;
  /** Sends a request to the background from an extension page, as the popup would. */
  call<T = unknown>(type: string, payload?: unknown): Promise<T>;
  waitForPacks(ids?: string[]): Promise<void>;
  openArticle(path?: string): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  headless?: boolean;
  /** Reuse a profile (restart tests). */
  userDataDir?: string;
  extensionDir?: string;
  server?: PageServer;
  viewport?: { width: number; height: number };
  /** Send every non-local request through this proxy (privacy test). */
  proxy?: string;
  /** A touch screen (taps send touch pointer events). */
  hasTouch?: boolean;
}

export async function launch(opts: LaunchOptions = {}): Promise<Session> {
  const extensionDir = opts.extensionDir ?? EXTENSION_DIR;
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'siyaq-profile-'));
  const headless = opts.headless ?? true;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: false,
    args: [...chromiumArgs(extensionDir), ...(headless ? ['--headless=new'] : []), ...(opts.proxy ? [`--proxy-server=${opts.proxy}`] : [])],
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    locale: 'ar',
    ...(opts.hasTouch ? { hasTouch: true } : {}),
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
  });
  let [sw] = context.serviceWorkers();
  sw ??= await context.waitForEvent('serviceworker', { timeout: 30_000 });
  const extensionId = new URL(sw.url()).host;
  const server = opts.server ?? (await startServer());
  let helper: Page | undefined;
  const session: Session = {
    context,
    extensionId,
    server,
    userDataDir,
    extUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    async worker() {
      const found = context.serviceWorkers().find((w) => w.url().includes(extensionId));
      return found ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    },
    async call<T>(type: string, payload: unknown = {}): Promise<T> {
      if (!helper || helper.isClosed()) {
        helper = await context.newPage();
        await helper.goto(session.extUrl('options.html'));
      }
      const reply = (await helper.evaluate(
        ([t, p]) =>
          (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
            siyaq: 1,
            type: t,
            payload: p,
          }),
        [type, payload] as const,
      )) as { ok: boolean; value?: T; error?: string };
      if (!reply?.ok) throw new Error(`${type}: ${reply?.error ?? 'no reply'}`);
      return reply.value as T;
    },
    async waitForPacks(ids = ['siyaq.default']) {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const o = await session.call<{ packs: { id: string; status: string }[]; tasks: { done: boolean }[] }>('packs.list');
        if (ids.every((id) => o.packs.some((p) => p.id === id && p.status === 'ok')) && o.tasks.every((t) => t.done)) return;
        if (Date.now() > deadline) throw new Error(`packs ${ids.join(', ')} not installed after 60 s: ${JSON.stringify(o)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async openArticle(path = '/article.html') {
      const page = await context.newPage();
      await page.goto(server.url + path);
      await waitForHighlights(page);
      return page;
    },
    async close() {
      await context.close();
      if (!opts.server) await server.close();
      if (!opts.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  return session;
}

/** Waits until the content script has highlighted at least `min` mentions. */
export async function waitForHighlights(page: Page, min = 1, timeout = 20_000): Promise<number> {
  await page.waitForFunction((n) => (CSS.highlights.get('siyaq-mention')?.size ?? 0) + (CSS.highlights.get('siyaq-adjective')?.size ?? 0) >= n, min, {
    timeout,
  });
  return highlightCount(page);
}

export function highlightCount(page: Page): Promise<number> {
  return page.evaluate(() => ['siyaq-mention', 'siyaq-adjective', 'siyaq-ambiguous'].reduce((a, n) => a + (CSS.highlights.get(n)?.size ?? 0), 0));
}

/** Viewport center of the n-th whole-word occurrence of `text` in the page. */
export async function textPoint(page: Page, text: string, occurrence = 0): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(
    ([t, n]) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let seen = 0;
      const word = /[\p{L}\p{M}\p{N}]/u;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const data = (node as Text).data;
        for (let i = data.indexOf(t); i >= 0; i = data.indexOf(t, i + 1)) {
          if (word.test(data[i - 1] ?? '') || word.test(data[i + t.length] ?? '')) continue;
          if (seen++ < n) continue;
          const r = document.createRange();
          r.setStart(node, i);
          r.setEnd(node, i + t.length);
          (node.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
          const b = r.getClientRects()[0]!;
          return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
        }
      }
      return null;
    },
    [text, occurrence] as const,
  );
  if (!p) throw new Error(`"${text}" (occurrence ${occurrence}) is not on the page`);
  return p;
}

export async function hover(page: Page, text: string, occurrence = 0): Promise<void> {
  const { x, y } = await textPoint(page, text, occurrence);
  await page.mouse.move(x + 30, y + 30);
  await page.mouse.move(x, y, { steps: 4 });
}

interface CdpNode {
  nodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  attributes?: string[];
}

const cdpSessions = new WeakMap<Page, CDPSession>();

/**
 * The text of the card, read through the DevTools protocol (which can see into the closed
 * shadow root that page scripts cannot). Null when no card is shown.
 */
export async function cardText(page: Page): Promise<string | null> {
  let cdp = cdpSessions.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    cdpSessions.set(page, cdp);
  }
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  const find = (n: CdpNode): CdpNode | undefined => {
    if (n.nodeName === 'SIYAQ-CARD-LAYER') return n;
    for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) {
      const f = find(c);
      if (f) return f;
    }
    return undefined;
  };
  const host = find(root);
  const shadow = host?.shadowRoots?.[0];
  if (!shadow) return null;
  const layer = (shadow.children ?? []).find((c) => c.nodeName === 'DIV');
  if (!layer || (layer.attributes ?? []).includes('hidden')) return null;
  const parts: string[] = [];
  const walk = (n: CdpNode) => {
    if (n.nodeType === 3) parts.push(n.nodeValue);
    if (n.nodeName === 'STYLE') return;
    for (const c of n.children ?? []) walk(c);
  };
  walk(layer);
  const text = parts.join(' ').replace(/\s+/g, ' ').trim();
  return text || null;
}

export interface CardInfo {
  text: string;
  /** datetime attributes of the card's <time> elements (its events). */
  dates: string[];
  /** href attributes of the card's links. */
  links: string[];
  /** The card's box in viewport CSS pixels. */
  box?: { x: number; y: number; width: number; height: number };
}

/** Text, event dates, links and box of the open card (null when none), through DevTools. */
export async function cardInfo(page: Page): Promise<CardInfo | null> {
  let cdp = cdpSessions.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    cdpSessions.set(page, cdp);
  }
  const text = await cardText(page);
  if (!text) return null;
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  const dates: string[] = [];
  const links: string[] = [];
  let article: CdpNode | undefined;
  const attr = (n: CdpNode, name: string) => {
    const a = n.attributes ?? [];
    const i = a.indexOf(name);
    return i >= 0 && i % 2 === 0 ? a[i + 1] : undefined;
  };
  const walk = (n: CdpNode, inCard: boolean) => {
    const here = inCard || n.nodeName === 'SIYAQ-CARD-LAYER';
    if (here && n.nodeName === 'TIME') dates.push(attr(n, 'datetime') ?? '');
    if (here && n.nodeName === 'A') links.push(attr(n, 'href') ?? '');
    if (here && n.nodeName === 'ARTICLE' && !article) article = n;
    for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c, here);
  };
  walk(root, false);
  let box: CardInfo['box'];
  if (article) {
    const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: article.nodeId })) as { model: { border: number[]; width: number; height: number } };
    box = { x: model.border[0]!, y: model.border[1]!, width: model.width, height: model.height };
  }
  return { text, dates, links, ...(box ? { box } : {}) };
}

/** Viewport center of an element of the card (e.g. 'BUTTON' with class 'more'), through DevTools. */
export async function cardElementPoint(page: Page, nodeName: string, className?: string): Promise<{ x: number; y: number } | null> {
  let cdp = cdpSessions.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    cdpSessions.set(page, cdp);
  }
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  let found: CdpNode | undefined;
  const walk = (n: CdpNode, inCard: boolean) => {
    const here = inCard || n.nodeName === 'SIYAQ-CARD-LAYER';
    if (!found && here && n.nodeName === nodeName) {
      const a = n.attributes ?? [];
      const cls = a[a.indexOf('class') + 1] ?? '';
      if (!className || (a.includes('class') && cls.split(' ').includes(className))) found = n;
    }
    for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c, here);
  };
  walk(root, false);
  if (!found) return null;
  const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: found.nodeId })) as { model: { border: number[]; width: number; height: number } };
  return { x: model.border[0]! + model.width / 2, y: model.border[1]! + model.height / 2 };
}

/** Waits for a card whose text contains `needle`. */
export async function waitForCard(page: Page, needle: string, timeout = 10_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = await cardText(page);
    if (last?.includes(needle)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`no card with "${needle}" after ${timeout} ms; card: ${last ?? '(none)'}`);
}

export async function waitForNoCard(page: Page, timeout = 5_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if ((await cardText(page)) === null) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`the card is still open after ${timeout} ms: ${await cardText(page)}`);
}

/** Stops the extension's service worker (as Chrome does after 30 s idle). */
export async function killServiceWorker(session: Session): Promise<void> {
  const browserCdp = await session.context.browser()?.newBrowserCDPSession();
  const cdp = browserCdp ?? (await session.context.newCDPSession(await session.context.newPage()));
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  for (const t of targetInfos)
    if (t.type === 'service_worker' && t.url.includes(session.extensionId)) await cdp.send('Target.closeTarget', { targetId: t.targetId });
}
