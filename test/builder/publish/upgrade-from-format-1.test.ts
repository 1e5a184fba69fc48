import { describe, expect, it } from "vitest";
import { hashParts } from "../../../src/builder/plan/hash-parts";
import { collectGarbage } from "../../../src/builder/publish/collect-garbage";
import { publishGeneration } from "../../../src/builder/publish/publish-generation";
import { rollbackGeneration } from "../../../src/builder/publish/rollback-generation";
import { CURRENT_KEY } from "../../../src/model/keys";
import { shardOfArticle } from "../../../src/model/manifest";
import { readCurrent, readWholeGeneration } from "./generation-check";
import { manualClock, planOf, variedArticle } from "./publish-fixtures";
import { MemoryStore } from "./stores/memory-store";

/**
 * A store as edgefeed's format 1 left it: every article alone, shards mapping ids to article hashes, pages of
 * 20 named by position (`archives` a list of page hashes), and `current` naming the manifest.
 */
function formatOneStore(count: number): { store: MemoryStore; keys: string[] } {
  const store = new MemoryStore();
  const articles = Array.from({ length: count }, (_, index) => variedArticle(index));
  const articleHashes = articles.map((article) => hashParts([JSON.stringify(article)]));
  articles.forEach((article, index) => store.values.set(`article:${articleHashes[index]}`, JSON.stringify(article)));
  const newestFirst = [...articles].reverse();
  const archives: string[] = [];
  for (let page = 0; page < Math.floor(count / 20); page++) {
    const value = JSON.stringify({ kind: "archive", scope: { kind: "site" }, index: page + 1, items: articles.slice(page * 20, page * 20 + 20).reverse() });
    const hash = hashParts([value]);
    store.values.set(`page:${hash}`, value);
    archives.push(hash);
  }
  const head = JSON.stringify({ kind: "head", scope: { kind: "site" }, total: count, archives: archives.length, items: newestFirst.slice(0, 100) });
  const headHash = hashParts([head]);
  store.values.set(`page:${headHash}`, head);
  // Format 1 sharded ids as this version does (shardOfArticle), each shard mapping an id to its article's hash.
  const shardMaps = new Map<string, Record<string, string>>();
  articles.forEach((article, index) => {
    const id = shardOfArticle(article.id);
    if (!shardMaps.has(id)) shardMaps.set(id, {});
    shardMaps.get(id)![article.id] = articleHashes[index]!;
  });
  const shards: Record<string, string> = {};
  for (const [id, map] of shardMaps) {
    const shard = JSON.stringify({ articles: map });
    shards[id] = hashParts([shard]);
    store.values.set(`shard:${shards[id]}`, shard);
  }
  const manifest = JSON.stringify({ format: 1, updated: articles.at(-1)!.updated, scopes: { "/": { scope: { kind: "site" }, total: count, updated: articles.at(-1)!.updated, head: headHash, archives } }, categories: [], tags: [], shards });
  const manifestHash = hashParts([manifest]);
  store.values.set(`manifest:${manifestHash}`, manifest);
  store.values.set(CURRENT_KEY, JSON.stringify({ manifest: manifestHash, generation: 7, publishedAt: "2026-10-01T00:00:00Z", previous: [] }));
  return { store, keys: [...store.values.keys()].filter((key) => key !== CURRENT_KEY) };
}

describe("a store written by format 1", () => {
  it("takes a publish of the new layout, refuses a rollback to the old one by name, and deletes the old values after the grace period", async () => {
    const { store, keys } = formatOneStore(60);
    const clock = manualClock();
    const plan = planOf(0, 61);
    const report = await publishGeneration(plan, store, { ...clock, keep: 1, graceSeconds: 60 });
    expect(report).toMatchObject({ outcome: "published", generation: 8, liveArticles: 60, droppedArticles: 0 });
    await readWholeGeneration(store, plan.manifestHash);
    // The old generation's values stay through the grace period, as a retired generation's do.
    for (const key of keys) expect(store.values.has(key), key).toBe(true);

    // Kept for rollback instead, the old generation is refused by name, and nothing is written.
    const { store: two } = formatOneStore(60);
    await publishGeneration(planOf(0, 61), two, { ...clock, keep: 2 });
    two.resetCounts();
    await expect(rollbackGeneration(two, clock)).rejects.toThrow(/written by an earlier edgefeed in layout format 1, which this version.s Worker cannot serve \(it reads formats 2, 3, 4, 5\)/);
    expect(two.writes).toBe(0);

    clock.advance(61);
    const collected = await collectGarbage(store, { ...clock, graceSeconds: 60 });
    expect(collected.collected).toHaveLength(1);
    for (const key of keys) expect(store.values.has(key), key).toBe(false);
    expect((await readCurrent(store)).manifest).toBe(plan.manifestHash);
  });
});
