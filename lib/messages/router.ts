/**
 * The background's edge: checks who sent a message and what it holds before any handler runs.
 * Pure (no browser APIs), so each refusal is unit-tested.
 */
import { validate } from '../schema/schema';
import { MESSAGE_LIMITS, REQUESTS, type Payload, type Reply, type RequestType, type Results } from './protocol';

export interface SenderInfo {
  id?: string;
  url?: string;
  /** Present for content scripts (and extension pages shown in a tab). */
  tab?: { id?: number; url?: string };
  frameId?: number;
}

export interface RouterContext {
  extensionId: string;
  /** e.g. chrome-extension://abc... (no trailing slash) */
  extensionOrigin: string;
}

export type Handlers = { [T in RequestType]: (payload: Payload<T>, sender: SenderInfo) => Promise<Results[T]> | Results[T] };

export class Refusal extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** True when the sender is one of the extension's own pages (popup, options), not a web page. */
export function isExtensionPage(sender: SenderInfo, ctx: RouterContext): boolean {
  if (!sender.url) return false;
  try {
    const origin = new URL(sender.url).origin;
    return origin !== 'null' && origin === ctx.extensionOrigin;
  } catch {
    return false;
  }
}

/** Checks a message and its sender; returns the typed request or throws a Refusal. */
export function admit(message: unknown, sender: SenderInfo, ctx: RouterContext): { type: RequestType; payload: unknown } {
  if (sender.id !== ctx.extensionId) throw new Refusal('messages from other extensions are not accepted', 'sender');
  if (typeof message !== 'object' || message === null || (message as { siyaq?: unknown }).siyaq !== 1) throw new Refusal('not a Siyaq message', 'format');
  const { type, payload } = message as { type?: unknown; payload?: unknown };
  if (typeof type !== 'string' || !Object.hasOwn(REQUESTS, type))
    throw new Refusal(`unknown message type ${JSON.stringify(String(type).slice(0, 40))}`, 'type');
  const spec = REQUESTS[type as RequestType];
  if (spec.from === 'page' && !isExtensionPage(sender, ctx)) throw new Refusal(`"${type}" is accepted only from the extension's own pages`, 'forbidden');
  const r = validate(spec.payload as never, payload ?? {}, 'payload');
  if (!r.ok) throw new Refusal(`invalid "${type}" message: ${r.issues[0]!.path} ${r.issues[0]!.message}`, 'invalid');
  if (type === 'annotate') {
    let total = 0;
    for (const b of (payload as Payload<'annotate'>).blocks) total += b.length;
    if (total > MESSAGE_LIMITS.totalChars) throw new Refusal(`"annotate" carries ${total} characters; the limit is ${MESSAGE_LIMITS.totalChars}`, 'too-large');
  }
  return { type: type as RequestType, payload };
}

export async function route(message: unknown, sender: SenderInfo, ctx: RouterContext, handlers: Handlers): Promise<Reply<RequestType>> {
  let req: { type: RequestType; payload: unknown };
  try {
    req = admit(message, sender, ctx);
  } catch (e) {
    const r = e as Refusal;
    return { ok: false, error: r.message, code: r.code };
  }
  try {
    const handler = handlers[req.type] as (p: unknown, s: SenderInfo) => Promise<unknown> | unknown;
    const value = await handler(req.payload, sender);
    return { ok: true, value } as Reply<RequestType>;
  } catch (e) {
    const err = e as { message?: string; code?: string };
    return { ok: false, error: err?.message ?? String(e), ...(err?.code ? { code: err.code } : {}) };
  }
}
