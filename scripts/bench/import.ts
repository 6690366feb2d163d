/**
 * Section 2, IMPORT (Chromium, the built extension): a 100k-entity pack imported the way the
 * options page does it (the file stored in the 'uploads' store, then a packs.import request),
 * its wall time, the service worker's memory while importing, a naive one-row-per-entity
 * IndexedDB import of the same rows as the baseline, and cold vs warm lookups after the worker
 * is stopped.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startServer } from '../demo/server';
import { launch, type Session } from '../../tests/e2e/harness';
import { sample, shimNames, timedCall, WorkerProbe, type Samples } from './browser';
import { benchPack } from './pack-gen';
import { goal, info, mb, medMin, ms, note, num, ratio, section, stats, table, type Stats } from './report';

const S = 'import';
const ENTITIES = 100_000;
const PACK_PATH = '/bench-pack.json.gz';

interface Upload {
  id: number;
  bytes: number;
  fetchMs: number;
  storeMs: number;
}

/** In the options page: download the pack and store it in 'uploads' as putUpload() does. */
export async function storeUpload(page: Page, url: string): Promise<Upload> {
  return page.evaluate(async (u) => {
    const t0 = performance.now();
    const blob = await (await fetch(u)).blob();
    const t1 = performance.now();
    const id = await new Promise<number>((resolve, reject) => {
      const open = indexedDB.open('siyaq');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const tx = db.transaction('uploads', 'readwrite');
        const req = tx.objectStore('uploads').add({ name: 'bench-pack.json.gz', blob, addedAt: new Date().toISOString() });
        tx.oncomplete = () => {
          db.close();
          resolve(req.result as number);
        };
        tx.onerror = () => reject(tx.error);
      };
    });
    return { id, bytes: blob.size, fetchMs: t1 - t0, storeMs: performance.now() - t1 };
  }, url);
}

interface ImportRun {
  ms: number;
  error?: string;
  phases: Record<string, number>;
}

/**
 * In the options page: sends packs.import and waits for the task's end, from the 'task'
 * broadcasts (with a packs.list poll every 2 s in case one is missed; the options page itself
 * polls every 500 ms while a task runs).
 */
export async function runImport(page: Page, uploadId: number): Promise<ImportRun> {
  return page.evaluate(async (id) => {
    type Task = { id: string; done: boolean; error?: { message: string }; progress?: { phase?: string } };
    const c = (
      globalThis as unknown as {
        chrome: {
          runtime: {
            sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }>;
            onMessage: { addListener(f: (m: unknown) => undefined): void; removeListener(f: (m: unknown) => undefined): void };
          };
        };
      }
    ).chrome;
    const seen = new Map<string, Task>();
    const phases: Record<string, number> = {};
    const t0 = performance.now();
    let wake: () => void = () => undefined;
    const listener = (m: unknown): undefined => {
      const msg = m as { siyaq?: number; type?: string; task?: Task };
      if (msg?.siyaq === 1 && msg.type === 'task' && msg.task) {
        seen.set(msg.task.id, msg.task);
        const ph = msg.task.progress?.phase;
        if (ph && phases[ph] === undefined) phases[ph] = performance.now() - t0;
        wake();
      }
      return undefined;
    };
    c.runtime.onMessage.addListener(listener);
    try {
      const reply = await c.runtime.sendMessage({ siyaq: 1, type: 'packs.import', payload: { from: 'upload', uploadId: id } });
      if (!reply.ok) return { ms: performance.now() - t0, error: reply.error ?? 'refused', phases };
      const taskId = (reply.value as { taskId: string }).taskId;
      for (;;) {
        const t = seen.get(taskId);
        if (t?.done) return { ms: performance.now() - t0, ...(t.error ? { error: t.error.message } : {}), phases };
        if (performance.now() - t0 > 180_000) return { ms: performance.now() - t0, error: 'not done after 180 s', phases };
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 2000);
        });
        if (!seen.get(taskId)?.done) {
          const list = await c.runtime.sendMessage({ siyaq: 1, type: 'packs.list', payload: {} });
          const lt = (list.value as { tasks?: Task[] } | undefined)?.tasks?.find((x) => x.id === taskId);
          if (lt?.done && !seen.get(taskId)?.done) seen.set(taskId, lt);
        }
      }
    } finally {
      c.runtime.onMessage.removeListener(listener);
    }
  }, uploadId);
}

interface NaiveRun {
  gunzipMs: number;
  parseMs: number;
  writeMs: number;
  totalMs: number;
  rows: number;
}

/**
 * The baseline, in the options page: gunzip, JSON.parse the whole file, and put one row per
 * entity into a scratch database in one transaction (what Dexie's bulkPut issues), no index.
 */
async function naiveImport(page: Page, url: string): Promise<NaiveRun> {
  return page.evaluate(async (u) => {
    const blob = await (await fetch(u)).blob();
    const t0 = performance.now();
    const text = await new Response(blob.stream().pipeThrough(new DecompressionStream('gzip'))).text();
    const t1 = performance.now();
    const doc = JSON.parse(text) as { entities: { id: string }[] };
    const t2 = performance.now();
    const name = 'siyaq-bench-naive';
    await new Promise<void>((resolve) => {
      const d = indexedDB.deleteDatabase(name);
      d.onsuccess = d.onerror = () => resolve();
    });
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name, 1);
      open.onupgradeneeded = () => open.result.createObjectStore('entities', { keyPath: 'id' });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const t3 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('entities', 'readwrite');
      const store = tx.objectStore('entities');
      for (const e of doc.entities) store.put(e);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    const t4 = performance.now();
    db.close();
    await new Promise<void>((resolve) => {
      const d = indexedDB.deleteDatabase(name);
      d.onsuccess = d.onerror = () => resolve();
    });
    return { gunzipMs: t1 - t0, parseMs: t2 - t1, writeMs: t4 - t3, totalMs: t4 - t0, rows: doc.entities.length };
  }, url);
}

async function waitTask(page: Page, taskId: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const o = await timedCall<{ tasks: { id: string; done: boolean; error?: { message: string } }[] }>(page, 'packs.list');
    const t = o.value.tasks.find((x) => x.id === taskId);
    if (!t || t.done) {
      if (t?.error) throw new Error(t.error.message);
      return;
    }
    if (Date.now() > deadline) throw new Error(`task ${taskId} not done after 120 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const peak = (s: Samples, f: (h: Samples['heap'][number]['h']) => number) => s.heap.reduce((a, x) => Math.max(a, f(x.h)), 0);

export async function benchImport(opts: { quick?: boolean } = {}): Promise<void> {
  section(`2. IMPORT (Chromium, the built extension): a ${num(ENTITIES)}-entity pack through packs.import, vs a naive one-row-per-entity import`);
  const runs = opts.quick ? 1 : 3;
  const tg = performance.now();
  const pack = benchPack(ENTITIES);
  console.log(
    `  pack: ${num(pack.entities)} entities + ${num(pack.events)} events, ${mb(pack.jsonBytes)} JSON (${Math.round(pack.jsonBytes / pack.entities)} B/entity), ${mb(pack.gzBytes)} gzipped; ${pack.cached ? 'from the cache' : `generated in ${ms(performance.now() - tg)}`} (${pack.path})`,
  );
  const server = await startServer(0, { [PACK_PATH]: { type: 'application/gzip', body: readFileSync(pack.path) } });
  let session: Session | undefined;
  try {
    const t0 = performance.now();
    session = await launch({ server });
    await session.waitForPacks();
    console.log(`  browser up and the default pack installed in ${ms(performance.now() - t0)}`);
    const page = await session.context.newPage();
    await shimNames(page);
    await page.goto(session.extUrl('options.html'));
    await page.waitForLoadState('load');
    const cdp = await session.context.newCDPSession(page);
    const probe = new WorkerProbe(cdp, session.extensionId);
    const { userDataDir } = session;
    const url = server.url + PACK_PATH;

    // ---- The import, `runs` times (each after deleting the previous copy) ----
    const importRuns: ImportRun[] = [];
    const peaks: {
      used: number;
      usedBacking: number;
      total: number;
      before: number;
      ext: number;
      extBefore: number;
      all: number;
      allBefore: number;
      gap: number;
      /** ms after the request when the heap peaked, and the largest heap before the commit phase. */
      peakAt: number;
      reading: number;
    }[] = [];
    let upload: Upload | undefined;
    /** One import of the pack (deleting the installed copy first), the worker's heap sampled throughout. */
    const sampledImport = async (deleteFirst: boolean, everyMs: number, live: boolean) => {
      if (deleteFirst) {
        const del = await timedCall<{ taskId: string }>(page, 'packs.delete', { id: pack.id });
        await waitTask(page, del.value.taskId);
      }
      upload = await storeUpload(page, url);
      await probe.gc();
      await new Promise((r) => setTimeout(r, 300));
      const before = await probe.heap();
      const sampler = sample(probe, userDataDir, everyMs, live);
      await new Promise((r) => setTimeout(r, 300));
      const requestAt = performance.now() - sampler.t0;
      const run = await runImport(page, upload.id);
      await new Promise((r) => setTimeout(r, 300));
      const s = await sampler.stop();
      if (run.error) throw new Error(`the import failed: ${run.error}`);
      const top = s.heap.reduce((a, x) => (x.h.used + x.h.backing > a.h.used + a.h.backing ? x : a), s.heap[0]!);
      const commitAt = requestAt + (run.phases['committing'] ?? Infinity);
      return { run, s, before, requestAt, top, commitAt };
    };
    for (let i = 0; i < runs; i++) {
      const { run, s, before, requestAt, top, commitAt } = await sampledImport(i > 0, 100, false);
      importRuns.push(run);
      const p0 = s.proc[0]?.m;
      peaks.push({
        peakAt: (top?.t ?? NaN) - requestAt,
        reading: s.heap.filter((x) => x.t < commitAt).reduce((a, x) => Math.max(a, x.h.used + x.h.backing), 0),
        used: peak(s, (h) => h.used),
        usedBacking: peak(s, (h) => h.used + h.backing),
        total: peak(s, (h) => h.total),
        before: before ? before.used + before.backing : NaN,
        ext: s.proc.reduce((a, x) => Math.max(a, x.m.extension), 0),
        extBefore: p0?.extension ?? NaN,
        all: s.proc.reduce((a, x) => Math.max(a, x.m.total), 0),
        allBefore: p0?.total ?? NaN,
        gap: s.maxGapMs,
      });
    }
    // ---- Live memory: the same import, with a full GC before each sample (slower, so untimed) ----
    const live: { peak: number; reading: number; at: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const { s, before, requestAt, top, commitAt } = await sampledImport(true, 50, true);
      const base = before ? before.used + before.backing : 0;
      live.push({
        peak: top.h.used + top.h.backing - base,
        reading: s.heap.filter((x) => x.t < commitAt).reduce((a, x) => Math.max(a, x.h.used + x.h.backing), 0) - base,
        at: top.t - requestAt,
      });
    }

    const list = await timedCall<{
      packs: { id: string; status: string; meta: { counts: { entities: number } } }[];
      matcher?: { aliasCount: number; bytes: number };
    }>(page, 'packs.list');
    const installed = list.value.packs.find((p) => p.id === pack.id);
    if (!installed || installed.status !== 'ok') throw new Error(`the pack is not installed after the import: ${JSON.stringify(installed)}`);

    // ---- Baseline: naive import, `runs` times ----
    const naive: NaiveRun[] = [];
    const naivePeak: number[] = [];
    for (let i = 0; i < runs; i++) {
      await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
      let pagePeak = 0;
      let going = true;
      const loop = (async () => {
        while (going) {
          const h = await cdp.send('Runtime.getHeapUsage').catch(() => undefined);
          if (h) pagePeak = Math.max(pagePeak, h.usedSize + ((h as { backingStorageSize?: number }).backingStorageSize ?? 0));
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      naive.push(await naiveImport(page, url));
      going = false;
      await loop;
      naivePeak.push(pagePeak);
    }

    const imp = stats(importRuns.map((r) => r.ms));
    const base = stats(naive.map((r) => r.totalMs));
    const eps = ENTITIES / (imp.median / 1000);
    const baseEps = ENTITIES / (base.median / 1000);
    const speed = base.median / imp.median;
    const pkUsed = stats(peaks.map((p) => p.usedBacking));
    const memRatio = pkUsed.median / pack.jsonBytes;
    const pkLive = stats(live.map((p) => p.peak));
    const liveRatio = pkLive.median / pack.jsonBytes;
    const vT = goal(S, `import ${num(ENTITIES)} entities (wall time)`, '<= 5 s', `${medMin(imp)}, ${num(eps)} entities/s`, imp.median <= 5000);
    const vM = goal(
      S,
      'service worker peak live memory while importing (GC before each sample, above the idle worker)',
      'well under 2x the JSON size (<= 1.5x)',
      `${mb(pkLive.median)} JS heap + buffers = ${ratio(liveRatio, 2)} of ${mb(pack.jsonBytes)} JSON`,
      liveRatio <= 1.5,
    );
    info(
      S,
      'service worker peak memory while importing, garbage included (V8 collects when it chooses)',
      `${mb(pkUsed.median)} JS heap + buffers = ${ratio(memRatio, 2)} of ${mb(pack.jsonBytes)} JSON`,
    );
    info(
      S,
      'import speed vs naive one-row-per-entity import (baseline time / import time)',
      `${ratio(speed, 2)} (naive ${medMin(base)}, ${num(baseEps)} rows/s)`,
    );
    table(
      'Import: wall time from the packs.import request to the task`s end (upload already stored, as the options page does)',
      [
        'run',
        'wall time',
        'entities/s',
        'phases reached (ms after request)',
        'SW heap before',
        'SW peak heap (+buffers)',
        'peak at (ms)',
        'peak (+buffers) before committing',
        'V8 heap allocated (peak)',
        'ext. process PSS',
        'all browser PSS',
        'max sample gap',
      ],
      importRuns.map((r, i) => {
        const p = peaks[i]!;
        return [
          String(i + 1),
          ms(r.ms),
          num(ENTITIES / (r.ms / 1000)),
          Object.entries(r.phases)
            .map(([k, v]) => `${k} ${Math.round(v)}`)
            .join(', '),
          mb(p.before),
          `${mb(p.used)} (${mb(p.usedBacking)})`,
          num(p.peakAt),
          mb(p.reading),
          mb(p.total),
          `${mb(p.extBefore)} -> ${mb(p.ext)}`,
          `${mb(p.allBefore)} -> ${mb(p.all)}`,
          ms(p.gap),
        ];
      }),
    );
    table(
      'Import: summary and baseline',
      ['what', 'figure', 'goal'],
      [
        [
          'pack',
          `${mb(pack.jsonBytes)} JSON, ${mb(pack.gzBytes)} gzipped, stored upload ${mb(upload?.bytes ?? NaN)} (fetch ${ms(upload?.fetchMs ?? NaN)} + store ${ms(upload?.storeMs ?? NaN)})`,
          '',
        ],
        ['import wall time', `${medMin(imp)} = ${num(eps)} entities/s`, `<= 5 s ${vT}`],
        [
          'SW peak live memory (full GC before each 50 ms sample; JS heap + ArrayBuffers above the idle worker)',
          `${medMin(pkLive, (x) => mb(x))} = ${ratio(liveRatio, 2)} the JSON size; while reading ${mb(stats(live.map((p) => p.reading)).median)}, peak at ${num(stats(live.map((p) => p.at)).median)} ms; runs: ${live.map((p) => mb(p.peak)).join(', ')}`,
          `well under 2x ${vM}`,
        ],
        ['SW peak memory, garbage included (timed runs, 100 ms samples)', `${medMin(pkUsed, (x) => mb(x))} = ${ratio(memRatio, 2)} the JSON size`, ''],
        [
          'baseline: gunzip + JSON.parse + one put per entity (one transaction, no index), options page',
          `${medMin(base)} = ${num(baseEps)} rows/s (gunzip ${ms(stats(naive.map((n) => n.gunzipMs)).median)}, parse ${ms(stats(naive.map((n) => n.parseMs)).median)}, write ${ms(stats(naive.map((n) => n.writeMs)).median)}); page peak heap ${mb(stats(naivePeak).median)}`,
          '',
        ],
        [
          'import vs baseline (baseline time / import time)',
          `${ratio(speed, 2)} (the import also validates, checksums, indexes and compiles the matcher)`,
          '(no goal)',
        ],
        ['matcher after import', list.value.matcher ? `${num(list.value.matcher.aliasCount)} aliases, ${mb(list.value.matcher.bytes, 2)}` : '(none)', ''],
      ],
    );
    note('PSS = proportional set size from /proc (shared pages split between processes); IndexedDB writes happen in the browser process, not the worker.');

    // ---- Cold vs warm lookups after the worker is stopped ----
    await coldWarm(page, probe, pack.sample, opts.quick === true);
  } finally {
    await session?.close().catch(() => undefined);
    await server.close();
  }
}

async function coldWarm(page: Page, probe: WorkerProbe, s: { id: string; paragraph: string }, quick: boolean): Promise<void> {
  const reps = quick ? 1 : 3;
  const card = { id: s.id, asOf: '2024-05-19', page: [] as string[] };
  const other = { id: 'bench:e54321', asOf: '2024-05-19', page: [] as string[] };
  const ann = { blocks: [s.paragraph] };
  const m: Record<string, number[]> = {};
  const add = (k: string, v: number) => (m[k] ??= []).push(v);
  let mentions = 0;
  let cardOk = false;
  for (let i = 0; i < reps; i++) {
    await probe.kill();
    add('ping cold', (await timedCall(page, 'ping')).ms);
    add('ping warm', (await timedCall(page, 'ping')).ms);
    await probe.kill();
    const c = await timedCall<{ id?: string } | null>(page, 'card', card);
    cardOk = c.value?.id === s.id;
    add('card cold', c.ms);
    add('card warm (same entity)', (await timedCall(page, 'card', card)).ms);
    add('card warm (another entity)', (await timedCall(page, 'card', { ...other, id: `bench:e${54321 + i}` })).ms);
    await probe.kill();
    const a = await timedCall<{ mentions: unknown[][] }>(page, 'annotate', ann);
    mentions = a.value.mentions[0]?.length ?? 0;
    add('annotate cold', a.ms);
    add('annotate warm', (await timedCall(page, 'annotate', ann)).ms);
  }
  await probe.gc();
  const h = await probe.heap();
  const st: Record<string, Stats> = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, stats(v)]));
  table(
    `Import: requests from an extension page after the worker was stopped (cold) and right after (warm); ${reps} rounds`,
    ['request', 'cold', 'warm', 'cold - warm'],
    [
      ['ping (worker start only)', medMin(st['ping cold']!), medMin(st['ping warm']!), ms(st['ping cold']!.median - st['ping warm']!.median)],
      [
        `card ${s.id}${cardOk ? '' : ' (NO CARD RETURNED)'}`,
        medMin(st['card cold']!),
        `${medMin(st['card warm (same entity)']!)}; another entity ${medMin(st['card warm (another entity)']!)}`,
        ms(st['card cold']!.median - st['card warm (same entity)']!.median),
      ],
      [
        `annotate 1 paragraph (${mentions} mentions)`,
        medMin(st['annotate cold']!),
        medMin(st['annotate warm']!),
        ms(st['annotate cold']!.median - st['annotate warm']!.median),
      ],
    ],
  );
  info(S, `'card' (100k-entity pack installed) cold / warm worker`, `${ms(st['card cold']!.median)} / ${ms(st['card warm (same entity)']!.median)}`);
  info(S, `'annotate' 1 paragraph cold / warm worker`, `${ms(st['annotate cold']!.median)} / ${ms(st['annotate warm']!.median)}`);
  if (h) note(`worker heap after the cold requests (matcher + slot indices loaded, after GC): ${mb(h.used)} JS heap + ${mb(h.backing)} ArrayBuffers`);
}
