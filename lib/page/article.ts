/**
 * Reading a news page: is it Arabic, where is the article, and its text as blocks of text nodes.
 * The walker leaves out what is not prose (scripts, styles, form fields, editable areas, code,
 * [translate=no]) and the extension's own UI, after Firefox Translations' InPageTranslation.
 */

const ARABIC = /[\u0600-\u06ff]/g;
const LETTERS = /[\p{L}]/gu;

/** True for a page in Arabic: lang="ar…" or at least 30% Arabic letters in a sample. */
export function isArabicPage(doc: Document): boolean {
  const lang = (doc.documentElement.getAttribute('lang') ?? '').toLowerCase();
  if (lang.startsWith('ar')) return true;
  const sample = (doc.body?.textContent ?? '').slice(0, 20_000);
  const letters = sample.match(LETTERS)?.length ?? 0;
  if (letters < 50) return false;
  return (sample.match(ARABIC)?.length ?? 0) / letters >= 0.3;
}

const ROOT_SELECTORS = ['[itemprop="articleBody"]', 'article', '[role="main"] article', 'main', '[role="main"]'];

function textLength(el: Element): number {
  let n = 0;
  for (const p of Array.from(el.querySelectorAll('p')).slice(0, 2000)) n += p.textContent?.length ?? 0;
  return n;
}

/** The element holding the article: the largest candidate by paragraph text, else body. */
export function findArticleRoot(doc: Document): Element {
  for (const sel of ROOT_SELECTORS) {
    const found = Array.from(doc.querySelectorAll(sel));
    if (!found.length) continue;
    let best = found[0]!;
    let bestLen = textLength(best);
    for (const el of found.slice(1)) {
      const len = textLength(el);
      if (len > bestLen) {
        best = el;
        bestLen = len;
      }
    }
    // An <article> that is only a teaser does not count.
    if (bestLen >= 200 || sel === 'main') {
      // Prefer the whole <article> (headline included) over its body container.
      return sel === '[itemprop="articleBody"]' ? (best.closest('article') ?? best) : best;
    }
  }
  return doc.body ?? doc.documentElement;
}

const SKIP_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'BUTTON',
  'CODE',
  'PRE',
  'KBD',
  'SAMP',
  'VAR',
  'SVG',
  'MATH',
  'IFRAME',
  'TEMPLATE',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'OBJECT',
]);
/** Page furniture skipped when the root is the whole body. */
const FURNITURE =
  'nav, header, footer, aside, form, [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], #comments, .comments, [class*="comment"]';

const BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'LI',
  'UL',
  'OL',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'TD',
  'TH',
  'TR',
  'TABLE',
  'BLOCKQUOTE',
  'SECTION',
  'ARTICLE',
  'HEADER',
  'FOOTER',
  'FIGCAPTION',
  'FIGURE',
  'DD',
  'DT',
  'DL',
  'ASIDE',
  'NAV',
  'MAIN',
  'CAPTION',
  'BODY',
  'ADDRESS',
  'DETAILS',
  'SUMMARY',
]);

export interface Segment {
  node: Text;
  /** Offset of this node's first char in the block text. */
  start: number;
}

export interface Block {
  el: Element;
  text: string;
  segments: Segment[];
}

export interface WalkOptions {
  /** Elements (and their subtrees) to leave out, e.g. the extension's card host. */
  exclude?: (el: Element) => boolean;
  /** Leave out site furniture (when the root is body). */
  skipFurniture?: boolean;
}

function rejected(el: Element, opts: WalkOptions): boolean {
  if (SKIP_TAGS.has(el.tagName.toUpperCase())) return true;
  if (el.hasAttribute('contenteditable') && el.getAttribute('contenteditable') !== 'false') return true;
  if (el.getAttribute('translate') === 'no' || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  if (opts.skipFurniture && el.matches(FURNITURE)) return true;
  return opts.exclude?.(el) ?? false;
}

function blockOf(node: Node, root: Element): Element {
  let el = node.parentElement;
  while (el && el !== root && !BLOCK_TAGS.has(el.tagName.toUpperCase())) el = el.parentElement;
  return el ?? root;
}

/**
 * The text blocks under `root` (or only those under `within`), in document order. Text nodes of
 * one block element join into one block; a <br> or a nested block starts a new line ("\n").
 * Read in slices of at most `sliceMs` of main-thread time, so a 100k-word page is read without
 * one long task; `pause` yields to the page (e.g. scheduler.yield).
 */
export async function collectBlocksSliced(root: Element, opts: WalkOptions, within: Node, sliceMs: number, pause: () => Promise<void>): Promise<Block[]> {
  const walk = walkBlocks(root, opts, within);
  let start = performance.now();
  for (let r = walk.next(); ; r = walk.next()) {
    if (r.done) return r.value;
    if (performance.now() - start > sliceMs) {
      await pause();
      start = performance.now();
    }
  }
}

/** Walks the text under `within`, yielding every few hundred nodes so callers can pause. */
function* walkBlocks(root: Element, opts: WalkOptions, within: Node): Generator<void, Block[]> {
  const doc = root.ownerDocument;
  const blocks: Block[] = [];
  const byEl = new Map<Element, Block>();
  let lastBlock: Block | undefined;
  const walker = doc.createTreeWalker(within, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(n) {
      if (n.nodeType === 1) return rejected(n as Element, opts) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  let seen = 0;
  // A <br> between two text nodes of one block is a line break: rejected elements are not
  // visited, so look for it when joining.
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (++seen % 256 === 0) yield;
    const t = n as Text;
    const data = t.data;
    if (!data || !/\S/.test(data)) continue;
    const el = blockOf(t, root);
    let b = byEl.get(el);
    if (!b) {
      b = { el, text: '', segments: [] };
      byEl.set(el, b);
      blocks.push(b);
    } else if (b !== lastBlock || brBetween(b.segments[b.segments.length - 1]!.node, t)) {
      b.text += '\n';
    }
    b.segments.push({ node: t, start: b.text.length });
    b.text += data;
    lastBlock = b;
  }
  return blocks;
}

function brBetween(a: Text, b: Text): boolean {
  let n: Node | null = a;
  for (let steps = 0; n && steps < 50; steps++) {
    n = n.nextSibling ?? nextUp(n);
    if (!n || n === b) return false;
    if (n.nodeName === 'BR') return true;
    if (n.contains(b)) return false;
  }
  return false;
}

function nextUp(n: Node): Node | null {
  let p = n.parentNode;
  while (p && !p.nextSibling) p = p.parentNode;
  return p?.nextSibling ?? null;
}

/** A DOM range for block offsets [start, end). */
export function rangeFor(block: Block, start: number, end: number): Range | undefined {
  const doc = block.el.ownerDocument;
  const find = (offset: number, isEnd: boolean): [Text, number] | undefined => {
    const segs = block.segments;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid]!.start <= offset - (isEnd ? 1 : 0)) lo = mid;
      else hi = mid - 1;
    }
    const s = segs[lo];
    if (!s) return undefined;
    const local = offset - s.start;
    if (local < 0 || local > s.node.data.length) return undefined;
    return [s.node, local];
  };
  const a = find(start, false);
  const b = find(end, true);
  if (!a || !b) return undefined;
  const r = doc.createRange();
  try {
    r.setStart(a[0], a[1]);
    r.setEnd(b[0], b[1]);
  } catch {
    return undefined;
  }
  return r;
}
