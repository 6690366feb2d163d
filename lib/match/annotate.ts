import { tokenize } from '../text/tokenize';
import type { Gazetteer } from './gazetteer';
import { resolve } from './resolve';
import { scan } from './scan';
import type { Mention } from './types';

/** Finds the mentions in one document. */
/**
 * Finds the mentions in one document. `context`: entities known to be in the document already
 * (earlier parts of a page). `excluded`: entities that cannot be meant (e.g. founded after the
 * document's date).
 */
export function annotate(g: Gazetteer, text: string, context: readonly string[] = [], excluded?: (id: string) => boolean): Mention[] {
  const t = tokenize(text);
  const ctx = context.map((id) => g.entityIndex(id)).filter((i) => i >= 0);
  return resolve(g, t, text, scan(g, t), ctx, excluded ? (e) => excluded(g.entityId(e)) : undefined);
}

/**
 * Finds the mentions in a document given as blocks (paragraphs of a page): one document for
 * disambiguation, offsets reported per block.
 */
export function annotateBlocks(g: Gazetteer, blocks: readonly string[], context: readonly string[] = []): Mention[][] {
  const starts: number[] = [];
  let doc = '';
  for (const b of blocks) {
    starts.push(doc.length);
    doc += b + '\n';
  }
  const out: Mention[][] = blocks.map(() => []);
  let k = 0;
  for (const m of annotate(g, doc, context)) {
    while (k + 1 < starts.length && starts[k + 1]! <= m.start) k++;
    const base = starts[k]!;
    out[k]!.push({ ...m, start: m.start - base, end: m.end - base });
  }
  return out;
}
