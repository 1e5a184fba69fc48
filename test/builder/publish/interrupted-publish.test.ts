import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishGeneration } from "../../../src/builder/publish/publish-generation";
import { createLocalStore, type LocalKvStore } from "../../../src/builder/publish/stores/create-local-store";
import { CURRENT_KEY } from "../../../src/model/keys";
import { temporaryFolders } from "../../support/temporary-folders";
import { readCurrent, readWholeGeneration } from "./generation-check";
import { manualClock, planOf } from "./publish-fixtures";
import { failingAfter } from "./stores/memory-store";

const makeFolder = temporaryFolders("edgefeed-restarts-");

// Real local KV (workerd through wrangler's miniflare, as `wrangler dev` uses), one per file.
let folder: string;
let store: LocalKvStore;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "edgefeed-publish-"));
  store = await createLocalStore({ configPath: "wrangler.toml", persistPath: folder });
}, 60_000); // starting workerd takes seconds on a busy machine: more than a hook's default 10 s
afterAll(async () => {
  await store?.dispose();
  await rm(folder, { recursive: true, force: true });
}, 60_000);

async function clearStore(): Promise<void> {
  for (const key of await store.list!("")) await store.delete(key);
}

const grace = { keep: 1, graceSeconds: 60 };
const first = planOf(0, 40);
const second = planOf(0, 45, new Set([2]));
// Reverts the edit to article 2: the third generation reuses values only the retired first one has.
const third = planOf(0, 50, new Set([7]));

/** Publishes the first two generations, then moves past the grace period so the third also deletes. */
async function setUp(clock: ReturnType<typeof manualClock>): Promise<void> {
  await clearStore();
  await publishGeneration(first, store, { ...clock, ...grace });
  clock.advance(5);
  await publishGeneration(second, store, { ...clock, ...grace });
  clock.advance(61);
}

describe("an interrupted publish on the local store wrangler dev reads", () => {
  it("leaves the old generation whole after a crash at any write, and a rerun finishes the job", async () => {
    const planning = manualClock();
    await setUp(planning);
    const cost = await publishGeneration(third, store, { ...planning, ...grace, dryRun: true });
    const contentWrites = cost.written.articles.length + cost.written.pages.length + cost.written.shards.length + cost.written.manifests.length;
    const deletions = cost.deleted.articles.length + cost.deleted.pages.length + cost.deleted.shards.length + cost.deleted.manifests.length;
    expect(contentWrites).toBeGreaterThan(5);
    expect(deletions).toBeGreaterThan(5);
    // Crash before anything, amid the content, after all of it, amid the deletions, and just before `current`.
    const crashPoints = [0, 1, Math.floor(contentWrites / 2), contentWrites, contentWrites + Math.floor(deletions / 2), cost.writes - 1];
    for (const crashAfter of crashPoints) {
      const clock = manualClock();
      await setUp(clock);
      await expect(publishGeneration(third, failingAfter(store, crashAfter), { ...clock, ...grace })).rejects.toThrow(/simulated crash/);
      const current = await readCurrent(store);
      expect(current.manifest, `after a crash at write ${crashAfter}`).toBe(second.manifestHash);
      await readWholeGeneration(store, second.manifestHash);

      const rerun = await publishGeneration(third, store, { ...clock, ...grace });
      expect(rerun.outcome).toBe("published");
      expect((await readCurrent(store)).manifest).toBe(third.manifestHash);
      const live = await readWholeGeneration(store, third.manifestHash);
      const kept = await readWholeGeneration(store, second.manifestHash);
      // The first generation's values are gone; only the two kept/waiting generations and the pointer remain.
      expect((await store.list!("")).sort(), `after a crash at write ${crashAfter}`).toEqual([...new Set([...live, ...kept, CURRENT_KEY])].sort());
    }
  });

  it("is read back by a new local store on the same folder, as wrangler dev reads it", async () => {
    await clearStore();
    await publishGeneration(first, store, manualClock());
    const reopened = await createLocalStore({ configPath: "wrangler.toml", persistPath: folder });
    try {
      expect((await readCurrent(reopened)).manifest).toBe(first.manifestHash);
      expect((await readWholeGeneration(reopened, first.manifestHash)).size).toBe(first.entries.length);
    } finally {
      await reopened.dispose();
    }
  });

  it("writes a whole generation through a store that restarts workerd every few writes, with writes in flight", async () => {
    const empty = makeFolder();
    const restarting = await createLocalStore({ configPath: "wrangler.toml", persistPath: empty, restartAfterWrites: 10 });
    try {
      const report = await publishGeneration(first, restarting, manualClock());
      expect(report.writes).toBeGreaterThan(2 * 10);
      expect(restarting.restarts).toBe(Math.floor((report.writes - 1) / 10)); // restarted mid-publish, each time 10 writes went through
      expect((await readCurrent(restarting)).manifest).toBe(first.manifestHash);
      expect((await readWholeGeneration(restarting, first.manifestHash)).size).toBe(first.entries.length);
      const before = restarting.restarts;
      // Thirty writes at once, so one restart falls among them: each lands, none is lost with the workerd that stopped.
      await Promise.all(Array.from({ length: 30 }, (_, index) => restarting.put(`probe:${index}`, `value ${index}`)));
      expect(restarting.restarts).toBeGreaterThan(before);
      expect(await Promise.all(Array.from({ length: 30 }, (_, index) => restarting.get(`probe:${index}`)))).toEqual(
        Array.from({ length: 30 }, (_, index) => `value ${index}`),
      );
    } finally {
      await restarting.dispose();
    }
  }, 120_000);

  it("also restarts workerd once enough bytes of values went through it, counting each value in UTF-8", async () => {
    const empty = makeFolder();
    const store = await createLocalStore({ configPath: "wrangler.toml", persistPath: empty, restartAfterWrites: 1_000, restartAfterBytes: 10_000 });
    try {
      // 4,000 bytes each (a digit and 1,333 three-byte characters, 1,334 code units): a third would pass
      // 10,000, so workerd restarts before the third and the fifth write. A value bigger than the limit alone
      // still goes through, once.
      const values = Array.from({ length: 6 }, (_, index) => `${index}${"数".repeat(1_333)}`);
      for (const [index, value] of values.entries()) await store.put(`big:${index}`, value);
      expect(store.restarts).toBe(2);
      await store.put("huge", "x".repeat(50_000));
      expect(store.restarts).toBe(3);
      expect(await Promise.all(values.map((_, index) => store.get(`big:${index}`)))).toEqual(values);
      expect((await store.get("huge"))?.length).toBe(50_000);
    } finally {
      await store.dispose();
    }
  }, 120_000);
});
