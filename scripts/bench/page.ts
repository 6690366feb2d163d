/**
 * Section 3, PAGE (Chromium, the built extension): time from navigation to highlights on the
 * demo article, the longest main-thread task the extension causes on a 100k-word page (against
 * the same page in a browser without the extension), hover-to-card time with a warm and a cold
 * service worker, the content script's size, and the page's JS heap with and without it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { launch, textPoint, waitForHighlights, type Session } from '../../tests/e2e/harness';
import { chromiumArgs, findChromium } from '../lib/chromium';
import { ROOT } from '../lib/packs';
import { startServer } from '../demo/server';
import { shimNames, timedCall, WorkerProbe } from './browser';
import { goal, info, kb, mb, medMin, ms, note, num, ratio, section, stats, table, type Stats } from './report';
import { attribute, Tracer, type LongTask } from './trace';

const S = 'page';
const ARTICLE = '/article.html';
const BIG = '/big-100k.html';
const SHOW_MS = 500;
const DWELL_MS = 150;

/**
 * Main-world probe installed before any page script: Long Tasks API entries, and every change of
 * the number of highlighted ranges (polled every 4 ms) with its time since navigation start.
 */
const INIT = `(() => {
  const b = (window.__bench = { hl: [], mention: [], lt: [] });
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) b.lt.push([e.startTime, e.duration]); }).observe({ entryTypes: ['longtask'] });
  } catch {}
  let last = -1, lastM = -1;
  const poll = () => {
    const r = globalThis.CSS && CSS.highlights;
    if (r) {
      const m = r.get('siyaq-mention')?.size ?? 0;
      const n = m + (r.get('siyaq-adjective')?.size ?? 0) + (r.get('siyaq-ambiguous')?.size ?? 0);
      if (n !== last) { b.hl.push([performance.now(), n]); last = n; }
      if (m !== lastM) { b.mention.push([performance.now(), m]); lastM = m; }
    }
    if (performance.now() < 120000) setTimeout(poll, 4);
  };
  poll();
})();`;

interface BenchState {
  hl: [number, number][];
  mention: [number, number][];
  lt: [number, number][];
}

const state = (page: Page) => page.evaluate('window.__bench') as Promise<BenchState>;

async function newPage(ctx: BrowserContext): Promise<Page> {
  const page = await ctx.newPage();
  await shimNames(page);
  await page.addInitScript(INIT);
  return page;
}

/** Waits until the highlight count is non-zero and unchanged for `quietMs`. */
async function settled(page: Page, quietMs: number, timeoutMs: number): Promise<BenchState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await state(page);
    const now = (await page.evaluate('performance.now()')) as number;
    const last = s.hl[s.hl.length - 1];
    if (last && last[1] > 0 && now - last[0] >= quietMs) return s;
    if (Date.now() > deadline) throw new Error(`no stable highlights after ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
    await page.waitForTimeout(100);
  }
}

async function launchPlain(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'siyaq-bench-noext-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: findChromium(),
    headless: false,
    args: [...chromiumArgs('').filter((a) => !a.startsWith('--load-extension') && !a.startsWith('--disable-extensions-except')), '--headless=new'],
    viewport: { width: 1280, height: 900 },
    locale: 'ar',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function benchPage(opts: { quick?: boolean } = {}): Promise<void> {
  section('3. PAGE (Chromium, the built extension): highlights, long tasks, hover-to-card, content-script size and heap');
  const q = opts.quick === true;
  contentScriptSize();
  const server = await startServer();
  let ext: Session | undefined;
  let plain: Awaited<ReturnType<typeof launchPlain>> | undefined;
  try {
    ext = await launch({ server });
    await ext.waitForPacks();
    plain = await launchPlain();
    const ctl = await ext.context.newPage();
    await shimNames(ctl);
    await ctl.goto(ext.extUrl('options.html'));
    const ctlCdp = await ext.context.newCDPSession(ctl);
    const probe = new WorkerProbe(ctlCdp, ext.extensionId);

    await timeToHighlights(ext, plain.context, probe, q);
    await longTasks(ext, plain.context, q);
    await hoverToCard(ext, ctl, probe, q);
    await heap(ext, plain.context, q);
  } finally {
    await ext?.close().catch(() => undefined);
    await plain?.close().catch(() => undefined);
    await server.close();
  }
}

function contentScriptSize(): void {
  const path = join(ROOT, '.output/chrome-mv3/content-scripts/content.js');
  const raw = readFileSync(path);
  const gz = gzipSync(raw, { level: 9 }).length;
  const bg = readFileSync(join(ROOT, '.output/chrome-mv3/background.js'));
  const v = goal(
    S,
    'content script size (gzipped)',
    '<= 50 KB gzipped',
    `${(gz / 1000).toFixed(1)} kB gzipped (${(raw.length / 1000).toFixed(1)} kB as loaded)`,
    gz <= 50_000,
  );
  table(
    'Page: content script size (.output/chrome-mv3; 1 kB = 1000 B)',
    ['file', 'as loaded', 'gzip -9', 'goal'],
    [
      ['content-scripts/content.js', `${(raw.length / 1000).toFixed(1)} kB`, `${(gz / 1000).toFixed(1)} kB`, `<= 50 kB gzipped ${v}`],
      ['background.js (for comparison)', `${(bg.length / 1000).toFixed(1)} kB`, `${(gzipSync(bg, { level: 9 }).length / 1000).toFixed(1)} kB`, ''],
    ],
  );
}

// ---- Time to highlights ---------------------------------------------------------------------

interface ArticleRun {
  first: number;
  done: number;
  count: number;
  dcl: number;
  load: number;
}

async function articleRun(ctx: BrowserContext, url: string, withExt: boolean): Promise<ArticleRun> {
  const page = await newPage(ctx);
  try {
    await page.goto(url);
    const s = withExt ? await settled(page, 1000, 20_000) : await state(page);
    const nav = (await page.evaluate(
      '(() => { const n = performance.getEntriesByType("navigation")[0]; return [n.domContentLoadedEventEnd, n.loadEventEnd]; })()',
    )) as [number, number];
    const firstM = s.mention.find(([, n]) => n > 0);
    const last = s.hl[s.hl.length - 1];
    return { first: firstM ? firstM[0] : NaN, done: last ? last[0] : NaN, count: last ? last[1] : 0, dcl: nav[0], load: nav[1] };
  } finally {
    await page.close();
  }
}

async function timeToHighlights(ext: Session, plain: BrowserContext, probe: WorkerProbe, q: boolean): Promise<void> {
  const url = ext.server.url + ARTICLE;
  const warmRuns = q ? 2 : 5;
  const coldRuns = q ? 1 : 3;
  await articleRun(ext.context, url, true); // warm-up
  const warm: ArticleRun[] = [];
  const plainRuns: ArticleRun[] = [];
  for (let i = 0; i < warmRuns; i++) {
    warm.push(await articleRun(ext.context, url, true));
    plainRuns.push(await articleRun(plain, url, false));
  }
  const cold: ArticleRun[] = [];
  for (let i = 0; i < coldRuns; i++) {
    await probe.kill();
    cold.push(await articleRun(ext.context, url, true));
  }
  const row = (name: string, runs: ArticleRun[], hl: boolean) => {
    const f = stats(runs.map((r) => r.first));
    const l = stats(runs.map((r) => r.load));
    return [
      name,
      medMin(stats(runs.map((r) => r.dcl))),
      medMin(l),
      hl ? medMin(f) : '-',
      hl ? medMin(stats(runs.map((r) => r.done))) : '-',
      hl ? `${ms(f.median - l.median)}` : '-',
      hl ? num(runs[0]!.count) : '-',
    ];
  };
  const f = stats(warm.map((r) => r.first));
  info(S, 'navigation start -> first highlight, demo article (warm worker)', medMin(f));
  info(S, 'navigation start -> first highlight, demo article (worker stopped first)', medMin(stats(cold.map((r) => r.first))));
  table(
    `Page: ${ARTICLE}, times since navigation start (performance.now in the page; highlight count polled every 4 ms)`,
    ['run', 'DOMContentLoaded', 'load', "first 'siyaq-mention'", 'all highlights', 'first highlight - load', 'highlights'],
    [
      row(`with extension, warm worker (${warm.length})`, warm, true),
      row(`with extension, worker stopped first (${cold.length})`, cold, true),
      row(`without extension (${plainRuns.length})`, plainRuns, false),
    ],
  );
}

// ---- Long tasks on the 100k-word page ----------------------------------------------------------

interface BigRun {
  tasks: LongTask[];
  api: [number, number][];
  count: number;
  done: number;
  load: number;
}

async function bigRun(ctx: BrowserContext, url: string, withExt: boolean): Promise<BigRun> {
  const page = await newPage(ctx);
  const cdp = await ctx.newCDPSession(page);
  const tracer = new Tracer(cdp);
  try {
    await tracer.start();
    await page.goto(url, { timeout: 60_000 });
    let s: BenchState;
    if (withExt) s = await settled(page, 1500, 90_000);
    else {
      await page.waitForLoadState('load');
      await page.waitForTimeout(3000);
      s = await state(page);
    }
    // Rendering after the last change (the repaint of highlights) lands within a second.
    await page.waitForTimeout(1000);
    const load = (await page.evaluate('performance.getEntriesByType("navigation")[0].loadEventEnd')) as number;
    const tasks = await tracer.stop(url);
    const last = s.hl[s.hl.length - 1];
    return { tasks, api: (await state(page)).lt, count: last?.[1] ?? 0, done: last?.[0] ?? NaN, load };
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close();
  }
}

async function longTasks(ext: Session, plain: BrowserContext, q: boolean): Promise<void> {
  const url = ext.server.url + BIG;
  const runs = q ? 1 : 2;
  const withExt: BigRun[] = [];
  const without: BigRun[] = [];
  for (let i = 0; i < runs; i++) {
    without.push(await bigRun(plain, url, false));
    withExt.push(await bigRun(ext.context, url, true));
  }
  const longest = (ts: readonly { ms: number }[]) => ts.reduce((a, t) => Math.max(a, t.ms), 0);
  const attributed = withExt.map((r, i) => attribute(r.tasks, without[i]!.tasks));
  const ours = attributed.map((a) => a.filter((t) => t.cause !== 'page'));
  const scriptOnly = stats(attributed.map((a) => longest(a.filter((t) => t.cause === 'extension script'))));
  const worst = stats(ours.map(longest));
  const apiLongest = (r: BigRun) => r.api.reduce((a, [, d]) => Math.max(a, d), 0);
  const v = goal(
    S,
    'longest main-thread task caused by the extension, 100k-word page',
    'none over 50 ms',
    `${ms(worst.median)} (max ${ms(worst.max)}; running its script: ${ms(scriptOnly.median)}; ${ours.map((a) => a.filter((t) => t.ms > 50).length).join('/')} tasks over 50 ms per run)`,
    worst.max <= 50,
  );
  table(
    `Page: ${BIG} (${num(withExt[0]!.count)} highlights), main-thread tasks over 50 ms; ${runs} run(s) each, with and without the extension`,
    [
      'browser',
      'load event',
      'highlights done',
      'Long Tasks API: longest (count)',
      'trace: long tasks (longest)',
      'caused by the extension: longest (script only)',
      'goal',
    ],
    [
      [
        'with extension',
        medMin(stats(withExt.map((r) => r.load))),
        medMin(stats(withExt.map((r) => r.done))),
        `${ms(stats(withExt.map(apiLongest)).median)} (${withExt.map((r) => r.api.length).join('/')})`,
        `${withExt.map((r) => r.tasks.length).join('/')} (${ms(stats(withExt.map((r) => longest(r.tasks))).median)})`,
        `${ms(worst.median)}, max ${ms(worst.max)} (${ms(scriptOnly.median)})`,
        `none over 50 ms ${v}`,
      ],
      [
        'without extension',
        medMin(stats(without.map((r) => r.load))),
        '-',
        `${ms(stats(without.map(apiLongest)).median)} (${without.map((r) => r.api.length).join('/')})`,
        `${without.map((r) => r.tasks.length).join('/')} (${ms(stats(without.map((r) => longest(r.tasks))).median)})`,
        '-',
        '',
      ],
    ],
  );
  const last = withExt.length - 1;
  table(
    'Page: every long task of the last run pair (trace of the page main thread, ms from its first event)',
    ['browser', 'start', 'duration', 'kind', 'caused by', 'biggest parts (ms)'],
    [
      ...attributed[last]!.map((t) => ['with', num(t.start), ms(t.ms), t.kind, t.cause, t.parts]),
      ...without[last]!.tasks.map((t) => ['without', num(t.start), ms(t.ms), t.kind, 'page', t.parts]),
    ],
  );
  note(
    'the Long Tasks API under-reports here (it misses rendering tasks, and in this headless Chromium often reports nothing at all), so the goal is judged on the DevTools trace.',
  );
  note(
    'attribution: tasks running extension script, plus style/layout/paint tasks after the extension first ran, less as many of each kind as the run without the extension has from that time on (shortest discounted first).',
  );
}

// ---- Hover to card -------------------------------------------------------------------------------

/**
 * Gives the main world a handle on the card layer inside the closed shadow root (through the
 * DevTools protocol, as harness.cardText reads it) and records when the card shows text.
 */
async function watchCard(page: Page, cdp: CDPSession): Promise<void> {
  interface Node {
    nodeId: number;
    nodeName: string;
    children?: Node[];
    shadowRoots?: Node[];
  }
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: Node };
  const find = (n: Node): Node | undefined => {
    if (n.nodeName === 'SIYAQ-CARD-LAYER') return n;
    for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) {
      const f = find(c);
      if (f) return f;
    }
    return undefined;
  };
  const box = find(root)?.shadowRoots?.[0]?.children?.find((c) => c.nodeName === 'DIV');
  if (!box) throw new Error('no card layer on the page');
  const { object } = await cdp.send('DOM.resolveNode', { nodeId: box.nodeId });
  await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId!,
    functionDeclaration: `function () {
      const box = this;
      const c = (window.__card = { shownAt: 0, move: 0, needle: '' });
      document.addEventListener('pointermove', (e) => { c.move = e.timeStamp; }, { capture: true, passive: true });
      const check = () => { if (!c.shownAt && c.needle && !box.hidden && box.textContent.includes(c.needle)) c.shownAt = performance.now(); };
      new MutationObserver(check).observe(box, { attributes: true, childList: true, subtree: true, characterData: true });
      window.__cardHidden = () => box.hidden;
    }`,
  });
  void page;
}

async function hoverOnce(page: Page, point: { x: number; y: number }, needle: string): Promise<number> {
  await page.mouse.move(5, 5);
  const deadline = Date.now() + 5000;
  while (!((await page.evaluate('window.__cardHidden()')) as boolean)) {
    if (Date.now() > deadline) throw new Error('the card did not close');
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(300);
  await page.evaluate(`(() => { const c = window.__card; c.shownAt = 0; c.move = 0; c.needle = ${JSON.stringify(needle)}; })()`);
  await page.mouse.move(point.x, point.y);
  const until = Date.now() + 10_000;
  for (;;) {
    const c = (await page.evaluate('window.__card')) as { shownAt: number; move: number };
    if (c.shownAt) return c.shownAt - c.move;
    if (Date.now() > until) throw new Error(`no card with "${needle}" 10 s after the hover`);
    await page.waitForTimeout(10);
  }
}

async function hoverToCard(ext: Session, ctl: Page, probe: WorkerProbe, q: boolean): Promise<void> {
  const warmRuns = q ? 2 : 5;
  const coldRuns = q ? 1 : 3;
  const page = await newPage(ext.context);
  await page.goto(ext.server.url + ARTICLE);
  await waitForHighlights(page);
  const cdp = await ext.context.newCDPSession(page);
  await watchCard(page, cdp);
  const word = 'إيران';
  const point = await textPoint(page, word);
  const status = await timedCall<{ settings: { dwellMs: number; showMs: number } }>(ctl, 'status', { origin: ext.server.url });
  const { dwellMs, showMs } = status.value.settings;

  await hoverOnce(page, point, word); // warm-up
  const warm: number[] = [];
  for (let i = 0; i < warmRuns; i++) warm.push(await hoverOnce(page, point, word));
  const cold: number[] = [];
  for (let i = 0; i < coldRuns; i++) {
    await page.mouse.move(5, 5);
    await page.waitForTimeout(400);
    await probe.kill();
    cold.push(await hoverOnce(page, point, word));
  }

  // The card request alone, from an extension page.
  const ann = await timedCall<{ mentions: [number, number, string][][] }>(ctl, 'annotate', { blocks: [`قالت ${word} أمس`] });
  const id = ann.value.mentions[0]?.[0]?.[2];
  if (!id) throw new Error(`"${word}" is not recognized`);
  const card = { id, asOf: '2024-05-19', page: [] as string[] };
  await timedCall(ctl, 'card', card);
  const rttWarm: number[] = [];
  for (let i = 0; i < warmRuns; i++) rttWarm.push((await timedCall(ctl, 'card', card)).ms);
  const rttCold: number[] = [];
  for (let i = 0; i < coldRuns; i++) {
    await probe.kill();
    rttCold.push((await timedCall(ctl, 'card', card)).ms);
  }
  await cdp.detach().catch(() => undefined);
  await page.close();

  const w = stats(warm);
  const c = stats(cold);
  info(S, `hover-to-card on ${word}, warm worker`, medMin(w), `configured show delay ${showMs} ms`);
  info(S, `hover-to-card on ${word}, cold worker`, medMin(c), `configured show delay ${showMs} ms`);
  info(S, `'card' request round trip, warm / cold worker`, `${ms(stats(rttWarm).median)} / ${ms(stats(rttCold).median)}`);
  table(
    `Page: hover-to-card on ${word} (${id}): pointer arrives on the name -> card text in the closed shadow root (page clock). Configured: dwell ${dwellMs} ms before the request, card shown ${showMs} ms after the hover starts at the earliest (defaults ${DWELL_MS}/${SHOW_MS})`,
    ['worker', 'hover -> card', 'beyond the show delay', "'card' request alone (extension page)", 'dwell + request vs show delay'],
    [
      ['warm', medMin(w), ms(w.median - showMs), medMin(stats(rttWarm)), `${ms(dwellMs + stats(rttWarm).median)} vs ${ms(showMs)}`],
      ['stopped before the hover', medMin(c), ms(c.median - showMs), medMin(stats(rttCold)), `${ms(dwellMs + stats(rttCold).median)} vs ${ms(showMs)}`],
    ],
  );
}

// ---- Heap ------------------------------------------------------------------------------------

async function pageHeap(ctx: BrowserContext, url: string, withExt: boolean): Promise<{ used: number; total: number }> {
  const page = await newPage(ctx);
  const cdp = await ctx.newCDPSession(page);
  try {
    await page.goto(url);
    if (withExt) await settled(page, 500, 20_000);
    else await page.waitForTimeout(700);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (n: string) => metrics.find((m) => m.name === n)?.value ?? NaN;
    return { used: get('JSHeapUsedSize'), total: get('JSHeapTotalSize') };
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close();
  }
}

async function heap(ext: Session, plain: BrowserContext, q: boolean): Promise<void> {
  const runs = q ? 1 : 3;
  const rows: string[][] = [];
  for (const path of [ARTICLE, BIG]) {
    const url = ext.server.url + path;
    const w: number[] = [];
    const wo: number[] = [];
    for (let i = 0; i < (path === BIG ? 1 : runs); i++) {
      w.push((await pageHeap(ext.context, url, true)).used);
      wo.push((await pageHeap(plain, url, false)).used);
    }
    const sw: Stats = stats(w);
    const so: Stats = stats(wo);
    rows.push([path, medMin(sw, (x) => mb(x, 2)), medMin(so, (x) => mb(x, 2)), `${kb(sw.median - so.median, 0)} (${ratio(sw.median / so.median, 2)})`]);
  }
  table(
    "Page: the page renderer's JS heap after a full GC (Performance.getMetrics JSHeapUsedSize; the content script's isolated world shares the page's V8 heap)",
    ['page', 'with extension', 'without', "extension's cost"],
    rows,
  );
}
