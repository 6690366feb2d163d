import { describe, expect, it } from 'vitest';
import { DWELL_MS, GRACE_MS, HoverIntent, SHOW_MS, type Timers } from '../../lib/hover/intent';

/** Manual clock: timers fire only when the test advances time. */
function clock() {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    now: () => now,
    set: (fn, ms) => {
      pending.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clear: (h) => void pending.delete(h as number),
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = [...pending].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      pending.delete(next[0]);
      now = next[1].at;
      next[1].fn();
    }
    now = end;
  };
  return { timers, advance };
}

function setup() {
  const c = clock();
  const log: string[] = [];
  const fetches: { key: string; token: number }[] = [];
  const intent = new HoverIntent<string, string>(
    { dwellMs: DWELL_MS, showMs: SHOW_MS, graceMs: GRACE_MS },
    {
      fetch: (key, token) => {
        fetches.push({ key, token });
        log.push(`fetch ${key}`);
      },
      show: (key, data) => log.push(`show ${key} ${data}`),
      hide: () => log.push('hide'),
    },
    c.timers,
  );
  return { intent, log, fetches, advance: c.advance };
}

describe('hover intent (Page Previews timing)', () => {
  it('passing over a name asks for nothing', () => {
    const { intent, log, advance } = setup();
    intent.enter('إيران');
    advance(DWELL_MS - 1);
    intent.leave();
    advance(1000);
    expect(log).toEqual([]);
  });

  it('asks after the dwell and shows at the steady delay even when the answer is fast', () => {
    const { intent, log, fetches, advance } = setup();
    intent.enter('إيران');
    advance(DWELL_MS);
    expect(log).toEqual(['fetch إيران']);
    intent.resolved(fetches[0]!.token, 'card');
    advance(SHOW_MS - DWELL_MS - 1);
    expect(log).toEqual(['fetch إيران']);
    advance(1);
    expect(log).toEqual(['fetch إيران', 'show إيران card']);
  });

  it('shows a slow answer as soon as it arrives', () => {
    const { intent, log, fetches, advance } = setup();
    intent.enter('إيران');
    advance(SHOW_MS + 200);
    intent.resolved(fetches[0]!.token, 'card');
    expect(log.at(-1)).toBe('show إيران card');
  });

  it('drops a stale answer for an earlier hover', () => {
    const { intent, log, fetches, advance } = setup();
    intent.enter('إيران');
    advance(DWELL_MS);
    intent.enter('إسرائيل');
    advance(DWELL_MS);
    intent.resolved(fetches[0]!.token, 'Iran card');
    intent.resolved(fetches[1]!.token, 'Israel card');
    advance(SHOW_MS);
    expect(log.filter((l) => l.startsWith('show'))).toEqual(['show إسرائيل Israel card']);
  });

  it('keeps the card during the grace period so the pointer can move into it', () => {
    const { intent, log, fetches, advance } = setup();
    intent.enter('إيران');
    advance(DWELL_MS);
    intent.resolved(fetches[0]!.token, 'card');
    advance(SHOW_MS);
    intent.leave();
    advance(GRACE_MS - 1);
    intent.enterCard();
    advance(1000);
    expect(log.at(-1)).toBe('show إيران card');
    intent.leaveCard();
    advance(GRACE_MS);
    expect(log.at(-1)).toBe('hide');
  });

  it('Escape (cancel) closes at once', () => {
    const { intent, log, fetches, advance } = setup();
    intent.enter('إيران', true);
    intent.resolved(fetches[0]!.token, 'card');
    advance(0);
    expect(intent.shown).toBe(true);
    intent.cancel();
    expect(log.at(-1)).toBe('hide');
    expect(intent.shown).toBe(false);
  });

  it('keyboard (immediate) asks and shows without the hover delays', () => {
    const { intent, log, fetches, advance } = setup();
    intent.enter('إيران', true);
    expect(log).toEqual(['fetch إيران']);
    intent.resolved(fetches[0]!.token, 'card');
    advance(0);
    expect(log.at(-1)).toBe('show إيران card');
  });

  it('no card for a name the packs do not describe', () => {
    const { intent, log, fetches, advance } = setup();
    intent.enter('x');
    advance(DWELL_MS);
    intent.resolved(fetches[0]!.token, undefined);
    advance(SHOW_MS);
    expect(log).toEqual(['fetch x']);
  });
});
