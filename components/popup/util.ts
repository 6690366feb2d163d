/** Small pure helpers of the popup (URL parameters, years of a timeline, labels). */
import type { CardEvent } from '../../lib/card/types';
import { t, type Lang } from '../../lib/i18n';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9:._/-]{0,127}$/;

export interface PopupParams {
  /** Open this entity's full timeline directly (the "more" link of hover cards). */
  entity?: string;
  /** The day its events are prior to (YYYY-MM-DD); today when absent. */
  asOf?: string;
  /** Talk about this tab instead of the active one (see components/popup/tab.ts). */
  tab?: number;
}

export function parseParams(search: string): PopupParams {
  const q = new URLSearchParams(search);
  const out: PopupParams = {};
  const entity = q.get('entity');
  if (entity && ID.test(entity)) out.entity = entity;
  const asOf = q.get('asOf');
  if (asOf && DAY.test(asOf)) out.asOf = asOf;
  const tab = q.get('tab');
  if (tab && /^\d{1,10}$/.test(tab)) out.tab = Number(tab);
  return out;
}

/** The year of a pack date (YYYY, YYYY-MM, YYYY-MM-DD, a leading "-" for BCE) as a key. */
export function yearOf(date: string): string {
  return /^-?\d+/.exec(date)?.[0] ?? date;
}

/** Years of a timeline, newest first, with how many events each has. */
export function yearsOf(events: readonly CardEvent[]): { year: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of events) {
    const y = yearOf(e.date);
    counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  return [...counts].map(([year, count]) => ({ year, count })).sort((a, b) => Number(b.year) - Number(a.year));
}

/** "Country", "City", ... for a type and optional subtype. */
export function kindLabel(lang: Lang, type: string, subtype?: string): string {
  if (subtype) {
    const key = `subtype_${subtype.replace(/-/g, '_')}`;
    const s = t(lang, key);
    if (s !== key) return s;
  }
  return t(lang, `type_${type}`);
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
