import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { CURRENT_KEY, manifestKey, pageKey, shardKey } from "../../src/model/keys";
import { shardOfArticle } from "../../src/model/manifest";
import { scopeId } from "../../src/model/scope";
import type { SeededGeneration } from "../support/seed-kv";
import { clearKv, seedKv } from "../support/seed-kv";
import { siteArticles } from "../support/site-articles";
import { createWorkerHarness } from "../support/worker-harness";

let seeded: SeededGeneration;

beforeEach(async () => {
  await clearKv(env.FEEDS);
  seeded = await seedKv(env.FEEDS, siteArticles(45));
});

function siteHead(): string {
  return pageKey(seeded.plan.manifest.scopes[scopeId({ kind: "site" })]!.head);
}

describe("KV reads per request", () => {
  it("reads current, the manifest and one page on a cold isolate", async () => {
    const harness = createWorkerHarness();
    expect((await harness.fetch("/feed.xml")).status).toBe(200);
    expect(harness.reads).toEqual([CURRENT_KEY, manifestKey(seeded.plan.manifestHash), siteHead()]);
  });

  it("reads current and one page on a warm isolate without a cached response", async () => {
    const harness = createWorkerHarness();
    await harness.fetch("/atom.xml");
    harness.reset();
    expect((await harness.fetch("/feed.xml")).status).toBe(200);
    expect(harness.reads).toEqual([CURRENT_KEY, siteHead()]);
  });

  it("reads current and one archive page for a numbered page", async () => {
    const harness = createWorkerHarness();
    await harness.fetch("/feed.xml");
    harness.reset();
    await harness.fetch("/feed.json?page=2");
    const archive = pageKey(seeded.plan.manifest.scopes[scopeId({ kind: "site" })]!.archives[1]!);
    expect(harness.reads).toEqual([CURRENT_KEY, archive]);
  });

  it("reads only current for a 304, even with no cached response", async () => {
    const harness = createWorkerHarness();
    const etag = (await harness.fetch("/feed.xml")).headers.get("ETag")!;
    harness.reset();
    const response = await harness.fetch("/feed.xml", { headers: { "If-None-Match": etag } });
    expect(response.status).toBe(304);
    expect(harness.reads).toEqual([CURRENT_KEY]);
    expect(harness.renders).toEqual([]);
  });

  it("reads the manifest again after a cold start", async () => {
    const harness = createWorkerHarness();
    await harness.fetch("/feed.xml");
    harness.coldStart();
    harness.reset();
    await harness.fetch("/feed.xml");
    expect(harness.reads).toEqual([CURRENT_KEY, manifestKey(seeded.plan.manifestHash), siteHead()]);
  });

  it("reads the new manifest once after a publish", async () => {
    const harness = createWorkerHarness();
    await harness.fetch("/feed.xml");
    const next = await seedKv(env.FEEDS, siteArticles(46), 2);
    harness.reset();
    await harness.fetch("/feed.xml");
    await harness.fetch("/feed.xml?limit=5");
    const newHead = pageKey(next.plan.manifest.scopes[scopeId({ kind: "site" })]!.head);
    expect(harness.reads).toEqual([CURRENT_KEY, manifestKey(next.plan.manifestHash), newHead, CURRENT_KEY, newHead]);
  });

  it("reads current, the id's shard and the article for an article page on a warm isolate", async () => {
    const harness = createWorkerHarness();
    await harness.fetch("/feed.xml");
    harness.reset();
    expect((await harness.fetch("/articles/a0007")).status).toBe(200);
    const shard = shardKey(seeded.plan.manifest.shards[shardOfArticle("a0007")]!);
    expect(harness.reads).toHaveLength(3);
    expect(harness.reads.slice(0, 2)).toEqual([CURRENT_KEY, shard]);
    expect(harness.reads[2]).toMatch(/^article:/);
  });

  it("reads no page at all for a 404 or a 400", async () => {
    const harness = createWorkerHarness();
    await harness.fetch("/tags/nope/feed.xml");
    await harness.fetch("/feed.xml?page=9");
    await harness.fetch("/feed.xml?limit=x");
    expect(harness.reads.filter((key) => key.startsWith("page:"))).toEqual([]);
  });
});

describe("response cache", () => {
  it("renders nothing and reads only current for a repeated request", async () => {
    const harness = createWorkerHarness({ cache: true });
    const first = await harness.fetch("/feed.xml");
    const firstBody = await first.text();
    expect(harness.renders).toHaveLength(1);
    harness.reset();
    const second = await harness.fetch("/feed.xml");
    expect(second.status).toBe(200);
    expect(await second.text()).toBe(firstBody);
    expect(second.headers.get("ETag")).toBe(first.headers.get("ETag"));
    expect(second.headers.get("Content-Type")).toBe(first.headers.get("Content-Type"));
    expect(harness.renders).toEqual([]);
    expect(harness.reads).toEqual([CURRENT_KEY]);
  });

  it("shares one cached response between NFC and NFD spellings of a path", async () => {
    const harness = createWorkerHarness({ cache: true });
    await harness.fetch(`/categories/${encodeURIComponent("Café".normalize("NFC"))}/feed.xml`);
    harness.reset();
    const response = await harness.fetch(`/categories/${encodeURIComponent("Café".normalize("NFD"))}/feed.xml`);
    expect(response.status).toBe(200);
    expect(harness.renders).toEqual([]);
  });

  it("renders again after a publish changes the feed, never serving the old bytes", async () => {
    const harness = createWorkerHarness({ cache: true });
    const before = await (await harness.fetch("/feed.xml")).text();
    expect(before).not.toContain("a0046");
    await seedKv(env.FEEDS, siteArticles(46), 2);
    harness.reset();
    const after = await (await harness.fetch("/feed.xml")).text();
    expect(after).toContain("a0046");
    expect(harness.renders).toHaveLength(1);
  });

  it("caches each format, limit and page separately", async () => {
    const harness = createWorkerHarness({ cache: true });
    const paths = ["/feed.xml", "/atom.xml", "/feed.xml?limit=5", "/feed.xml?page=1"];
    for (const path of paths) await harness.fetch(path);
    expect(harness.renders).toHaveLength(4);
    harness.reset();
    for (const path of paths) await harness.fetch(path);
    expect(harness.renders).toEqual([]);
  });

  it("answers HEAD from the cache without rendering", async () => {
    const harness = createWorkerHarness({ cache: true });
    await harness.fetch("/feed.json");
    harness.reset();
    const response = await harness.fetch("/feed.json", { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    expect(harness.renders).toEqual([]);
  });
});
