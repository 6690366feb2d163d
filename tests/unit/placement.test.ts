import { describe, expect, it } from 'vitest';
import { CARD_GAP, placeCard, VIEWPORT_MARGIN } from '../../lib/page/placement';

const view = { width: 1000, height: 800 };
const card = { width: 340, height: 300 };
const at = (left: number, top: number, w = 60, h = 20) => ({ left, top, right: left + w, bottom: top + h });

describe('card placement', () => {
  it.each([
    ['rtl', 'middle', at(500, 200), { side: 'below', left: 560 - 340, top: 220 + CARD_GAP }],
    ['ltr', 'middle', at(500, 200), { side: 'below', left: 500, top: 220 + CARD_GAP }],
    ['rtl', 'near the bottom', at(500, 700), { side: 'above', left: 220, top: 700 - CARD_GAP - 300 }],
    ['ltr', 'near the bottom', at(500, 700), { side: 'above', left: 500, top: 700 - CARD_GAP - 300 }],
    ['rtl', 'near the left edge', at(10, 100), { side: 'below', left: VIEWPORT_MARGIN }],
    ['ltr', 'near the right edge', at(950, 100), { side: 'below', left: 1000 - VIEWPORT_MARGIN - 340 }],
    ['rtl', 'near the right edge', at(940, 100), { side: 'below', left: 1000 - VIEWPORT_MARGIN - 340 }],
    ['ltr', 'near the top', at(300, 0), { side: 'below', top: 20 + CARD_GAP }],
  ] as const)('%s, %s', (dir, _, anchor, expected) => {
    const p = placeCard(anchor, card, view, dir);
    expect(p).toMatchObject(expected);
    expect(p.left).toBeGreaterThanOrEqual(VIEWPORT_MARGIN);
    expect(p.left + card.width).toBeLessThanOrEqual(view.width);
  });

  it('in a short viewport the card goes where there is more room and is capped to fit', () => {
    const p = placeCard(at(200, 100), card, { width: 1000, height: 250 }, 'rtl');
    expect(p.side).toBe('below');
    expect(p.maxHeight).toBeLessThan(card.height);
    expect(p.top + p.maxHeight).toBeLessThanOrEqual(250);
  });

  it('in a narrow viewport the card shrinks to the viewport', () => {
    const p = placeCard(at(100, 100), card, { width: 300, height: 800 }, 'rtl');
    expect(p.left).toBe(VIEWPORT_MARGIN);
  });
});
