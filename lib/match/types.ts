export const ENTITY_TYPES = ['person', 'place', 'organization', 'event', 'other'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Flags of one alias of one entity (a "sense"); stored in 5 bits. */
export const SENSE_ADJECTIVE = 1; // a nisba form: الإيرانية -> Iran
export const SENSE_STANDALONE = 2; // may be highlighted without further evidence
export const SENSE_LABEL = 4; // the entity's own name or full official name
export const SENSE_PARTIAL = 8; // a part of a full name (surname): needs the full name or a cue
export const SENSE_ORDINARY = 16; // also an ordinary word: needs a cue or the entity named plainly elsewhere
export const SENSE_FLAG_BITS = 5;

/** A name found in a text. Offsets are UTF-16 into the text, end exclusive, clitics excluded. */
export interface Mention {
  start: number;
  end: number;
  text: string;
  entityId: string;
  type: EntityType;
  adjective: boolean;
  /** In [0, 1]: how sure the resolver is of this reading. */
  confidence: number;
  /** Other entities this mention may name, when two readings stay live. */
  alternatives: string[];
}
