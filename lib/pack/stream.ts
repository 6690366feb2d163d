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
    const first = await reader.read();
    if (first.done || !first.value.length) {
      reader.releaseLock();
      return;
    }
    gz = first.value[0] === 0x1f && first.value[1] === 0x8b;
    // Re-assemble the stream with the first chunk in front, counting raw bytes.
    const raw = new ReadableStream<Uint8Array>({
      start(ctrl) {
        read += first.value!.length;
        ctrl.enqueue(first.value!);
      },
      async pull(ctrl) {
        const r = await reader.read();
        if (r.done) return ctrl.close();
        read += r.value.length;
        if (read > limits.compressedBytes) {
          ctrl.error(new PackSizeError(`the file is larger than ${mib(limits.compressedBytes)}`, 'too-large'));
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
      const tail = decoder.decode();
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
