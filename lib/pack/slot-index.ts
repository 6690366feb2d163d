/**
 * The per-import summary of a pack that the background keeps beside the rows: entity ids in
 * row order (to find a row), names (for search and lists), aliases (to compile the matcher),
 * and which events involve which entity (for cards). Built incrementally while importing, so
 * the rows themselves never need to be held in memory together.
 */
import { ENTITY_TYPES, type EntityType } from '../match/types';
import { compileGazetteer, type GazetteerAlias, type GazetteerEntity } from '../match/gazetteer';
import { entityAliases, entityCues, entityRelated } from './aliases';
import type { PackEntity, PackEvent, PackMeta } from './format';
import { normalize } from '../text/normalize';

export interface SlotIndex {
  slot: number;
  packId: string;
  entityIds: string[];
  labelsAr: string[];
  labelsEn: string[];
  /** English aliases, joined with "\n" per entity (for search). */
  namesEn: string[];
  types: Uint8Array;
  subtypes: string[];
  salience: Float32Array;
  /** Arabic alias keys (normalized), the entity row each belongs to, and its flags. */
  aliasKeys: string[];
  /** The same aliases as written (for search results). */
  aliasTexts: string[];
  aliasEntity: Uint32Array;
  aliasFlags: Uint8Array;
  /** Each entity's own cue words (normalized). */
  cues: (string[] | null)[];
  /** The pack's cue words per subtype (normalized). */
  subtypeCues: Record<string, string[]>;
  related: (string[] | null)[];
  eventIds: string[];
  eventDates: string[];
  /** Entity id -> row numbers of the events that involve it. */
  eventsByEntity: Map<string, number[]>;
}

export class SlotIndexBuilder {
  private readonly entityIds: string[] = [];
  private readonly labelsAr: string[] = [];
  private readonly labelsEn: string[] = [];
  private readonly namesEn: string[] = [];
  private readonly types: number[] = [];
  private readonly subtypes: string[] = [];
  private readonly salience: number[] = [];
  private readonly aliasKeys: string[] = [];
  private readonly aliasTexts: string[] = [];
  private readonly aliasEntity: number[] = [];
  private readonly aliasFlags: number[] = [];
  private readonly cues: (string[] | null)[] = [];
  private readonly related: (string[] | null)[] = [];
  private readonly eventIds: string[] = [];
  private readonly eventDates: string[] = [];
  private readonly eventsByEntity = new Map<string, number[]>();
  private readonly seenEntities = new Set<string>();
  private readonly seenEvents = new Set<string>();
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
    if (this.seenEntities.has(e.id)) return `the id "${e.id}" is used by two entities`;
    this.seenEntities.add(e.id);
    const row = this.entityIds.length;
    this.entityIds.push(e.id);
    this.labelsAr.push(e.label.ar);
    this.labelsEn.push(e.label.en ?? '');
    this.namesEn.push([e.label.en ?? '', ...(e.aliasesEn ?? [])].filter(Boolean).join('\n'));
    this.types.push(ENTITY_TYPES.indexOf(e.type));
    this.subtypes.push(e.subtype ?? '');
    this.salience.push(e.salience ?? 0.3);
    for (const a of entityAliases(e)) {
      this.aliasKeys.push(a.key);
      this.aliasTexts.push(a.text);
      this.aliasEntity.push(row);
      this.aliasFlags.push(a.flags);
    }
    const cues = entityCues(e, undefined);
    this.cues.push(cues.length ? cues : null);
    const rel = entityRelated(e);
    this.related.push(rel.length ? rel : null);
    return undefined;
  }

  addEvent(ev: PackEvent): string | undefined {
    if (this.seenEvents.has(ev.id)) return `the id "${ev.id}" is used by two events`;
    this.seenEvents.add(ev.id);
    const row = this.eventIds.length;
    this.eventIds.push(ev.id);
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
    return this.entityIds.length;
  }
  get eventCount(): number {
    return this.eventIds.length;
  }

  build(): SlotIndex {
    const subtypeCues: Record<string, string[]> = {};
    for (const [sub, list] of Object.entries(this.meta?.cues ?? {})) subtypeCues[sub] = [...new Set((list ?? []).map(normalize).filter(Boolean))];
    return {
      slot: this.slot,
      packId: this.packId,
      entityIds: this.entityIds,
      labelsAr: this.labelsAr,
      labelsEn: this.labelsEn,
      namesEn: this.namesEn,
      types: Uint8Array.from(this.types),
      subtypes: this.subtypes,
      salience: Float32Array.from(this.salience),
      aliasKeys: this.aliasKeys,
      aliasTexts: this.aliasTexts,
      aliasEntity: Uint32Array.from(this.aliasEntity),
      aliasFlags: Uint8Array.from(this.aliasFlags),
      cues: this.cues,
      subtypeCues,
      related: this.related,
      eventIds: this.eventIds,
      eventDates: this.eventDates,
      eventsByEntity: this.eventsByEntity,
    };
  }
}

/**
 * One gazetteer over several packs, in precedence order (first wins for scalar fields). The same
 * id in two packs is one entity: aliases, cues and relations are unioned, salience is the max.
 */
export function compileMatcher(slots: readonly SlotIndex[]): ArrayBuffer {
  const index = new Map<string, number>();
  // Plain arrays, shared where possible (most entities have no own cues and share their class's
  // list): a 100k-entity pack must compile in well under a second and without 100k Sets.
  const ents: { id: string; type: EntityType; salience: number; cues: readonly string[]; classCues: readonly string[]; related: string[] | null }[] = [];
  const union = (a: readonly string[], b: readonly string[]) => (!b.length ? a : !a.length ? b : [...new Set([...a, ...b])]);
  for (const s of slots) {
    const strongCache = new Map<string, readonly string[]>();
    for (let i = 0; i < s.entityIds.length; i++) {
      const id = s.entityIds[i]!;
      const type = ENTITY_TYPES[s.types[i]!] ?? 'other';
      const subtype = s.subtypes[i]!;
      const own = s.cues[i] ?? EMPTY;
      const cls = s.subtypeCues?.[subtype] ?? EMPTY;
      // A class word before a place or an organization (مدينة صور، حزب الأمة) is as telling as
      // the entity's own cue; a title before a person (الرئيس ...) is often followed by an
      // ordinary word (الرئيس أن), so it only counts for names that are not ordinary words.
      const strong = type === 'place' || type === 'organization';
      let cues: readonly string[];
      if (!strong) cues = own;
      else if (!own.length) cues = cls;
      else {
        const key = `${subtype}|${own.join('|')}`;
        cues = strongCache.get(key) ?? union(own, cls);
        strongCache.set(key, cues);
      }
      const classCues = strong ? EMPTY : cls;
      const rel = s.related[i];
      const k = index.get(id);
      if (k === undefined) {
        index.set(id, ents.length);
        ents.push({ id, type, salience: s.salience[i]!, cues, classCues, related: rel ? [...rel] : null });
        continue;
      }
      // The same id in another pack: one entity with everything the packs say.
      const e = ents[k]!;
      e.salience = Math.max(e.salience, s.salience[i]!);
      e.cues = union(e.cues, cues);
      e.classCues = union(e.classCues, classCues);
      if (rel) e.related = [...(e.related ?? []), ...rel];
    }
  }
  // Relations go both ways: Muscat supports Oman and Oman supports Muscat.
  const related: (number[] | undefined)[] = new Array(ents.length);
  for (let k = 0; k < ents.length; k++) {
    const rel = ents[k]!.related;
    if (!rel) continue;
    for (const r of rel) {
      const j = index.get(r);
      if (j === undefined || j === k) continue;
      (related[k] ??= []).push(j);
      (related[j] ??= []).push(k);
    }
  }
  const gEnts: GazetteerEntity[] = ents.map((e, k) => {
    const rel = related[k];
    return {
      id: e.id,
      type: e.type,
      salience: e.salience,
      cues: e.cues,
      classCues: e.classCues,
      related: rel ? (rel.length > 1 ? [...new Set(rel)] : rel) : NONE,
    };
  });
  const aliases: GazetteerAlias[] = [];
  for (const s of slots) {
    const local = s.entityIds.map((id) => index.get(id)!);
    for (let a = 0; a < s.aliasKeys.length; a++) aliases.push({ key: s.aliasKeys[a]!, entity: local[s.aliasEntity[a]!]!, flags: s.aliasFlags[a]! });
  }
  return compileGazetteer(gEnts, aliases);
}

const EMPTY: readonly string[] = [];
const NONE: readonly number[] = [];
