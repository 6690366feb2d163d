/**
 * Everything the content script does on a page, in one place: read the article's text, ask the
 * background for mentions, highlight them, follow the page as it changes, and drive the card
 * from hover, touch and the keyboard. No extension APIs here: they come in through `deps`, so
 * the entrypoint stays a few lines of wiring.
 */
import type { EntityCard } from '../card/types';
import { HoverIntent, type Timers } from '../hover/intent';
import type { Lang } from '../i18n';
import type { ContentStatus, Payload, Results, PageMentionSummary } from '../messages/protocol';
import { collectBlocksSliced, findArticleRoot, rangeFor, type Block } from './article';
import { CardLayer, HOST_TAG } from './card-layer';
import { highlightCss, MentionIndex, type PageMention } from './mentions';
import { publishedDate } from './page-date';

export interface ControllerDeps {
  annotate(p: Payload<'annotate'>): Promise<Results['annotate']>;
  card(p: Payload<'card'>): Promise<EntityCard | null>;
  timeline(p: Payload<'timeline'>): Promise<unknown>;
  status: ContentStatus;
  lang: Lang;
  today: string;
  /** Registers a listener that is removed when the extension context goes away. */
  listen<K extends keyof WindowEventMap>(target: Window | Document, type: K, fn: (e: WindowEventMap[K]) => void, opts?: AddEventListenerOptions): void;
}

/** Characters per annotate request (the background refuses more than 2M). */
const BATCH_CHARS = 1_000_000;
/** Time budget of one slice of main-thread work before yielding (keeps tasks far below 50 ms). */
const SLICE_MS = 8;
const MUTATION_DEBOUNCE_MS = 250;
const TEXT_CACHE_MAX = 4000;

const yieldToMain = (): Promise<void> => {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (s?.yield) return s.yield();
  return new Promise((r) => setTimeout(r, 0));
};

export class PageController {
  readonly index = new MentionIndex();
  private layer: CardLayer;
  private intent: HoverIntent<PageMention, EntityCard>;
  private root: Element;
  private asOf: string;
  private readonly labels = new Map<string, Results['annotate']['labels'][string]>();
  private readonly done = new WeakMap<Element, string>();
  private readonly textCache = new Map<string, Results['annotate']['mentions'][number]>();
  private pendingNodes = new Set<Node>();
  private mutationTimer: ReturnType<typeof setTimeout> | undefined;
  private observer: MutationObserver | undefined;
  private cursor = -1;
  private frame = 0;
  private lastPoint: { x: number; y: number; alt: boolean } | undefined;
  private touchStart: { x: number; y: number; t: number } | undefined;
  private current: PageMention | undefined;
  private sheet: CSSStyleSheet | HTMLStyleElement | undefined;
  private scanning: Promise<void> = Promise.resolve();
  /** Blocks within two viewports of the visible area carry highlights. */
  private readonly visibility = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (e.isIntersecting) this.index.showBlock(e.target);
        else this.index.hideBlock(e.target);
      }
    },
    { rootMargin: '200% 0px 200% 0px' },
  );
  /** Resolves when the first full scan has been applied (for tests and benchmarks). */
  ready: Promise<void> = Promise.resolve();
  disposed = false;

  constructor(
    private readonly doc: Document,
    private readonly deps: ControllerDeps,
  ) {
    this.root = findArticleRoot(doc);
    this.asOf = publishedDate(doc, this.root, deps.today);
    const timers: Timers = { now: () => performance.now(), set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as number) };
    const s = deps.status.settings;
    this.intent = new HoverIntent<PageMention, EntityCard>(
      { dwellMs: s.dwellMs, showMs: s.showMs, graceMs: s.graceMs },
      {
        fetch: (m, token) => void this.fetchCard(m, token),
        show: (m, card) => this.showCard(m, card),
        hide: () => this.hideCard(),
      },
      timers,
    );
    this.layer = new CardLayer(doc, {
      onEnter: () => this.intent.enterCard(),
      onLeave: () => this.intent.leaveCard(),
      onClose: () => this.intent.cancel(),
      onMore: (card) => void this.deps.timeline({ id: card.id, asOf: this.asOf }),
      onChoose: (id) => {
        const m = this.current;
        if (!m) return;
        void this.deps.card({ id, asOf: this.asOf, page: this.pageIds() }).then((card) => card && this.showCard(m, card));
      },
    });
  }

  get publishedOn(): string {
    return this.asOf;
  }

  start(): void {
    this.installStyles();
    this.ready = this.scan(this.root);
    this.listen();
  }

  private installStyles(): void {
    const s = this.deps.status.settings;
    const css = highlightCss(s.highlight, s.adjectives);
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      this.doc.adoptedStyleSheets = [...this.doc.adoptedStyleSheets, sheet];
      this.sheet = sheet;
    } catch {
      // Fallback: a <style> in <head>, outside the article.
      const el = this.doc.createElement('style');
      el.textContent = css;
      (this.doc.head ?? this.doc.documentElement).append(el);
      this.sheet = el;
    }
  }

  private exclude = (el: Element): boolean => el.tagName.toLowerCase() === HOST_TAG;

  /** Entities on the page, most mentioned first (cards rank events by them). */
  private pageIds(): string[] {
    const counts = new Map<string, number>();
    for (const m of this.index.all) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
    return [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([id]) => id)
      .slice(0, 500);
  }

  /** Reads the blocks under `within`, asks for their mentions, and highlights them. */
  private scan(within: Node): Promise<void> {
    const run = async () => {
      if (this.disposed) return;
      const skipFurniture = this.root === this.doc.body;
      const all = await collectBlocksSliced(this.root, { exclude: this.exclude, skipFurniture }, within, SLICE_MS, yieldToMain);
      const blocks = all.filter((b) => this.done.get(b.el) !== b.text);
      if (!blocks.length) return;
      await yieldToMain();
      let batch: Block[] = [];
      let chars = 0;
      const flush = async () => {
        if (!batch.length) return;
        const todo = batch.filter((b) => !this.textCache.has(b.text));
        if (todo.length) {
          const res = await this.deps.annotate({ blocks: todo.map((b) => b.text), ...(this.labels.size ? { context: this.pageIds() } : {}) });
          for (const [id, l] of Object.entries(res.labels)) this.labels.set(id, l);
          let sliceStart = performance.now();
          for (let i = 0; i < todo.length; i++) {
            this.remember(todo[i]!.text, res.mentions[i] ?? []);
            if (performance.now() - sliceStart > SLICE_MS) {
              await yieldToMain();
              sliceStart = performance.now();
            }
          }
        }
        await this.apply(batch);
        batch = [];
        chars = 0;
      };
      for (const b of blocks) {
        if (chars + b.text.length > BATCH_CHARS) await flush();
        batch.push(b);
        chars += b.text.length;
      }
      await flush();
    };
    this.scanning = this.scanning.then(run, run);
    return this.scanning;
  }

  private remember(text: string, mentions: Results['annotate']['mentions'][number]): void {
    this.textCache.set(text, mentions);
    if (this.textCache.size > TEXT_CACHE_MAX) this.textCache.delete(this.textCache.keys().next().value!);
  }

  private async apply(blocks: Block[]): Promise<void> {
    let sliceStart = performance.now();
    const showAmbiguous = this.deps.status.settings.showAmbiguous !== false;
    for (const b of blocks) {
      if (this.disposed) return;
      if (this.done.has(b.el)) this.index.removeBlock(b.el);
      this.done.set(b.el, b.text);
      for (const [start, end, entityId, adj, confidence, alternatives] of this.textCache.get(b.text) ?? []) {
        if (adj && this.deps.status.settings.adjectives === 'off') continue;
        const range = rangeFor(b, start, end);
        if (range) this.index.add({ entityId, adjective: adj === 1, confidence, alternatives, range, block: b.el }, showAmbiguous);
      }
      // Highlighted while near the viewport (see MentionIndex.showBlock).
      if (this.index.blockHasMentions(b.el)) this.visibility.observe(b.el);
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToMain();
        sliceStart = performance.now();
      }
    }
  }

  // ---- Following the page --------------------------------------------------------------

  private onMutations = (records: MutationRecord[]): void => {
    for (const r of records) {
      const target = r.target;
      if (target.nodeType === 1 && (target as Element).closest?.(HOST_TAG)) continue;
      if (r.type === 'characterData') this.pendingNodes.add(target.parentElement ?? target);
      for (const n of Array.from(r.addedNodes)) if (n.nodeType === 1 || n.nodeType === 3) this.pendingNodes.add(n.nodeType === 3 ? (n.parentElement ?? n) : n);
    }
    if (this.pendingNodes.size && !this.mutationTimer) this.mutationTimer = setTimeout(this.flushMutations, MUTATION_DEBOUNCE_MS);
  };

  private flushMutations = (): void => {
    this.mutationTimer = undefined;
    const nodes = [...this.pendingNodes];
    this.pendingNodes.clear();
    if (!this.root.isConnected) {
      this.reset();
      return;
    }
    for (const n of nodes) {
      if (!n.isConnected) continue;
      if (this.root.contains(n)) void this.scan(n);
      else if (n.nodeType === 1 && (n as Element).matches?.('article, [itemprop="articleBody"]')) void this.scan(n);
    }
  };

  /** Single-page navigation or a replaced article: start over. */
  reset(): void {
    this.intent.cancel();
    this.index.clear();
    this.labels.clear();
    this.cursor = -1;
    this.root = findArticleRoot(this.doc);
    this.asOf = publishedDate(this.doc, this.root, this.deps.today);
    this.ready = this.scan(this.root);
  }

  // ---- Cards ------------------------------------------------------------------------------

  private async fetchCard(m: PageMention, token: number): Promise<void> {
    try {
      const card = await this.deps.card({
        id: m.entityId,
        asOf: this.asOf,
        page: this.pageIds(),
        ...(m.alternatives.length ? { alternatives: m.alternatives } : {}),
      });
      this.intent.resolved(token, card ?? undefined);
    } catch {
      this.intent.resolved(token, undefined);
    }
  }

  private anchorOf(m: PageMention) {
    return () => {
      const rects = m.range.getClientRects();
      const r = rects[0] ?? m.range.getBoundingClientRect();
      return r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : undefined;
    };
  }

  private showCard(m: PageMention, card: EntityCard): void {
    this.current = m;
    this.index.setActive(m);
    this.layer.show(card, this.deps.lang, m.adjective, this.anchorOf(m));
  }

  private hideCard(): void {
    this.current = undefined;
    this.index.setActive(undefined);
    this.layer.hide();
  }

  // ---- Input ------------------------------------------------------------------------------

  private listen(): void {
    const d = this.deps;
    const trigger = d.status.settings.trigger;
    if (trigger !== 'off') {
      d.listen(
        this.doc,
        'pointermove',
        (e) => {
          if (e.pointerType !== 'mouse' && e.pointerType !== 'pen') return;
          this.lastPoint = { x: e.clientX, y: e.clientY, alt: e.altKey };
          if (!this.frame) this.frame = requestAnimationFrame(this.hitTest);
        },
        { passive: true },
      );
      d.listen(
        this.doc,
        'pointerdown',
        (e) => {
          if (e.pointerType === 'touch') this.touchStart = { x: e.clientX, y: e.clientY, t: performance.now() };
        },
        { passive: true },
      );
      d.listen(
        this.doc,
        'pointerup',
        (e) => {
          if (e.pointerType !== 'touch' || !this.touchStart) return;
          const s = this.touchStart;
          this.touchStart = undefined;
          if (Math.hypot(e.clientX - s.x, e.clientY - s.y) > 10 || performance.now() - s.t > 600) return;
          const m = this.index.at(this.doc, e.clientX, e.clientY);
          if (m) this.intent.enter(m, true);
          else if (this.layer.visible && !this.layer.contains(e.target as Node)) this.intent.cancel();
        },
        { passive: true },
      );
    }
    d.listen(this.doc, 'keydown', (e) => {
      if (e.key === 'Escape' && this.layer.visible) {
        this.intent.cancel();
        return;
      }
      if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyN' || e.code === 'KeyP')) {
        e.preventDefault();
        this.step(e.code === 'KeyN' ? 1 : -1);
      }
    });
    d.listen(window, 'scroll', () => this.layer.place(), { passive: true, capture: true });
    d.listen(window, 'resize', () => this.layer.place(), { passive: true });
    d.listen(window, 'wxt:locationchange' as keyof WindowEventMap, () => this.reset());
    this.observer = new MutationObserver(this.onMutations);
    this.observer.observe(this.doc.body ?? this.doc.documentElement, { childList: true, subtree: true, characterData: true });
  }

  private hitTest = (): void => {
    this.frame = 0;
    const p = this.lastPoint;
    if (!p) return;
    if (this.deps.status.settings.trigger === 'modifier' && !p.alt && !this.layer.visible) return;
    const m = this.index.at(this.doc, p.x, p.y);
    if (m) this.intent.enter(m);
    else this.intent.leave();
  };

  /** Keyboard: steps to the next (or previous) mention, scrolls to it and opens its card. */
  step(delta: number): PageMention | undefined {
    const list = this.index.ordered();
    if (!list.length) return undefined;
    this.cursor = (this.cursor + delta + list.length) % list.length;
    const m = list[this.cursor]!;
    this.reveal(m);
    this.intent.enter(m, true);
    return m;
  }

  private reveal(m: PageMention): void {
    const el = m.range.startContainer.parentElement;
    el?.scrollIntoView({ block: 'center', inline: 'nearest' });
    this.index.setActive(m);
  }

  /** From the popup: scroll to the first mention of an entity and flash it. */
  revealEntity(id: string): boolean {
    const m = this.index.ordered().find((x) => x.entityId === id);
    if (!m) return false;
    this.reveal(m);
    setTimeout(() => {
      if (this.current !== m) this.index.setActive(this.current);
    }, 1500);
    return true;
  }

  summary(): PageMentionSummary {
    const counts = new Map<string, number>();
    for (const m of this.index.all) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
    const entities = [...counts]
      .map(([id, count]) => {
        const l = this.labels.get(id);
        return { id, label: l?.ar ?? id, ...(l?.en ? { labelEn: l.en } : {}), type: l?.type ?? 'other', count };
      })
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'ar'));
    return { entities, asOf: this.asOf };
  }

  dispose(): void {
    this.disposed = true;
    this.observer?.disconnect();
    this.visibility.disconnect();
    if (this.mutationTimer) clearTimeout(this.mutationTimer);
    this.intent.cancel();
    this.index.dispose();
    this.layer.dispose();
    if (this.sheet instanceof CSSStyleSheet) this.doc.adoptedStyleSheets = this.doc.adoptedStyleSheets.filter((s) => s !== this.sheet);
    else this.sheet?.remove();
  }
}
