import { annotate } from '../../../lib/match/annotate';
import { Gazetteer } from '../../../lib/match/gazetteer';
import type { Mention } from '../../../lib/match/types';
import type { PackEntity, PackMeta } from '../../../lib/pack/format';
import { compileMatcher, SlotIndexBuilder } from '../../../lib/pack/slot-index';

/** A gazetteer compiled from pack entities, the way the background builds it. */
export function gazetteerOf(entities: PackEntity[], cues: PackMeta['cues'] = {}): Gazetteer {
  const b = new SlotIndexBuilder(1, 'test');
  for (const e of entities) {
    const dup = b.addEntity(e);
    if (dup) throw new Error(dup);
  }
  b.setMeta({ cues });
  return new Gazetteer(compileMatcher([b.build()]));
}

/** Mentions as compact rows: [text, entityId, adjective?, alternatives]. */
export function found(g: Gazetteer, text: string): [string, string][] {
  return annotate(g, text).map((m) => [m.text, m.entityId]);
}

export function mentions(g: Gazetteer, text: string): Mention[] {
  return annotate(g, text);
}

const place = (id: string, ar: string, en: string, extra: Partial<PackEntity> = {}): PackEntity => ({
  id,
  type: 'place',
  subtype: 'country',
  label: { ar, en },
  salience: 0.9,
  ...extra,
});

/** A small pack of real names with the ambiguities Arabic news is full of. */
export const NEWS: PackEntity[] = [
  place('Q794', 'إيران', 'Iran', {
    aliases: [{ ar: 'الجمهورية الإسلامية الإيرانية' }, { ar: 'الجمهورية الإسلامية', standalone: false }],
    adjectives: ['إيراني'],
  }),
  place('Q30', 'الولايات المتحدة', 'United States', { aliases: [{ ar: 'أمريكا' }, { ar: 'الولايات المتحدة الأمريكية' }], adjectives: ['أمريكي'] }),
  place('Q801', 'إسرائيل', 'Israel', { adjectives: ['إسرائيلي'] }),
  place('Q805', 'اليمن', 'Yemen', { adjectives: ['يمني'] }),
  place('Q842', 'عمان', 'Oman', { standalone: false, aliases: [{ ar: 'سلطنة عمان' }], adjectives: ['عماني'], facts: [{ key: 'capital', ref: 'Q3826' }] }),
  place('Q810', 'الأردن', 'Jordan', { adjectives: ['أردني'], facts: [{ key: 'capital', ref: 'Q3805' }] }),
  place('Q822', 'لبنان', 'Lebanon', { adjectives: ['لبناني'] }),
  place('Q912', 'مالي', 'Mali', { ordinary: true, standalone: false, adjectives: ['مالي'], adjectivesStandalone: false }),
  { id: 'Q3826', type: 'place', subtype: 'city', label: { ar: 'مسقط', en: 'Muscat' }, salience: 0.6, facts: [{ key: 'country', ref: 'Q842' }] },
  {
    id: 'Q3805',
    type: 'place',
    subtype: 'city',
    label: { ar: 'عمان', en: 'Amman' },
    salience: 0.6,
    standalone: false,
    facts: [{ key: 'country', ref: 'Q810' }],
  },
  { id: 'Q3616', type: 'place', subtype: 'city', label: { ar: 'طهران', en: 'Tehran' }, salience: 0.7, facts: [{ key: 'country', ref: 'Q794' }] },
  { id: 'Q61', type: 'place', subtype: 'city', label: { ar: 'واشنطن', en: 'Washington, D.C.' }, salience: 0.7 },
  {
    id: 'Q184',
    type: 'place',
    subtype: 'city',
    label: { ar: 'صور', en: 'Tyre' },
    salience: 0.5,
    standalone: false,
    ordinary: true,
    facts: [{ key: 'country', ref: 'Q822' }],
  },
  {
    id: 'Q38799',
    type: 'organization',
    subtype: 'armed-group',
    label: { ar: 'حماس', en: 'Hamas' },
    aliases: [{ ar: 'حركة حماس' }, { ar: 'حركة المقاومة الإسلامية' }],
    standalone: false,
    ordinary: true,
    cues: ['حركة'],
    salience: 0.95,
  },
  {
    id: 'siyaq:fatah',
    type: 'organization',
    subtype: 'political-party',
    label: { ar: 'فتح', en: 'Fatah' },
    aliases: [{ ar: 'حركة فتح' }],
    standalone: false,
    ordinary: true,
    cues: ['حركة'],
    salience: 0.8,
  },
  {
    id: 'siyaq:amal',
    type: 'organization',
    subtype: 'political-party',
    label: { ar: 'أمل', en: 'Amal Movement' },
    aliases: [{ ar: 'حركة أمل' }],
    standalone: false,
    ordinary: true,
    cues: ['حركة'],
    salience: 0.6,
  },
  {
    id: 'siyaq:irna',
    type: 'organization',
    subtype: 'news-agency',
    label: { ar: 'إرنا', en: 'IRNA' },
    aliases: [{ ar: 'وكالة الجمهورية الإسلامية للأنباء' }],
    salience: 0.7,
  },
  { id: 'siyaq:idf', type: 'organization', subtype: 'military', label: { ar: 'الجيش الإسرائيلي', en: 'Israel Defense Forces' }, salience: 0.9 },
  {
    id: 'siyaq:netanyahu',
    type: 'person',
    subtype: 'politician',
    label: { ar: 'بنيامين نتنياهو', en: 'Benjamin Netanyahu' },
    aliases: [{ ar: 'نتنياهو' }],
    salience: 0.95,
  },
  {
    id: 'siyaq:abbas',
    type: 'person',
    subtype: 'politician',
    label: { ar: 'محمود عباس', en: 'Mahmoud Abbas' },
    aliases: [{ ar: 'عباس', standalone: false, partial: true }],
    salience: 0.8,
  },
];

export const NEWS_CUES: PackMeta['cues'] = { city: ['مدينة', 'العاصمة'], country: ['دولة', 'سلطنة'], politician: ['الرئيس', 'الرئيس الفلسطيني'] };
