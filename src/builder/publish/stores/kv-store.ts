/** One key and its value, as written to KV. */
export interface KvEntry {
  key: string;
  /** Text, or bytes (a compressed page, see PlanOptions.encodeValue). */
  value: string | Uint8Array;
}

/** The most a store takes in one `putMany` call; the publisher sizes its batches to fit. */
export interface KvBatchLimit {
  pairs: number;
  /** Bytes of the batch as the store sends it (keys, values and framing). */
  bytes: number;
}

/**
 * The few KV operations publishing needs, over either the local store `wrangler dev` reads or the real
 * namespace: the publisher is written once against this and never knows which one it has.
 */
export interface KvStore {
  /** The value under `key` as text, or null when there is none: for current, manifests and shards. */
  get(key: string): Promise<string | null>;
  /** The value under `key` as it is stored, or null: pages and articles are gzip bytes (compressStoredValue). */
  getBytes(key: string): Promise<Uint8Array | null>;
  put(key: string, value: string | Uint8Array): Promise<void>;
  delete(key: string): Promise<void>;
  /** Writes every entry; resolves only when all are written (a store retries what failed), else throws. */
  putMany?(entries: readonly KvEntry[]): Promise<void>;
  /** Deletes every key; resolves only when all are gone, else throws. */
  deleteMany?(keys: readonly string[]): Promise<void>;
  /** Every key starting with `prefix`. On Cloudflare a list costs as much as a write: publishing never calls it. */
  list?(prefix: string): Promise<string[]>;
  /** How much one `putMany` call may carry. */
  readonly batchLimit?: KvBatchLimit;
  /**
   * Whether the store takes at most one write per second to a key, as Cloudflare's KV does (a write sooner
   * may fail with 429): `current`, written by every publish, then waits out the second. Assumed unless a
   * store says false, as the local store does (Miniflare has no such limit).
   */
  readonly oneWritePerKeyPerSecond?: boolean;
}
