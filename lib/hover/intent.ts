/**
 * Hover intent for cards, after Wikipedia Page Previews (mediawiki-extensions-Popups
 * src/constants.js): a card is asked for only after the pointer dwells, shown at a steady delay
 * from the start of the hover (fast answers are held back so it always feels the same), and
 * kept for a grace period so the pointer can travel into it. One hover is live at a time; an
 * answer for an older hover is dropped (stale-token guard). Pure: timers are injected.
 */

/** Dwell before asking the background for the card: passing over a name costs nothing. */
export const DWELL_MS = 150;
/** From hover start to card: long enough to mean intent, short enough to feel immediate. */
export const SHOW_MS = 500;
/** After the pointer leaves the name or card: time to move between them. */
export const GRACE_MS = 300;

export interface Timing {
  dwellMs: number;
  showMs: number;
  graceMs: number;
}

export interface Timers {
  now(): number;
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface HoverEffects<K, D> {
  /** Ask for the data of `key`; call `resolved(token, data)` when it arrives. */
  fetch(key: K, token: number): void;
  show(key: K, data: D): void;
  hide(): void;
}

type Phase = 'idle' | 'pending' | 'shown';

export class HoverIntent<K, D> {
  private phase: Phase = 'idle';
  private key: K | undefined;
  private token = 0;
  private startedAt = 0;
  private data: D | undefined;
  private hasData = false;
  private dwellTimer: unknown;
  private showTimer: unknown;
  private graceTimer: unknown;
  private overCard = false;

  constructor(
    private readonly timing: Timing,
    private readonly effects: HoverEffects<K, D>,
    private readonly timers: Timers,
    private readonly same: (a: K, b: K) => boolean = (a, b) => a === b,
  ) {}

  get current(): K | undefined {
    return this.phase === 'idle' ? undefined : this.key;
  }
  get shown(): boolean {
    return this.phase === 'shown';
  }

  private clearAll(): void {
    for (const t of [this.dwellTimer, this.showTimer, this.graceTimer]) if (t !== undefined) this.timers.clear(t);
    this.dwellTimer = this.showTimer = this.graceTimer = undefined;
  }

  /** The pointer (or keyboard focus, with immediate = true) is on a name. */
  enter(key: K, immediate = false): void {
    if (this.phase !== 'idle' && this.key !== undefined && this.same(this.key, key)) {
      if (this.graceTimer !== undefined) {
        this.timers.clear(this.graceTimer);
        this.graceTimer = undefined;
      }
      return;
    }
    const wasShown = this.phase === 'shown';
    this.clearAll();
    if (wasShown) this.effects.hide();
    this.phase = 'pending';
    this.key = key;
    this.token++;
    this.startedAt = this.timers.now();
    this.data = undefined;
    this.hasData = false;
    this.overCard = false;
    const token = this.token;
    const ask = () => {
      this.dwellTimer = undefined;
      if (token === this.token) this.effects.fetch(key, token);
    };
    if (immediate) ask();
    else this.dwellTimer = this.timers.set(ask, this.timing.dwellMs);
    this.showTimer = this.timers.set(
      () => {
        this.showTimer = undefined;
        if (token === this.token && this.hasData) this.reveal();
      },
      immediate ? 0 : this.timing.showMs,
    );
  }

  /** The answer for a fetch. Dropped unless it is for the live hover. */
  resolved(token: number, data: D | undefined): void {
    if (token !== this.token || this.phase !== 'pending') return;
    if (data === undefined) {
      this.cancel();
      return;
    }
    this.data = data;
    this.hasData = true;
    if (this.showTimer === undefined) this.reveal();
  }

  private reveal(): void {
    this.phase = 'shown';
    this.effects.show(this.key as K, this.data as D);
  }

  /** The pointer left the name. Before the card shows, this cancels; after, starts the grace. */
  leave(): void {
    if (this.phase === 'idle') return;
    if (this.phase === 'pending') {
      this.cancel();
      return;
    }
    if (this.overCard) return;
    this.startGrace();
  }

  enterCard(): void {
    this.overCard = true;
    if (this.graceTimer !== undefined) {
      this.timers.clear(this.graceTimer);
      this.graceTimer = undefined;
    }
  }

  leaveCard(): void {
    this.overCard = false;
    if (this.phase === 'shown') this.startGrace();
  }

  private startGrace(): void {
    if (this.graceTimer !== undefined) return;
    this.graceTimer = this.timers.set(() => {
      this.graceTimer = undefined;
      this.cancel();
    }, this.timing.graceMs);
  }

  /** Escape, scroll away, navigation: close now. */
  cancel(): void {
    const wasShown = this.phase === 'shown';
    this.clearAll();
    this.phase = 'idle';
    this.key = undefined;
    this.token++;
    this.overCard = false;
    if (wasShown) this.effects.hide();
  }

  /** Milliseconds since the live hover began (for measurements). */
  elapsed(): number {
    return this.phase === 'idle' ? 0 : this.timers.now() - this.startedAt;
  }
}
