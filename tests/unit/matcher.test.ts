import { describe, expect, it } from 'vitest';
import { compileGazetteer, Gazetteer } from '../../lib/match/gazetteer';
import { found, gazetteerOf, mentions, NEWS, NEWS_CUES } from './helpers/gazetteer';

const g = gazetteerOf(NEWS, NEWS_CUES);

describe('finding names whatever form they take', () => {
  it.each([
    ['bare name', 'قالت إيران إنها', [['إيران', 'Q794']]],
    [
      'with و',
      'بين طهران وإيران',
      [
        ['طهران', 'Q3616'],
        ['إيران', 'Q794'],
      ],
    ],
    ['with ل', 'رسالة لإيران', [['إيران', 'Q794']]],
    ['with ب', 'اجتماع بإيران', [['إيران', 'Q794']]],
    ['with فب', 'فبإيران', [['إيران', 'Q794']]],
    [
      'و on the first word of a multi-word name',
      'إيران والولايات المتحدة',
      [
        ['إيران', 'Q794'],
        ['الولايات المتحدة', 'Q30'],
      ],
    ],
    ['بال on a definite name', 'اتصال بالولايات المتحدة', [['الولايات المتحدة', 'Q30']]],
    ['لل (ل + ال)', 'دعم للولايات المتحدة', [['لولايات المتحدة', 'Q30']]],
    ['a name that starts with و is not stripped', 'وصل إلى واشنطن', [['واشنطن', 'Q61']]],
    [
      'وو on a name starting with و',
      'بين طهران وواشنطن',
      [
        ['طهران', 'Q3616'],
        ['واشنطن', 'Q61'],
      ],
    ],
    ['diacritics', 'أكّدت إِيرَانُ', [['إِيرَانُ', 'Q794']]],
    ['tatweel', 'إيـــران', [['إيـــران', 'Q794']]],
    [
      'hamza dropped',
      'ايران واسرائيل',
      [
        ['ايران', 'Q794'],
        ['اسرائيل', 'Q801'],
      ],
    ],
    ['spelling variant أميركا for أمريكا', 'زار أميركا', [['أميركا', 'Q30']]],
    ['longest name wins', 'الولايات المتحدة الأمريكية', [['الولايات المتحدة الأمريكية', 'Q30']]],
    ['full official name', 'بعثة الجمهورية الإسلامية الإيرانية', [['الجمهورية الإسلامية الإيرانية', 'Q794']]],
    [
      'agency name with its class word',
      'وفق وكالة الجمهورية الإسلامية للأنباء (إرنا)',
      [
        ['وكالة الجمهورية الإسلامية للأنباء', 'siyaq:irna'],
        ['إرنا', 'siyaq:irna'],
      ],
    ],
  ])('%s', (_, text, expected) => {
    expect(found(g, text)).toEqual(expected);
  });

  it('never joins a name across punctuation or a sentence end', () => {
    expect(found(g, 'الولايات. المتحدة')).toEqual([]);
    expect(found(g, 'الولايات، المتحدة')).toEqual([]);
    expect(found(g, 'الولايات\nالمتحدة')).toEqual([]);
  });

  it('reports offsets into the original text, without the clitic', () => {
    const text = 'قالت وإِيرانُ';
    const [m] = mentions(g, text);
    expect(m).toMatchObject({ start: 6, end: text.length, text: 'إِيرانُ', entityId: 'Q794' });
  });

  it('does not match inside a longer word', () => {
    expect(found(g, 'الإيرانيون والإيرانيات')).toEqual([
      ['الإيرانيون', 'Q794'],
      ['الإيرانيات', 'Q794'],
    ]);
    expect(found(g, 'إيرانستان')).toEqual([]);
  });
});

describe('adjectives point to their place and are marked', () => {
  it.each([
    ['الإيرانية', 'Q794'],
    ['إيرانيين', 'Q794'],
    ['وإيرانيين', 'Q794'],
    ['الإيرانيتين', 'Q794'],
    ['أميركيين', 'Q30'],
    ['الأمريكي', 'Q30'],
    ['الإسرائيلي', 'Q801'],
    ['عمانية', 'Q842'],
  ])('%s', (word, id) => {
    const [m] = mentions(g, `قالت مصادر ${word} أمس`);
    expect(m).toMatchObject({ entityId: id, adjective: true });
  });

  it('a longer name wins, and an adjective inside it still points to its place (الجيش الإسرائيلي)', () => {
    expect(mentions(g, 'قال الجيش الإسرائيلي')).toMatchObject([
      { text: 'الجيش الإسرائيلي', entityId: 'siyaq:idf', adjective: false },
      { text: 'الإسرائيلي', entityId: 'Q801', adjective: true },
    ]);
    // The same entity's own adjective inside its full name is not repeated.
    expect(mentions(g, 'الجمهورية الإسلامية الإيرانية')).toHaveLength(1);
  });

  it('reads the original letters: اليمنى (right-hand) is not اليمني (Yemeni)', () => {
    expect(found(g, 'يده اليمنى')).toEqual([]);
    expect(mentions(g, 'الجيش اليمني')).toMatchObject([{ entityId: 'Q805', adjective: true }]);
  });

  it('an adjective that is an ordinary word needs evidence (مالية = financial)', () => {
    expect(found(g, 'الأزمة المالية')).toEqual([]);
  });
});

describe('names that are ordinary words need evidence', () => {
  it.each([
    ['حماس as enthusiasm', 'استقبلوه بحماس كبير', []],
    ['حماس after its cue word', 'وقالت حركة حماس', [['حركة حماس', 'Q38799']]],
    ['حماس after a cue, across quotes', 'وحركة "حماس" حليفة', [['حماس', 'Q38799']]],
    ['فتح as "opened"', 'فتح الباب للمفاوضات', []],
    ['فتح after حركة', 'قادة حركة فتح', [['حركة فتح', 'siyaq:fatah']]],
    ['أمل as hope', 'لا أمل في الحل', []],
    ['صور as pictures', 'نشرت صور الدمار', []],
    ['صور after مدينة', 'قصف مدينة صور', [['صور', 'Q184']]],
  ])('%s', (_, text, expected) => {
    expect(found(g, text)).toEqual(expected);
  });

  it('one sense per document: حماس named once plainly makes later mentions Hamas', () => {
    expect(found(g, 'قالت حركة حماس إن الهدنة انتهت. وردت إسرائيل على حماس.')).toEqual([
      ['حركة حماس', 'Q38799'],
      ['إسرائيل', 'Q801'],
      ['حماس', 'Q38799'],
    ]);
  });

  it('a related entity is not enough for an ordinary word', () => {
    // Lebanon on the page does not make "pictures" the city of Tyre.
    expect(found(g, 'نشر لبنان صور الدمار')).toEqual([['لبنان', 'Q822']]);
  });

  it('a surname alone needs the full name or a title', () => {
    expect(found(g, 'قال عباس إن')).toEqual([]);
    expect(found(g, 'التقى محمود عباس وفدا. وقال عباس إن')).toEqual([
      ['محمود عباس', 'siyaq:abbas'],
      ['عباس', 'siyaq:abbas'],
    ]);
  });
});

describe('ambiguous names: Oman or Amman', () => {
  it('alone, without evidence, it is not highlighted', () => {
    expect(found(g, 'وصل الوفد إلى عمان')).toEqual([]);
  });
  it('after سلطنة it is Oman', () => {
    expect(found(g, 'بوساطة سلطنة عُمان')).toEqual([['سلطنة عُمان', 'Q842']]);
  });
  it('near Muscat it is Oman', () => {
    expect(mentions(g, 'وصل الوفد إلى عمان، والتقى في مسقط وزير الخارجية')).toMatchObject([{ text: 'عمان', entityId: 'Q842' }, { entityId: 'Q3826' }]);
  });
  it('near Jordan it is Amman', () => {
    expect(mentions(g, 'عقد في عمان مؤتمر بحضور ملك الأردن')).toMatchObject([{ text: 'عمان', entityId: 'Q3805' }, { entityId: 'Q810' }]);
  });
  it('with evidence for both, it is a possible match with the other reading as alternative', () => {
    const [m] = mentions(g, 'في عمان. مسقط والأردن');
    expect(m?.text).toBe('عمان');
    expect([m?.entityId, ...(m?.alternatives ?? [])].sort()).toEqual(['Q3805', 'Q842']);
    expect(m?.confidence).toBeLessThan(0.7);
  });
  it('confidence stays in [0, 1] and is high for plain names', () => {
    for (const m of mentions(g, 'إيران وسلطنة عمان وحركة حماس والإيرانية')) {
      expect(m.confidence).toBeGreaterThan(0);
      expect(m.confidence).toBeLessThanOrEqual(1);
    }
    expect(mentions(g, 'إيران')[0]!.confidence).toBeGreaterThan(0.85);
  });
});

describe('a name found only by stripping a proclitic', () => {
  // Ghat is a small Libyan province: لغات ("languages") and بطاطا ("potatoes") are words first.
  const small = gazetteerOf(
    [
      { id: 'Q1016', type: 'place', subtype: 'country', label: { ar: 'ليبيا', en: 'Libya' }, salience: 0.8 },
      { id: 'Q48236', type: 'place', subtype: 'province', label: { ar: 'غات', en: 'Ghat' }, salience: 0.35, facts: [{ key: 'country', ref: 'Q1016' }] },
      { id: 'Q546437', type: 'place', subtype: 'province', label: { ar: 'طاطا', en: 'Tata' }, salience: 0.35 },
    ],
    NEWS_CUES,
  );
  it.each([
    ['لغات is "languages", not ل + Ghat', 'تترجم الى لغات متعددة', []],
    ['بطاطا is "potatoes", not ب + Tata', 'وزرعوا بطاطا اليام', []],
    ['the bare name still stands alone', 'وصل الوفد إلى غات', [['غات', 'Q48236']]],
    [
      'with its country named, the glued name is found',
      'جنوب ليبيا وغات',
      [
        ['ليبيا', 'Q1016'],
        ['غات', 'Q48236'],
      ],
    ],
  ])('%s', (_, text, expected) => {
    expect(found(small, text)).toEqual(expected);
  });
  it('a well-known place is found with a proclitic (وإيران)', () => {
    expect(found(g, 'بين طهران وإيران')).toContainEqual(['إيران', 'Q794']);
  });
});

describe('one sense per document beats a prior', () => {
  // الطائف alone is the city; in an article about the Taif Agreement it is the agreement.
  const taif = gazetteerOf(
    [
      { id: 'Q182640', type: 'place', subtype: 'city', label: { ar: 'الطائف', en: "Ta'if" }, salience: 0.7 },
      {
        id: 'siyaq:national-reconciliation-accord',
        type: 'event',
        subtype: 'event',
        label: { ar: 'اتفاق الطائف', en: 'Taif Agreement' },
        aliases: [{ ar: 'الطائف', standalone: false }],
        salience: 0.3,
      },
    ],
    NEWS_CUES,
  );
  it.each([
    ['alone it is the city', 'وصل الوفد إلى الطائف', [['الطائف', 'Q182640']]],
    [
      'after the agreement is named, the bare name is the agreement',
      'تمسك الحريري باتفاق الطائف. ورفض الانقلاب على الطائف',
      [
        ['اتفاق الطائف', 'siyaq:national-reconciliation-accord'],
        ['الطائف', 'siyaq:national-reconciliation-accord'],
      ],
    ],
    [
      'a cue still makes it the city: مدينة الطائف',
      'تمسك الحريري باتفاق الطائف. وعاد الوفد إلى مدينة الطائف',
      [
        ['اتفاق الطائف', 'siyaq:national-reconciliation-accord'],
        ['الطائف', 'Q182640'],
      ],
    ],
  ])('%s', (_, text, expected) => {
    expect(found(taif, text)).toEqual(expected);
  });
});

describe("an entity's own cue beats a reading that only stands alone", () => {
  // برشلونة alone is the city; after a club's own cue word it is the club, and later bare
  // mentions in the same article keep that sense.
  const clubs = gazetteerOf(
    [
      { id: 'Q1492', type: 'place', subtype: 'city', label: { ar: 'برشلونة', en: 'Barcelona' }, salience: 0.4 },
      {
        id: 'siyaq:fc-barcelona',
        type: 'organization',
        label: { ar: 'نادي برشلونة', en: 'FC Barcelona' },
        aliases: [{ ar: 'برشلونة', standalone: false }],
        cues: ['فريق', 'مباراة', 'مدرب'],
        salience: 0.25,
      },
      { id: 'Q2471', type: 'place', subtype: 'city', label: { ar: 'صنعاء', en: 'Sanaa' }, salience: 0.7 },
      {
        id: 'Q388291',
        type: 'place',
        subtype: 'province',
        label: { ar: 'صنعاء', en: 'Sanaa Governorate' },
        standalone: false,
        cues: ['محافظة'],
        salience: 0.3,
      },
    ],
    NEWS_CUES,
  );
  it.each([
    ['alone it is the city', 'وصل الوفد إلى برشلونة أمس', [['برشلونة', 'Q1492']]],
    ['a class cue keeps the city', 'افتتح المعرض في مدينة برشلونة', [['برشلونة', 'Q1492']]],
    ['after فريق it is the club', 'فاز فريق برشلونة على ضيفه', [['برشلونة', 'siyaq:fc-barcelona']]],
    ['after مدرب it is the club', 'قال مدرب برشلونة إن', [['برشلونة', 'siyaq:fc-barcelona']]],
    [
      'the club named by its cue keeps the sense for bare mentions later on',
      'تعادل فريق برشلونة مع خصمه. وقال رئيس برشلونة إن',
      [
        ['برشلونة', 'siyaq:fc-barcelona'],
        ['برشلونة', 'siyaq:fc-barcelona'],
      ],
    ],
    ['after محافظة it is the governorate, not the city', 'قتل ثلاثة في محافظة صنعاء', [['صنعاء', 'Q388291']]],
    ['alone صنعاء is the city', 'عاد الوزير إلى صنعاء', [['صنعاء', 'Q2471']]],
  ])('%s', (_, text, expected) => {
    expect(found(clubs, text)).toEqual(expected);
  });
});

describe('the index as one buffer', () => {
  it('loads from a copy of its bytes (as read back from IndexedDB) and matches the same', () => {
    const copy = structuredClone((g as unknown as { table: Uint32Array }).table.buffer as ArrayBuffer);
    const g2 = new Gazetteer(copy);
    expect(found(g2, 'إيران والولايات المتحدة')).toEqual(found(g, 'إيران والولايات المتحدة'));
  });
  it('refuses a buffer that is not an index', () => {
    expect(() => new Gazetteer(new ArrayBuffer(128))).toThrow(/not a Siyaq gazetteer/);
  });
  it('merges two packs that describe the same entity into one', () => {
    const blob = compileGazetteer(
      [{ id: 'Q794', type: 'place', salience: 0.9, cues: [], related: [] }],
      [
        { key: 'ايران', entity: 0, flags: 2 },
        { key: 'ايران', entity: 0, flags: 4 },
      ],
    );
    const one = new Gazetteer(blob);
    expect(one.entityCount).toBe(1);
    expect(found(one, 'إيران')).toEqual([['إيران', 'Q794']]);
  });
});
