import { promisify } from "node:util";
import { gzip } from "node:zlib";

const gzipAsync = promisify(gzip);

/**
 * A page's or an article's JSON as the publish stores it: gzip at level 1, base64-encoded, so the value is
 * still text for every store and `wrangler kv key get` (the Worker tells it from JSON by its first bytes, see
 * decodeStoredValue). On 10,000 generated posts the pages' 112 MB of JSON became 22 MB of gzip (5.0 times
 * less at level 1, 6.5 at level 6 for three times the CPU), 30 MB as base64: the local store's cost of a
 * value grows with its bytes, and a Free account stores 1 GB.
 */
export async function compressStoredValue(text: string): Promise<string> {
  // Asynchronous: libuv's threads compress a batch's values in parallel while the main thread builds the next.
  return (await gzipAsync(Buffer.from(text, "utf8"), { level: 1 })).toString("base64");
}
