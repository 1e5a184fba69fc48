import { describe, expect, it } from "vitest";
import { hashParts } from "../../../src/builder/plan/hash-parts";
import { planGeneration } from "../../../src/builder/plan/plan-generation";
import type { ArchivePage, HeadPage } from "../../../src/model/feed-page";
import { pageKey } from "../../../src/model/keys";
import { makeArticle } from "../../support/make-article";

function values(plan: ReturnType<typeof planGeneration>): Map<string, string> {
  return new Map(plan.entries.map((entry) => [entry.key, entry.value()]));
}

describe("planGeneration", () => {
  it("chunks a scope into archive pages of 20 from the oldest end and a head of the newest 100", () => {
    const articles = Array.from({ length: 125 }, (_, index) => makeArticle(index));
    const plan = planGeneration(articles, hashParts);
    const site = plan.manifest.scopes["/"]!;
    expect(site.total).toBe(125);
    expect(site.archives).toHaveLength(6);
    const stored = values(plan);
    const page1 = JSON.parse(stored.get(pageKey(site.archives[0]!))!) as ArchivePage;
    expect(page1.index).toBe(1);
    expect(page1.items.map((item) => item.id)).toEqual(
      Array.from({ length: 20 }, (_, index) => makeArticle(19 - index).id),
    );
    const head = JSON.parse(stored.get(pageKey(site.head))!) as HeadPage;
    expect(head).toMatchObject({ kind: "head", total: 125, archives: 6 });
    expect(head.items).toHaveLength(100);
    expect(head.items[0]!.id).toBe(makeArticle(124).id);
  });

  it("keeps every full archive page's key when a newer article is added", () => {
    const articles = Array.from({ length: 45 }, (_, index) => makeArticle(index));
    const before = planGeneration(articles, hashParts);
    const after = planGeneration([...articles, makeArticle(45)], hashParts);
    expect(after.manifest.scopes["/"]!.archives).toEqual(before.manifest.scopes["/"]!.archives);
    expect(after.manifest.scopes["/"]!.head).not.toBe(before.manifest.scopes["/"]!.head);
    const beforeKeys = new Set(before.entries.map((entry) => entry.key));
    const added = after.entries.filter((entry) => !beforeKeys.has(entry.key)).map((entry) => entry.key.split(":")[0]);
    // The article, the heads of its three scopes (site, 金融, 金融/新浪财经), its shard and the manifest.
    expect(added.sort()).toEqual(["article", "manifest", "page", "page", "page", "shard"]);
  });

  it("knows each value's size in UTF-8 bytes without building it", () => {
    // Three-byte and four-byte characters, in titles, bodies, categories and tags, so a count of UTF-16
    // code units instead of bytes would be caught.
    const articles = Array.from({ length: 130 }, (_, index) =>
      makeArticle(index, { title: `标题 ${index} 𝄞`, contentHtml: `<p>${"数".repeat(index)}😀</p>`, tags: [`标签${index % 3}`] }),
    );
    const plan = planGeneration(articles, hashParts);
    expect(new Set(plan.entries.map((entry) => entry.key.split(":")[0]))).toEqual(new Set(["article", "page", "shard", "manifest"]));
    for (const entry of plan.entries) expect([entry.key, entry.bytes]).toEqual([entry.key, Buffer.byteLength(entry.value(), "utf8")]);
  });

  it("gives the same keys and bytes whatever the input order", () => {
    const articles = Array.from({ length: 30 }, (_, index) => makeArticle(index, { tags: [`t${index % 3}`] }));
    const forward = planGeneration(articles, hashParts);
    const backward = planGeneration([...articles].reverse(), hashParts);
    expect(backward.manifestHash).toBe(forward.manifestHash);
    expect([...values(backward)]).toEqual([...values(forward)]);
  });

  it("puts a post in every node of each of its hierarchies and counts descendants in parents", () => {
    const plan = planGeneration(
      [
        makeArticle(1, { categories: [["金融", "新浪财经", "新浪财经－国內"]] }),
        makeArticle(2, { categories: [["金融", "股票"], ["科技"]], tags: ["上海"] }),
      ],
      hashParts,
    );
    const tree = plan.manifest.categories;
    expect(tree.map((node) => [node.name, node.total])).toEqual([
      ["科技", 1],
      ["金融", 2],
    ]);
    expect(tree[1]!.children.map((node) => [node.name, node.total])).toEqual([
      ["新浪财经", 1],
      ["股票", 1],
    ]);
    expect(tree[1]!.children[0]!.children[0]!.path).toEqual(["金融", "新浪财经", "新浪财经－国內"]);
    expect(Object.keys(plan.manifest.scopes)).toContain("/tags/%E4%B8%8A%E6%B5%B7/");
    expect(plan.manifest.tags).toEqual([{ name: "上海", total: 1 }]);
  });

  it("indexes every article in its shard", () => {
    const articles = Array.from({ length: 50 }, (_, index) => makeArticle(index));
    const plan = planGeneration(articles, hashParts);
    const stored = values(plan);
    const found = new Set<string>();
    for (const shardHash of Object.values(plan.manifest.shards)) {
      const shard = JSON.parse(stored.get(`shard:${shardHash}`)!) as { articles: Record<string, string> };
      for (const [id, hash] of Object.entries(shard.articles)) {
        expect(JSON.parse(stored.get(`article:${hash}`)!).id).toBe(id);
        found.add(id);
      }
    }
    expect(found.size).toBe(50);
  });
});
