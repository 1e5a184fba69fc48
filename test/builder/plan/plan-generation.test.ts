import { describe, expect, it } from "vitest";
import { gunzipSync } from "node:zlib";
import { compressStoredValue } from "../../../src/builder/plan/compress-stored-value";
import { hashParts } from "../../../src/builder/plan/hash-parts";
import { planGeneration } from "../../../src/builder/plan/plan-generation";
import { type ArchivePage, HEAD_LEAD_ITEMS, type HeadPage, PAGE_MIN_ITEMS } from "../../../src/model/feed-page";
import { findPageByName, findPageByTime } from "../../../src/model/find-page";
import { PAGE_ITEM_MAX_BYTES } from "../../../src/model/kv-limits";
import { type ArticleShard, shardOfArticle } from "../../../src/model/manifest";
import { pageKey } from "../../../src/model/keys";
import { scopeId } from "../../../src/model/scope";
import { makeArticle } from "../../support/make-article";

function values(plan: ReturnType<typeof planGeneration>): Map<string, string> {
  return new Map(plan.entries.map((entry) => [entry.key, entry.value() as string]));
}

/** A page's text as the plan gives it unencoded, parsed: a head's lead and rest joined. */
function parsePage<T extends { items: unknown[] }>(text: string): T {
  const [lead, rest] = text.split("\n");
  const page = JSON.parse(lead!) as T;
  return rest === undefined ? page : { ...page, items: [...page.items, ...(JSON.parse(rest) as T).items] };
}

describe("planGeneration", () => {
  it("cuts a scope into pages its articles decide, every one but the newest an archive, and a head of the newest 100", () => {
    const articles = Array.from({ length: 125 }, (_, index) => makeArticle(index));
    const plan = planGeneration(articles, hashParts);
    const site = plan.manifest.scopes["/"]!;
    expect(site.total).toBe(125);
    const stored = values(plan);
    const pages = site.archives.map(([name, hash, count]) => {
      const page = JSON.parse(stored.get(pageKey(hash))!) as ArchivePage;
      expect(page).toMatchObject({ kind: "archive", name });
      expect(page.items).toHaveLength(count);
      return page;
    });
    // Oldest first across pages, newest first within each, and every article once with the open page.
    const archived = pages.flatMap((page) => [...page.items].reverse().map((item) => item.id));
    expect(archived.length + site.open!.count).toBe(125);
    expect(archived).toEqual(articles.slice(0, archived.length).map((article) => article.id));
    for (const [name, , count] of site.archives) {
      expect(count).toBeGreaterThanOrEqual(PAGE_MIN_ITEMS);
      expect(name).toMatch(/^2021\d{4}T\d{6}Z$/);
    }
    // The head's newest items plain, then a newline and the rest (here as text: no encoding was asked for).
    const [lead, rest, ...more] = stored.get(pageKey(site.head))!.split("\n");
    expect(more).toEqual([]);
    const head = JSON.parse(lead!) as HeadPage;
    // No scope: the manifest says which scopes a page serves (scopes with the same items share it).
    expect(Object.keys(head)).toEqual(["kind", "items"]);
    expect(head.items).toHaveLength(HEAD_LEAD_ITEMS);
    expect(head.items[0]!.id).toBe(makeArticle(124).id);
    const restItems = (JSON.parse(rest!) as { items: HeadPage["items"] }).items;
    expect([...head.items, ...restItems].map((item) => item.id)).toEqual(articles.slice(25).reverse().map((article) => article.id));
  });

  it("stores a head's newest items as plain JSON (UTF-16LE, as they are not ASCII) in front of its encoded rest, and a short head plain", () => {
    const articles = Array.from({ length: 125 }, (_, index) => makeArticle(index, { tags: index >= 120 ? ["few"] : [] }));
    const plan = planGeneration(articles, hashParts, undefined, { encodeValue: compressStoredValue });
    const stored = new Map(plan.entries.map((entry) => [entry.key, entry.value()]));
    const value = Buffer.from(stored.get(pageKey(plan.manifest.scopes["/"]!.head))! as Uint8Array);
    // The newline as a UTF-16LE code unit, at an even offset.
    const separator = new Uint16Array(value.buffer, value.byteOffset, value.byteLength >> 1).indexOf(0x0a) * 2;
    expect(value.subarray(0, 2)).toEqual(Buffer.from("{", "utf16le"));
    const lead = JSON.parse(value.subarray(0, separator).toString("utf16le")) as HeadPage;
    const rest = JSON.parse(gunzipSync(value.subarray(separator + 2)).toString("utf8")) as { items: HeadPage["items"] };
    expect(lead.items.map((item) => item.id)).toEqual(articles.slice(105).reverse().map((article) => article.id));
    expect(rest.items.map((item) => item.id)).toEqual(articles.slice(25, 105).reverse().map((article) => article.id));
    const few = Buffer.from(stored.get(pageKey(plan.manifest.scopes[scopeId({ kind: "tag", name: "few" })]!.head))! as Uint8Array);
    expect(JSON.parse(few.toString("utf16le"))).toEqual({ kind: "head", items: articles.slice(120).reverse() });
    // An archive is compressed whole.
    expect(gunzipSync(stored.get(pageKey(plan.manifest.scopes["/"]!.archives[0]![1]))! as Uint8Array).toString("utf8")).toMatch(/^\{"kind":"archive"/);
  });

  it("keeps a head's lead as UTF-8 when it is ASCII, with a one-byte separator", () => {
    const ascii = (index: number) => makeArticle(index, { title: `Post ${index}`, author: "Ann", categories: [["news"]], summary: `Summary ${index}`, contentHtml: `<p>Body ${index}</p>` });
    const articles = Array.from({ length: 30 }, (_, index) => ascii(index));
    const plan = planGeneration(articles, hashParts, undefined, { encodeValue: compressStoredValue });
    const value = Buffer.from(plan.entries.find((entry) => entry.key === pageKey(plan.manifest.scopes["/"]!.head))!.value() as Uint8Array);
    const separator = value.indexOf(0x0a);
    expect(value[1]).toBe(0x22); // `{"`
    expect((JSON.parse(value.subarray(0, separator).toString("utf8")) as HeadPage).items).toHaveLength(HEAD_LEAD_ITEMS);
    expect((JSON.parse(gunzipSync(value.subarray(separator + 1)).toString("utf8")) as { items: unknown[] }).items).toHaveLength(10);
  });

  it("stores no article alone that fits in a page", () => {
    const plan = planGeneration(Array.from({ length: 45 }, (_, index) => makeArticle(index)), hashParts);
    expect(plan.entries.filter((entry) => entry.key.startsWith("article:"))).toEqual([]);
  });

  it("keeps every archive's key when a newer article is added", () => {
    const articles = Array.from({ length: 45 }, (_, index) => makeArticle(index));
    const before = planGeneration(articles, hashParts);
    const after = planGeneration([...articles, makeArticle(45)], hashParts);
    const beforeSite = before.manifest.scopes["/"]!;
    expect(after.manifest.scopes["/"]!.archives.slice(0, beforeSite.archives.length)).toEqual(beforeSite.archives);
    expect(after.manifest.scopes["/"]!.head).not.toBe(beforeSite.head);
    const beforeKeys = new Set(before.entries.map((entry) => entry.key));
    const added = after.entries.filter((entry) => !beforeKeys.has(entry.key)).map((entry) => entry.key.split(":")[0]);
    // The head its four scopes share (site, 金融, 金融/新浪财经 and its author 新浪财经 hold the same articles),
    // its shard and the manifest.
    expect(new Set(Object.values(after.manifest.scopes).map((scope) => scope.head)).size).toBe(1);
    expect(added.sort()).toEqual(["manifest", "page", "shard"]);
  });

  it("changes one page of each scope, and no shard but the new article's, when an article is added deep in history", () => {
    // Half in 金融/新浪财经, half in 金融/股票: the site, 金融 and the author hold every article (and so share
    // their pages), each subcategory half of them.
    const category = (number: number): string[][] => [["金融", number % 4 < 2 ? "新浪财经" : "股票"]];
    const articles = Array.from({ length: 1000 }, (_, index) => makeArticle(index * 2, { categories: category(index * 2) }));
    const before = planGeneration(articles, hashParts);
    const beforeKeys = new Set(before.entries.map((entry) => entry.key));
    let pagesChanged = 0;
    const inserts = Array.from({ length: 40 }, (_, index) => 2 * (index * 12 + 7) + 1);
    for (const number of inserts) {
      const after = planGeneration([...articles, makeArticle(number, { categories: category(number) })], hashParts);
      const added = after.entries.filter((entry) => !beforeKeys.has(entry.key)).map((entry) => entry.key.split(":")[0]!);
      expect(added.filter((kind) => kind === "shard")).toHaveLength(1);
      expect(added.filter((kind) => kind === "manifest")).toHaveLength(1);
      // Two sets of items (the site's, which 金融 and the author share, and the subcategory's): one page each,
      // sometimes two when the new article splits its page.
      const pages = added.filter((kind) => kind === "page").length;
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(pages).toBeLessThanOrEqual(4);
      pagesChanged += pages;
    }
    // Most inserts change one page per scope; one that ends a page (an id of the boundary kind) splits it.
    expect(pagesChanged / inserts.length).toBeLessThan(2.5);
  });

  it("knows each value's size in UTF-8 bytes without building it", () => {
    // Three-byte and four-byte characters, in titles, bodies, categories and tags, so a count of UTF-16
    // code units instead of bytes would be caught.
    const articles = Array.from({ length: 130 }, (_, index) =>
      makeArticle(index, { title: `标题 ${index} 𝄞`, contentHtml: `<p>${"数".repeat(index)}😀</p>`, tags: [`标签${index % 3}`] }),
    );
    const plan = planGeneration(articles, hashParts);
    expect(new Set(plan.entries.map((entry) => entry.key.split(":")[0]))).toEqual(new Set(["page", "shard", "manifest"]));
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

  it("stores the pages of scopes with the same items once: a one-author site's feed and its author's share every page", () => {
    const articles = Array.from({ length: 300 }, (_, index) => makeArticle(index + 1, { author: "王小明", categories: [["金融", "新浪财经"]], tags: [] }));
    const plan = planGeneration(articles, hashParts);
    const site = plan.manifest.scopes["/"]!;
    const author = plan.manifest.scopes["/authors/%E7%8E%8B%E5%B0%8F%E6%98%8E/"]!;
    const parent = plan.manifest.scopes[scopeId({ kind: "category", path: ["金融"] })]!;
    const child = plan.manifest.scopes[scopeId({ kind: "category", path: ["金融", "新浪财经"] })]!;
    expect(site.archives.length).toBeGreaterThan(3);
    for (const scope of [author, parent, child]) {
      expect(scope.head).toBe(site.head);
      expect(scope.archives).toEqual(site.archives);
    }
    // Each page once, however many scopes name it: the site's archives and head, the shards, the manifest.
    const pageKeys = plan.entries.filter((entry) => entry.key.startsWith("page:")).map((entry) => entry.key);
    expect(pageKeys).toHaveLength(site.archives.length + 1);
    expect(new Set(pageKeys).size).toBe(pageKeys.length);
    const head = parsePage(values(plan).get(pageKey(site.head))!) as HeadPage;
    expect(Object.keys(head)).toEqual(["kind", "items"]);
  });

  it("gives every author a post names a scope of their posts, and none to posts that name no author", () => {
    const plan = planGeneration(
      [
        makeArticle(1, { author: "王小明" }),
        makeArticle(2, { author: "王小明" }),
        makeArticle(3, { author: "Ada Lovelace" }),
        makeArticle(4, { author: undefined }),
      ],
      hashParts,
    );
    expect(plan.manifest.authors).toEqual([
      { name: "王小明", total: 2 },
      { name: "Ada Lovelace", total: 1 },
    ]);
    const author = plan.manifest.scopes["/authors/%E7%8E%8B%E5%B0%8F%E6%98%8E/"]!;
    expect(author).toMatchObject({ scope: { kind: "author", name: "王小明" }, total: 2 });
    const head = JSON.parse(values(plan).get(pageKey(author.head))!) as HeadPage;
    expect(head.items.map((item) => item.id)).toEqual([makeArticle(2).id, makeArticle(1).id]);
    expect(plan.manifest.scopes["/authors/Ada%20Lovelace/"]!.total).toBe(1);
    // The post without an author is in the site's feed only (SITE_AUTHOR is credited with it there).
    expect(Object.keys(plan.manifest.scopes).filter((id) => id.startsWith("/authors/"))).toHaveLength(2);
    expect(plan.manifest.scopes["/"]!.total).toBe(4);
  });

  it("files an author's posts under one scope whether the name came in NFC or NFD", () => {
    const composed = "Zoë";
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    const plan = planGeneration([makeArticle(1, { author: composed }), makeArticle(2, { author: decomposed })], hashParts);
    expect(plan.manifest.authors).toEqual([{ name: composed, total: 2 }]);
    expect(plan.manifest.scopes["/authors/Zo%C3%AB/"]).toMatchObject({ scope: { kind: "author", name: composed }, total: 2 });
  });

  it("writes no author list into the manifest of a site whose posts name no author", () => {
    const plan = planGeneration([makeArticle(1, { author: undefined }), makeArticle(2, { author: undefined })], hashParts);
    expect(plan.manifest).not.toHaveProperty("authors");
    expect(Object.keys(plan.manifest.scopes).some((id) => id.startsWith("/authors/"))).toBe(false);
  });

  it("says in its shard where every article is, also where many share one second", () => {
    // 250 articles of one second (more than a page may hold) among others: the time alone cannot place them all.
    const articles = [
      ...Array.from({ length: 120 }, (_, index) => makeArticle(index)),
      ...Array.from({ length: 250 }, (_, index) => makeArticle(500, { id: `same${String(index).padStart(3, "0")}` })),
      ...Array.from({ length: 60 }, (_, index) => makeArticle(600 + index)),
    ];
    const plan = planGeneration(articles, hashParts);
    const stored = values(plan);
    const site = plan.manifest.scopes["/"]!;
    const found = new Set<string>();
    let named = 0;
    for (const shardHash of Object.values(plan.manifest.shards)) {
      const shard = JSON.parse(stored.get(`shard:${shardHash}`)!) as ArticleShard;
      for (const [id, location] of Object.entries(shard.articles)) {
        if (location.page !== undefined) named++;
        const page = findPageByName(site, location.page ?? findPageByTime(site, location.published)!)!;
        const hash = page.kind === "archive" ? site.archives[page.index]![1] : site.head;
        const items = (parsePage(stored.get(pageKey(hash))!) as ArchivePage | HeadPage).items;
        expect(items.map((item) => item.id)).toContain(id);
        found.add(id);
      }
    }
    expect(found.size).toBe(articles.length);
    expect(named).toBeGreaterThan(0);
    expect(named).toBeLessThan(250);
  });

  it("stores an article too long for pages alone, and gives the pages a copy cut to fit that says so", () => {
    const paragraph = `<p>${"很长的文章。".repeat(2000)}</p>`;
    const long = makeArticle(10, { contentHtml: paragraph.repeat(Math.ceil((2.6 * 1024 * 1024) / Buffer.byteLength(paragraph))) });
    const plan = planGeneration([makeArticle(1), long, makeArticle(20)], hashParts);
    const stored = values(plan);
    const alone = plan.entries.filter((entry) => entry.key.startsWith("article:"));
    expect(alone).toHaveLength(1);
    expect(JSON.parse(alone[0]!.value() as string)).toEqual(long);
    const head = JSON.parse(stored.get(pageKey(plan.manifest.scopes["/"]!.head))!) as HeadPage;
    const copy = head.items.find((item) => item.id === long.id)!;
    expect(copy.truncated).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(copy))).toBeLessThanOrEqual(PAGE_ITEM_MAX_BYTES);
    // A prefix of the whole HTML, with the elements it cut inside closed.
    expect(long.contentHtml.startsWith(copy.contentHtml.replace(/(<\/[a-z0-9]+>)+$/, ""))).toBe(true);
    expect(copy.contentHtml.endsWith("</p>")).toBe(true);
    const shard = JSON.parse(stored.get(`shard:${plan.manifest.shards[shardOfArticle(long.id, plan.manifest.shardCount)]}`)!) as ArticleShard;
    expect(shard.articles[long.id]!.article).toBe(alone[0]!.key.slice("article:".length));
  });
});
