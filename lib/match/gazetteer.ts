/**
 * The gazetteer index: every alias of every entity, as token sequences, in one ArrayBuffer.
 *
 * An open-addressing hash table keyed by the two 32-bit sequence hashes of each alias prefix
 * (1, 2, ... n tokens). A slot's value says whether longer aliases continue from this prefix
 * and, when an alias ends here, which senses (entity + alias flags) it has: one sense inline,
 * several through a list. Matching walks tokens left to right, extending a sequence hash while
 * the table says "continues", keeping the longest terminal: leftmost-longest, non-overlapping,
 * one table probe per token per step. See docs/adr/0002-matching.md for the measurements that
 * chose this over character-level Aho-Corasick.
 *
 * The buffer is self-contained (entity ids, types, salience, cue phrases, related entities), so
 * the service worker loads it from IndexedDB with zero parsing: views over the same bytes.
 */
import { hashRange, seqNext1, seqNext2, seqStart1, seqStart2 } from '../text/hash';
import { tokenize } from '../text/tokenize';
import { ENTITY_TYPES, SENSE_FLAG_BITS, type EntityType } from './types';

const MAGIC = 0x31515953; // "SYQ1"
const VERSION = 2;
const HEADER_WORDS = 16;

const V_PREFIX = 0x80000000; // longer aliases continue from here
const V_TERMINAL = 0x40000000; // an alias ends here
const V_INLINE = 0x20000000; // the low bits are one sense, not a list index
const SENSE_ENTITY_BITS = 24;
/** In a cue triple's first word: the cue is the entity's own, not its class's. */
export const CUE_OWN = 0x100;
const SENSE_ENTITY_MASK = (1 << SENSE_ENTITY_BITS) - 1;
export const MAX_ENTITIES = SENSE_ENTITY_MASK;

export interface GazetteerEntity {
  id: string;
  type: EntityType;
  /** 0..1 */
  salience: number;
  /** Normalized phrases that confirm the entity when they come right before a mention. */
  cues: readonly string[];
  /** Cue phrases of the entity's class (مدينة for cities): weaker, not enough for ordinary words. */
  classCues?: readonly string[];
  /** Indices of entities whose presence in a text supports this one (capital, country, ...). */
  related: readonly number[];
}

export interface GazetteerAlias {
  /** Normalized (folded) words joined by single spaces. */
  key: string;
  entity: number;
  flags: number;
}

/** Sense = entity index (24 bits) and alias flags (5 bits). */
export function senseEntity(sense: number): number {
  return sense & SENSE_ENTITY_MASK;
}
export function senseFlags(sense: number): number {
  return (sense >>> SENSE_ENTITY_BITS) & ((1 << SENSE_FLAG_BITS) - 1);
}
function makeSense(entity: number, flags: number): number {
  return ((flags << SENSE_ENTITY_BITS) | entity) >>> 0;
}

function keyHashes(key: string): { h1: number[]; h2: number[] } {
  const t = tokenize(key);
  const h1: number[] = [];
  const h2: number[] = [];
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < t.count; i++) {
    if (i === 0) {
      s1 = seqStart1(t.h1[i]!);
      s2 = seqStart2(t.h2[i]!);
    } else {
      s1 = seqNext1(s1, t.h1[i]!);
      s2 = seqNext2(s2, t.h2[i]!);
    }
    h1.push(s1);
    h2.push(s2);
  }
  return { h1, h2 };
}

function tableCapacity(entries: number): number {
  let cap = 16;
  while (cap * 0.8 < entries) cap *= 2;
  return cap;
}

/** Compiles entities and aliases into one buffer. Duplicate (key, entity) pairs merge flags. */
export function compileGazetteer(entities: readonly GazetteerEntity[], aliases: readonly GazetteerAlias[]): ArrayBuffer {
  if (entities.length > MAX_ENTITIES) throw new Error(`too many entities for one index (${entities.length} > ${MAX_ENTITIES})`);
  // key sequence hash -> { prefix, senses }
  interface Entry {
    h1: number;
    h2: number;
    prefix: boolean;
    senses: Map<number, number> | undefined; // entity -> flags
  }
  const entries = new Map<string, Entry>();
  const entryFor = (h1: number, h2: number): Entry => {
    const k = `${h1}:${h2}`;
    let e = entries.get(k);
    if (!e) {
      e = { h1, h2, prefix: false, senses: undefined };
      entries.set(k, e);
    }
    return e;
  };
  for (const a of aliases) {
    if (a.entity < 0 || a.entity >= entities.length) throw new Error(`alias "${a.key}" points at entity ${a.entity}, which does not exist`);
    const { h1, h2 } = keyHashes(a.key);
    if (h1.length === 0) continue;
    for (let i = 0; i < h1.length; i++) {
      const e = entryFor(h1[i]!, h2[i]!);
      if (i < h1.length - 1) e.prefix = true;
      else {
        e.senses ??= new Map();
        e.senses.set(a.entity, (e.senses.get(a.entity) ?? 0) | a.flags);
      }
    }
  }

  // Cue phrases: deduplicated sets, each phrase stored as (tokens, h1, h2).
  const cueSetIds = new Map<string, number>();
  const cueSets: { n: number; h1: number; h2: number }[][] = [[]];
  cueSetIds.set('', 0);
  const entityCueSet = entities.map((e) => {
    const own = new Set(e.cues);
    const key = [...new Set([...e.cues.map((c) => `1${c}`), ...(e.classCues ?? []).filter((c) => !own.has(c)).map((c) => `0${c}`)])].sort().join('|');
    let id = cueSetIds.get(key);
    if (id === undefined) {
      id = cueSets.length;
      cueSetIds.set(key, id);
      cueSets.push(
        key
          .split('|')
          .filter(Boolean)
          .map((p) => {
            const { h1, h2 } = keyHashes(p.slice(1));
            // Token count in the low byte; bit 8 marks the entity's own cue.
            return { n: h1.length | (p[0] === '1' ? CUE_OWN : 0), h1: h1[h1.length - 1]!, h2: h2[h2.length - 1]! };
          })
          .filter((p) => (p.n & 0xff) > 0),
      );
    }
    return id;
  });
  if (cueSets.length > 0xffff) throw new Error('too many distinct cue sets');

  const cap = tableCapacity(entries.size);
  const table = new Uint32Array(cap * 3);
  const lists: number[] = [];
  const mask = cap - 1;
  for (const e of entries.values()) {
    let v = e.prefix ? V_PREFIX : 0;
    if (e.senses) {
      v |= V_TERMINAL;
      if (e.senses.size === 1) {
        // Inline senses keep 5 flag bits in bits 24-28; bit 29 is V_INLINE.
        for (const [ent, fl] of e.senses) v |= V_INLINE | (makeSense(ent, fl & 0x1f) & 0x1fffffff);
      } else {
        v |= lists.length;
        lists.push(e.senses.size);
        for (const [ent, fl] of e.senses) lists.push(makeSense(ent, fl));
      }
    }
    let slot = e.h1 & mask;
    while (table[slot * 3 + 2] !== 0) slot = (slot + 1) & mask;
    table[slot * 3] = e.h1;
    table[slot * 3 + 1] = e.h2;
    table[slot * 3 + 2] = v >>> 0;
  }

  // Entities: meta word (type | salience << 8 | cueSet << 16), related start, id start.
  const enc = new TextEncoder();
  const idBytes: Uint8Array[] = [];
  let idLen = 0;
  const entWords = new Uint32Array(entities.length * 3 + 3);
  const related: number[] = [];
  entities.forEach((e, i) => {
    const type = ENTITY_TYPES.indexOf(e.type);
    if (type < 0) throw new Error(`entity ${e.id}: unknown type ${e.type}`);
    const sal = Math.max(0, Math.min(255, Math.round(e.salience * 255)));
    entWords[i * 3] = (type | (sal << 8) | (entityCueSet[i]! << 16)) >>> 0;
    entWords[i * 3 + 1] = related.length;
    related.push(e.related.length, ...e.related);
    entWords[i * 3 + 2] = idLen;
    const b = enc.encode(e.id);
    idBytes.push(b);
    idLen += b.length;
  });
  entWords[entities.length * 3 + 2] = idLen;
  const cueWords: number[] = [];
  const cueIndex: number[] = [];
  for (const set of cueSets) {
    cueIndex.push(cueWords.length);
    cueWords.push(set.length);
    for (const p of set) cueWords.push(p.n, p.h1, p.h2);
  }

  const sections = [table.length, lists.length, entWords.length, related.length, cueIndex.length, cueWords.length];
  const idWords = Math.ceil(idLen / 4);
  const totalWords = HEADER_WORDS + sections.reduce((a, b) => a + b, 0) + idWords;
  const buf = new ArrayBuffer(totalWords * 4);
  const u32 = new Uint32Array(buf);
  u32[0] = MAGIC;
  u32[1] = VERSION;
  u32[2] = cap;
  u32[3] = lists.length;
  u32[4] = entities.length;
  u32[5] = related.length;
  u32[6] = cueIndex.length;
  u32[7] = cueWords.length;
  u32[8] = idLen;
  u32[9] = aliases.length;
  let off = HEADER_WORDS;
  u32.set(table, off);
  off += table.length;
  u32.set(lists, off);
  off += lists.length;
  u32.set(entWords, off);
  off += entWords.length;
  u32.set(related, off);
  off += related.length;
  u32.set(cueIndex, off);
  off += cueIndex.length;
  u32.set(cueWords, off);
  off += cueWords.length;
  const bytes = new Uint8Array(buf, off * 4, idLen);
  let p = 0;
  for (const b of idBytes) {
    bytes.set(b, p);
    p += b.length;
  }
  return buf;
}

const decoder = new TextDecoder();

export class Gazetteer {
  readonly entityCount: number;
  readonly aliasCount: number;
  readonly byteLength: number;
  private readonly table: Uint32Array;
  private readonly mask: number;
  private readonly lists: Uint32Array;
  private readonly ents: Uint32Array;
  private readonly related: Uint32Array;
  private readonly cueIndex: Uint32Array;
  private readonly cueWords: Uint32Array;
  private readonly idBytes: Uint8Array;
  private readonly idCache = new Map<number, string>();
  private idMap: Map<string, number> | undefined;

  constructor(buf: ArrayBuffer) {
    const h = new Uint32Array(buf, 0, HEADER_WORDS);
    if (h[0] !== MAGIC) throw new Error('not a Siyaq gazetteer (bad magic)');
    if (h[1] !== VERSION) throw new Error(`gazetteer version ${h[1]} is not ${VERSION}; rebuild the index`);
    const cap = h[2]!;
    this.mask = cap - 1;
    this.entityCount = h[4]!;
    this.aliasCount = h[9]!;
    this.byteLength = buf.byteLength;
    let off = HEADER_WORDS * 4;
    const take = (words: number) => {
      const a = new Uint32Array(buf, off, words);
      off += words * 4;
      return a;
    };
    this.table = take(cap * 3);
    this.lists = take(h[3]!);
    this.ents = take(this.entityCount * 3 + 3);
    this.related = take(h[5]!);
    this.cueIndex = take(h[6]!);
    this.cueWords = take(h[7]!);
    this.idBytes = new Uint8Array(buf, off, h[8]!);
  }

  /** The slot value for a sequence hash, or 0 when absent. */
  lookup(h1: number, h2: number): number {
    const t = this.table;
    const mask = this.mask;
    let slot = h1 & mask;
    for (;;) {
      const b = slot * 3;
      const v = t[b + 2]!;
      if (v === 0) return 0;
      if (t[b] === h1 && t[b + 1] === h2) return v;
      slot = (slot + 1) & mask;
    }
  }

  static continues(v: number): boolean {
    return (v & V_PREFIX) !== 0;
  }
  static terminal(v: number): boolean {
    return (v & V_TERMINAL) !== 0;
  }

  /** The senses of a terminal slot value. */
  senses(v: number): number[] {
    if (v & V_INLINE) return [v & 0x1fffffff];
    const at = v & 0x1fffffff;
    const n = this.lists[at]!;
    return Array.from(this.lists.subarray(at + 1, at + 1 + n));
  }

  entityId(i: number): string {
    let s = this.idCache.get(i);
    if (s === undefined) {
      s = decoder.decode(this.idBytes.subarray(this.ents[i * 3 + 2], this.ents[i * 3 + 5]));
      this.idCache.set(i, s);
    }
    return s;
  }

  /** Index of an entity id, or -1 (builds a map on first use). */
  entityIndex(id: string): number {
    if (!this.idMap) {
      this.idMap = new Map();
      for (let i = 0; i < this.entityCount; i++) this.idMap.set(this.entityId(i), i);
    }
    return this.idMap.get(id) ?? -1;
  }

  entityType(i: number): EntityType {
    return ENTITY_TYPES[this.ents[i * 3]! & 0xff] ?? 'other';
  }

  salience(i: number): number {
    return ((this.ents[i * 3]! >>> 8) & 0xff) / 255;
  }

  relatedOf(i: number): Uint32Array {
    const at = this.ents[i * 3 + 1]!;
    const n = this.related[at]!;
    return this.related.subarray(at + 1, at + 1 + n);
  }

  /** Cue phrases of an entity: triples (token count | CUE_OWN, h1, h2) in a flat array. */
  cuesOf(i: number): Uint32Array {
    const set = this.ents[i * 3]! >>> 16;
    const at = this.cueIndex[set]!;
    const n = this.cueWords[at]!;
    return this.cueWords.subarray(at + 1, at + 1 + n * 3);
  }
}

/** Hash of token t of a token stream read from folded char `skip` on, with an optional lead char. */
export function variantHash(chars: Uint16Array, from: number, to: number, skip: number, lead: number, out: Uint32Array): void {
  hashRange(chars, from + skip, to, lead, out);
}
