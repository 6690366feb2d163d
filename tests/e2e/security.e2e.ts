/**
 * Trust and privacy (issue 7), in real Chromium with the built extension: the page cannot reach
 * the extension, a content script cannot change data, untrusted text stays text, the card's
 * shadow root is closed, and nothing leaves the machine.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../scripts/lib/chromium';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { cardInfo, hover, launch, waitForCard, type Session } from './harness';
import { makePack, uploadAndImport } from './upload';

let s: Session;
beforeAll(async () => {
  s = await launch();
  await s.waitForPacks();
});
afterAll(async () => {
  await s?.close();
});

const hostsOf = (lines: string[]) =>
  new Set(
    lines.map((l) =>
      l
        .split(' ')[1]!
        .replace(/^https?:\/\//, '')
        .replace(/[:/].*$/, ''),
    ),
  );

/** Runs code inside the content script's own (isolated) world, as a compromised page might. */
async function inContentScript(page: Page, expression: string): Promise<unknown> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: { id: number; origin: string; auxData?: { type?: string } } }) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const ctx = contexts.find((c) => c.origin.startsWith(`chrome-extension://${s.extensionId}`) && c.auxData?.type === 'isolated');
  if (!ctx) throw new Error(`no content-script world on the page (contexts: ${JSON.stringify(contexts.map((c) => c.origin))})`);
  const r = (await cdp.send('Runtime.evaluate', { expression, contextId: ctx.id, awaitPromise: true, returnByValue: true })) as {
    result: { value: unknown };
    exceptionDetails?: unknown;
  };
  await cdp.detach();
  if (r.exceptionDetails) throw new Error(JSON.stringify(r.exceptionDetails));
  return r.result.value;
}

describe('messages: a content script is as trusted as the page', () => {
  it.each([
    ['packs.delete', { id: 'siyaq.default' }],
    ['packs.enable', { id: 'siyaq.default', enabled: false }],
    ['settings.set', { settings: { trigger: 'off' } }],
    ['packs.import', { from: 'url', url: 'https://evil.example/pack.json' }],
    ['site.set', { origin: 'https://evil.example', enabled: true }],
  ])('a forged "%s" from a content script is refused and changes nothing', async (type, payload) => {
    const page = await s.openArticle();
    const before = await s.call<{ packs: { id: string; enabled: boolean; slot: number }[] }>('packs.list');
    const settingsBefore = await s.call('settings.get');
    const reply = (await inContentScript(page, `chrome.runtime.sendMessage(${JSON.stringify({ siyaq: 1, type, payload })})`)) as { ok: boolean; code?: string };
    expect(reply).toMatchObject({ ok: false, code: 'forbidden' });
    const after = await s.call<{ packs: { id: string; enabled: boolean; slot: number }[] }>('packs.list');
    expect(after.packs.map((p) => [p.id, p.enabled, p.slot])).toEqual(before.packs.map((p) => [p.id, p.enabled, p.slot]));
    expect(await s.call('settings.get')).toEqual(settingsBefore);
    await page.close();
  });

  it('an oversized or malformed message from a content script is refused', async () => {
    const page = await s.openArticle();
    const big = (await inContentScript(
      page,
      `chrome.runtime.sendMessage({ siyaq: 1, type: 'annotate', payload: { blocks: Array(30).fill('ا'.repeat(100000)) } })`,
    )) as { ok: boolean; code?: string };
    expect(big).toMatchObject({ ok: false, code: 'too-large' });
    const bad = (await inContentScript(
      page,
      `chrome.runtime.sendMessage({ siyaq: 1, type: 'card', payload: { id: '<img src=x>', asOf: 'yesterday', page: [] } })`,
    )) as { ok: boolean; code?: string };
    expect(bad).toMatchObject({ ok: false, code: 'invalid' });
    const unknown = (await inContentScript(page, `chrome.runtime.sendMessage({ siyaq: 1, type: 'eval', payload: {} })`)) as { ok: boolean; code?: string };
    expect(unknown).toMatchObject({ ok: false, code: 'type' });
    await page.close();
  });

  it('no page can message the extension', async () => {
    const page = await s.openArticle();
    const reach = await page.evaluate(async (id) => {
      const c = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome;
      if (!c?.runtime?.sendMessage) return 'no runtime';
      try {
        await (c.runtime.sendMessage as (id: string, m: unknown) => Promise<unknown>)(id, { siyaq: 1, type: 'packs.list', payload: {} });
        return 'reached';
      } catch {
        return 'refused';
      }
    }, s.extensionId);
    expect(reach).not.toBe('reached');
    // Nothing the page posts reaches the content script or the background.
    await page.evaluate(() => window.postMessage({ siyaq: 1, type: 'packs.delete', payload: { id: 'siyaq.default' } }, '*'));
    await page.waitForTimeout(300);
    expect((await s.call<{ packs: { id: string }[] }>('packs.list')).packs.map((p) => p.id)).toContain('siyaq.default');
    await page.close();
  });
});

describe('untrusted text stays text', () => {
  it('pack fields holding markup render inert in the card; javascript: and data: URLs are refused at import', async () => {
    const hostile = makePack({
      id: 'test.hostile',
      entities: [
        {
          id: 'test:hostile',
          type: 'place',
          subtype: 'city',
          label: { ar: 'زمردستان', en: '<img src=x onerror="window.__pwned=1">' },
          description: { ar: '<script>window.__pwned=2</script> وصف', en: '<b onmouseover=alert(1)>x</b>' },
          salience: 0.9,
          sources: [{ url: 'https://example.org/source', title: '<img src=x onerror=alert(3)>' }],
        },
      ],
    });
    await uploadAndImport(s, 'hostile.json', hostile.json);
    const page = await s.context.newPage();
    await page.goto(s.server.url + '/zumurrud.html');
    await page.waitForFunction(() => (CSS.highlights.get('siyaq-mention')?.size ?? 0) > 0);
    await hover(page, 'زمردستان');
    const text = await waitForCard(page, '<img src=x onerror');
    expect(text).toContain('<script>window.__pwned=2</script>');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const info = (await cardInfo(page))!;
    for (const href of info.links) expect(href).toMatch(/^https?:\/\//);
    await page.close();

    for (const bad of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>']) {
      const pack = makePack({ id: 'test.badlink', entities: [{ id: 'test:bad', type: 'place', label: { ar: 'مكان' }, links: { official: bad } }] });
      const err = await uploadAndImport(s, 'bad.json', pack.json).then(
        () => '',
        (e: Error) => e.message,
      );
      expect(err).toMatch(/entity 1 .*links\.official must be an http\(s\) URL/);
    }
    await s.call('packs.delete', { id: 'test.hostile' });
  });

  it('page text holding markup stays text', async () => {
    const page = await s.openArticle('/markup.html');
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await hover(page, 'إيران', 0);
    await waitForCard(page, 'Iran');
    await page.close();
  });

  it("the card's shadow root is closed to page scripts", async () => {
    const page = await s.openArticle();
    await hover(page, 'إيران');
    await waitForCard(page, 'Iran');
    const seen = await page.evaluate(() => {
      const host = document.querySelector('siyaq-card-layer');
      return { host: !!host, shadowRoot: host?.shadowRoot ?? null, text: host?.textContent ?? '' };
    });
    expect(seen).toEqual({ host: true, shadowRoot: null, text: '' });
    await page.close();
  });
});

describe('privacy', () => {
  let proxy: Server;
  const seen: string[] = [];
  beforeAll(async () => {
    // Any request to the outside world would go through this proxy; it records and refuses.
    proxy = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(502).end();
    });
    proxy.on('connect', (req, socket) => {
      seen.push(`CONNECT ${req.url}`);
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => proxy.close(() => r())));

  it('a whole session (install, browse, hover, search) makes no request beyond the test page and writes nothing to the page', async () => {
    const port = (proxy.address() as AddressInfo).port;
    const session = await launch({ proxy: `http://127.0.0.1:${port}` });
    const requests: string[] = [];
    session.context.on('request', (r) => requests.push(r.url()));
    try {
      await session.waitForPacks();
      const page = await session.openArticle();
      await hover(page, 'إيران');
      await waitForCard(page, 'Iran');
      await session.call('search', { query: 'إيران' });
      await page.waitForTimeout(500);
      const storage = await page.evaluate(async () => ({
        local: localStorage.length,
        session: sessionStorage.length,
        cookie: document.cookie,
        idb: (await indexedDB.databases()).map((d) => d.name),
      }));
      expect(storage).toEqual({ local: 0, session: 0, cookie: '', idb: [] });
    } finally {
      await session.close();
    }
    const outside = requests.filter((u) => !u.startsWith(session.server.url) && !u.startsWith(`chrome-extension://${session.extensionId}/`));
    expect(outside).toEqual([]);
    // Chromium itself calls a few Google hosts even with background networking off; the same
    // browser without the extension, doing the same, sets the baseline. The extension adds none.
    const withExtension = hostsOf(seen);
    seen.length = 0;
    const plain = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'siyaq-plain-')), {
      executablePath: findChromium(),
      headless: false,
      args: [...chromiumArgs(), '--headless=new', `--proxy-server=http://127.0.0.1:${port}`],
    });
    const p = await plain.newPage();
    await p.goto(s.server.url + '/article.html');
    await p.waitForTimeout(6000);
    await plain.close();
    const baseline = hostsOf(seen);
    // Google's own hosts vary from run to run with the browser's timers: they are the browser's.
    expect([...withExtension].filter((h) => !baseline.has(h) && !/(^|\.)google(apis)?\.com$/.test(h))).toEqual([]);
  });
});
