/**
 * What the matcher needs from a pack entity: its Arabic aliases in normalized form with their
 * flags, its cue words and the entities it is related to. Used by the importer (to build the
 * slot index) and by the command line (to match with a pack file directly).
 */
import { SENSE_ADJECTIVE, SENSE_LABEL, SENSE_ORDINARY, SENSE_PARTIAL, SENSE_STANDALONE } from '../match/types';
import { normalize } from '../text/normalize';
import { definite, nisbaForms, spellingVariants } from '../text/nisba';
import { REF_FACT_KEYS, type PackEntity, type PackMeta } from './format';

export interface AliasKey {
  key: string;
  flags: number;
  /** The name as written (first spelling that gave this key), for display. */
  text: string;
}

/** Fact keys whose ref makes two entities support each other in a text: all reference facts. */
const RELATING_FACTS: ReadonlySet<string> = new Set(REF_FACT_KEYS);

export function entityAliases(e: PackEntity): AliasKey[] {
  const byKey = new Map<string, { flags: number; text: string }>();
  const add = (text: string, flags: number) => {
    for (const v of spellingVariants(text)) {
      const key = normalize(v);
      if (!key) continue;
      const prev = byKey.get(key);
      if (prev) prev.flags |= flags;
      else byKey.set(key, { flags, text: v });
    }
  };
  const entityStandalone = e.standalone !== false;
  const oneWord = (s: string) => !/\s/.test(s.trim());
  const entityOrdinary = e.ordinary === true;
  add(e.label.ar, SENSE_LABEL | (entityStandalone ? SENSE_STANDALONE : 0) | (entityOrdinary && oneWord(e.label.ar) ? SENSE_ORDINARY : 0));
  for (const a of e.aliases ?? []) {
    // The entity's flags speak for its one-word names; a longer name is specific enough.
    const standalone = a.standalone ?? (entityStandalone || !oneWord(a.ar));
    const ordinary = a.ordinary ?? (entityOrdinary && oneWord(a.ar));
    add(a.ar, (standalone ? SENSE_STANDALONE : 0) | (a.partial ? SENSE_PARTIAL : 0) | (ordinary ? SENSE_ORDINARY : 0));
  }
  const adjFlags = SENSE_ADJECTIVE | (e.adjectivesStandalone === false ? 0 : SENSE_STANDALONE);
  for (const base of e.adjectives ?? []) for (const v of spellingVariants(base)) for (const f of nisbaForms(v)) add(f, adjFlags);
  for (const f of e.adjectiveForms ?? []) {
    add(f, adjFlags);
    add(definite(f), adjFlags);
  }
  return [...byKey].map(([key, { flags, text }]) => ({ key, flags, text }));
}

export function entityCues(e: PackEntity, meta: Pick<PackMeta, 'cues'> | undefined): string[] {
  if (!e.cues?.length && !(e.subtype && meta?.cues?.[e.subtype]?.length)) return [];
  const out = new Set<string>();
  for (const c of e.cues ?? []) out.add(normalize(c));
  const sub = e.subtype ? meta?.cues?.[e.subtype] : undefined;
  for (const c of sub ?? []) out.add(normalize(c));
  out.delete('');
  return [...out];
}

export function entityRelated(e: PackEntity): string[] {
  const out = new Set<string>();
  for (const f of e.facts ?? []) if (f.ref && RELATING_FACTS.has(f.key) && f.ref !== e.id) out.add(f.ref);
  return [...out];
}
