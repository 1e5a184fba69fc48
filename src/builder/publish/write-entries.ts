import type { PlannedEntry } from "../plan/plan-generation";
import type { Progress } from "../report/progress";
import type { KvBatchLimit, KvEntry, KvStore } from "./stores/kv-store";

// A store without putMany is written one key at a time, this many in flight: enough to hide the
// round trip to the local store without queueing thousands of promises.
const CONCURRENT_PUTS = 8;
const ONE_AT_A_TIME_BATCH: KvBatchLimit = { pairs: 256, bytes: 32 * 1024 * 1024 };
// The JSON framing the bulk API adds around each pair: {"key":,"value":}, and the comma between pairs.
const PAIR_OVERHEAD_BYTES = 24;

/**
 * Writes entries in order, in batches the store accepts (`store.batchLimit`), building each value only
 * when its batch is sent so a large publish never holds every page in memory at once.
 */
export async function writeEntries(store: KvStore, entries: readonly PlannedEntry[], progress?: Progress): Promise<void> {
  const limit = store.putMany ? store.batchLimit ?? ONE_AT_A_TIME_BATCH : ONE_AT_A_TIME_BATCH;
  let batch: KvEntry[] = [];
  let batchBytes = 2;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    if (store.putMany) await store.putMany(batch);
    else await putConcurrently(store, batch);
    progress?.advance(batch.length);
    batch = [];
    batchBytes = 2;
  };
  for (const entry of entries) {
    const value = entry.value();
    const bytes = Buffer.byteLength(entry.key) + entry.bytes + PAIR_OVERHEAD_BYTES;
    if (batch.length > 0 && (batch.length + 1 > limit.pairs || batchBytes + bytes > limit.bytes)) await flush();
    batch.push({ key: entry.key, value });
    batchBytes += bytes;
  }
  await flush();
}

async function putConcurrently(store: KvStore, entries: readonly KvEntry[]): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    // After one write fails the others stop taking new entries: a failed publish stops writing.
    while (next < entries.length && !failed) {
      const entry = entries[next++]!;
      try {
        await store.put(entry.key, entry.value);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_PUTS, entries.length) }, worker));
}
