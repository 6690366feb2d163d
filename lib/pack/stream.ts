/**
 * Bytes of a pack file (plain or gzipped JSON) -> text chunks, with the size limits and the
 * decompression-bomb guard applied as the bytes flow, so nothing oversized is ever held.
 */
import { LIMITS } from './format';

export class PackSizeError extends Error {
  constructor(
    message: string,
    readonly code: 'too-large' | 'bomb' | 'encoding',
  ) {
    super(message);
  }
}

export interface TextChunks {
  chunks: AsyncIterable<string>;
  /** Bytes read from the source so far (compressed when gzipped). */
  readonly bytesRead: () => number;
  /** Decompressed bytes so far. */
  readonly jsonBytes: () => number;
  readonly gzipped: () => boolean;
}

const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;

export function packText(source: ReadableStream<Uint8Array>, limits: { compressedBytes: number; jsonBytes: number; gzipRatio: number } = LIMITS): TextChunks {
  let read = 0;
  let inflated = 0;
  let gz = false;
  async function* gen(): AsyncGenerator<string> {
    const reader = source.getReader();
    // Enough bytes to tell gzip (1f 8b) from text, however the source chunks them.
    let head = new Uint8Array(0);
    let ended = false;
    while (head.length < 2) {
      const r = await reader.read();
      if (r.done) {
        ended = true;
        break;
      }
      const joined = new Uint8Array(head.length + r.value.length);
      joined.set(head);
      joined.set(r.value, head.length);
      head = joined;
    }
    if (!head.length) {
      reader.releaseLock();
      return;
    }
    gz = head[0] === 0x1f && head[1] === 0x8b;
    // Re-assemble the stream with the first bytes in front, counting raw bytes.
    const tooLarge = () => new PackSizeError(`the file is larger than ${mib(limits.compressedBytes)}`, 'too-large');
    const raw = new ReadableStream<Uint8Array>({
      start(ctrl) {
        read += head.length;
        if (read > limits.compressedBytes) return ctrl.error(tooLarge());
        ctrl.enqueue(head);
        if (ended) ctrl.close();
      },
      async pull(ctrl) {
        const r = await reader.read();
        if (r.done) return ctrl.close();
        read += r.value.length;
        if (read > limits.compressedBytes) {
          ctrl.error(tooLarge());
          return;
        }
        ctrl.enqueue(r.value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    const bytes = gz ? raw.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>) : raw;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const r = bytes.getReader();
    try {
      for (;;) {
        const { done, value } = await r.read();
        if (done) break;
        inflated += value.length;
        if (inflated > limits.jsonBytes) throw new PackSizeError(`the pack's JSON is larger than ${mib(limits.jsonBytes)}`, 'too-large');
        if (gz && inflated > 16 * 1024 * 1024 && inflated > read * limits.gzipRatio)
          throw new PackSizeError(`the file expands more than ${limits.gzipRatio} times when decompressed; refusing it as a decompression bomb`, 'bomb');
        let text: string;
        try {
          text = decoder.decode(value, { stream: true });
        } catch {
          throw new PackSizeError('the file is not UTF-8 text', 'encoding');
        }
        if (text) yield text;
      }
      let tail: string;
      try {
        tail = decoder.decode();
      } catch {
        throw new PackSizeError('the file is not UTF-8 text (it ends in the middle of a character)', 'encoding');
      }
      if (tail) yield tail;
    } catch (e) {
      await r.cancel().catch(() => undefined);
      if (e instanceof PackSizeError) throw e;
      if (e instanceof TypeError && gz) throw new PackSizeError('the gzip data is damaged or truncated', 'encoding');
      throw e;
    }
  }
  return { chunks: gen(), bytesRead: () => read, jsonBytes: () => inflated, gzipped: () => gz };
}
