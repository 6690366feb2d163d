import { buildCard } from '../card/build';
import type { Bilingual, CardAlternative, EntityCard } from '../card/types';
import { entityRows, eventsInvolving, slotViews } from '../db/packs';
import type { Payload, Results } from '../messages/protocol';
import { ENTITY_TYPES } from '../match/types';
import { columnAt } from '../pack/columns';
import type { Settings } from '../settings';

async function labelLookup(): Promise<(id: string) => Bilingual | undefined> {
  const views = await slotViews();
  return (id) => {
    for (const v of views) {
      const o = v.ordinal.get(id);
      if (o === undefined) continue;
      const en = columnAt(v.index.labelsEn, o);
      return { ar: columnAt(v.index.labelsAr, o), ...(en ? { en } : {}) };
    }
    return undefined;
  };
}

/** Names and types of entities, for the page's list of what it mentions. */
export async function labelsOf(ids: readonly string[]): Promise<Results['annotate']['labels']> {
  const views = await slotViews();
  const out: Results['annotate']['labels'] = {};
  for (const id of ids) {
    for (const v of views) {
      const o = v.ordinal.get(id);
      if (o === undefined) continue;
      const en = columnAt(v.index.labelsEn, o);
      out[id] = { ar: columnAt(v.index.labelsAr, o), ...(en ? { en } : {}), type: ENTITY_TYPES[v.index.types[o]!] ?? 'other' };
      break;
    }
  }
  return out;
}

export async function cardFor(p: Payload<'card'>, order: Settings['eventOrder']): Promise<EntityCard | null> {
  const rows = await entityRows(p.id);
  if (!rows.length) return null;
  const events = (await eventsInvolving([p.id])).map((e) => e.event);
  const card = buildCard({ rows, events, asOf: p.asOf, pageEntities: p.page, labelOf: await labelLookup(), order, allEvents: p.all === true });
  if (!card) return null;
  const alts: CardAlternative[] = [];
  for (const alt of p.alternatives ?? []) {
    const r = (await entityRows(alt))[0]?.entity;
    if (r)
      alts.push({
        id: r.id,
        label: r.label,
        type: r.type,
        ...(r.subtype ? { subtype: r.subtype } : {}),
        ...(r.description ? { description: r.description } : {}),
      });
  }
  card.alternatives = alts;
  return card;
}
