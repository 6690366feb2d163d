/**
 * Hover cards on the demo article, in real Chromium with the built extension (issue 5).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  cardElementPoint,
  cardInfo,
  cardText,
  highlightCount,
  hover,
  launch,
  textPoint,
  waitForCard,
  waitForHighlights,
  waitForNoCard,
  type Session,
} from './harness';

let s: Session;
beforeAll(async () => {
  s = await launch();
  await s.waitForPacks();
});
afterAll(async () => {
  await s?.close();
});

async function freshArticle(path = '/article.html'): Promise<Page> {
  return s.openArticle(path);
}

describe('hovering a name shows its card', () => {
  it.each([
    ['إيران', 0, 'Iran'],
    ['سلطنة عُمان', 0, 'Oman'],
    ['حماس', 0, 'Hamas'],
    ['الإيرانية', 0, 'Iran'],
    ['والولايات المتحدة', 0, 'United States'],
  ])('%s', async (text, occurrence, english) => {
    const page = await freshArticle();
    // Hover the name itself, not its clitic (و of والولايات).
    const target = text.startsWith('وال') ? text.slice(1) : text;
    await hover(page, text === target ? text : target, occurrence);
    const card = await waitForCard(page, english);
    expect(card).toContain(english);
    await page.close();
  });

  it("Iran's card lists prior events from before the article's date and none after it", async () => {
    const page = await freshArticle();
    await hover(page, 'إيران');
    await waitForCard(page, 'Iran');
    const info = (await cardInfo(page))!;
    expect(info.dates.length).toBeGreaterThan(0);
    for (const d of info.dates) expect(d < '2024-05-19').toBe(true);
    // The article's own events are among them.
    expect(info.text).toMatch(/القنصلية الإيرانية في دمشق|الهجوم الإيراني على إسرائيل|أصفهان/);
    // Only http(s) links.
    for (const href of info.links) expect(href).toMatch(/^https?:\/\//);
    await page.close();
  });

  it('an adjective shows its place as an adjective', async () => {
    const page = await freshArticle();
    await hover(page, 'أميركيين');
    const card = await waitForCard(page, 'United States');
    expect(card).toContain('صفة تشير إلى');
    await page.close();
  });

  it('Escape closes the card', async () => {
    const page = await freshArticle();
    await hover(page, 'إيران');
    await waitForCard(page, 'Iran');
    await page.keyboard.press('Escape');
    await waitForNoCard(page);
    await page.close();
  });

  it('moving away closes the card after the grace period; passing over a name opens none', async () => {
    const page = await freshArticle();
    await hover(page, 'إيران');
    await waitForCard(page, 'Iran');
    await page.mouse.move(5, 890);
    await waitForNoCard(page);
    // A quick pass over إسرائيل (shorter than the dwell) does not open a card.
    const p = await textPoint(page, 'إسرائيل');
    await page.mouse.move(p.x, p.y);
    await page.mouse.move(5, 890);
    await page.waitForTimeout(800);
    expect(await cardText(page)).toBeNull();
    await page.close();
  });
});

describe('the card leads on', () => {
  it('"more" opens the full timeline of the entity, as of the article\'s date', async () => {
    const page = await freshArticle();
    await hover(page, 'إيران');
    await waitForCard(page, 'Iran');
    const more = await cardElementPoint(page, 'BUTTON', 'more');
    expect(more).not.toBeNull();
    const opened = s.context.waitForEvent('page');
    await page.mouse.move(more!.x, more!.y, { steps: 3 });
    await page.mouse.click(more!.x, more!.y);
    const tab = await opened;
    await tab.waitForLoadState();
    expect(tab.url()).toBe(s.extUrl('popup.html?entity=Q794&asOf=2024-05-19'));
    await tab.waitForSelector('[data-event-id]');
    const dates = await tab.$$eval('time[datetime]', (els) => els.map((e) => e.getAttribute('datetime') ?? ''));
    expect(dates.length).toBeGreaterThan(10);
    for (const d of dates) expect(d < '2024-05-19').toBe(true);
    await tab.close();
    await page.close();
  });
});

describe('touch readers', () => {
  it('a tap on a name opens its card; a tap elsewhere closes it', async () => {
    const touch = await launch({ hasTouch: true, server: s.server });
    try {
      await touch.waitForPacks();
      const page = await touch.openArticle();
      const p = await textPoint(page, 'إيران');
      await page.touchscreen.tap(p.x, p.y);
      await waitForCard(page, 'Iran');
      await page.touchscreen.tap(20, 880);
      await waitForNoCard(page);
    } finally {
      await touch.close();
    }
  });
});

describe('the trigger setting', () => {
  it('with "hover with a modifier key", a plain hover opens nothing and Alt+hover opens the card', async () => {
    const before = await s.call<Record<string, unknown>>('settings.get');
    await s.call('settings.set', { settings: { ...before, trigger: 'modifier' } });
    try {
      const page = await freshArticle();
      await hover(page, 'إيران');
      await page.waitForTimeout(900);
      expect(await cardText(page)).toBeNull();
      await page.mouse.move(5, 5);
      await page.keyboard.down('Alt');
      await hover(page, 'إيران');
      await waitForCard(page, 'Iran');
      await page.keyboard.up('Alt');
      await page.close();
    } finally {
      await s.call('settings.set', { settings: before });
    }
  });
});

describe('keyboard readers', () => {
  it('Alt+Shift+N steps through the mentions with the card following; Escape closes', async () => {
    const page = await freshArticle();
    await page.keyboard.press('Alt+Shift+KeyN');
    // The first mention of the article is إيران in the headline.
    await waitForCard(page, 'Iran');
    await page.keyboard.press('Alt+Shift+KeyN');
    await waitForCard(page, 'United States');
    await page.keyboard.press('Alt+Shift+KeyP');
    await waitForCard(page, 'Iran');
    await page.keyboard.press('Escape');
    await waitForNoCard(page);
    await page.close();
  });
});

describe('the page is not disturbed', () => {
  it("the article's layout (paragraph boxes), innerText and element count are identical before and after annotation", async () => {
    const page = await s.context.newPage();
    // Capture as soon as the DOM is ready, before the content script (document_idle) runs.
    await page.addInitScript(() => {
      const snap = () => {
        const article = document.querySelector('article')!;
        return {
          text: article.innerText,
          elements: document.querySelectorAll('*').length,
          boxes: Array.from(article.querySelectorAll('p, h1, li')).map((p) => {
            const r = p.getBoundingClientRect();
            return [r.x, r.y, r.width, r.height].map((v) => Math.round(v * 100) / 100);
          }),
        };
      };
      (window as unknown as { __snap: typeof snap }).__snap = snap;
      document.addEventListener('DOMContentLoaded', () => ((window as unknown as { __before: unknown }).__before = snap()));
    });
    await page.goto(s.server.url + '/article.html');
    await waitForHighlights(page, 30);
    const { before, after } = await page.evaluate(() => {
      const w = window as unknown as { __before: { elements: number }; __snap: () => { elements: number } };
      return { before: w.__before, after: w.__snap() };
    });
    // The card layer lives outside <body>; nothing is inserted into the article.
    expect(after).toEqual({ ...before, elements: before.elements + 1 });
    expect(await page.evaluate(() => document.body.querySelector('siyaq-card-layer'))).toBeNull();
    await page.close();
  });

  it('a hostile page (everything unset, huge z-indexes) leaves the card intact and on top', async () => {
    const page = await freshArticle('/hostile.html');
    await hover(page, 'إيران');
    await waitForCard(page, 'Iran');
    const info = (await cardInfo(page))!;
    expect(info.box!.width).toBeGreaterThan(250);
    expect(info.box!.height).toBeGreaterThan(100);
    // The card paints white, untinted by the page's full-screen red overlay (z-index 2147483647).
    const png = await page.screenshot({ clip: { x: Math.round(info.box!.x + info.box!.width / 2), y: Math.round(info.box!.y + 6), width: 1, height: 1 } });
    const helper = await s.context.newPage();
    await helper.goto(s.extUrl('options.html'));
    const rgb = await helper.evaluate(async (b64) => {
      const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
      const bmp = await createImageBitmap(blob);
      const c = new OffscreenCanvas(1, 1);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      return Array.from(ctx.getImageData(0, 0, 1, 1).data.slice(0, 3));
    }, png.toString('base64'));
    await helper.close();
    // White, or the dark-mode card colour: in any case not tinted red by the overlay.
    const [r, g, b] = rgb as [number, number, number];
    expect(Math.abs(r - g)).toBeLessThan(4);
    expect(Math.abs(g - b)).toBeLessThan(12);
    await page.close();
  });

  it('a page that appends paragraphs gets them annotated', async () => {
    const page = await freshArticle('/growing.html');
    const before = await highlightCount(page);
    await page.waitForSelector('#late');
    await page.waitForFunction(() => {
      const late = document.getElementById('late');
      const h = CSS.highlights.get('siyaq-mention');
      return !!late && !!h && Array.from(h as unknown as Iterable<Range>).some((r) => late.contains(r.startContainer));
    });
    expect(await highlightCount(page)).toBeGreaterThan(before);
    await hover(page, 'سويسرا', 1);
    await waitForCard(page, 'Switzerland');
    await page.close();
  });

  it('a page that is not Arabic is left alone', async () => {
    const page = await s.context.newPage();
    await page.goto(s.server.url + '/english.html');
    await page.waitForTimeout(1500);
    expect(await highlightCount(page)).toBe(0);
    expect(await page.evaluate(() => document.querySelector('siyaq-card-layer'))).toBeNull();
    await page.close();
  });
});
