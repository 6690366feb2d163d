/**
 * Where the card goes: below the name when it fits, else above, else on the side with more room;
 * aligned with the name's start edge (right in RTL, left in LTR) and kept inside the viewport.
 * Pure, after Page Previews' createLayout (src/ui/renderer.js), tested in both directions.
 */

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Placement {
  left: number;
  top: number;
  side: 'below' | 'above';
  /** The card's height was capped to fit the viewport. */
  maxHeight: number;
}

export const CARD_GAP = 6;
export const VIEWPORT_MARGIN = 8;

export function placeCard(anchor: Rect, card: { width: number; height: number }, viewport: { width: number; height: number }, dir: 'rtl' | 'ltr'): Placement {
  const m = VIEWPORT_MARGIN;
  const width = Math.min(card.width, viewport.width - 2 * m);
  const spaceBelow = viewport.height - anchor.bottom - CARD_GAP - m;
  const spaceAbove = anchor.top - CARD_GAP - m;
  let side: Placement['side'];
  if (card.height <= spaceBelow) side = 'below';
  else if (card.height <= spaceAbove) side = 'above';
  else side = spaceBelow >= spaceAbove ? 'below' : 'above';
  const room = Math.max(0, side === 'below' ? spaceBelow : spaceAbove);
  const height = Math.min(card.height, room);
  const top = side === 'below' ? anchor.bottom + CARD_GAP : anchor.top - CARD_GAP - height;
  let left = dir === 'rtl' ? anchor.right - width : anchor.left;
  left = Math.max(m, Math.min(left, viewport.width - m - width));
  return { left: Math.round(left), top: Math.round(Math.max(m, top)), side, maxHeight: Math.floor(room) };
}
