import { browser } from 'wxt/browser';
import type { Payload, Reply, RequestMessage, RequestType, Results } from './protocol';

export class RequestError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/** Sends a request to the background and returns its result (throws RequestError on refusal). */
export async function request<T extends RequestType>(type: T, payload: Payload<T>): Promise<Results[T]> {
  const msg: RequestMessage<T> = { siyaq: 1, type, payload };
  const reply = (await browser.runtime.sendMessage(msg)) as Reply<T> | undefined;
  if (!reply) throw new RequestError('no answer from the extension');
  if (!reply.ok) throw new RequestError(reply.error, reply.code);
  return reply.value;
}
