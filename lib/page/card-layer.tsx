/**
 * The layer that holds the card on a page: one element appended to <html> (outside the article),
 * a closed shadow root (page scripts cannot read it), styles that win over any page CSS
 * (`!important` on :host beats the page's own !important rules for the host), and the top layer
 * (popover) so no z-index can cover it. It fills the viewport but lets every pointer event
 * through except on the card itself.
 */
import { render } from 'preact';
import cardCss from '../../components/card.css?inline';
import { EntityCard } from '../../components/EntityCard';
import type { EntityCard as Card } from '../card/types';
import { t, type Lang } from '../i18n';
import { placeCard, type Rect } from './placement';

const HOST_CSS = `
:host {
  all: initial !important;
  position: fixed !important;
  inset: 0 !important;
  width: 100vw !important;
  height: 100vh !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  background: transparent !important;
  overflow: visible !important;
  pointer-events: none !important;
  z-index: 2147483647 !important;
  display: block !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
  filter: none !important;
  contain: layout style !important;
}
.layer { position: absolute; pointer-events: auto; }
.layer[hidden] { display: none; }
.status { box-sizing: border-box; padding: 8px 12px; background: #fff; color: #3a4049; border: 1px solid #d0d4da; border-radius: 8px; font: 13px system-ui, sans-serif; }
`;

export const HOST_TAG = 'siyaq-card-layer';

export interface CardLayerEvents {
  onEnter(): void;
  onLeave(): void;
  onClose(): void;
  onMore(card: Card): void;
  onChoose(id: string): void;
}

export class CardLayer {
  readonly host: HTMLElement;
  private readonly root: ShadowRoot;
  private readonly box: HTMLDivElement;
  private anchor: (() => Rect | undefined) | undefined;
  private dir: 'rtl' | 'ltr' = 'rtl';

  constructor(
    private readonly doc: Document,
    private readonly events: CardLayerEvents,
  ) {
    this.host = doc.createElement(HOST_TAG);
    this.root = this.host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = HOST_CSS + cardCss;
    this.root.append(style);
    this.box = doc.createElement('div');
    this.box.className = 'layer';
    this.box.hidden = true;
    this.box.addEventListener('pointerenter', () => this.events.onEnter());
    this.box.addEventListener('pointerleave', () => this.events.onLeave());
    this.root.append(this.box);
    doc.documentElement.append(this.host);
    this.host.setAttribute('popover', 'manual');
    try {
      (this.host as HTMLElement & { showPopover?: () => void }).showPopover?.();
    } catch {
      /* no popover support: the z-index applies */
    }
  }

  contains(node: Node | null): boolean {
    return node === this.host;
  }

  get visible(): boolean {
    return !this.box.hidden;
  }

  show(card: Card, lang: Lang, adjective: boolean, anchor: () => Rect | undefined): void {
    this.anchor = anchor;
    this.dir = lang === 'ar' ? 'rtl' : 'ltr';
    render(
      <EntityCard
        card={card}
        lang={lang}
        adjective={adjective}
        onClose={() => this.events.onClose()}
        onMore={() => this.events.onMore(card)}
        onChoose={(id) => this.events.onChoose(id)}
      />,
      this.box,
    );
    this.box.hidden = false;
    this.box.setAttribute('role', 'dialog');
    this.box.setAttribute('aria-label', card.label.ar);
    this.place();
  }

  showStatus(lang: Lang, key: 'card_loading' | 'card_not_found', anchor: () => Rect | undefined): void {
    this.anchor = anchor;
    render(<div class="status">{t(lang, key)}</div>, this.box);
    this.box.hidden = false;
    this.place();
  }

  /** Re-computes the position (after scroll or resize). */
  place(): void {
    const a = this.anchor?.();
    if (!a || this.box.hidden) return;
    const view = this.doc.defaultView!;
    const card = this.box.firstElementChild as HTMLElement | null;
    const size = { width: card?.offsetWidth ?? 340, height: card?.offsetHeight ?? 200 };
    const p = placeCard(a, size, { width: view.innerWidth, height: view.innerHeight }, this.dir);
    this.box.style.left = `${p.left}px`;
    this.box.style.top = `${p.top}px`;
    if (card) card.style.maxHeight = `${Math.max(120, p.maxHeight)}px`;
  }

  hide(): void {
    this.box.hidden = true;
    render(null, this.box);
    this.anchor = undefined;
  }

  /** Moves keyboard focus into the card (for keyboard readers). */
  focus(): void {
    (this.box.querySelector('button, a') as HTMLElement | null)?.focus();
  }

  dispose(): void {
    this.hide();
    this.host.remove();
  }
}
