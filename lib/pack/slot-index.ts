/**
 * The per-import summary of a pack that the background keeps beside the rows: entity ids in
 * row order (to find a row), names (for search and lists), aliases (to compile the matcher),
 * and which events involve which entity (for cards). Built incrementally while importing, so
 * the rows themselves never need to be held in memory together.
 */
import { ENTITY_TYPES, type EntityType } from '../match/types';
import { compileSteps, runSteps, runStepsAsync, type EntitySource, type GazetteerAlias } from '../match/gazetteer';
import { entityAliases, entityCues, entityRelated } from './aliases';
import { TypedList } from '../match/typed-list';
import { ColumnBuilder, columnAt, columnLength, type StringColumn } from './columns';
import type { PackEntity, PackEvent, PackMeta } from './format';
import { fmix32, H1_SEED } from '../text/hash';
import { normalize } from '../text/normalize';

export interface SlotIndex {
  slot: number;
  packId: string;
  entityIds: StringColumn;
  labelsAr: StringColumn;
  labelsEn: StringColumn;
  /** English aliases per entity (for search), a list. */
  namesEn: StringColumn;
  types: Uint8Array;
  subtypes: StringColumn;
  salience: Float32Array;
  /**
   * Arabic aliases as written ("" when it is the entity's Arabic label), the entity row each
   * belongs to, and its flags. An alias's key is its normalized text (`aliasKey`), computed when
   * needed rather than stored: half the memory, and keys always match the running normalizer.
   */
  aliasTexts: StringColumn;
  aliasEntity: Uint32Array;
  aliasFlags: Uint8Array;
  /** Each entity's own cue words (normalized), a list. */
  cues: StringColumn;
  /** The pack's cue words per subtype (normalized). */
  subtypeCues: Record<string, string[]>;
  /** Ids of the entities each entity is related to, a list. */
  related: StringColumn;
  eventIds: StringColumn;
  eventDates: StringColumn;
  /** Entity id -> row numbers of the events that involve it. */
  eventsByEntity: Map<string, number[]>;
}

/** An alias as written, for display. */
export function aliasText(index: Pick<SlotIndex, 'aliasTexts' | 'aliasEntity' | 'labelsAr'>, a: number): string {
  return columnAt(index.aliasTexts, a) || columnAt(index.labelsAr, index.aliasEntity[a]!);
}

/** An alias's key: its normalized text (what page text is matched against). */
export function aliasKey(index: Pick<SlotIndex, 'aliasTexts' | 'aliasEntity' | 'labelsAr'>, a: number): string {
  return normalize(aliasText(index, a));
}

/**
 * Ids to numbers without keeping each id as a string: an open-addressing table of values keyed by
 * a hash of the id, comparing ids (through `lookup`, which gives a stored value's id, typically
 * from a column) only on a hash match.
 */
class IdTable {
  private values = new Int32Array(1024);
  private hashes = new Uint32Array(1024);
  private size = 0;

  /** Stores id -> value; when the id is already there, returns its value and stores nothing. */
  insert(id: string, value: number, lookup: (value: number) => string): number {
    if ((this.size + 1) * 4 > this.values.length * 3) this.grow();
    const h = hashString(id);
    const i = this.find(id, h, lookup);
    const v = this.values[i]!;
    if (v) return v - 1;
    this.values[i] = value + 1;
    this.hashes[i] = h;
    this.size++;
    return -1;
  }

  /** The id's value, or -1. */
  get(id: string, lookup: (value: number) => string): number {
    return this.values[this.find(id, hashString(id), lookup)]! - 1;
  }

  /** The slot holding id, or the empty slot where it would go. */
  private find(id: string, h: number, lookup: (value: number) => string): number {
    const mask = this.values.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const v = this.values[i]!;
      if (v === 0 || (this.hashes[i] === h && lookup(v - 1) === id)) return i;
    }
  }

  private grow(): void {
    const oldValues = this.values;
    const oldHashes = this.hashes;
    this.values = new Int32Array(oldValues.length * 2);
    this.hashes = new Uint32Array(oldValues.length * 2);
    const mask = this.values.length - 1;
    for (let j = 0; j < oldValues.length; j++) {
      const v = oldValues[j]!;
      if (!v) continue;
      let i = oldHashes[j]! & mask;
      while (this.values[i]) i = (i + 1) & mask;
      this.values[i] = v;
      this.hashes[i] = oldHashes[j]!;
    }
  }
}

function hashString(s: string): number {
  let h = H1_SEED;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

/**
 * Builds a slot index row by row while a pack streams in. Everything it keeps is in columns and
 * typed arrays: a 100k-entity pack's index stays a fraction of the pack's size.
 */
export class SlotIndexBuilder {
  private readonly entityIds = new ColumnBuilder();
  private readonly labelsAr = new ColumnBuilder();
  private readonly labelsEn = new ColumnBuilder();
  private readonly namesEn = new ColumnBuilder();
  private readonly types = new TypedList((n) => new Uint8Array(n));
  private readonly subtypes = new ColumnBuilder();
  private readonly salience = new TypedList((n) => new Float32Array(n));
  private readonly aliasTexts = new ColumnBuilder();
  private readonly aliasEntity = new TypedList((n) => new Uint32Array(n));
  private readonly aliasFlags = new TypedList((n) => new Uint8Array(n));
  private readonly cues = new ColumnBuilder();
  private readonly related = new ColumnBuilder();
  private readonly eventIds = new ColumnBuilder();
  private readonly eventDates = new ColumnBuilder();
  private readonly eventsByEntity = new Map<string, number[]>();
  private seenEntities = new IdTable();
  private seenEvents = new IdTable();
  private entities = 0;
  private events = 0;
  private meta: Pick<PackMeta, 'cues'> | undefined;

  constructor(
    private readonly slot: number,
    private readonly packId: string,
  ) {}

  /** Subtype cue words arrive with the metadata, possibly after the rows; kept for build(). */
  setMeta(meta: Pick<PackMeta, 'cues'>): void {
    this.meta = meta;
  }

  /** Returns an error message when the id was already used in this pack. */
  addEntity(e: PackEntity): string | undefined {
    const row = this.entityIds.length;
    if (this.seenEntities.insert(e.id, row, (r) => this.entityIds.at(r)) >= 0) return `the id "${e.id}" is used by two entities`;
    this.entityIds.push(e.id);
    this.entities++;
    this.labelsAr.push(e.label.ar);
    this.labelsEn.push(e.label.en ?? '');
    this.namesEn.pushList([e.label.en ?? '', ...(e.aliasesEn ?? [])].filter((x) => x && !x.includes('\n')));
    this.types.push(ENTITY_TYPES.indexOf(e.type));
    this.subtypes.push(e.subtype ?? '');
    this.salience.push(e.salience ?? 0.3);
    for (const a of entityAliases(e)) {
      this.aliasTexts.push(a.text === e.label.ar ? '' : a.text);
      this.aliasEntity.push(row);
      this.aliasFlags.push(a.flags);
    }
    this.cues.pushList(entityCues(e, undefined));
    this.related.pushList(entityRelated(e));
    return undefined;
  }

  addEvent(ev: PackEvent): string | undefined {
    const row = this.eventIds.length;
    if (this.seenEvents.insert(ev.id, row, (r) => this.eventIds.at(r)) >= 0) return `the id "${ev.id}" is used by two events`;
    this.eventIds.push(ev.id);
    this.events++;
    this.eventDates.push(ev.date);
    const ids = new Set(ev.entities.map((x) => x.id));
    if (ev.place) ids.add(ev.place);
    for (const id of ids) {
      const list = this.eventsByEntity.get(id);
      if (list) list.push(row);
      else this.eventsByEntity.set(id, [row]);
    }
    return undefined;
  }

  get entityCount(): number {
    return this.entities;
  }
  get eventCount(): number {
    return this.events;
  }

  /** The index; the builder lets go of everything it held (it is done after this). */
  build(): SlotIndex {
    this.seenEntities = new IdTable();
    this.seenEvents = new IdTable();
    const subtypeCues: Record<string, string[]> = {};
    for (const [sub, list] of Object.entries(this.meta?.cues ?? {})) subtypeCues[sub] = [...new Set((list ?? []).map(normalize).filter(Boolean))];
    return {
      slot: this.slot,
      packId: this.packId,
      entityIds: this.entityIds.build(),
      labelsAr: this.labelsAr.build(),
      labelsEn: this.labelsEn.build(),
      namesEn: this.namesEn.build(),
      types: this.types.take(),
      subtypes: this.subtypes.build(),
      salience: this.salience.take(),
      aliasTexts: this.aliasTexts.build(),
      aliasEntity: this.aliasEntity.take(),
      aliasFlags: this.aliasFlags.take(),
      cues: this.cues.build(),
      subtypeCues,
      related: this.related.build(),
      eventIds: this.eventIds.build(),
      eventDates: this.eventDates.build(),
      eventsByEntity: this.eventsByEntity,
    };
  }
}

/**
 * One gazetteer over several packs, in precedence order (first wins for scalar fields). The same
 * id in two packs is one entity: aliases, cues and relations are unioned, salience is the max.
 * Works from the columns with typed arrays: a 100k-entity pack compiles in well under a second
 * and without an object per entity or per alias (docs/adr/0005-import-memory.md).
 */
export function compileMatcher(slots: readonly SlotIndex[]): ArrayBuffer {
  return runSteps(compileMatcherSteps(slots));
}

/** The same, giving the event loop a turn every few tens of milliseconds (for the worker). */
export function compileMatcherAsync(slots: readonly SlotIndex[]): Promise<ArrayBuffer> {
  return runStepsAsync(compileMatcherSteps(slots));
}

/** The compile as steps (see `runSteps`). */
export function* compileMatcherSteps(slots: readonly SlotIndex[]): Generator<void, ArrayBuffer> {
  let total = 0;
  for (const s of slots) total += columnLength(s.entityIds);
  // Entity k is first seen at (firstSlot[k], firstRow[k]); its id is read from that column.
  const firstSlot = new Uint16Array(total);
  const firstRow = new Uint32Array(total);
  const types = new Uint8Array(total);
  const salience = new Float32Array(total);
  // Lists are shared (most entities have no own cues and share their class's list).
  const cues: (readonly string[])[] = [];
  const classCues: (readonly string[])[] = [];
  // Related ids as written, "\n"-joined, per entity (merged across packs).
  const relText: (string | undefined)[] = [];
  const idOf = (k: number) => columnAt(slots[firstSlot[k]!]!.entityIds, firstRow[k]!);
  let ids: IdTable | undefined = new IdTable();
  const union = (a: readonly string[], b: readonly string[]) => (!b.length ? a : !a.length ? b : [...new Set([...a, ...b])]);
  const locals: Uint32Array[] = [];
  let count = 0;
  for (let si = 0; si < slots.length; si++) {
    const s = slots[si]!;
    const strongCache = new Map<string, readonly string[]>();
    const ownCache = new Map<string, readonly string[]>();
    const n = columnLength(s.entityIds);
    const local = new Uint32Array(n);
    locals.push(local);
    for (let i = 0; i < n; i++) {
      if (i % 16384 === 16383) yield;
      const type: EntityType = ENTITY_TYPES[s.types[i]!] ?? 'other';
      const subtype = columnAt(s.subtypes, i);
      const ownText = columnAt(s.cues, i);
      let own = EMPTY;
      if (ownText) {
        own = ownCache.get(ownText) ?? ownText.split('\n');
        ownCache.set(ownText, own);
      }
      const cls = s.subtypeCues?.[subtype] ?? EMPTY;
      // A class word before a place or an organization (مدينة صور، حزب الأمة) is as telling as
      // the entity's own cue; a title before a person (الرئيس ...) is often followed by an
      // ordinary word (الرئيس أن), so it only counts for names that are not ordinary words.
      const strong = type === 'place' || type === 'organization';
      let entityCues: readonly string[];
      if (!strong) entityCues = own;
      else if (!own.length) entityCues = cls;
      else {
        const key = `${subtype}|${ownText}`;
        entityCues = strongCache.get(key) ?? union(own, cls);
        strongCache.set(key, entityCues);
      }
      const entityClassCues = strong ? EMPTY : cls;
      const rel = columnAt(s.related, i);
      const k = ids!.insert(columnAt(s.entityIds, i), count, idOf);
      if (k < 0) {
        const at = count++;
        local[i] = at;
        firstSlot[at] = si;
        firstRow[at] = i;
        types[at] = ENTITY_TYPES.indexOf(type);
        salience[at] = s.salience[i]!;
        cues.push(entityCues);
        classCues.push(entityClassCues);
        relText.push(rel || undefined);
        continue;
      }
      // The same id in another pack: one entity with everything the packs say.
      local[i] = k;
      salience[k] = Math.max(salience[k]!, s.salience[i]!);
      cues[k] = union(cues[k]!, entityCues);
      classCues[k] = union(classCues[k]!, entityClassCues);
      if (rel) relText[k] = relText[k] ? `${relText[k]}\n${rel}` : rel;
    }
  }
  // Relations go both ways (Muscat supports Oman and Oman supports Muscat), as one CSR table:
  // count each entity's relations, then fill them in the same order, then drop repeats.
  const degree = new Uint32Array(count + 1);
  const forEachRelation = (fn: (k: number, j: number) => void) => {
    for (let k = 0; k < count; k++) {
      const rel = relText[k];
      if (!rel) continue;
      for (const r of rel.split('\n')) {
        const j = ids!.get(r, idOf);
        if (j < 0 || j === k) continue;
        fn(k, j);
      }
    }
  };
  forEachRelation((k, j) => {
    degree[k]!++;
    degree[j]!++;
  });
  const relStart = new Uint32Array(count + 1);
  for (let k = 0; k < count; k++) relStart[k + 1] = relStart[k]! + degree[k]!;
  const relFlat = new Uint32Array(relStart[count]!);
  const fill = degree.fill(0);
  forEachRelation((k, j) => {
    relFlat[relStart[k]! + fill[k]!++] = j;
    relFlat[relStart[j]! + fill[j]!++] = k;
  });
  const relLen = fill;
  for (let k = 0; k < count; k++) {
    const from = relStart[k]!;
    const len = relLen[k]!;
    if (len < 2) continue;
    let w = 0;
    for (let r = 0; r < len; r++) {
      const v = relFlat[from + r]!;
      let seen = false;
      for (let q = 0; q < w; q++) if (relFlat[from + q] === v) seen = true;
      if (!seen) relFlat[from + w++] = v;
    }
    relLen[k] = w;
  }
  relText.length = 0;
  ids = undefined; // ids are read from the columns from here on
  yield;

  const entities: EntitySource = {
    length: count,
    id: idOf,
    type: (k) => ENTITY_TYPES[types[k]!] ?? 'other',
    salience: (k) => salience[k]!,
    cues: (k) => cues[k]!,
    classCues: (k) => classCues[k]!,
    related: (k) => relFlat.subarray(relStart[k]!, relStart[k]! + relLen[k]!),
  };
  // Aliases stream from the columns: no object per alias.
  const aliases: Iterable<GazetteerAlias> = {
    *[Symbol.iterator]() {
      const a: GazetteerAlias = { key: '', entity: 0, flags: 0 };
      for (let si = 0; si < slots.length; si++) {
        const s = slots[si]!;
        const local = locals[si]!;
        const n = s.aliasEntity.length;
        for (let i = 0; i < n; i++) {
          a.key = aliasKey(s, i);
          a.entity = local[s.aliasEntity[i]!]!;
          a.flags = s.aliasFlags[i]!;
          yield a;
        }
      }
    },
  };
  return yield* compileSteps(entities, aliases);
}

const EMPTY: readonly string[] = [];
