/** Loading packs in Node for the command line, evaluation and benchmarks. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Gazetteer } from '../../lib/match/gazetteer';
import type { PackEntity, PackEvent, PackMeta } from '../../lib/pack/format';
import { readPackText } from '../../lib/pack/reader';
import { compileMatcher, type SlotIndex } from '../../lib/pack/slot-index';

export const ROOT = join(import.meta.dirname, '../..');
export const DEFAULT_PACK = join(ROOT, 'public/packs/default.json.gz');

export interface LoadedPack {
  meta: PackMeta;
  index: SlotIndex;
  entities: PackEntity[];
  events: PackEvent[];
}

export function packText(path: string): string {
  const bytes = readFileSync(path);
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}

export function loadPack(path: string, slot = 0): LoadedPack {
  const r = readPackText(packText(path), slot);
  return { meta: r.meta, index: r.index, entities: r.entities, events: r.events };
}

/** The bundled default pack; built first when the build has not run yet. */
export async function loadDefaultPack(): Promise<LoadedPack> {
  if (!existsSync(DEFAULT_PACK)) {
    const { buildDefaultPack, writePack } = await import('../pack/build');
    writePack(buildDefaultPack().pack);
  }
  return loadPack(DEFAULT_PACK);
}

export interface Matcher {
  g: Gazetteer;
  /** First pack wins. */
  entity(id: string): PackEntity | undefined;
  packs: LoadedPack[];
}

export function matcherFor(packs: LoadedPack[]): Matcher {
  const g = new Gazetteer(compileMatcher(packs.map((p, i) => ({ ...p.index, slot: i }))));
  const byId = new Map<string, PackEntity>();
  for (const p of packs) for (const e of p.entities) if (!byId.has(e.id)) byId.set(e.id, e);
  return { g, entity: (id) => byId.get(id), packs };
}
