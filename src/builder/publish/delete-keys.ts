import type { Progress } from "../report/progress";
import type { KvStore } from "./stores/kv-store";

// The bulk delete API takes at most 10,000 keys per request.
const DELETE_BATCH = 10_000;
const CONCURRENT_DELETES = 8;

/** Deletes keys in order, through `deleteMany` in batches when the store has it, else a few at a time. */
export async function deleteKeys(store: KvStore, keys: readonly string[], progress?: Progress): Promise<void> {
  for (let start = 0; start < keys.length; start += DELETE_BATCH) {
    const batch = keys.slice(start, start + DELETE_BATCH);
    if (store.deleteMany) {
      await store.deleteMany(batch);
    } else {
      let next = 0;
      let failed = false;
      const worker = async (): Promise<void> => {
        while (next < batch.length && !failed) {
          await store.delete(batch[next++]!).catch((error: unknown) => {
            failed = true;
            throw error;
          });
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENT_DELETES, batch.length) }, worker));
    }
    progress?.advance(batch.length);
  }
}
