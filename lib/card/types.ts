import type { EntityType } from '../match/types';

export interface Bilingual {
  ar?: string;
  en?: string;
}

export interface CardFact {
  key: string;
  /** Display value; a ref's current label when the referenced entity is known. */
  value: Bilingual;
  ref?: string;
  /** A date value (founded, born), formatted by the card in the reader's language. */
  date?: string;
  from?: string;
  to?: string;
}

export interface CardEvent {
  id: string;
  date: string;
  precision: 'day' | 'month' | 'year';
  end?: string;
  title: Bilingual;
  summary?: Bilingual;
  sources: { url: string; title?: string }[];
  /** Other entities of the page this event involves. */
  alsoOnPage: number;
}

export interface CardLink {
  kind: 'wikipedia_ar' | 'wikipedia_en' | 'wikidata' | 'official' | 'source';
  url: string;
  title?: string;
}

export interface CardAlternative {
  id: string;
  label: Bilingual;
  type: EntityType;
  subtype?: string;
  description?: Bilingual;
}

/** Everything a card shows, assembled by the background from the packs. Plain data only. */
export interface EntityCard {
  id: string;
  type: EntityType;
  subtype?: string;
  label: Bilingual & { ar: string };
  description?: Bilingual;
  facts: CardFact[];
  /** Prior events chosen for this card, in display order. */
  events: CardEvent[];
  /** Prior events not shown. */
  moreEvents: number;
  links: CardLink[];
  packs: string[];
  /** When the mention may name other entities too ("possible match"). */
  alternatives: CardAlternative[];
  /** The date events are "prior" to (YYYY-MM-DD). */
  asOf: string;
}
