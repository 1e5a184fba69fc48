import type { KeyValueReader } from "../../src/worker/store/feed-store";

/** A KV wrapper that records every key read, in order, and can be told to fail. */
export interface CountingKv extends KeyValueReader {
  /** Keys read so far. */
  reads: string[];
}

/** Wraps `kv` so a test can see which keys a request read (`reads`), and so how much it cost. */
export function countKvReads(kv: KVNamespace): CountingKv {
  const reads: string[] = [];
  return {
    reads,
    get(key, options) {
      reads.push(key);
      return kv.get(key, options);
    },
  };
}
