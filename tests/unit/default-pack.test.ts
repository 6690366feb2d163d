import { beforeAll, describe, expect, it } from 'vitest';
import { annotate } from '../../lib/match/annotate';
import { loadDefaultPack, matcherFor, type Matcher } from '../../scripts/lib/packs';

// Sentences as Arabic news writes them, on the default pack: names a reader expects, and ordinary
// words that must stay plain text.
let m: Matcher;
beforeAll(async () => {
  m = matcherFor([await loadDefaultPack()]);
}, 60_000);

const names = (text: string): [string, string][] =>
  annotate(m.g, text)
    .filter((x) => !x.adjective)
    .map((x) => [x.text, x.entityId]);

describe('ordinary words that are also names in the open data stay plain text', () => {
  it.each([
    ['كانو, a frequent misspelling of كانوا, is not Kano', 'والقحطانيون كانو قد عاشوا باليمن', [['اليمن', 'Q805']]],
    ['الفريق الضيف ("the visiting team") is not Mohammed Deif', 'سيكون في استقبال الفريق الضيف في المطار', []],
    ['الشرع ("religious law") is not Ahmed al-Sharaa, even with Syria named', 'وقال مفتي سوريا إن الرؤية متفقة مع الشرع والعلم', [['سوريا', 'Q858']]],
    ['الحاجب ("the eyebrow") is not the Moroccan province, even in a Moroccan saying', 'مثل مغربي: العين ما تعلى على الحاجب', []],
    ['عثمانية ("Ottoman") is not the Turkish province of Osmaniye', 'بنى الأتراك قلعة عثمانية', []],
  ])('%s', (_, text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  it.each([
    ['Kano with its class word', 'في مدينة كانو شمال نيجيريا', 'Q182984'],
    ['Musharraf by his full name', 'قال الرئيس الباكستاني برويز مشرف', 'siyaq:pervez-musharraf'],
    ['Musharraf after his own title', 'قال الرئيس الباكستاني مشرف', 'siyaq:pervez-musharraf'],
    ['al-Sharaa after his own title', 'وقال الرئيس السوري الشرع إن', 'siyaq:ahmed-al-sharaa'],
    ['Mohammed Deif after his full name', 'قاد محمد الضيف كتائب القسام. ونجا الضيف من محاولات اغتيال', 'siyaq:mohammed-deif'],
  ])('the name is still found: %s', (_, text, id) => {
    expect(names(text).map(([, e]) => e)).toContain(id);
  });
});

describe('a province named like a direction needs its own class word', () => {
  it.each([
    ['جهة الشمال is a direction', 'تبعد 240 كيلومترا جهة الشمال الشرقي', []],
    ['منطقة الشمال is "the northern area" of any country', 'تضرر القطاع السياحي في منطقة الشمال', []],
    ['محافظة الشمال is the Lebanese governorate', 'في محافظة الشمال', [['محافظة الشمال', 'Q390267']]],
  ])('%s', (_, text, expected) => {
    expect(names(text)).toEqual(expected);
  });
});

describe("the Taif Agreement and the city of Ta'if", () => {
  it.each([
    ['the agreement by its name', 'تريد قوى 14 آذار تطبيق اتفاق الطائف', 'siyaq:national-reconciliation-accord'],
    ['the city alone', 'وصل الوزير إلى الطائف', 'Q182640'],
  ])('%s', (_, text, id) => {
    expect(names(text).map(([, e]) => e)).toContain(id);
  });
  it('after the agreement is named, الطائف alone is the agreement', () => {
    expect(names('وقال الحريري اتفاق الطائف باق، مؤكدا استعدادنا للحوار من اعتبار الطائف السقف')).toEqual([
      ['اتفاق الطائف', 'siyaq:national-reconciliation-accord'],
      ['الطائف', 'siyaq:national-reconciliation-accord'],
    ]);
  });
});

describe('people of the 2000s news by the surname the press uses alone', () => {
  it.each([
    ['Kofi Annan', 'وقال أنان إن الهدنة صامدة', 'siyaq:kofi-annan'],
    ['George W. Bush', 'رفض بوش وبلير القول', 'Q207'],
    ['Condoleezza Rice', 'وصلت رايس إلى بيروت', 'siyaq:condoleezza-rice'],
    ['Walid Jumblatt', 'وعقب جنبلاط على الخطاب', 'siyaq:walid-jumblatt'],
    ['Emile Lahoud', 'وقال لحود في بيان', 'siyaq:emile-lahoud'],
  ])('%s', (_, text, id) => {
    expect(names(text).map(([, e]) => e)).toContain(id);
  });
  it('الطالباني ("the Taliban man") alone is not Jalal Talabani', () => {
    expect(names('بعد ان اشاع زملاؤه بانه الممرض الطالباني')).toEqual([]);
  });
  it('after سوزان رايس is named, رايس is Susan Rice', () => {
    expect(names('قالت سوزان رايس إن المجلس منقسم. وأضافت رايس أن')).toEqual([
      ['سوزان رايس', 'siyaq:susan-rice'],
      ['رايس', 'siyaq:susan-rice'],
    ]);
  });
});

describe('continents, nations and names of culture and sport', () => {
  it.each([
    ['a continent', 'انتشر الإنسان خارج القارة الأفريقية إلى آسيا وأوروبا', ['Q15', 'Q48', 'Q46']],
    ['England, not a king whose style ends in it', 'فاز منتخب إنجلترا على اسكتلندا', ['siyaq:england', 'siyaq:scotland']],
    ['a scientist by the surname the press uses alone', 'هرب أينشتاين إلى الولايات المتحدة', ['Q937', 'Q30']],
    ['a coach and his club', 'قال فيرجسون مدرب مانشستر يونايتد', ['siyaq:alex-ferguson', 'siyaq:manchester-united']],
    ['a prize', 'حاز نجيب محفوظ جائزة نوبل للآداب', ['siyaq:naguib-mahfouz', 'siyaq:nobel-prize']],
  ])('%s', (_, text, ids) => {
    expect(names(text).map(([, e]) => e)).toEqual(ids);
  });
  it('an adjective is not its continent: بمشاركة افريقية كبيرة', () => {
    expect(names('بمشاركة افريقية كبيرة')).toEqual([]);
  });
  it('محفوظ ("kept") alone is not Naguib Mahfouz', () => {
    expect(names('الحق محفوظ للجميع')).toEqual([]);
  });
});

describe('الخليج: the Gulf when a Gulf state is on the page, the bay otherwise', () => {
  it.each([
    ['with Saudi Arabia named', 'زار ولي العهد السعودي عددا من دول المنطقة، وقال إن الخليج يمر بمرحلة دقيقة', 'siyaq:gulf-region'],
    ['with Qatar named', 'يعمل في قطر منذ سنوات، وانتقل للعمل في الخليج', 'siyaq:gulf-region'],
  ])('%s', (_, text, id) => {
    expect(names(text).map(([, e]) => e)).toContain(id);
  });
  it('a bay in a text about Hong Kong stays plain text', () => {
    expect(names('تطل الفنادق على مياه الخليج في هونغ كونغ').map(([, e]) => e)).toEqual(['siyaq:city/hk-hong-kong']);
  });
});

describe('الجزيرة: the channel, the Abu Dhabi club, or "the island"', () => {
  it.each([
    ['the channel after فضائية', 'في أول ظهور له عبر فضائية الجزيرة أكد الأمين العام', 'siyaq:al-jazeera'],
    ['the channel after its correspondent', 'وقالت مراسلة الجزيرة إن الوضع هادئ', 'siyaq:al-jazeera'],
    ['the channel after تصريحات', 'وقال الوزير في تصريحات للجزيرة إن', 'siyaq:al-jazeera'],
    ['the channel after مقابلة مع', 'وقال في مقابلة خاصة مع الجزيرة إن الحكومة باقية', 'siyaq:al-jazeera'],
    ['the club after فريق', 'وعن فريق الجزيرة قال المدرب إنه فريق محترم', 'siyaq:al-jazira-club'],
    ['the club after مباراة', 'قبل مباراة الجزيرة والوحدة في الدوري', 'siyaq:al-jazira-club'],
  ])('%s', (_, text, id) => {
    expect(names(text).map(([, e]) => e)).toContain(id);
  });
  it('the island stays plain text', () => {
    expect(names('وصل السياح إلى الجزيرة بالقارب')).toEqual([]);
  });
});

describe("a world city whose open-data Arabic differs from Arabic Wikipedia's title", () => {
  it.each([
    ['the spelling the press uses (قوانغتشو)', 'افتتح المعرض في قوانغتشو جنوب الصين', 'Q16572'],
    ["Wikipedia's title (غوانزو)", 'وصل الوفد إلى غوانزو أمس', 'Q16572'],
    ['Toronto by its Wikipedia title', 'ولد في تورونتو وعاش فيها', 'Q172'],
  ])('%s', (_, text, id) => {
    expect(names(text).map(([, e]) => e)).toContain(id);
  });
});

describe('after a demonstrative or a relative pronoun, a one-word name needs evidence', () => {
  it.each([
    ['ذاك الرباط ("that bond") is not Rabat', 'وهو يتحدث عن الحب، ذاك الرباط القدسي بين قلبين', []],
    ['اللاتي عدن ("who returned") is not Aden', 'والمعتزلات اللاتي عدن للتمثيل بحجابهن', []],
    ['هذه الرياض ("these gardens") is not Riyadh', 'تزينت هذه الرياض بالزهور', []],
  ])('%s', (_, text, expected) => {
    expect(names(text)).toEqual(expected);
  });
  it.each([
    ['Rabat elsewhere in the sentence', 'المدينة التي زارها الوزير هي الرباط', 'Q3551'],
    ['Aden with its class word after a relative pronoun', 'الوفد الذي وصل إلى مدينة عدن', 'Q131694'],
    ['a city named after the pronoun by the rest of the text', 'زار الوزير الرياض. وقال إن هذه الرياض تتغير', 'Q3692'],
  ])('the name is still found: %s', (_, text, id) => {
    expect(names(text).map(([, e]) => e)).toContain(id);
  });
});

describe('a surname that needs evidence takes it from the country the person holds office in', () => {
  it('المالكي with Iraq on the page is Nouri al-Maliki', () => {
    expect(names('وقال المالكي إن الحكومة العراقية ستعمل على حفظ الأمن في بغداد')).toContainEqual(['المالكي', 'siyaq:nouri-al-maliki']);
  });
  it('المالكي with no such context stays plain text', () => {
    expect(names('وقال المالكي إن الفريق سيفوز في المباراة المقبلة').map(([, id]) => id)).not.toContain('siyaq:nouri-al-maliki');
  });
});

describe('الرئيس صالح: two presidents of that name, told apart by the country on the page', () => {
  const first = (text: string) => annotate(m.g, text).find((x) => x.text === 'صالح');
  it('with Yemen, Ali Abdullah Saleh', () => {
    expect(first('وقال الرئيس صالح إن اليمن لن يقبل')?.entityId).toBe('siyaq:ali-abdullah-saleh');
  });
  it('with Iraq, Barham Salih', () => {
    expect(first('وقال الرئيس صالح إن العراق لن يقبل التدخل في شؤون بغداد')?.entityId).toBe('siyaq:barham-salih');
  });
  it('with neither, a possible match offering both', () => {
    const x = first('وقال الرئيس صالح إن الحل صعب');
    expect([x?.entityId, ...(x?.alternatives ?? [])].sort()).toEqual(['siyaq:ali-abdullah-saleh', 'siyaq:barham-salih']);
  });
  it('without a title, صالح ("valid", a first name) stays plain text', () => {
    expect(first('هذا الحل صالح لكل زمان')).toBeUndefined();
  });
});
