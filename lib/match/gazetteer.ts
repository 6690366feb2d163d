/**
 * The gazetteer index: every alias of every entity, as token sequences, in one ArrayBuffer.
 *
 * An open-addressing hash table over every alias prefix (1, 2, ... n tokens). A prefix is known by
 * two 32-bit sequence hashes: the first picks the home slot, the second is stored as the slot's
 * fingerprint, so a slot is 8 bytes and no key strings are kept. A slot's value says whether
 * longer aliases continue from this prefix and, when an alias ends here, which senses (entity +
 * alias flags) it has: one sense inline, several through a list. Matching walks tokens left to
 * right, extending a sequence hash while the table says "continues", keeping the longest
 * terminal: leftmost-longest, non-overlapping, one probe per token per step. See
 * docs/adr/0002-matching.md for why this and not character-level Aho-Corasick.
 *
 * The buffer is self-contained (entity ids, types, salience, cue phrases, related entities), so
 * the service worker loads it from IndexedDB with zero parsing: typed-array views over its bytes.
 */
import { fmix32, H1_SEED, H2_SEED, seqNext1, seqNext2, seqStart1, seqStart2 } from '../text/hash';
import { ENTITY_TYPES, SENSE_FLAG_BITS, type EntityType } from './types';
import { u32List } from './typed-list';

const MAGIC = 0x31515953; // "SYQ1"
const VERSION = 3;
const HEADER_WORDS = 16;
/** Table fill: 85% keeps probe chains short with linear probing and a good hash. */
const LOAD = 0.85;

const V_PREFIX = 0x80000000; // longer aliases continue from here
const V_TERMINAL = 0x40000000; // an alias ends here
const V_INLINE = 0x20000000; // the low bits are one sense, not a list index
const SENSE_ENTITY_BITS = 24;
/** In a cue triple's first word: the cue is the entity's own, not its class's. */
export const CUE_OWN = 0x100;
const SENSE_ENTITY_MASK = (1 << SENSE_ENTITY_BITS) - 1;
export const MAX_ENTITIES = SENSE_ENTITY_MASK;
const CUE_SET_BITS = 22;

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
  return (((flags & 0x1f) << SENSE_ENTITY_BITS) | entity) >>> 0;
}

/**
 * Sequence hashes of every prefix of a normalized key (words separated by single spaces), the
 * same as the tokenizer computes on page text, walked directly over the string.
 */
export function forEachPrefix(key: string, fn: (s1: number, s2: number, last: boolean) => void): number {
  let a = H1_SEED;
  let b = H2_SEED;
  let s1 = 0;
  let s2 = 0;
  let n = 0;
  let inWord = false;
  const len = key.length;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? key.charCodeAt(i) : 0x20;
    if (c !== 0x20) {
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
      inWord = true;
      continue;
    }
    if (!inWord) continue;
    const t1 = fmix32(a);
    const t2 = fmix32(b ^ 0x27d4eb2f);
    if (n === 0) {
      s1 = seqStart1(t1);
      s2 = seqStart2(t2);
    } else {
      s1 = seqNext1(s1, t1);
      s2 = seqNext2(s2, t2);
    }
    n++;
    let more = false;
    for (let j = i + 1; j < len; j++)
      if (key.charCodeAt(j) !== 0x20) {
        more = true;
        break;
      }
    fn(s1, s2, !more);
    a = H1_SEED;
    b = H2_SEED;
    inWord = false;
  }
  return n;
}

const EMPTY: readonly string[] = [];

/**
 * Entities as the compiler reads them: by index, so a caller with columns (the importer) need not
 * make an object per entity. Lists must keep their identity across entities that share them (the
 * compiler caches cue sets by list identity).
 */
export interface EntitySource {
  readonly length: number;
  id(i: number): string;
  type(i: number): EntityType;
  salience(i: number): number;
  cues(i: number): readonly string[];
  classCues(i: number): readonly string[];
  related(i: number): ArrayLike<number>;
}

function arraySource(entities: readonly GazetteerEntity[]): EntitySource {
  return {
    length: entities.length,
    id: (i) => entities[i]!.id,
    type: (i) => entities[i]!.type,
    salience: (i) => entities[i]!.salience,
    cues: (i) => entities[i]!.cues,
    classCues: (i) => entities[i]!.classCues ?? EMPTY,
    related: (i) => entities[i]!.related,
  };
}

/**
 * Compiles entities and aliases into one buffer. Duplicate (key, entity) pairs merge flags.
 * `aliases` is read twice and may hand out the same object each time (no object per alias).
 * Scratch memory is typed arrays sized by the alias count; nothing per alias or per entity.
 */
export function compileGazetteer(entities: readonly GazetteerEntity[] | EntitySource, aliases: Iterable<GazetteerAlias>): ArrayBuffer {
  return runSteps(compileSteps(entities, aliases));
}

/** Runs a compile to the end at once. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs a compile giving the event loop a turn between steps (a worker stays responsive). */
export async function runStepsAsync<T>(steps: Generator<void, T>): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** Work between two yields, in aliases or entities (tens of milliseconds). */
const STEP = 32768;

/** The compile, as steps: `compileGazetteer` runs them at once, a worker with `runStepsAsync`. */
export function* compileSteps(entitiesIn: readonly GazetteerEntity[] | EntitySource, aliases: Iterable<GazetteerAlias>): Generator<void, ArrayBuffer> {
  const entities: EntitySource = Array.isArray(entitiesIn) ? arraySource(entitiesIn) : (entitiesIn as EntitySource);
  const n = entities.length;
  if (n > MAX_ENTITIES) throw new Error(`too many entities for one index (${n} > ${MAX_ENTITIES})`);

  // Pass 1: every distinct prefix, in a scratch table keyed by both hashes.
  let bound = 0;
  let aliasCount = 0;
  for (const a of aliases) {
    aliasCount++;
    const k = a.key;
    bound++;
    for (let i = k.indexOf(' '); i >= 0; i = k.indexOf(' ', i + 1)) bound++;
  }
  let tcap = 16;
  while (tcap < bound * 2) tcap *= 2;
  const tmask = tcap - 1;
  let tref: Int32Array | null = new Int32Array(tcap); // entry index + 1; 0 = empty (the hashes are the entry's)
  let eh1 = new Uint32Array(Math.max(1, bound));
  let eh2 = new Uint32Array(Math.max(1, bound));
  let ePrefix = new Uint8Array(Math.max(1, bound));
  // An entry's senses: -1 none; >= 0 one sense inline; <= -2 list number -(value + 2).
  let eSense = new Int32Array(Math.max(1, bound)).fill(-1);
  // Lists of senses: cells (sense, next cell + 1; 0 ends), each list's first and last cell.
  const cells = u32List();
  const heads = u32List();
  const tails = u32List();
  const lists = u32List();
  // Whether an entity's aliases came in more than one run (the same id in two packs): only then
  // can its sense already be in a list other than at the tail.
  const runs = new Uint8Array(Math.max(1, n));
  let nEntries = 0;
  let current = 0;
  let currentFlags = 0;
  const addCell = (sense: number): number => {
    const c = cells.length / 2;
    cells.push(sense);
    cells.push(0);
    return c;
  };
  const visit = (s1: number, s2: number, last: boolean) => {
    let slot = s1 & tmask;
    let e: number;
    const tr = tref!;
    for (;;) {
      const r = tr[slot]!;
      if (r === 0) {
        e = nEntries++;
        eh1[e] = s1;
        eh2[e] = s2;
        tr[slot] = e + 1;
        break;
      }
      if (eh1[r - 1] === s1 && eh2[r - 1] === s2) {
        e = r - 1;
        break;
      }
      slot = (slot + 1) & tmask;
    }
    if (!last) {
      ePrefix[e] = 1;
      return;
    }
    const prev = eSense[e]!;
    const sense = makeSense(current, currentFlags);
    if (prev === -1) eSense[e] = sense;
    else if (prev >= 0 && senseEntity(prev) === current) eSense[e] = (prev | sense) >>> 0;
    else if (prev >= 0) {
      // A second entity: the entry becomes a list of two cells.
      const head = addCell(prev);
      const tail = addCell(sense);
      cells.buf[head * 2 + 1] = tail + 1;
      eSense[e] = -(heads.length + 2);
      heads.push(head);
      tails.push(tail);
    } else {
      const list = -prev - 2;
      const tail = tails.buf[list]!;
      let c = runs[current]! > 1 ? heads.buf[list]! : tail;
      for (;;) {
        if (senseEntity(cells.buf[c * 2]!) === current) {
          cells.buf[c * 2] = (cells.buf[c * 2]! | sense) >>> 0;
          return;
        }
        if (c === tail) break;
        c = cells.buf[c * 2 + 1]! - 1;
      }
      const added = addCell(sense);
      cells.buf[tail * 2 + 1] = added + 1;
      tails.buf[list] = added;
    }
  };
  let seen = 0;
  let previous = -1;
  for (const a of aliases) {
    if (++seen % STEP === 0) yield;
    if (a.entity < 0 || a.entity >= n) throw new Error(`alias "${a.key}" points at entity ${a.entity}, which does not exist`);
    current = a.entity;
    currentFlags = a.flags;
    if (current !== previous) {
      if (runs[current]! < 2) runs[current]!++;
      previous = current;
    }
    forEachPrefix(a.key, visit);
  }
  tref = null; // the scratch table is done: let it go before the buffer is allocated
  // Entries are fewer than the bound where aliases share prefixes: keep only what is used.
  if (nEntries < bound) {
    eh1 = eh1.slice(0, Math.max(1, nEntries));
    eh2 = eh2.slice(0, Math.max(1, nEntries));
    ePrefix = ePrefix.slice(0, Math.max(1, nEntries));
    eSense = eSense.slice(0, Math.max(1, nEntries));
  }

  // Pass 2a: each entry's slot value (in place of its sense) and the sense lists.
  const cap = Math.max(2, Math.ceil(nEntries / LOAD) + 1);
  for (let e = 0; e < nEntries; e++) {
    let v = ePrefix[e] ? V_PREFIX : 0;
    const sense = eSense[e]!;
    if (sense >= 0) v |= V_TERMINAL | V_INLINE | (sense & 0x1fffffff);
    else if (sense <= -2) {
      v |= V_TERMINAL | lists.length;
      const at = lists.length;
      lists.push(0);
      let count = 0;
      for (let c = heads.buf[-sense - 2]!; ;) {
        lists.push(cells.buf[c * 2]!);
        count++;
        const next = cells.buf[c * 2 + 1]!;
        if (next === 0) break;
        c = next - 1;
      }
      lists.buf[at] = count;
    }
    eSense[e] = v | 0;
  }

  cells.release();
  heads.release();
  tails.release();
  yield;
  // Cue sets, shared between entities with the same own and class cues.
  const cueSets: { n: number; h1: number; h2: number }[][] = [[]];
  const byText = new Map<string, number>([['', 0]]);
  const byRef = new Map<readonly string[], Map<readonly string[], number>>();
  const cueSetOf = (own: readonly string[], cls: readonly string[]): number => {
    let inner = byRef.get(own);
    const cached = inner?.get(cls);
    if (cached !== undefined) return cached;
    const ownSet = new Set(own);
    const key = [...new Set([...own.map((c) => `1${c}`), ...cls.filter((c) => !ownSet.has(c)).map((c) => `0${c}`)])].sort().join('|');
    let id = byText.get(key);
    if (id === undefined) {
      id = cueSets.length;
      byText.set(key, id);
      const set: { n: number; h1: number; h2: number }[] = [];
      for (const p of key.split('|')) {
        if (!p) continue;
        let h1 = 0;
        let h2 = 0;
        const n = forEachPrefix(p.slice(1), (s1, s2, last) => {
          if (last) {
            h1 = s1;
            h2 = s2;
          }
        });
        // Token count in the low byte; CUE_OWN marks the entity's own cue.
        if (n > 0) set.push({ n: n | (p[0] === '1' ? CUE_OWN : 0), h1, h2 });
      }
      cueSets.push(set);
    }
    if (!inner) byRef.set(own, (inner = new Map()));
    inner.set(cls, id);
    return id;
  };

  // Entities: meta (type 3 bits | salience 7 bits | cue set 22 bits), id offsets; relations sparse.
  const meta = new Uint32Array(n);
  const idStart = new Uint32Array(n + 1);
  const relEntity = u32List();
  const relStart = u32List();
  const related = u32List();
  // Ids in one UTF-8 buffer: ASCII ids (QIDs, namespaced ids) take one byte per character.
  const enc = new TextEncoder();
  let idLen = 0;
  let ascii = true;
  for (let i = 0; i < n && ascii; i++) ascii = /^[\x00-\x7f]*$/.test(entities.id(i));
  const idChunks: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    if (i % STEP === STEP - 1) yield;
    const type = ENTITY_TYPES.indexOf(entities.type(i));
    const id = entities.id(i);
    if (type < 0) throw new Error(`entity ${id}: unknown type ${entities.type(i)}`);
    const sal = Math.max(0, Math.min(127, Math.round(entities.salience(i) * 127)));
    const own = entities.cues(i);
    const cls = entities.classCues(i);
    const cueSet = cueSetOf(own.length ? own : EMPTY, cls.length ? cls : EMPTY);
    if (cueSet >= 1 << CUE_SET_BITS) throw new Error('too many distinct cue sets');
    meta[i] = (type | (sal << 3) | (cueSet << 10)) >>> 0;
    const rel = entities.related(i);
    if (rel.length) {
      relEntity.push(i);
      relStart.push(related.length);
      related.push(rel.length);
      for (let r = 0; r < rel.length; r++) related.push(rel[r]!);
    }
    idStart[i] = idLen;
    if (ascii) idLen += id.length;
    else {
      const b = enc.encode(id);
      idChunks.push(b);
      idLen += b.length;
    }
  }
  idStart[n] = idLen;
  const cueWords = u32List();
  const cueIndex = u32List();
  for (const set of cueSets) {
    cueIndex.push(cueWords.length);
    cueWords.push(set.length);
    for (const p of set) {
      cueWords.push(p.n);
      cueWords.push(p.h1);
      cueWords.push(p.h2);
    }
  }

  const sections: ArrayLike<number>[] = [lists.view(), meta, idStart, relEntity.view(), relStart.view(), related.view(), cueIndex.view(), cueWords.view()];
  const words = HEADER_WORDS + cap * 2 + sections.reduce((a, s) => a + s.length, 0) + Math.ceil(idLen / 4);
  const buf = new ArrayBuffer(words * 4);
  const u32 = new Uint32Array(buf);
  u32.set([MAGIC, VERSION, cap, lists.length, n, relEntity.length, related.length, cueIndex.length, cueWords.length, idLen, aliasCount, nEntries]);
  yield;
  // Pass 2b: the compact table (8-byte slots, any capacity), written in place.
  const table = u32.subarray(HEADER_WORDS, HEADER_WORDS + cap * 2);
  for (let e = 0; e < nEntries; e++) {
    let slot = Math.floor(eh1[e]! * (cap / 4294967296));
    while (table[slot * 2 + 1] !== 0) slot = slot + 1 === cap ? 0 : slot + 1;
    table[slot * 2] = eh2[e]!;
    table[slot * 2 + 1] = eSense[e]! >>> 0;
  }
  let off = HEADER_WORDS + cap * 2;
  for (const s of sections) {
    u32.set(s, off);
    off += s.length;
  }
  const bytes = new Uint8Array(buf, off * 4, idLen);
  if (ascii) {
    // One id at a time: no joined copy of all ids.
    let p = 0;
    for (let i = 0; i < n; i++) {
      const id = entities.id(i);
      for (let k = 0; k < id.length; k++) bytes[p++] = id.charCodeAt(k);
    }
  } else {
    let p = 0;
    for (const b of idChunks) {
      bytes.set(b, p);
      p += b.length;
    }
  }
  return buf;
}

const decoder = new TextDecoder();
const NO_RELATED = new Uint32Array(0);

export class Gazetteer {
  readonly entityCount: number;
  readonly aliasCount: number;
  /** Distinct alias prefixes in the table. */
  readonly entryCount: number;
  readonly byteLength: number;
  private readonly table: Uint32Array;
  private readonly cap: number;
  private readonly scale: number;
  private readonly lists: Uint32Array;
  private readonly meta: Uint32Array;
  private readonly idStart: Uint32Array;
  private readonly relEntity: Uint32Array;
  private readonly relStart: Uint32Array;
  private readonly related: Uint32Array;
  private readonly cueIndex: Uint32Array;
  private readonly cueWords: Uint32Array;
  private readonly idBytes: Uint8Array;
  private readonly idCache = new Map<number, string>();
  private idMap: Map<string, number> | undefined;

  constructor(buf: ArrayBuffer) {
    if (buf.byteLength < HEADER_WORDS * 4) throw new Error('not a Siyaq gazetteer (too short)');
    const h = new Uint32Array(buf, 0, HEADER_WORDS);
    if (h[0] !== MAGIC) throw new Error('not a Siyaq gazetteer (bad magic)');
    if (h[1] !== VERSION) throw new Error(`gazetteer version ${h[1]} is not ${VERSION}; rebuild the index`);
    this.cap = h[2]!;
    this.scale = this.cap / 4294967296;
    this.entityCount = h[4]!;
    this.aliasCount = h[10]!;
    this.entryCount = h[11]!;
    this.byteLength = buf.byteLength;
    let off = HEADER_WORDS * 4;
    const take = (words: number) => {
      const a = new Uint32Array(buf, off, words);
      off += words * 4;
      return a;
    };
    this.table = take(this.cap * 2);
    this.lists = take(h[3]!);
    this.meta = take(this.entityCount);
    this.idStart = take(this.entityCount + 1);
    this.relEntity = take(h[5]!);
    this.relStart = take(h[5]!);
    this.related = take(h[6]!);
    this.cueIndex = take(h[7]!);
    this.cueWords = take(h[8]!);
    this.idBytes = new Uint8Array(buf, off, h[9]!);
  }

  /** The slot value for a sequence hash, or 0 when absent. */
  lookup(h1: number, h2: number): number {
    const t = this.table;
    const cap = this.cap;
    // Home slot by multiply-shift (h1 * cap / 2^32): a float multiply, not a division.
    let slot = Math.floor((h1 >>> 0) * this.scale);
    for (;;) {
      const v = t[slot * 2 + 1]!;
      if (v === 0) return 0;
      if (t[slot * 2] === h2) return v;
      slot = slot + 1 === cap ? 0 : slot + 1;
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
      s = decoder.decode(this.idBytes.subarray(this.idStart[i], this.idStart[i + 1]));
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
    return ENTITY_TYPES[this.meta[i]! & 0x7] ?? 'other';
  }

  salience(i: number): number {
    return ((this.meta[i]! >>> 3) & 0x7f) / 127;
  }

  relatedOf(i: number): Uint32Array {
    const rel = this.relEntity;
    let lo = 0;
    let hi = rel.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = rel[mid]!;
      if (v === i) {
        const at = this.relStart[mid]!;
        return this.related.subarray(at + 1, at + 1 + this.related[at]!);
      }
      if (v < i) lo = mid + 1;
      else hi = mid - 1;
    }
    return NO_RELATED;
  }

  /** Cue phrases of an entity: triples (token count | CUE_OWN, h1, h2) in a flat array. */
  cuesOf(i: number): Uint32Array {
    const set = this.meta[i]! >>> 10;
    const at = this.cueIndex[set]!;
    const n = this.cueWords[at]!;
    return this.cueWords.subarray(at + 1, at + 1 + n * 3);
  }
}
