/**
 * The Siyaq data-pack format, version 1. This file is the single definition: the importer
 * validates against it, `npm run pack:schema` prints it as JSON Schema
 * (docs/pack-format.schema.json), and docs/pack-format.md explains it.
 *
 * A pack is one JSON document (optionally gzipped):
 *   { "format": "siyaq-pack", "formatVersion": 1, "pack": {...}, "entities": [...], "events": [...] }
 * The importer streams the two arrays row by row, so the order of the three keys is free.
 */
import { ENTITY_TYPES } from '../match/types';
import { array, boolean, literal, number, object, oneOf, optional, record, string, type Infer } from '../schema/schema';

export const FORMAT = 'siyaq-pack';
export const FORMAT_VERSION = 1;

/** Limits that keep a hostile or broken pack from exhausting memory or storage. */
export const LIMITS = {
  compressedBytes: 256 * 1024 * 1024,
  /** Decompressed JSON. */
  jsonBytes: 1024 * 1024 * 1024,
  /** Decompressed / compressed: beyond this a gzip is treated as a decompression bomb. */
  gzipRatio: 60,
  entities: 2_000_000,
  events: 1_000_000,
  /** One row (entity or event) as JSON text. */
  rowChars: 256 * 1024,
} as const;

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9:._/-]{0,127}$/;
const id = string({
  min: 1,
  max: 128,
  pattern: ID_PATTERN,
  patternText: 'must be an id (letters, digits and : . _ / -)',
  description: 'Wikidata QID (Q794) or namespaced id (siyaq:hamas)',
});
const httpUrl = string({ min: 8, max: 2048, pattern: /^https?:\/\/[^\s<>"]+$/, patternText: 'must be an http(s) URL' });
const httpsUrl = string({ min: 9, max: 2048, pattern: /^https:\/\/[^\s<>"]+$/, patternText: 'must be an https URL' });
const date = string({
  min: 4,
  max: 10,
  pattern: /^-?\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
  patternText: 'must be a date YYYY, YYYY-MM or YYYY-MM-DD',
});
const shortText = (max: number) => string({ min: 1, max });
const bilingual = (max: number) => object({ ar: optional(shortText(max)), en: optional(shortText(max)) });
const label = object({ ar: shortText(300), en: optional(shortText(300)) });

export const SUBTYPES = [
  'country',
  'territory',
  'province',
  'city',
  'region',
  'sea',
  'river',
  'place',
  'person',
  'head-of-state',
  'politician',
  'military-officer',
  'religious-leader',
  'journalist',
  'political-party',
  'armed-group',
  'movement',
  'government-body',
  'ministry',
  'military',
  'intelligence-agency',
  'news-agency',
  'news-outlet',
  'international-organization',
  'regional-organization',
  'ngo',
  'company',
  'court',
  'parliament',
  'event',
  'other',
] as const;

/** Fact keys whose value is a reference to another entity (a capital, a leader, an office's country). */
export const REF_FACT_KEYS = [
  'capital',
  'headquarters',
  'country',
  'place',
  'head_of_state',
  'head_of_government',
  'leader',
  'foreign_minister',
  'founder',
  'position',
  'member_of',
  'party',
  'affiliation',
] as const;

export const FACT_KEYS = [
  ...REF_FACT_KEYS,
  'founded',
  'dissolved',
  'born',
  'died',
  'population',
  'area_km2',
  'ideology',
  'official_language',
  'currency',
  'note',
] as const;

const source = object({ url: httpsUrl, title: optional(shortText(300)) });

export const aliasSchema = object({
  ar: shortText(200),
  /** false: a name that is also an ordinary word; shown only with evidence. Default true. */
  standalone: optional(boolean()),
  /** true: part of a full name (a surname); shown only when the full name or a cue is near. */
  partial: optional(boolean()),
  /**
   * true: also an ordinary word (كان "was", حماس "zeal"): shown only after a cue word or when the
   * entity is named unambiguously elsewhere in the text; a related entity nearby is not enough.
   */
  ordinary: optional(boolean()),
});

export const factSchema = object({
  key: oneOf(FACT_KEYS),
  /** Another entity, when the value is one (capital, leader, ...). */
  ref: optional(id),
  /** Display text of the value (the ref's name when there is a ref). */
  text: optional(bilingual(500)),
  date: optional(date),
  num: optional(number()),
  year: optional(number({ integer: true, min: -5000, max: 3000 })),
  from: optional(date),
  to: optional(date),
  source: optional(httpsUrl),
});

export const entitySchema = object({
  id,
  type: oneOf(ENTITY_TYPES),
  subtype: optional(oneOf(SUBTYPES)),
  label,
  aliases: optional(array(aliasSchema, { max: 200 })),
  aliasesEn: optional(array(shortText(200), { max: 100 })),
  /** Masculine singular nisba adjectives (إيراني); the matcher inflects them. */
  adjectives: optional(array(shortText(100), { max: 20 })),
  /** Irregular adjective or people forms used as-is (أتراك، الأكراد). */
  adjectiveForms: optional(array(shortText(100), { max: 50 })),
  /** false: the adjectives are also ordinary words (مالي = Malian / financial). Default true. */
  adjectivesStandalone: optional(boolean()),
  description: optional(bilingual(2000)),
  facts: optional(array(factSchema, { max: 200 })),
  /** 0..1: how often readers meet it in the news. */
  salience: optional(number({ min: 0, max: 1 })),
  /** false: the label needs evidence (a cue, or related entities) to be shown. Applies to every one-word alias without its own flag. */
  standalone: optional(boolean()),
  /** true: the label is also an ordinary word (see aliases[].ordinary). Applies to one-word aliases without their own flag. */
  ordinary: optional(boolean()),
  /** Words that, right before a mention, confirm it (سلطنة، حركة، الرئيس). */
  cues: optional(array(shortText(60), { max: 50 })),
  links: optional(
    object({
      wikipedia_ar: optional(httpUrl),
      wikipedia_en: optional(httpUrl),
      wikidata: optional(httpUrl),
      official: optional(httpUrl),
    }),
  ),
  sources: optional(array(source, { max: 30 })),
});

export const eventSchema = object({
  id,
  date,
  precision: optional(oneOf(['day', 'month', 'year'] as const)),
  end: optional(date),
  title: label,
  summary: optional(bilingual(2000)),
  entities: array(object({ id, role: optional(shortText(60)) }), { min: 1, max: 200 }),
  place: optional(id),
  sources: optional(array(source, { max: 30 })),
});

export const licenseSchema = object({
  name: shortText(100),
  url: optional(httpsUrl),
  /** What the licence covers (e.g. "places derived from dr5hn"). */
  scope: optional(shortText(300)),
  attribution: optional(shortText(1000)),
});

export const metaSchema = object({
  id: string({ min: 1, max: 64, pattern: /^[a-z0-9][a-z0-9._-]{0,63}$/, patternText: 'must be a lowercase id (a-z 0-9 . _ -)' }),
  name: label,
  version: string({ min: 1, max: 40, pattern: /^\d+(\.\d+){0,3}([-+][0-9A-Za-z.-]+)?$/, patternText: 'must be a version like 2024.5.19 or 1.2.0' }),
  description: optional(bilingual(2000)),
  licenses: array(licenseSchema, { min: 1, max: 20 }),
  sources: optional(array(object({ name: shortText(200), url: httpsUrl }), { max: 50 })),
  created: date,
  updateUrl: optional(httpsUrl),
  counts: object({ entities: number({ integer: true, min: 0, max: LIMITS.entities }), events: number({ integer: true, min: 0, max: LIMITS.events }) }),
  /** Cue words for every entity of a subtype (مدينة for cities), added to the entities' own. */
  cues: optional(record(oneOf(SUBTYPES), array(shortText(60), { max: 500 }), { max: SUBTYPES.length })),
  /** "fnv1a64:<16 hex>" over the rows; see lib/pack/checksum.ts. */
  checksum: string({ min: 10, max: 100, pattern: /^fnv1a64:[0-9a-f]{16}$/, patternText: 'must be fnv1a64:<16 hex digits>' }),
});

export const headerSchema = object({
  format: literal(FORMAT),
  formatVersion: literal(FORMAT_VERSION),
});

export type PackAlias = Infer<typeof aliasSchema>;
export type PackFact = Infer<typeof factSchema>;
export type PackEntity = Infer<typeof entitySchema>;
export type PackEvent = Infer<typeof eventSchema>;
export type PackMeta = Infer<typeof metaSchema>;
export type PackLicense = Infer<typeof licenseSchema>;

export interface Pack {
  format: typeof FORMAT;
  formatVersion: typeof FORMAT_VERSION;
  pack: PackMeta;
  entities: PackEntity[];
  events: PackEvent[];
}

/** The whole pack as JSON Schema (draft 2020-12), generated from the validators above. */
export function packJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://siyaq.example/schema/pack-1.json',
    title: 'Siyaq data pack, format version 1',
    type: 'object',
    properties: {
      format: { const: FORMAT },
      formatVersion: { const: FORMAT_VERSION },
      pack: metaSchema.json(),
      entities: { type: 'array', items: entitySchema.json(), maxItems: LIMITS.entities },
      events: { type: 'array', items: eventSchema.json(), maxItems: LIMITS.events },
    },
    required: ['format', 'formatVersion', 'pack', 'entities', 'events'],
    additionalProperties: false,
  };
}
