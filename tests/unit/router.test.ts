import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MESSAGE_LIMITS, REQUESTS, type RequestType } from '../../lib/messages/protocol';
import { Refusal, admit, isExtensionPage, route, type Handlers, type RouterContext, type SenderInfo } from '../../lib/messages/router';

const ID = 'kdjbcbhkhmmbpckhcjhnjmgdclgbncmo';
const ctx: RouterContext = { extensionId: ID, extensionOrigin: `chrome-extension://${ID}` };

/** A content script on a news page. */
const contentScript: SenderInfo = {
  id: ID,
  url: 'https://www.aljazeera.net/news/2025/4/12/iran',
  tab: { id: 7, url: 'https://www.aljazeera.net/news/2025/4/12/iran' },
  frameId: 0,
};
/** The extension's options page. */
const optionsPage: SenderInfo = { id: ID, url: `chrome-extension://${ID}/options.html` };

const msg = (type: string, payload?: unknown) => ({ siyaq: 1, type, ...(payload === undefined ? {} : { payload }) });

/** The Refusal admit() throws. */
function refusal(message: unknown, sender: SenderInfo = contentScript): Refusal {
  try {
    admit(message, sender, ctx);
  } catch (e) {
    expect(e).toBeInstanceOf(Refusal);
    return e as Refusal;
  }
  throw new Error('the message was admitted');
}

/**
 * Node's URL follows the URL standard, where chrome-extension: and moz-extension: are not special
 * schemes and their origin is "null". Chromium and Firefox give these URLs a real origin
 * (chrome-extension://<id>), which the background reads for its context. Behave like them.
 */
class BrowserURL extends URL {
  override get origin(): string {
    return /^(chrome|moz)-extension:$/.test(this.protocol) ? `${this.protocol}//${this.host}` : super.origin;
  }
}

beforeEach(() => {
  vi.stubGlobal('URL', BrowserURL);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('admit: who may send', () => {
  it('refuses a message from another extension, or from a sender without an id', () => {
    for (const sender of [{ ...optionsPage, id: 'aaaabbbbccccddddeeeeffffgggghhhh' }, { url: optionsPage.url }]) {
      const r = refusal(msg('ping'), sender);
      expect(r.code).toBe('sender');
      expect(r.message).toBe('messages from other extensions are not accepted');
    }
  });

  it('refuses a page-only request from a content script', () => {
    const r = refusal(msg('packs.delete', { id: 'siyaq.default' }));
    expect(r.code).toBe('forbidden');
    expect(r.message).toBe('"packs.delete" is accepted only from the extension\'s own pages');
  });

  it('refuses every page-only request from a content script, and admits each from the options page', () => {
    const valid: Partial<Record<RequestType, unknown>> = {
      search: { query: 'إيران' },
      'packs.list': {},
      'packs.import': { from: 'upload', uploadId: 3 },
      'packs.update': { id: 'siyaq.default' },
      'packs.delete': { id: 'siyaq.default' },
      'packs.enable': { id: 'siyaq.default', enabled: false },
      'packs.export': { id: 'siyaq.default' },
      'packs.verify': { id: 'siyaq.default' },
      'packs.reimport': { id: 'siyaq.default' },
      'settings.get': {},
      'site.set': { origin: 'https://www.aljazeera.net', enabled: true },
    };
    const pageOnly = (Object.keys(REQUESTS) as RequestType[]).filter((t) => REQUESTS[t].from === 'page' && t !== 'settings.set');
    expect(pageOnly.sort()).toEqual(Object.keys(valid).sort());
    for (const type of pageOnly) {
      expect(refusal(msg(type, valid[type])).code, type).toBe('forbidden');
      expect(admit(msg(type, valid[type]), optionsPage, ctx)).toEqual({ type, payload: valid[type] });
    }
  });

  it.each([
    ['another extension’s page', 'chrome-extension://aaaabbbbccccddddeeeeffffgggghhhh/options.html'],
    ['a web page whose path names the extension', `https://evil.example/chrome-extension://${ID}/options.html`],
    ['a web page on a look-alike host', `https://${ID}.example/options.html`],
    ['a data: URL', 'data:text/html,<h1>options</h1>'],
    ['no URL at all', undefined],
  ])('a page-only request is refused from %s', (_, url) => {
    const sender: SenderInfo = { id: ID, ...(url ? { url } : {}) };
    expect(refusal(msg('packs.list', {}), sender).code).toBe('forbidden');
    expect(isExtensionPage(sender, ctx)).toBe(false);
  });

  it('admits requests open to all from a content script', () => {
    expect(admit(msg('annotate', { blocks: ['أعلنت إيران'] }), contentScript, ctx)).toEqual({ type: 'annotate', payload: { blocks: ['أعلنت إيران'] } });
    expect(admit(msg('ping'), contentScript, ctx)).toEqual({ type: 'ping', payload: undefined });
    expect(admit(msg('card', { id: 'Q794', asOf: '2025-04-12', page: ['Q842'] }), contentScript, ctx).type).toBe('card');
  });
});

describe('admit: what may be sent', () => {
  it.each([
    ['no siyaq marker', { type: 'ping', payload: {} }],
    ['a wrong siyaq marker', { siyaq: '1', type: 'ping' }],
    ['another protocol version', { siyaq: 2, type: 'ping' }],
    ['null', null],
    ['a string', 'ping'],
  ])('a forged message (%s) is refused', (_, message) => {
    const r = refusal(message);
    expect(r.code).toBe('format');
    expect(r.message).toBe('not a Siyaq message');
  });

  it.each([['packs.wipe'], ['toString'], ['__proto__'], ['constructor']])('an unknown type (%s) is refused by name', (type) => {
    const r = refusal(msg(type, {}), optionsPage);
    expect(r.code).toBe('type');
    expect(r.message).toBe(`unknown message type ${JSON.stringify(type)}`);
  });

  it('a type that is not text is refused', () => {
    expect(refusal({ siyaq: 1, type: 42 }).code).toBe('type');
  });

  it.each([
    ['blocks that are not a list', 'annotate', { blocks: 'إيران' }, 'payload.blocks must be a list, got "إيران"'],
    ['a block that is not text', 'annotate', { blocks: ['إيران', 7] }, 'payload.blocks[1] must be text, got 7'],
    [
      'an oversized block',
      'annotate',
      { blocks: ['ا'.repeat(MESSAGE_LIMITS.blockChars + 1)] },
      `payload.blocks[0] is ${MESSAGE_LIMITS.blockChars + 1} characters long; the limit is ${MESSAGE_LIMITS.blockChars}`,
    ],
    [
      'too many blocks',
      'annotate',
      { blocks: Array(MESSAGE_LIMITS.blocks + 1).fill('') },
      `payload.blocks has ${MESSAGE_LIMITS.blocks + 1} items; the limit is ${MESSAGE_LIMITS.blocks}`,
    ],
    ['an extra field', 'annotate', { blocks: [], script: 'alert(1)' }, 'payload.script is not a known field'],
    ['a bad date', 'card', { id: 'Q794', asOf: '12/04/2025', page: [] }, 'payload.asOf must be YYYY-MM-DD, got "12/04/2025"'],
    ['a bad id', 'timeline', { id: '<img src=x>', asOf: '2025-04-12' }, 'payload.id must be an id, got "<img src=x>"'],
    ['a missing field', 'status', {}, 'payload.origin is required'],
    ['an origin with a path', 'status', { origin: 'https://example.com/x' }, 'payload.origin must be an origin, got "https://example.com/x"'],
  ])('%s is refused, naming the field', (_, type, payload, detail) => {
    const r = refusal(msg(type, payload));
    expect(r.code).toBe('invalid');
    expect(r.message).toBe(`invalid "${type}" message: ${detail}`);
  });

  it('a page request with a bad payload is refused even from the options page', () => {
    const r = refusal(msg('packs.import', { from: 'url', url: 'http://example.com/pack.json.gz' }), optionsPage);
    expect(r.message).toBe('invalid "packs.import" message: payload.url must be an https URL, got "http://example.com/pack.json.gz"');
    const s = refusal(msg('settings.set', { settings: { trigger: 'click' } }), optionsPage);
    expect(s.message).toMatch(/^invalid "settings.set" message: payload\.settings\.trigger must be one of hover, modifier, off, got "click"/);
  });

  it(`"annotate" over MESSAGE_LIMITS.totalChars (${MESSAGE_LIMITS.totalChars}) in all is refused`, () => {
    const per = MESSAGE_LIMITS.blockChars;
    const count = MESSAGE_LIMITS.totalChars / per;
    const block = 'ن'.repeat(per);
    expect(admit(msg('annotate', { blocks: Array(count).fill(block) }), contentScript, ctx).type).toBe('annotate');
    const r = refusal(msg('annotate', { blocks: [...Array(count).fill(block), 'إيران'] }));
    expect(r.code).toBe('too-large');
    expect(r.message).toBe(`"annotate" carries ${MESSAGE_LIMITS.totalChars + 5} characters; the limit is ${MESSAGE_LIMITS.totalChars}`);
  });
});

describe('route', () => {
  const handlers = (over: Partial<Record<RequestType, (payload: never, sender: SenderInfo) => unknown>>) => over as unknown as Handlers;

  it('passes an admitted request to its handler and wraps the value', async () => {
    const ping = vi.fn(() => ({ pong: true as const }));
    expect(await route(msg('ping', {}), contentScript, ctx, handlers({ ping }))).toEqual({ ok: true, value: { pong: true } });
    expect(ping).toHaveBeenCalledWith({}, contentScript);
  });

  it('turns a thrown handler error into {ok:false, error}, keeping its code', async () => {
    const failing = handlers({
      'packs.delete': () => {
        throw new Error('no pack "test.gulf"');
      },
      'packs.verify': async () => {
        throw Object.assign(new Error('the pack is damaged'), { code: 'damaged' });
      },
      ping: () => {
        throw 'plain string';
      },
    });
    expect(await route(msg('packs.delete', { id: 'test.gulf' }), optionsPage, ctx, failing)).toEqual({ ok: false, error: 'no pack "test.gulf"' });
    expect(await route(msg('packs.verify', { id: 'test.gulf' }), optionsPage, ctx, failing)).toEqual({
      ok: false,
      error: 'the pack is damaged',
      code: 'damaged',
    });
    expect(await route(msg('ping'), optionsPage, ctx, failing)).toEqual({ ok: false, error: 'plain string' });
  });

  it('a refused message never reaches a handler', async () => {
    const del = vi.fn();
    expect(await route(msg('packs.delete', { id: 'siyaq.default' }), contentScript, ctx, handlers({ 'packs.delete': del }))).toEqual({
      ok: false,
      error: '"packs.delete" is accepted only from the extension\'s own pages',
      code: 'forbidden',
    });
    expect(await route({ type: 'packs.delete', payload: { id: 'siyaq.default' } }, optionsPage, ctx, handlers({ 'packs.delete': del }))).toMatchObject({
      ok: false,
      code: 'format',
    });
    expect(del).not.toHaveBeenCalled();
  });
});
