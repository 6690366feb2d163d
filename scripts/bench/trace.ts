/**
 * Long main-thread tasks of one page from a DevTools trace, each classified by what ran inside
 * it: the extension's script (a call into a chrome-extension:// script), the page's script,
 * HTML parsing, style, layout, or paint. The Long Tasks API reports script tasks only; the
 * trace also shows rendering tasks (a style recalculation or a repaint of highlights), which
 * are main-thread time the reader feels all the same.
 */
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; stackTrace?: { url?: string }[] }; beginData?: { url?: string } };
}

export type TaskKind = 'extension script' | 'page script' | 'parse' | 'style' | 'layout' | 'paint' | 'other';

export interface LongTask {
  /** ms after the first event of the page's main thread. */
  start: number;
  ms: number;
  kind: TaskKind;
  /** ms of extension script inside. */
  extensionMs: number;
  /** The biggest parts, "Layout 302 ms, PrePaint 42 ms". */
  parts: string;
}

export class Tracer {
  private events: TraceEvent[] = [];
  private readonly onData = (e: { value: object[] }) => {
    for (const v of e.value) this.events.push(v as TraceEvent);
  };

  constructor(private readonly cdp: CDPSession) {}

  async start(): Promise<void> {
    this.events = [];
    this.cdp.on('Tracing.dataCollected', this.onData);
    await this.cdp.send('Tracing.start', {
      traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute', '__metadata'] },
      transferMode: 'ReportEvents',
    });
  }

  /** Stops and returns the long tasks (over `minMs`) of the main thread that parsed `pageUrl`. */
  async stop(pageUrl: string, minMs = 50): Promise<LongTask[]> {
    const done = new Promise<void>((r) => this.cdp.once('Tracing.tracingComplete', () => r()));
    await this.cdp.send('Tracing.end');
    await done;
    this.cdp.off('Tracing.dataCollected', this.onData);
    const parse = this.events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url === pageUrl);
    if (!parse) throw new Error(`the trace has no HTML parsing of ${pageUrl}`);
    const main = this.events.filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
    const t0 = main[0]?.ts ?? 0;
    const out: LongTask[] = [];
    let covered = -Infinity;
    for (const t of main) {
      if (t.name !== 'RunTask') continue;
      // Nested RunTask events belong to the outer task.
      if (t.ts < covered) continue;
      covered = t.ts + (t.dur ?? 0);
      if ((t.dur ?? 0) < minMs * 1000) continue;
      const end = t.ts + t.dur!;
      const inner = main.filter((e) => e !== t && e.ts >= t.ts && e.ts < end && e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask');
      const by = new Map<string, number>();
      let ext = 0;
      let pageScript = 0;
      for (const e of inner) {
        const url = e.args?.data?.url ?? '';
        if ((e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'TimerFire' || e.name === 'FireAnimationFrame') && url) {
          if (url.startsWith('chrome-extension://')) ext += e.dur ?? 0;
          else pageScript += e.dur ?? 0;
        }
        by.set(e.name, (by.get(e.name) ?? 0) + (e.dur ?? 0));
      }
      const get = (...names: string[]) => names.reduce((a, n) => a + (by.get(n) ?? 0), 0);
      const parts: [TaskKind, number][] = [
        ['parse', get('ParseHTML')],
        ['style', get('UpdateLayoutTree', 'RecalculateStyles')],
        ['layout', get('Layout')],
        ['paint', get('PrePaint', 'Paint', 'Layerize', 'PaintImage', 'UpdateLayer')],
      ];
      let kind: TaskKind = ext > 0 ? 'extension script' : pageScript > 0 ? 'page script' : 'other';
      if (ext === 0 && pageScript === 0) {
        const best = parts.sort((a, b) => b[1] - a[1])[0]!;
        if (best[1] > 0) kind = best[0];
      }
      const top = [...by]
        .filter(([n]) => !/^(V8\.|v8\.|BlinkScheduler|RunMicrotasks|Receive mojo)/.test(n))
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .filter(([, v]) => v >= 1000)
        .map(([n, v]) => `${n} ${Math.round(v / 1000)}`)
        .join(', ');
      out.push({
        start: (t.ts - t0) / 1000,
        ms: t.dur! / 1000,
        kind,
        extensionMs: ext / 1000,
        parts: top + (ext ? `; extension script ${Math.round(ext / 1000)}` : ''),
      });
    }
    this.events = [];
    return out;
  }
}

export interface Attributed extends LongTask {
  cause: 'extension script' | 'extension (rendering after its changes)' | 'page';
}

/**
 * Which long tasks of the run with the extension the extension caused. Certain: every task that
 * runs extension script. Also the extension's: tasks after its first script (style, layout,
 * paint: what its stylesheet and highlights make the page redo), except as many of each kind as
 * the run without the extension has from that time on (the page's own late rendering; the
 * shortest are discounted, so the figure leans against the extension).
 */
export function attribute(withExt: readonly LongTask[], without: readonly LongTask[]): Attributed[] {
  const first = withExt.find((t) => t.kind === 'extension script');
  if (!first) return withExt.map((t) => ({ ...t, cause: 'page' }));
  const pool = new Map<TaskKind, number>();
  for (const t of without) if (t.start >= first.start) pool.set(t.kind, (pool.get(t.kind) ?? 0) + 1);
  const after = withExt.filter((t) => t.start > first.start && t.kind !== 'extension script').sort((a, b) => a.ms - b.ms);
  const discounted = new Set<LongTask>();
  for (const t of after) {
    const left = pool.get(t.kind) ?? 0;
    if (left > 0) {
      pool.set(t.kind, left - 1);
      discounted.add(t);
    }
  }
  return withExt.map((t) => ({
    ...t,
    cause:
      t.kind === 'extension script' ? 'extension script' : t.start > first.start && !discounted.has(t) ? 'extension (rendering after its changes)' : 'page',
  }));
}
