/**
 * A synthetic but valid data pack of n entities (about 300 bytes of JSON each: Arabic and English
 * labels, aliases, a description, facts) and some events, with correct counts and checksum.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packChecksum } from '../../lib/pack/checksum';
import { FORMAT, FORMAT_VERSION, type PackEntity, type PackEvent, type PackMeta } from '../../lib/pack/format';
import { writePack } from '../pack/build';
import { rng, synthGazetteer } from './synth';

export interface GeneratedPack {
  path: string;
  id: string;
  entities: number;
  events: number;
  jsonBytes: number;
  gzBytes: number;
  /** An entity of the pack and a paragraph that names it. */
  sample: { id: string; label: string; paragraph: string };
}

const LATIN = 'abcdefghijklmnopqrstuvwxyz';

/** Bump when the generator changes (invalidates the cached file). */
const GENERATOR_VERSION = 1;

/** The pack of n entities, from a cache in the temp folder when an identical one was built before. */
export function benchPack(n: number, events = 1000): GeneratedPack & { cached: boolean } {
  const dir = join(tmpdir(), 'siyaq-bench-cache');
  const base = join(dir, `bench-${n}-${events}-v${GENERATOR_VERSION}`);
  if (existsSync(`${base}.json`) && existsSync(`${base}.json.gz`)) {
    try {
      return { ...(JSON.parse(readFileSync(`${base}.json`, 'utf8')) as GeneratedPack), cached: true };
    } catch {
      /* rebuild */
    }
  }
  mkdirSync(dir, { recursive: true });
  const p = generatePack(n, events, 7, `${base}.json.gz`);
  writeFileSync(`${base}.json`, JSON.stringify(p));
  return { ...p, cached: false };
}

export function generatePack(n: number, events: number, seed: number, path: string): GeneratedPack {
  const r = rng(seed);
  // Names: the synthetic alias generator's 2-4-token aliases make labels, 1-2-token ones aliases.
  const names = synthGazetteer(Math.ceil(n * 2.2), seed + 1);
  const multi = names.surfaces.filter((s) => s.includes(' '));
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const latin = (len: number) => {
    let s = pick(LATIN.toUpperCase().split(''));
    for (let i = 1; i < len; i++) s += pick(LATIN.split(''));
    return s;
  };
  const date = (from: number, to: number) => {
    const y = from + Math.floor(r() * (to - from));
    return `${y}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
  };
  const KINDS = [
    { type: 'person', subtype: 'politician', desc: ['سياسي', 'Politician'] },
    { type: 'place', subtype: 'city', desc: ['مدينة', 'City'] },
    { type: 'organization', subtype: 'political-party', desc: ['حزب سياسي', 'Political party'] },
  ] as const;
  const entities: PackEntity[] = [];
  for (let i = 0; i < n; i++) {
    const k = KINDS[i % KINDS.length]!;
    const label = multi[i % multi.length]!;
    const short = names.surfaces[(i * 7919) % names.surfaces.length]!;
    const en = `${latin(5 + Math.floor(r() * 4))} ${latin(6)}`;
    const country = `bench:e${Math.floor(r() * n)}`;
    const e: PackEntity = {
      id: `bench:e${i}`,
      type: k.type,
      subtype: k.subtype,
      label: { ar: label, en },
      aliases: [{ ar: short }],
      description: { ar: `${k.desc[0]} في ${pick(names.surfaces)}` },
      facts:
        k.type === 'person'
          ? [
              { key: 'born', date: date(1930, 2000) },
              { key: 'party', ref: country },
            ]
          : k.type === 'place'
            ? [
                { key: 'population', num: Math.floor(r() * 5e6) },
                { key: 'country', ref: country },
              ]
            : [
                { key: 'founded', year: 1900 + Math.floor(r() * 120) },
                { key: 'leader', ref: country },
              ],
      salience: Math.round(r() * 100) / 100,
    };
    entities.push(e);
  }
  const evs: PackEvent[] = [];
  for (let i = 0; i < events; i++) {
    evs.push({
      id: `bench:v${i}`,
      date: date(2000, 2024),
      title: { ar: `اجتماع ${pick(multi)}`, en: `Meeting of ${latin(6)}` },
      entities: [{ id: `bench:e${(i * 97) % n}` }, { id: `bench:e${(i * 31 + 5) % n}` }],
    });
  }
  evs.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const meta: PackMeta = {
    id: 'bench.synthetic',
    name: { ar: 'حزمة قياس', en: 'Benchmark pack' },
    version: '1.0.0',
    description: { en: `${n} synthetic entities for npm run bench` },
    licenses: [{ name: 'CC0-1.0' }],
    created: '2024-05-19',
    counts: { entities: entities.length, events: evs.length },
    checksum: packChecksum(entities, evs),
  };
  const size = writePack({ format: FORMAT, formatVersion: FORMAT_VERSION, pack: meta, entities, events: evs }, path);
  // Entity 0 is named by every event whose index is a multiple of n/97-ish; its card has events.
  const s = entities[0]!;
  const paragraph = `وقال ${s.label.ar} إن ${entities[1]!.label.ar} و${entities[2]!.label.ar} سيجتمعان في إيران مع ${entities[3]!.label.ar} الأسبوع المقبل.`;
  return {
    path,
    id: meta.id,
    entities: entities.length,
    events: evs.length,
    jsonBytes: size.bytes,
    gzBytes: size.gzBytes,
    sample: { id: s.id, label: s.label.ar, paragraph },
  };
}
