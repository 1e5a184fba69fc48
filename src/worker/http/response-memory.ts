/**
 * A rendered 200 response as an isolate keeps it: the body as the UTF-8 bytes it is sent as (encoded once,
 * not on every request that serves it) and every header, as a Response takes them.
 */
export interface RememberedResponse {
  body: Uint8Array;
  headers: [string, string][];
}

/**
 * Rendered responses an isolate keeps between requests, keyed like the response cache: the canonical URL
 * plus the entity tag. The tag changes whenever the bytes would (a publish, a deploy, other settings), so a
 * kept response is never stale; it only saves the response cache's round trip (a hot feed is then served
 * with no storage access at all, when `current` is kept too). Least recently used responses go first once
 * the kept bodies pass the byte budget.
 */
export interface ResponseMemory {
  get(key: string): RememberedResponse | undefined;
  put(key: string, response: RememberedResponse): void;
}

/**
 * Bodies an isolate keeps, in bytes: a few hundred feed documents, a small part of the 128 MB an isolate
 * may use.
 */
export const RESPONSE_MEMORY_BYTES = 16 * 1024 * 1024;

/** A fresh, empty ResponseMemory: one per isolate in production, one per test to start cold. */
export function createResponseMemory(maxBytes = RESPONSE_MEMORY_BYTES): ResponseMemory {
  const kept = new Map<string, RememberedResponse>();
  let bytes = 0;
  const sizeOf = (response: RememberedResponse) => response.body.byteLength;
  return {
    get(key) {
      const known = kept.get(key);
      if (known) {
        // Map order is insertion order: re-inserting marks it as the most recently used.
        kept.delete(key);
        kept.set(key, known);
      }
      return known;
    },
    put(key, response) {
      const size = sizeOf(response);
      // One body may take at most an eighth of the budget, so a huge page never empties the memory.
      if (size > maxBytes / 8) return;
      const previous = kept.get(key);
      if (previous) {
        kept.delete(key);
        bytes -= sizeOf(previous);
      }
      kept.set(key, response);
      bytes += size;
      for (const [oldest, value] of kept) {
        if (bytes <= maxBytes) break;
        kept.delete(oldest);
        bytes -= sizeOf(value);
      }
    },
  };
}
