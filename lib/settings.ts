/**
 * Reader settings. Stored by the background (IndexedDB, key "settings"); every read passes the
 * validator, so a damaged or older record falls back to defaults field by field.
 */
import { array, boolean, number, object, oneOf, optional, string, validate, type Infer } from './schema/schema';

export const TRIGGERS = ['hover', 'modifier', 'off'] as const;
export const HIGHLIGHTS = ['dotted', 'underline', 'background', 'none'] as const;
export const ADJECTIVE_MODES = ['lighter', 'same', 'off'] as const;
export const LANGUAGES = ['auto', 'ar', 'en'] as const;
export const EVENT_ORDERS = ['newest', 'related'] as const;

const origin = string({ min: 8, max: 300, pattern: /^https?:\/\/[^/\s]+$/, patternText: 'must be an origin like https://example.com' });

export const settingsSchema = object(
  {
    trigger: oneOf(TRIGGERS),
    /** Hover dwell before asking for the card, and delay before showing it (ms). */
    dwellMs: number({ integer: true, min: 0, max: 2000 }),
    showMs: number({ integer: true, min: 0, max: 3000 }),
    graceMs: number({ integer: true, min: 0, max: 3000 }),
    highlight: oneOf(HIGHLIGHTS),
    adjectives: oneOf(ADJECTIVE_MODES),
    language: oneOf(LANGUAGES),
    eventOrder: oneOf(EVENT_ORDERS),
    /** Sites the reader turned on beyond the default list (origins). */
    sites: array(origin, { max: 500 }),
    /** Sites the reader turned off (origins), including default ones. */
    disabledSites: array(origin, { max: 500 }),
    /** Shown "possible match" cards for ambiguous names. */
    showAmbiguous: optional(boolean()),
  },
  { extra: 'ignore' },
);

export type Settings = Infer<typeof settingsSchema>;

/** Timing after Wikipedia Page Previews (src/constants.js): see lib/hover/intent.ts. */
export const DEFAULT_SETTINGS: Settings = {
  trigger: 'hover',
  dwellMs: 150,
  showMs: 500,
  graceMs: 300,
  highlight: 'dotted',
  adjectives: 'lighter',
  language: 'auto',
  eventOrder: 'newest',
  sites: [],
  disabledSites: [],
  showAmbiguous: true,
};

/** Any stored value -> valid settings: invalid fields take their default. */
export function coerceSettings(stored: unknown): Settings {
  if (typeof stored !== 'object' || stored === null) return { ...DEFAULT_SETTINGS };
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [k, v] of Object.entries(stored as Record<string, unknown>)) {
    if (!Object.hasOwn(DEFAULT_SETTINGS, k)) continue;
    const trial = { ...merged, [k]: v };
    if (validate(settingsSchema, trial).ok) merged[k] = v;
  }
  return merged as Settings;
}
