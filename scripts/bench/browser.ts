/**
 * Browser-side measuring tools: the extension service worker's JS heap through the DevTools
 * protocol (Playwright has no CDP session for workers, so a page session attaches to the worker
 * target and talks to it with Target.sendMessageToTarget), the memory of the browser's
 * processes from /proc, and timed requests to the background from an extension page.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';

export interface HeapUsage {
  /** V8 heap in use. */
  used: number;
  /** V8 heap committed. */
  total: number;
  /** ArrayBuffer backing stores (the matcher's buffer lives there). */
  backing: number;
  /** Blink/embedder objects. */
  embedder: number;
}

export class WorkerProbe {
  private sessionId: string | undefined;
  private targetId: string | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly cdp: CDPSession,
    private readonly extensionId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      if (e.sessionId !== this.sessionId) return;
      const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
      const p = m.id !== undefined ? this.pending.get(m.id) : undefined;
      if (!p) return;
      this.pending.delete(m.id!);
      if (m.error) p.reject(new Error(m.error.message));
      else p.resolve(m.result);
    });
    cdp.on('Target.detachedFromTarget', (e) => {
      if (e.sessionId !== this.sessionId) return;
      this.sessionId = undefined;
      this.targetId = undefined;
      for (const p of this.pending.values()) p.reject(new Error('worker detached'));
      this.pending.clear();
    });
  }

  /** The worker's target id, or undefined when it is not running. */
  async workerTarget(): Promise<string | undefined> {
    const { targetInfos } = await this.cdp.send('Target.getTargets');
    return targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(this.extensionId))?.targetId;
  }

  /** Stops the worker (as harness.killServiceWorker does) and waits until it is gone. */
  async kill(): Promise<void> {
    for (let i = 0; i < 50; i++) {
      const id = await this.workerTarget();
      if (!id) return;
      await this.cdp.send('Target.closeTarget', { targetId: id }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the service worker did not stop');
  }

  private async attach(): Promise<boolean> {
    const id = await this.workerTarget();
    if (!id) return false;
    if (id === this.targetId && this.sessionId) return true;
    const { sessionId } = await this.cdp.send('Target.attachToTarget', { targetId: id, flatten: false });
    this.sessionId = sessionId;
    this.targetId = id;
    return true;
  }

  async send<T>(method: string, params: Record<string, unknown> = {}, timeoutMs = 5000): Promise<T | undefined> {
    if (!(await this.attach())) return undefined;
    const id = this.nextId++;
    const reply = new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      setTimeout(() => {
        if (this.pending.delete(id)) reject(new Error(`${method}: no answer from the worker in ${timeoutMs} ms`));
      }, timeoutMs);
    });
    await this.cdp.send('Target.sendMessageToTarget', { sessionId: this.sessionId!, message: JSON.stringify({ id, method, params }) });
    return (await reply) as T;
  }

  async heap(): Promise<HeapUsage | undefined> {
    const r = await this.send<{ usedSize: number; totalSize: number; backingStorageSize?: number; embedderHeapUsedSize?: number }>(
      'Runtime.getHeapUsage',
    ).catch(() => undefined);
    return r ? { used: r.usedSize, total: r.totalSize, backing: r.backingStorageSize ?? 0, embedder: r.embedderHeapUsedSize ?? 0 } : undefined;
  }

  /** Forces a full GC in the worker (to read a settled heap). */
  async gc(): Promise<void> {
    await this.send('HeapProfiler.collectGarbage').catch(() => undefined);
  }
}

// ---- Processes --------------------------------------------------------------------------

interface ProcInfo {
  pid: number;
  ppid: number;
  cmdline: string;
}

function procs(): ProcInfo[] {
  const out: ProcInfo[] = [];
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const n of names) {
    if (!/^\d+$/.test(n)) continue;
    try {
      const stat = readFileSync(`/proc/${n}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = readFileSync(`/proc/${n}/cmdline`, 'utf8').replace(/\0/g, ' ');
      out.push({ pid: Number(n), ppid, cmdline });
    } catch {
      /* gone */
    }
  }
  return out;
}

/** Proportional set size (shared pages split between sharers), else RSS, in bytes. */
function memoryOf(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    /* fall back to RSS */
  }
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface ProcessMemory {
  /** All processes of the browser (browser, renderers, GPU, utilities). */
  total: number;
  /** The extension's renderer process (where the service worker runs). */
  extension: number;
  /** The browser process (IndexedDB runs in its storage service). */
  browser: number;
  processes: number;
}

/** Finds the browser launched with `userDataDir` and measures its process tree; undefined when /proc is not readable. */
export function processMemory(userDataDir: string): ProcessMemory | undefined {
  const all = procs();
  const root = all.find((p) => p.cmdline.includes(`--user-data-dir=${userDataDir}`) && !p.cmdline.includes('--type='));
  if (!root) return undefined;
  const children = new Map<number, ProcInfo[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const tree: ProcInfo[] = [];
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    tree.push(p);
    stack.push(...(children.get(p.pid) ?? []));
  }
  let total = 0;
  let extension = 0;
  for (const p of tree) {
    const m = memoryOf(p.pid);
    total += m;
    if (p.cmdline.includes('--extension-process')) extension += m;
  }
  return { total, extension, browser: memoryOf(root.pid), processes: tree.length };
}

// ---- Sampling -----------------------------------------------------------------------------

export interface Samples {
  heap: { t: number; h: HeapUsage }[];
  proc: { t: number; m: ProcessMemory }[];
  /** Longest time between two heap samples (a busy worker answers late). */
  maxGapMs: number;
}

/**
 * Samples the worker's heap every `everyMs` and process memory every 2.5x that, until stopped. With `live`, each sample
 * is taken right after a full garbage collection: the memory the work holds, without the garbage
 * V8 has not collected yet.
 */
export function sample(probe: WorkerProbe, userDataDir: string, everyMs = 100, live = false): { t0: number; stop(): Promise<Samples> } {
  const s: Samples = { heap: [], proc: [], maxGapMs: 0 };
  let running = true;
  const t0 = performance.now();
  const heapLoop = (async () => {
    let last = performance.now();
    while (running) {
      if (live) await probe.gc();
      const h = await probe.heap();
      const now = performance.now();
      if (h) {
        s.heap.push({ t: now - t0, h });
        s.maxGapMs = Math.max(s.maxGapMs, now - last);
        last = now;
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  const procLoop = (async () => {
    while (running) {
      const m = processMemory(userDataDir);
      if (m) s.proc.push({ t: performance.now() - t0, m });
      await new Promise((r) => setTimeout(r, everyMs * 2.5));
    }
  })();
  return {
    t0,
    async stop() {
      running = false;
      await Promise.all([heapLoop, procLoop]);
      return s;
    },
  };
}

// ---- Timed requests from an extension page ------------------------------------------------

/** Sends one request to the background from `page` (an extension page) and times it in the page. */
export async function timedCall<T = unknown>(page: Page, type: string, payload: unknown = {}): Promise<{ ms: number; value: T }> {
  const r = await page.evaluate(
    async ([t, p]) => {
      const c = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> } } })
        .chrome;
      const t0 = performance.now();
      const reply = await c.runtime.sendMessage({ siyaq: 1, type: t, payload: p });
      return { ms: performance.now() - t0, reply };
    },
    [type, payload] as const,
  );
  if (!r.reply?.ok) throw new Error(`${type}: ${r.reply?.error ?? 'no reply'}`);
  return { ms: r.ms, value: r.reply.value as T };
}

/**
 * tsx compiles this code with esbuild's keepNames, so functions passed to page.evaluate may call
 * `__name`, which pages do not have; this defines it as the identity on a page (now and on
 * every navigation).
 */
export async function shimNames(page: Page): Promise<void> {
  const shim = 'globalThis.__name ??= (f) => f;';
  await page.addInitScript(shim);
  await page.evaluate(shim).catch(() => undefined);
}
