/**
 * The mentions on a page and their highlights. Highlights use the CSS Custom Highlight API: no
 * element is inserted in the article and layout does not change (measured in
 * ../shared/notes/performance.md: 15 ms for 15k matches, against 534 ms of forced layout for
 * wrapped spans). Hover is hit-tested with caretPositionFromPoint and each range's rectangles.
 */

export interface PageMention {
  entityId: string;
  adjective: boolean;
  confidence: number;
  alternatives: string[];
  range: Range;
  block: Element;
}

export const HIGHLIGHT_NAMES = {
  mention: 'siyaq-mention',
  adjective: 'siyaq-adjective',
  ambiguous: 'siyaq-ambiguous',
  active: 'siyaq-active',
} as const;

export type HighlightStyle = 'dotted' | 'underline' | 'background' | 'none';
export type AdjectiveMode = 'lighter' | 'same' | 'off';

/** The page-level stylesheet for the highlights (only ::highlight rules: nothing else styled). */
export function highlightCss(style: HighlightStyle, adjectives: AdjectiveMode): string {
  const color = '#1a73e8';
  const deco = (c: string, kind: string) =>
    style === 'background'
      ? `background-color: ${c}22;`
      : style === 'none'
        ? ''
        : `text-decoration: underline ${kind} ${c}; text-decoration-thickness: 1.5px; text-underline-offset: 4px;`;
  const kind = style === 'underline' ? 'solid' : 'dotted';
  const adj = adjectives === 'off' ? '' : adjectives === 'same' ? deco(color, kind) : deco('#1a73e899', 'dotted');
  return [
    `::highlight(${HIGHLIGHT_NAMES.mention}) { ${deco(color, kind)} }`,
    `::highlight(${HIGHLIGHT_NAMES.adjective}) { ${adj} }`,
    `::highlight(${HIGHLIGHT_NAMES.ambiguous}) { ${deco('#b06000', 'dotted')} }`,
    `::highlight(${HIGHLIGHT_NAMES.active}) { background-color: #1a73e833; }`,
  ].join('\n');
}

interface HighlightRegistry {
  set(name: string, h: Highlight): void;
  delete(name: string): boolean;
}

function registry(): HighlightRegistry | undefined {
  const css = (globalThis as { CSS?: { highlights?: HighlightRegistry } }).CSS;
  return css?.highlights;
}

export function highlightSupported(): boolean {
  return registry() !== undefined && typeof Highlight === 'function';
}

export class MentionIndex {
  readonly all: PageMention[] = [];
  private readonly byNode = new Map<Node, PageMention[]>();
  private readonly groups = {
    mention: new Highlight(),
    adjective: new Highlight(),
    ambiguous: new Highlight(),
    active: new Highlight(),
  };
  private sorted = true;
  private readonly byBlock = new Map<Element, PageMention[]>();
  private readonly shown = new Set<Element>();

  constructor() {
    const reg = registry();
    if (!reg) return;
    this.groups.active.priority = 1;
    reg.set(HIGHLIGHT_NAMES.mention, this.groups.mention);
    reg.set(HIGHLIGHT_NAMES.adjective, this.groups.adjective);
    reg.set(HIGHLIGHT_NAMES.ambiguous, this.groups.ambiguous);
    reg.set(HIGHLIGHT_NAMES.active, this.groups.active);
  }

  private group(m: PageMention): Highlight {
    return m.alternatives.length ? this.groups.ambiguous : m.adjective ? this.groups.adjective : this.groups.mention;
  }

  /**
   * Only blocks near the viewport carry highlights (`showBlock`): Chromium re-walks the document
   * on every change to the highlight registry, and 17k ranges on a 100k-word page made a
   * 200 ms paint (npm run bench). Hover and keyboard work on every mention regardless.
   */
  showBlock(block: Element): void {
    if (this.shown.has(block)) return;
    this.shown.add(block);
    for (const m of this.byBlock.get(block) ?? []) this.group(m).add(m.range);
  }

  hideBlock(block: Element): void {
    if (!this.shown.delete(block)) return;
    for (const m of this.byBlock.get(block) ?? []) this.group(m).delete(m.range);
  }

  /** Mentions held for a block (highlighted or not). */
  blockHasMentions(block: Element): boolean {
    return (this.byBlock.get(block)?.length ?? 0) > 0;
  }

  add(m: PageMention, showAmbiguous: boolean): void {
    if (m.alternatives.length && !showAmbiguous) return;
    this.all.push(m);
    this.sorted = false;
    const inBlock = this.byBlock.get(m.block);
    if (inBlock) inBlock.push(m);
    else this.byBlock.set(m.block, [m]);
    if (this.shown.has(m.block)) this.group(m).add(m.range);
    for (const node of [m.range.startContainer, m.range.endContainer]) {
      const list = this.byNode.get(node);
      if (list) {
        if (!list.includes(m)) list.push(m);
      } else this.byNode.set(node, [m]);
    }
  }

  /** Removes the mentions of blocks that are re-read (their text changed). */
  removeBlock(block: Element): void {
    this.byBlock.delete(block);
    for (let i = this.all.length - 1; i >= 0; i--) {
      const m = this.all[i]!;
      if (m.block !== block) continue;
      this.all.splice(i, 1);
      for (const g of Object.values(this.groups)) g.delete(m.range);
      for (const node of [m.range.startContainer, m.range.endContainer]) {
        const list = this.byNode.get(node);
        if (list) {
          const k = list.indexOf(m);
          if (k >= 0) list.splice(k, 1);
          if (!list.length) this.byNode.delete(node);
        }
      }
    }
  }

  clear(): void {
    this.all.length = 0;
    this.byNode.clear();
    this.byBlock.clear();
    this.shown.clear();
    for (const g of Object.values(this.groups)) g.clear();
  }

  dispose(): void {
    this.clear();
    const reg = registry();
    if (reg) for (const n of Object.values(HIGHLIGHT_NAMES)) reg.delete(n);
  }

  setActive(m: PageMention | undefined): void {
    this.groups.active.clear();
    if (m) this.groups.active.add(m.range);
  }

  /** Mentions in document order (for keyboard stepping). */
  ordered(): PageMention[] {
    if (!this.sorted) {
      this.all.sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
      this.sorted = true;
    }
    return this.all;
  }

  /** The mention under a viewport point, if the point is on its text. */
  at(doc: Document, x: number, y: number): PageMention | undefined {
    let node: Node | null = null;
    let offset = 0;
    const d = doc as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
    if (d.caretPositionFromPoint) {
      const p = d.caretPositionFromPoint(x, y);
      node = p?.offsetNode ?? null;
      offset = p?.offset ?? 0;
    } else if (doc.caretRangeFromPoint) {
      const r = doc.caretRangeFromPoint(x, y);
      node = r?.startContainer ?? null;
      offset = r?.startOffset ?? 0;
    }
    if (!node) return undefined;
    const list = this.byNode.get(node);
    if (!list) return undefined;
    let best: PageMention | undefined;
    for (const m of list) {
      if (!m.range.isPointInRange(node, offset) && !(m.range.endContainer === node && m.range.endOffset === offset)) continue;
      // The caret API snaps to the nearest character: make sure the point is on the text.
      const on = Array.from(m.range.getClientRects()).some((r) => x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1);
      // Nested mentions (الإسرائيلي inside الجيش الإسرائيلي): the innermost one under the pointer.
      if (on && (!best || m.range.toString().length < best.range.toString().length)) best = m;
    }
    return best;
  }
}
