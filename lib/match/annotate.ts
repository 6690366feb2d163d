import { tokenize } from '../text/tokenize';
import type { Gazetteer } from './gazetteer';
import { resolve } from './resolve';
import { scan } from './scan';
import type { Mention } from './types';

/** Finds the mentions in one document. */
export function annotate(g: Gazetteer, text: string): Mention[] {
  const t = tokenize(text);
  return resolve(g, t, text, scan(g, t));
}

/**
 * Finds the mentions in a document given as blocks (paragraphs of a page): one document for
 * disambiguation, offsets reported per block.
 */
export function annotateBlocks(g: Gazetteer, blocks: readonly string[]): Mention[][] {
  const starts: number[] = [];
  let doc = '';
  for (const b of blocks) {
    starts.push(doc.length);
    doc += b + '\n';
  }
  const out: Mention[][] = blocks.map(() => []);
  let k = 0;
  for (const m of annotate(g, doc)) {
    while (k + 1 < starts.length && starts[k + 1]! <= m.start) k++;
    const base = starts[k]!;
    out[k]!.push({ ...m, start: m.start - base, end: m.end - base });
  }
  return out;
}
