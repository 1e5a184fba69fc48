import { describe, expect, it } from "vitest";
import { hashParts } from "../../../src/builder/plan/hash-parts";
import { planGeneration } from "../../../src/builder/plan/plan-generation";
import { collectGarbage } from "../../../src/builder/publish/collect-garbage";
import { publishGeneration } from "../../../src/builder/publish/publish-generation";
import { rollbackGeneration } from "../../../src/builder/publish/rollback-generation";
import { PublishError } from "../../../src/builder/report/publish-error";
import { CURRENT_KEY, manifestKey } from "../../../src/model/keys";
import { readCurrent, readWholeGeneration } from "./generation-check";
import { manualClock, planOf, variedArticle } from "./publish-fixtures";
import { MemoryStore } from "./stores/memory-store";

describe("publishGeneration", () => {
  it("writes every value of a first publish, and current last", async () => {
    const store = new MemoryStore();
    const plan = planOf(0, 60);
    const report = await publishGeneration(plan, store, manualClock());
    expect(store.written.at(-1)).toBe(CURRENT_KEY);
    expect(store.writes).toBe(plan.entries.length + 1);
    expect(report).toMatchObject({ outcome: "published", generation: 1, writes: plan.entries.length + 1 });
    const current = await readCurrent(store);
    expect(current).toMatchObject({ manifest: plan.manifestHash, generation: 1, previous: [] });
    expect((await readWholeGeneration(store, plan.manifestHash)).size).toBe(plan.entries.length);
  });

  it("writes nothing at all when the build has not changed", async () => {
    const store = new MemoryStore();
    const clock = manualClock();
    await publishGeneration(planOf(0, 60), store, clock);
    store.resetCounts();
    clock.advance(10);
    const report = await publishGeneration(planOf(0, 60), store, clock);
    expect(report.outcome).toBe("unchanged");
    expect(store.writes + store.deletes).toBe(0);
  });

  it("writes only the manifest, the new article's shard and the heads of its scopes when one post is added", async () => {
    const store = new MemoryStore();
    const clock = manualClock();
    await publishGeneration(planOf(0, 61), store, clock);
    store.resetCounts();
    clock.advance(10);
    await publishGeneration(planOf(0, 62), store, clock);
    // Article 61 is in the site, 金融 and 金融/基金, tag9 and its author's: four heads (no page closes), the
    // site's being its author's too (every article names the same author). The manifest goes first, so a
    // publish stopped at any point is named by it; `current` last.
    expect(store.written.map((key) => key.split(":")[0])).toEqual(["manifest", "shard", "page", "page", "page", "page", "current"]);
  });

  it("rewrites an edited article and exactly the pages that hold it", async () => {
    const store = new MemoryStore();
    const clock = manualClock();
    await publishGeneration(planOf(0, 100), store, clock);
    store.resetCounts();
    clock.advance(10);
    const edited = planOf(0, 100, new Set([3]));
    const report = await publishGeneration(edited, store, clock);
    // Articles live in the pages: none is stored alone, and the shard (which says where it is) stays.
    expect(report.written.articles).toHaveLength(0);
    expect(report.written.shards).toHaveLength(0);
    const pagesHoldingIt = edited.entries
      .filter((entry) => entry.key.startsWith("page:") && (entry.value() as string).includes("文章 3（更正）"))
      .map((entry) => entry.key);
    // Article 3 is in six scopes (site, 财经, 财经/宏观, 财经/宏观/央行, tag3, its author's): a page of each, and
    // the head of some, fewer values than that because scopes with the same articles (the site and its
    // one author among them) share their pages.
    expect(pagesHoldingIt.length).toBeGreaterThanOrEqual(4);
    expect(report.written.pages.sort()).toEqual(pagesHoldingIt.sort());
    expect(report.droppedArticles).toBe(0);
  });

  it("counts no article dropped and deletes the old shards after the grace period when the site grows past a shard count", async () => {
    const store = new MemoryStore();
    const clock = manualClock();
    const small = planOf(0, 150);
    const large = planOf(0, 400);
    expect([small.manifest.shardCount, large.manifest.shardCount]).toEqual([1, 4]);
    await publishGeneration(small, store, { ...clock, keep: 1, graceSeconds: 60 });
    clock.advance(10);
    const report = await publishGeneration(large, store, { ...clock, keep: 1, graceSeconds: 60 });
    expect(report).toMatchObject({ droppedArticles: 0, liveArticles: 150 });
    expect(report.written.shards).toHaveLength(4);
    clock.advance(61);
    const later = await publishGeneration(planOf(0, 401), store, { ...clock, keep: 1, graceSeconds: 60 });
    expect(later.deleted.shards).toContain(`shard:${small.manifest.shards["00"]}`);
    await readWholeGeneration(store, later.manifest);
  });

  it("republishes an unchanged build whose live manifest has gone missing", async () => {
    const store = new MemoryStore();
    const clock = manualClock();
    const plan = planOf(0, 30);
    await publishGeneration(plan, store, clock);
    store.values.delete(`manifest:${plan.manifestHash}`);
    clock.advance(5);
    const report = await publishGeneration(plan, store, clock);
    expect(report.written.manifests).toEqual([`manifest:${plan.manifestHash}`]);
    expect(report.warnings).toEqual([`kept generation ${plan.manifestHash} has no manifest in the store; it cannot be rolled back to`]);
    await readWholeGeneration(store, plan.manifestHash);
  });

  it("refuses an empty build with a clear message", async () => {
    const store = new MemoryStore();
    await expect(publishGeneration(planGeneration([], hashParts), store)).rejects.toThrow(/empty build/);
    expect(store.writes).toBe(0);
  });

  it.each([
    { name: "dropping exactly 20% of the articles", keep: [10, 60], force: false, refused: false },
    { name: "dropping 21 of 50 articles", keep: [21, 50], force: false, refused: true },
    { name: "replacing 11 of 50 articles by 11 new ones", keep: [11, 61], force: false, refused: true },
    { name: "dropping 21 of 50 articles with force", keep: [21, 50], force: true, refused: false },
  ])("guards against $name: refused is $refused", async ({ keep, force, refused }) => {
    const store = new MemoryStore();
    const clock = manualClock();
    await publishGeneration(planOf(0, 50), store, clock);
    clock.advance(10);
    const attempt = publishGeneration(planOf(keep[0]!, keep[1]!), store, { ...clock, force });
    if (refused) {
      await expect(attempt).rejects.toThrow(/refusing to publish: this build drops \d+ of the 50 live articles.*--force/);
      expect((await readCurrent(store)).generation).toBe(1);
    } else {
      await expect(attempt).resolves.toMatchObject({ outcome: "published", generation: 2 });
    }
  });

  it("keeps the last N generations for rollback and retires the older ones", async () => {
    const store = new MemoryStore();
    const clock = manualClock();
    const hashes: string[] = [];
    for (let count = 50; count < 55; count++) {
      const plan = planOf(0, count);
      hashes.push(plan.manifestHash);
      await publishGeneration(plan, store, { ...clock, keep: 3 });
      clock.advance(1);
    }
    const current = await readCurrent(store);
    expect(current.manifest).toBe(hashes[4]);
    expect(current.previous).toEqual([hashes[3], hashes[2]]);
    expect(current.retired?.map((entry) => entry.manifest)).toEqual([hashes[0], hashes[1]]);
    // Retired generations stay whole through the grace period.
    for (const hash of hashes) await readWholeGeneration(store, hash);
  });

  it("deletes what only retired generations used once the grace period has passed, and nothing before", async () => {
    const store = new MemoryStore();
    const clock = manualClock();
    const first = planOf(0, 50);
    const second = planOf(5, 55);
    await publishGeneration(first, store, { ...clock, keep: 1 });
    clock.advance(10);
    await publishGeneration(second, store, { ...clock, keep: 1, force: true });
    clock.advance(299);
    expect((await collectGarbage(store, { ...clock, graceSeconds: 300 })).writes).toBe(0);
    await readWholeGeneration(store, first.manifestHash);
    clock.advance(2);
    const report = await collectGarbage(store, { ...clock, graceSeconds: 300 });
    expect(report.collected).toEqual([first.manifestHash]);
    const live = await readWholeGeneration(store, second.manifestHash);
    // Exactly the live generation and the pointer are left: nothing leaks, nothing live is lost.
    expect([...store.values.keys()].sort()).toEqual([...live, CURRENT_KEY].sort());
    expect((await readCurrent(store)).retired).toEqual([]);
  });

  it("waits out KV's one write per second before rewriting current", async () => {
    const store = new MemoryStore();
    const clock = manualClock();
    await publishGeneration(planOf(0, 50), store, clock);
    clock.advance(0.3);
    await publishGeneration(planOf(0, 51), store, clock);
    expect(clock.slept).toEqual([700]);
  });

  it("rewrites current at once in a store without that limit (the local one)", async () => {
    const store = Object.assign(new MemoryStore(), { oneWritePerKeyPerSecond: false });
    const clock = manualClock();
    await publishGeneration(planOf(0, 50), store, clock);
    clock.advance(0.3);
    await publishGeneration(planOf(0, 51), store, clock);
    expect(clock.slept).toEqual([]);
    expect((await readCurrent(store)).generation).toBe(2);
  });

  it("names the article that is too big for KV and writes nothing", async () => {
    const store = new MemoryStore();
    const huge = variedArticle(7, { contentHtml: `<p>${"数".repeat(9 * 1024 * 1024)}</p>` });
    const plan = planGeneration([variedArticle(1), huge], hashParts);
    await expect(publishGeneration(plan, store)).rejects.toThrow(/article a0007 \("文章 7"\): the value is 27\.0 MiB; KV values are at most 25\.0 MiB/);
    expect(store.writes).toBe(0);
  });

  it("refuses a key longer than 512 bytes before writing anything", async () => {
    const store = new MemoryStore();
    const plan = planOf(0, 5);
    plan.entries.push({ key: `page:${"x".repeat(600)}`, value: () => "{}", bytes: 2 });
    plan.manifest.scopes["/"]!.archives.push(["20990101T000000Z", "x".repeat(600), 1]);
    await expect(publishGeneration(plan, store)).rejects.toThrow(/605 bytes; KV keys are at most 512/);
    expect(store.writes).toBe(0);
  });

  it("reports what a dry run would write and writes nothing", async () => {
    const store = new MemoryStore();
    const clock = manualClock();
    await publishGeneration(planOf(0, 50), store, clock);
    store.resetCounts();
    const report = await publishGeneration(planOf(0, 51), store, { ...clock, dryRun: true });
    expect(report).toMatchObject({ outcome: "dry-run", generation: 2, pointerWritten: true });
    expect(report.writes).toBe(report.written.articles.length + report.written.pages.length + report.written.shards.length + 2);
    expect(store.writes + store.deletes).toBe(0);
  });
});

describe("rollbackGeneration", () => {
  it("makes the previous generation live with one write, and a later publish of the same build writes little", async () => {
    const store = new MemoryStore();
    const clock = manualClock();
    const first = planOf(0, 50);
    const second = planOf(0, 51);
    await publishGeneration(first, store, clock);
    clock.advance(5);
    await publishGeneration(second, store, clock);
    clock.advance(5);
    store.resetCounts();
    const report = await rollbackGeneration(store, clock);
    expect(store.written).toEqual([CURRENT_KEY]);
    expect(report).toMatchObject({ from: second.manifestHash, to: first.manifestHash, generation: 3, remaining: 0 });
    const current = await readCurrent(store);
    expect(current).toMatchObject({ manifest: first.manifestHash, previous: [] });
    expect(current.retired?.map((entry) => entry.manifest)).toEqual([second.manifestHash]);
    await readWholeGeneration(store, first.manifestHash);
  });

  it("goes back to a generation of format 2, whose pages named their scope, which this Worker serves too", async () => {
    const store = new MemoryStore();
    const clock = manualClock();
    const first = planOf(0, 50);
    await publishGeneration(first, store, clock);
    // As an edgefeed before format 3 wrote it (its pages' bytes aside, which rollback never reads).
    const key = manifestKey(first.manifestHash);
    store.values.set(key, JSON.stringify({ ...JSON.parse((await store.get(key))!), format: 2 }));
    clock.advance(5);
    await publishGeneration(planOf(0, 51), store, clock);
    clock.advance(5);
    expect(await rollbackGeneration(store, clock)).toMatchObject({ to: first.manifestHash });
    expect(await readCurrent(store)).toMatchObject({ manifest: first.manifestHash });
  });

  it("refuses when no earlier generation is kept", async () => {
    const store = new MemoryStore();
    await expect(rollbackGeneration(store)).rejects.toThrow(PublishError);
    await publishGeneration(planOf(0, 50), store);
    await expect(rollbackGeneration(store)).rejects.toThrow(/nothing to roll back to: generation 1 is the only one kept/);
  });
});
