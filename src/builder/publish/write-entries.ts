import { setImmediate } from "node:timers/promises";
import type { PlannedEntry } from "../plan/plan-generation";
import type { Progress } from "../report/progress";
import { PublishError } from "../report/publish-error";
import { WriteLimitError } from "../report/write-limit-error";
import type { KvBatchLimit, KvEntry, KvStore } from "./stores/kv-store";

// A store without putMany is written one key at a time, this many in flight: enough to hide the
// round trip to the local store without queueing thousands of promises.
const CONCURRENT_PUTS = 8;
const ONE_AT_A_TIME_BATCH: KvBatchLimit = { pairs: 256, bytes: 32 * 1024 * 1024 };
// How long building values may hold the event loop while a batch is being sent.
const YIELD_AFTER_MS = 4;
// The JSON framing the bulk API adds around each pair: {"key":,"value":}, and the comma between pairs.
const PAIR_OVERHEAD_BYTES = 24;

/** Options of writeEntries. */
export interface WriteEntriesOptions {
  /**
   * The most entries this call writes: a Free account has 1,000 KV writes a day, so a publish can spend
   * only part of them and stop cleanly (WriteLimitError, reason "max-writes") instead of meeting the wall.
   */
  maxWrites?: number;
}

/**
 * Writes entries in order, in batches the store accepts (`store.batchLimit`), building each value only
 * when its batch is sent so a large publish never holds every page in memory at once; stops with a
 * WriteLimitError counting every entry it wrote when `maxWrites` is used up or the store meets a write limit.
 */
export async function writeEntries(
  store: KvStore,
  entries: readonly PlannedEntry[],
  progress?: Progress,
  options: WriteEntriesOptions = {},
): Promise<void> {
  const { maxWrites } = options;
  if (maxWrites !== undefined && (!Number.isInteger(maxWrites) || maxWrites < 0)) {
    throw new PublishError(`maxWrites must be a whole number of at least 0, got ${maxWrites}`);
  }
  const limit = store.putMany ? store.batchLimit ?? ONE_AT_A_TIME_BATCH : ONE_AT_A_TIME_BATCH;
  // Entries past the budget are never built, so a capped run costs no memory for what it leaves.
  const allowed = maxWrites === undefined ? entries.length : Math.min(maxWrites, entries.length);
  let written = 0;
  let batch: KvEntry[] = [];
  let batchBytes = 2;
  // One batch is sent while the next is built, so reading and encoding values overlaps the store's writing.
  let sending: Promise<void> | undefined;
  const send = async (entriesToSend: KvEntry[]): Promise<void> => {
    try {
      if (store.putMany) await store.putMany(entriesToSend);
      else await putConcurrently(store, entriesToSend);
    } catch (error) {
      if (!(error instanceof WriteLimitError)) throw error;
      // The store counted only this batch; the caller needs everything this call wrote, to resume after it.
      progress?.advance(error.written);
      throw error.withWritten(written + error.written);
    }
    written += entriesToSend.length;
    progress?.advance(entriesToSend.length);
  };
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const next = batch;
    batch = [];
    batchBytes = 2;
    await sending;
    sending = send(next);
    // Handled when awaited; without this a failure while the next batch is built would be reported unhandled.
    sending.catch(() => {});
  };
  let yielded = performance.now();
  for (let index = 0; index < allowed; index++) {
    const entry = entries[index]!;
    const value = entry.value();
    // Values are built (and compressed) synchronously: while a batch is in flight, its socket writes and the
    // store's answer need the event loop, so building the next batch gives it a turn every few milliseconds.
    if (sending !== undefined && performance.now() - yielded > YIELD_AFTER_MS) {
      await setImmediate();
      yielded = performance.now();
    }
    const bytes = Buffer.byteLength(entry.key) + entry.bytes + PAIR_OVERHEAD_BYTES;
    if (batch.length > 0 && (batch.length + 1 > limit.pairs || batchBytes + bytes > limit.bytes)) await flush();
    batch.push({ key: entry.key, value });
    batchBytes += bytes;
  }
  await flush();
  await sending;
  if (allowed < entries.length) {
    throw new WriteLimitError("max-writes", written, `maxWrites ${maxWrites}; ${entries.length - written} of ${entries.length} entries not written`);
  }
}

/** Puts entries a few at a time; on a failure the others take no new entry and it throws once they settle. */
async function putConcurrently(store: KvStore, entries: readonly KvEntry[]): Promise<void> {
  let next = 0;
  let succeeded = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    // After one write fails the others stop taking new entries: a failed publish stops writing.
    while (next < entries.length && failure === undefined) {
      const entry = entries[next++]!;
      try {
        await store.put(entry.key, entry.value);
        succeeded++;
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_PUTS, entries.length) }, worker));
  if (failure === undefined) return;
  // Waiting for the puts in flight makes `succeeded` final, so a write limit is counted exactly.
  const { error } = failure;
  throw error instanceof WriteLimitError ? error.withWritten(succeeded + error.written) : error;
}
