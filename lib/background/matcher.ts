/**
 * The gazetteer in the background: loaded once per service-worker life from the stored blob
 * (zero-copy views, tens of ms cold), dropped when packs change.
 */
import { annotateBlocks } from '../match/annotate';
import { Gazetteer } from '../match/gazetteer';
import { loadMatcherRecord } from '../db/packs';
import { rebuildMatcher } from '../db/slots';
import type { WireMention } from '../messages/protocol';

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

export async function annotateForWire(blocks: readonly string[]): Promise<WireMention[][]> {
  const g = await gazetteer();
  if (!g) return blocks.map(() => []);
  return annotateBlocks(g, blocks).map((ms) => ms.map((m): WireMention => [m.start, m.end, m.entityId, m.adjective ? 1 : 0, m.confidence, m.alternatives]));
}
