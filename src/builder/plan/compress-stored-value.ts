import { gzipSync } from "node:zlib";

/**
 * A page's or an article's JSON (text or UTF-8 bytes) as the publish stores it: gzip at level 1, as bytes
 * (the Worker tells it from JSON by gzip's first bytes, see decodeStoredValue). On 10,000 generated posts the
 * pages' 112 MB of JSON became 22 MB (5.0 times less at level 1, 6.5 at level 6 for three times the CPU): the
 * local store's cost of a value grows with its bytes, and a Free account stores 1 GB. Bytes rather than
 * base64 text (an earlier layout) store a third less, and spare the Worker decoding base64 on every read.
 * Synchronous: Node's asynchronous zlib cost the main thread about as much in callbacks as compressing
 * there (measured on the pages of 10,000 posts), and a caller may then reuse the buffer it passed.
 */
export function compressStoredValue(value: string | Uint8Array): Uint8Array {
  return gzipSync(typeof value === "string" ? Buffer.from(value, "utf8") : value, { level: 1 });
}
