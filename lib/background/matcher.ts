/**
 * The gazetteer in the background: loaded once per service-worker life from the stored blob
 * (zero-copy views, tens of ms cold), dropped when packs change.
 */
import { annotateBlocks } from '../match/annotate';
import { Gazetteer } from '../match/gazetteer';
import { loadMatcherRecord } from '../db/packs';
import { rebuildMatcher } from '../db/slots';
import type { Results, WireMention } from '../messages/protocol';
import { labelsOf } from './cards';

let loading: Promise<Gazetteer | undefined> | undefined;

export function invalidateMatcher(): void {
  loading = undefined;
}

export function gazetteer(): Promise<Gazetteer | undefined> {
  loading ??= (async () => {
    let rec = await loadMatcherRecord();
    if (!rec) rec = await rebuildMatcher();
    if (rec.entityCount === 0) return undefined;
    try {
      return new Gazetteer(rec.blob);
    } catch {
      // An index from an older build: rebuild it from the stored packs.
      return new Gazetteer((await rebuildMatcher()).blob);
    }
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

export async function annotateForWire(blocks: readonly string[], context: readonly string[] = []): Promise<Results['annotate']> {
  const g = await gazetteer();
  if (!g) return { mentions: blocks.map(() => []), labels: {} };
  const found = annotateBlocks(g, blocks, context);
  const ids = new Set<string>();
  const mentions = found.map((ms) =>
    ms.map((m): WireMention => {
      ids.add(m.entityId);
      for (const a of m.alternatives) ids.add(a);
      return [m.start, m.end, m.entityId, m.adjective ? 1 : 0, m.confidence, m.alternatives];
    }),
  );
  return { mentions, labels: await labelsOf([...ids]) };
}
