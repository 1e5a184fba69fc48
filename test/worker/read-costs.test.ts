import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { CURRENT_KEY, manifestKey, pageKey, shardKey } from "../../src/model/keys";
import { shardOfArticle } from "../../src/model/manifest";
import { scopeId } from "../../src/model/scope";
import { CURRENT_MEMORY_MILLISECONDS } from "../../src/worker/store/current-memory";
import type { SeededGeneration } from "../support/seed-kv";
import { clearKv, seedKv } from "../support/seed-kv";
import { siteArticles } from "../support/site-articles";
import { createWorkerHarness } from "../support/worker-harness";

let seeded: SeededGeneration;

beforeEach(async () => {
  await clearKv(env.FEEDS);
  seeded = await seedKv(env.FEEDS, siteArticles(200));
});

/** The site's archive `index` (0 the oldest) as the manifest lists it: name, hash, count. */
function siteArchive(index: number): [string, string, number] {
  return seeded.plan.manifest.scopes["/"]!.archives[index]!;
}

function siteHead(): string {
  return pageKey(seeded.plan.manifest.scopes[scopeId({ kind: "site" })]!.head);
}

describe("KV reads per request", () => {
  it("reads current, the manifest and one page on a cold isolate", async () => {
    const harness = createWorkerHarness();
    expect((await harness.fetch("/feed.xml")).status).toBe(200);
    expect(harness.reads).toEqual([CURRENT_KEY, manifestKey(seeded.plan.manifestHash), siteHead()]);
  });

  it("reads only one page on a warm isolate without a cached response, current being kept", async () => {
    const harness = createWorkerHarness();
    await harness.fetch("/atom.xml");
    harness.reset();
    expect((await harness.fetch("/feed.xml")).status).toBe(200);
    expect(harness.reads).toEqual([siteHead()]);
  });

  it("reads current again, and one page, once the kept pointer is older than its time to live", async () => {
    const harness = createWorkerHarness();
    await harness.fetch("/atom.xml");
    harness.advance(CURRENT_MEMORY_MILLISECONDS - 1);
    harness.reset();
    await harness.fetch("/feed.xml");
    expect(harness.reads).toEqual([siteHead()]);
    harness.advance(1);
    harness.reset();
    await harness.fetch("/feed.xml");
    expect(harness.reads).toEqual([CURRENT_KEY, siteHead()]);
  });

  it("reads one archive page for a page asked by name", async () => {
    const harness = createWorkerHarness();
    await harness.fetch("/feed.xml");
    harness.reset();
    const [name, hash] = siteArchive(0);
    expect((await harness.fetch(`/feed.json?page=${name}`)).status).toBe(200);
    expect(harness.reads).toEqual([pageKey(hash)]);
  });

  it("reads the head for the open page, and nothing for an old page number, which redirects", async () => {
    const harness = createWorkerHarness();
    await harness.fetch("/atom.xml");
    harness.reset();
    const open = seeded.plan.manifest.scopes["/"]!.open!.name;
    expect((await harness.fetch(`/feed.json?page=${open}`)).status).toBe(200);
    expect(harness.reads).toEqual([siteHead()]);
    harness.reset();
    const redirect = await harness.fetch("/feed.json?page=1");
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get("Location")).toBe(`https://example.com/feed.json?page=${siteArchive(0)[0]}`);
    expect(harness.reads).toEqual([]);
  });

  it.each(["?filter=%E6%96%87%E7%AB%A0%2019", "?filterout=%E6%96%87%E7%AB%A0&mode=summary", "?filter=a%7Cb%7C%E6%96%87&limit=100&mode=summary"])(
    "reads current, the manifest and one page cold, one page warm, and nothing for a 304, with %s",
    async (search) => {
      const harness = createWorkerHarness();
      const first = await harness.fetch(`/feed.xml${search}`);
      expect(first.status).toBe(200);
      expect(harness.reads).toEqual([CURRENT_KEY, manifestKey(seeded.plan.manifestHash), siteHead()]);
      harness.reset();
      expect((await harness.fetch(`/atom.xml${search}`)).status).toBe(200);
      expect(harness.reads).toEqual([siteHead()]);
      harness.reset();
      const [name, hash] = siteArchive(1);
      expect((await harness.fetch(`/feed.json?page=${name}&${search.slice(1)}`)).status).toBe(200);
      expect(harness.reads).toEqual([pageKey(hash)]);
      harness.reset();
      harness.advance(CURRENT_MEMORY_MILLISECONDS);
      const revalidated = await harness.fetch(`/feed.xml${search}`, { headers: { "If-None-Match": first.headers.get("ETag")! } });
      expect(revalidated.status).toBe(304);
      expect(harness.reads).toEqual([CURRENT_KEY]);
      expect(harness.renders).toEqual([]);
    },
  );

  it("reads no page for a bad filter or mode", async () => {
    const harness = createWorkerHarness();
    for (const search of ["?filter=", "?filter=a&filter=b", "?mode=full", `?filterout=${"x".repeat(51)}`]) {
      expect((await harness.fetch(`/feed.xml${search}`)).status).toBe(400);
    }
    expect(harness.reads).toEqual([]);
  });

  it("reads nothing for a 304 while current is kept, and only current after, even with no cached response", async () => {
    const harness = createWorkerHarness();
    const etag = (await harness.fetch("/feed.xml")).headers.get("ETag")!;
    harness.reset();
    const response = await harness.fetch("/feed.xml", { headers: { "If-None-Match": etag } });
    expect(response.status).toBe(304);
    expect(harness.reads).toEqual([]);
    harness.advance(CURRENT_MEMORY_MILLISECONDS);
    const later = await harness.fetch("/feed.xml", { headers: { "If-None-Match": etag } });
    expect(later.status).toBe(304);
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

  it("reads the new manifest once after a publish, once the kept pointer has expired", async () => {
    const harness = createWorkerHarness();
    await harness.fetch("/feed.xml");
    const next = await seedKv(env.FEEDS, siteArticles(201), 2);
    harness.advance(CURRENT_MEMORY_MILLISECONDS);
    harness.reset();
    await harness.fetch("/feed.xml");
    await harness.fetch("/feed.xml?limit=5");
    const newHead = pageKey(next.plan.manifest.scopes[scopeId({ kind: "site" })]!.head);
    expect(harness.reads).toEqual([CURRENT_KEY, manifestKey(next.plan.manifestHash), newHead, newHead]);
  });

  it("serves the old generation whole, byte for byte, while the pointer is kept after a publish, then the new one", async () => {
    const harness = createWorkerHarness();
    const paths = ["/feed.xml", "/atom.xml", `/feed.json?page=${siteArchive(0)[0]}`, "/", "/articles/a0200", "/opml.xml"];
    const snapshot = () =>
      Promise.all(
        paths.map(async (path) => {
          const response = await harness.fetch(path);
          return `${path} ${response.status} ${response.headers.get("ETag")} ${await response.text()}`;
        }),
      );
    const before = await snapshot();
    await seedKv(env.FEEDS, siteArticles(201), 2);
    harness.advance(CURRENT_MEMORY_MILLISECONDS - 1);
    expect(await snapshot()).toEqual(before);
    harness.advance(1);
    const after = await snapshot();
    expect(after[0]).toContain("a0201");
    expect(after[0]).not.toBe(before[0]);
  });

  it("reads the id's shard and the page holding the article for an article page on a warm isolate", async () => {
    const harness = createWorkerHarness();
    await harness.fetch("/feed.xml");
    harness.reset();
    expect((await harness.fetch("/articles/a0007")).status).toBe(200);
    const shard = shardKey(seeded.plan.manifest.shards[shardOfArticle("a0007", seeded.plan.manifest.shardCount)]!);
    // a0007 is among the oldest: in the site's first archive, not in the head.
    expect(harness.reads).toEqual([shard, pageKey(siteArchive(0)[1])]);
    harness.reset();
    expect((await harness.fetch("/articles/a0200")).status).toBe(200);
    expect(harness.reads).toEqual([shardKey(seeded.plan.manifest.shards[shardOfArticle("a0200", seeded.plan.manifest.shardCount)]!), siteHead()]);
  });

  it("reads no page at all for a 404 or a 400", async () => {
    const harness = createWorkerHarness();
    await harness.fetch("/tags/nope/feed.xml");
    await harness.fetch("/feed.xml?page=9");
    await harness.fetch("/feed.xml?limit=x");
    expect(harness.reads.filter((key) => key.startsWith("page:"))).toEqual([]);
  });
});

// The response cache alone (as in tests), the isolate's memory alone, and both (as in production).
describe.each([
  ["the response cache", { cache: true }],
  ["the isolate's response memory", { memory: true }],
  ["the isolate's memory in front of the response cache", { cache: true, memory: true }],
  ["kept whole answers in front of both", { cache: true, memory: true, answers: true }],
])("kept responses: %s", (_name, setup) => {
  it("renders nothing and reads no KV for a repeated request while current is kept", async () => {
    const harness = createWorkerHarness(setup);
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
    expect(harness.reads).toEqual([]);
    harness.advance(CURRENT_MEMORY_MILLISECONDS);
    expect(await (await harness.fetch("/feed.xml")).text()).toBe(firstBody);
    expect(harness.reads).toEqual([CURRENT_KEY]);
    expect(harness.renders).toEqual([]);
  });

  it("shares one cached response between NFC and NFD spellings of a path", async () => {
    const harness = createWorkerHarness(setup);
    await harness.fetch(`/categories/${encodeURIComponent("Café".normalize("NFC"))}/feed.xml`);
    harness.reset();
    const response = await harness.fetch(`/categories/${encodeURIComponent("Café".normalize("NFD"))}/feed.xml`);
    expect(response.status).toBe(200);
    expect(harness.renders).toEqual([]);
  });

  it("renders again after a publish changes the feed, never serving the old bytes", async () => {
    const harness = createWorkerHarness(setup);
    const before = await (await harness.fetch("/feed.xml")).text();
    expect(before).not.toContain("a0201");
    await seedKv(env.FEEDS, siteArticles(201), 2);
    harness.advance(CURRENT_MEMORY_MILLISECONDS);
    harness.reset();
    const after = await (await harness.fetch("/feed.xml")).text();
    expect(after).toContain("a0201");
    expect(harness.renders).toHaveLength(1);
  });

  it("caches each format, limit and page separately", async () => {
    const harness = createWorkerHarness(setup);
    const paths = ["/feed.xml", "/atom.xml", "/feed.xml?limit=5", `/feed.xml?page=${siteArchive(0)[0]}`];
    for (const path of paths) await harness.fetch(path);
    expect(harness.renders).toHaveLength(4);
    harness.reset();
    for (const path of paths) await harness.fetch(path);
    expect(harness.renders).toEqual([]);
  });

  it("answers HEAD from the cache without rendering", async () => {
    const harness = createWorkerHarness(setup);
    await harness.fetch("/feed.json");
    harness.reset();
    const response = await harness.fetch("/feed.json", { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    expect(harness.renders).toEqual([]);
  });
});

describe("the isolate's response memory in front of the response cache", () => {
  it("answers from the response cache once the memory is gone (a new isolate), then from memory again", async () => {
    const harness = createWorkerHarness({ cache: true, memory: true });
    const body = await (await harness.fetch("/feed.xml")).text();
    harness.coldStart(); // a new isolate: no kept manifest, pointer or responses; the cache is the colo's
    harness.reset();
    expect(await (await harness.fetch("/feed.xml")).text()).toBe(body);
    expect(harness.renders).toEqual([]);
    harness.reset();
    const etag = (await harness.fetch("/feed.xml")).headers.get("ETag")!;
    expect(harness.reads).toEqual([]);
    expect((await harness.fetch("/feed.xml", { headers: { "If-None-Match": etag } })).status).toBe(304);
  });

  it("keeps the browser's page and the readers' feed apart: neither reaches the other", async () => {
    const harness = createWorkerHarness({ cache: true, memory: true });
    const browser = { headers: { "Sec-Fetch-Dest": "document" } };
    expect((await harness.fetch("/feed.xml", browser)).headers.get("Content-Type")).toMatch(/^text\/html/);
    expect((await harness.fetch("/feed.xml")).headers.get("Content-Type")).toMatch(/^application\/rss\+xml/);
    expect((await harness.fetch("/feed.xml", browser)).headers.get("Content-Type")).toMatch(/^text\/html/);
    expect((await harness.fetch("/feed.xml")).headers.get("Vary")).toBe("Sec-Fetch-Dest");
    expect(harness.renders).toHaveLength(2);
  });
});
