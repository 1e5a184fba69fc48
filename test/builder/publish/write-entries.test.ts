import { describe, expect, it } from "vitest";
import type { PlannedEntry } from "../../../src/builder/plan/plan-generation";
import type { KvBatchLimit, KvEntry, KvStore } from "../../../src/builder/publish/stores/kv-store";
import { writeEntries } from "../../../src/builder/publish/write-entries";
import type { Progress } from "../../../src/builder/report/progress";
import { PublishError } from "../../../src/builder/report/publish-error";
import { WriteLimitError } from "../../../src/builder/report/write-limit-error";
import { remoteOverStandIn } from "./stores/remote-over-stand-in";
import { MemoryStore } from "./stores/memory-store";


/** `count` planned entries `page:0`, `page:1`, …, noting which values were built. */
function plannedEntries(count: number): { entries: PlannedEntry[]; built: Set<string> } {
  const built = new Set<string>();
  const entries = Array.from({ length: count }, (_, index): PlannedEntry => {
    const key = `page:${index}`;
    const value = `value ${index}`;
    return { key, bytes: Buffer.byteLength(value), value: () => (built.add(key), value) };
  });
  return { entries, built };
}

/** A Progress that only sums what it is told. */
function countingProgress(): Progress & { done: number } {
  return {
    done: 0,
    advance(count = 1) {
      this.done += count;
    },
    finish() {},
  };
}

/** A MemoryStore with putMany and a small batch limit, recording each batch's size. */
function batchingStore(pairs: number): MemoryStore & { batchLimit: KvBatchLimit; batches: number[] } {
  const store = new MemoryStore() as MemoryStore & { batchLimit: KvBatchLimit; batches: number[] };
  store.batchLimit = { pairs, bytes: 1_000_000 };
  store.batches = [];
  const putMany = store.putMany.bind(store);
  store.putMany = async (entries: readonly KvEntry[]) => {
    store.batches.push(entries.length);
    await putMany(entries);
  };
  return store;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("expected a rejection"),
    (error: unknown) => error,
  );
}

describe("writeEntries", () => {
  it("writes every entry in batches the store accepts when there is no budget", async () => {
    const store = batchingStore(4);
    const { entries } = plannedEntries(10);
    const progress = countingProgress();
    await writeEntries(store, entries, progress);
    expect(store.batches).toEqual([4, 4, 2]);
    expect(store.values.size).toBe(10);
    expect(progress.done).toBe(10);
  });

  it.each([
    { name: "a store with putMany", store: () => batchingStore(3) },
    { name: "a store written one put at a time", store: () => new MemoryStore() },
  ])("stops exactly at maxWrites on $name, building no value past it", async ({ store: makeStore }) => {
    const store = makeStore();
    const { entries, built } = plannedEntries(10);
    const progress = countingProgress();
    const error = await rejection(writeEntries(store, entries, progress, { maxWrites: 7 }));
    expect(error).toBeInstanceOf(WriteLimitError);
    expect(error).toBeInstanceOf(PublishError);
    expect(error).toMatchObject({ reason: "max-writes", written: 7 });
    expect((error as Error).message).toBe("stopped at the write budget (maxWrites 7; 3 of 10 entries not written): 7 values written, the rest left for a later run");
    expect([...store.values.keys()].sort()).toEqual(entries.slice(0, 7).map((entry) => entry.key).sort());
    expect(built.size).toBe(7);
    expect(progress.done).toBe(7);
  });

  it("splits the batch the budget ends in, so the cap is exact", async () => {
    const store = batchingStore(3);
    const { entries } = plannedEntries(10);
    await expect(writeEntries(store, entries, undefined, { maxWrites: 5 })).rejects.toMatchObject({ reason: "max-writes", written: 5 });
    expect(store.batches).toEqual([3, 2]);
  });

  it("does not stop when the budget covers every entry", async () => {
    const store = batchingStore(3);
    const { entries } = plannedEntries(6);
    await writeEntries(store, entries, undefined, { maxWrites: 6 });
    expect(store.values.size).toBe(6);
  });

  it("writes nothing with a budget of 0 and refuses a budget that is not a whole number", async () => {
    const store = new MemoryStore();
    const { entries } = plannedEntries(3);
    await expect(writeEntries(store, entries, undefined, { maxWrites: 0 })).rejects.toMatchObject({ reason: "max-writes", written: 0 });
    expect(store.writes).toBe(0);
    await expect(writeEntries(store, entries, undefined, { maxWrites: -1 })).rejects.toThrow(/maxWrites must be a whole number of at least 0, got -1/);
    await expect(writeEntries(store, entries, undefined, { maxWrites: 2.5 })).rejects.toThrow(PublishError);
    expect(store.writes).toBe(0);
  });

  it("counts every entry written when the store's write limit stops it in a later batch", async () => {
    // Three batches of 4 go through; the fourth is stopped after 1 of its pairs, as the store reports.
    const store = batchingStore(4);
    const putMany = store.putMany;
    let calls = 0;
    store.putMany = async (batch) => {
      calls++;
      if (calls < 4) return putMany(batch);
      await store.put(batch[0]!.key, batch[0]!.value);
      throw new WriteLimitError("daily-limit", 1, "10048 your account has reached the free usage limit for this operation for today");
    };
    const { entries } = plannedEntries(20);
    const progress = countingProgress();
    const error = await rejection(writeEntries(store, entries, progress));
    expect(error).toMatchObject({ reason: "daily-limit", written: 13 });
    expect((error as Error).message).toMatch(/^Cloudflare refused further KV writes: .*\(10048 your account has reached .*\)\. 13 values were written before the stop/);
    expect(store.values.size).toBe(13);
    expect(calls).toBe(4); // nothing sent after the refusal
    expect(progress.done).toBe(13);
  });

  it("counts the puts that went through when a one-at-a-time store meets its write limit", async () => {
    const store = new MemoryStore();
    let attempts = 0;
    const limited: KvStore = {
      get: (key) => store.get(key),
      getBytes: (key) => store.getBytes(key),
      delete: (key) => store.delete(key),
      async put(key, value) {
        attempts++;
        // Let other puts start before answering, so several are in flight when the limit is met.
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (store.writes >= 300) throw new WriteLimitError("daily-limit", 0, "10048 your account has reached the free usage limit for this operation for today");
        await store.put(key, value);
      },
    };
    const { entries } = plannedEntries(1_000);
    await expect(writeEntries(limited, entries)).rejects.toMatchObject({ reason: "daily-limit", written: 300 });
    expect(store.values.size).toBe(300);
    expect(attempts).toBeLessThanOrEqual(300 + 8); // at most the puts already in flight, none retried
  });

  it("rethrows anything else unchanged", async () => {
    const store = batchingStore(4);
    store.putMany = async () => {
      throw new Error("disk full");
    };
    await expect(writeEntries(store, plannedEntries(5).entries)).rejects.toThrow(/^disk full$/);
  });

  describe("through the Cloudflare API", () => {
    const overStandIn = remoteOverStandIn();
    const remote = (dailyWriteLimit: number) => overStandIn({ dailyWriteLimit });

    it("stops when the daily limit is reached mid-publish, with the exact count and nothing retried after it", async () => {
      // The publisher sends 5,000 pairs per putMany: two batches spend the 10,000 writes, the third is refused.
      const { store, standIn, slept } = await remote(10_000);
      const { entries } = plannedEntries(12_000);
      const progress = countingProgress();
      const error = await rejection(writeEntries(store, entries, progress));
      expect(error).toBeInstanceOf(WriteLimitError);
      expect(error).toMatchObject({ reason: "daily-limit", written: 10_000 });
      expect((error as Error).message).toContain("(10048 your account has reached the free usage limit for this operation for today)");
      expect((error as Error).message).toContain("10000 values were written before the stop and the refused batch was not retried");
      expect(standIn.requests.map((request) => [request.pairs, request.refused])).toEqual([
        [5_000, undefined],
        [5_000, undefined],
        [2_000, "daily-limit"],
      ]);
      expect(slept).toEqual([]);
      expect(standIn.values.size).toBe(10_000);
      expect(standIn.values.has("page:9999")).toBe(true);
      expect(standIn.values.has("page:10000")).toBe(false);
      expect(progress.done).toBe(10_000);
      // A later run sees what the stopped one wrote.
      expect((await store.list!("page:")).length).toBe(10_000);
    });

    it("stops at maxWrites before the daily limit when the budget is the smaller", async () => {
      const { store, standIn } = await remote(1_000);
      const { entries } = plannedEntries(1_500);
      await expect(writeEntries(store, entries, undefined, { maxWrites: 900 })).rejects.toMatchObject({ reason: "max-writes", written: 900 });
      expect(standIn.billedWrites).toBe(900);
      expect(standIn.requests.every((request) => request.refused === undefined)).toBe(true);
    });
  });
});
