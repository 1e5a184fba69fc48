import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type GenerationPlan, planGeneration } from "../../src/builder/plan/plan-generation";
import { CURRENT_KEY, pageKey } from "../../src/model/keys";
import { scopeId } from "../../src/model/scope";
import { decodeStoredPage } from "../../src/worker/store/decode-stored-page";
import { makeArticle } from "../support/make-article";
import { clearKv, seedKv } from "../support/seed-kv";
import { siteArticles } from "../support/site-articles";
import { testHash } from "../support/test-hash";
import { createWorkerHarness } from "../support/worker-harness";

// KV that fails or holds what the build never writes, beyond unavailable.test.ts (KV down for every key,
// a corrupt `current`, a missing manifest, a truncated head page): failures of one kind of key only,
// values of the right JSON type but the wrong shape, and an interrupted publish seen through the Worker.

let consoleError: ReturnType<typeof vi.spyOn>;
let plan: GenerationPlan;

beforeEach(async () => {
  await clearKv(env.FEEDS);
  consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
  ({ plan } = await seedKv(env.FEEDS, siteArticles(200)));
});

afterEach(() => consoleError.mockRestore());

/** The site's head page key, as the live generation names it. */
const siteHeadKey = (): string => pageKey(plan.manifest.scopes[scopeId({ kind: "site" })]!.head);
/** The key of the site's oldest page, which holds the article a0001. */
const firstPageKey = (): string => pageKey(plan.manifest.scopes[scopeId({ kind: "site" })]!.archives[0]![1]);

async function expectUnavailable(response: Response, logged: string): Promise<void> {
  expect(response.status).toBe(503);
  expect(response.headers.get("Retry-After")).toBe("60");
  expect(response.headers.get("Cache-Control")).toBe("no-store");
  const body = await response.text();
  expect(body).not.toMatch(/\n\s+at |Error|\.ts:/);
  expect(consoleError).toHaveBeenCalledOnce();
  expect(String(consoleError.mock.calls[0]!.join(" "))).toContain(logged);
}

describe("KV failing for one kind of key", () => {
  it.each([
    { name: "pages", prefix: "page:", path: "/feed.xml" },
    { name: "pages, on a scope page", prefix: "page:", path: "/categories/%E9%87%91%E8%9E%8D/" },
    { name: "shards", prefix: "shard:", path: "/articles/a0001" },
    { name: "pages, on an article page", prefix: "page:", path: "/articles/a0001" },
    { name: "manifests", prefix: "manifest:", path: "/opml.xml" },
  ])("answers 503 with Retry-After and logs the key when reads of $name fail", async ({ prefix, path }) => {
    const harness = createWorkerHarness({
      wrapKv: (kv) => ({
        get: (key, options) => (key.startsWith(prefix) ? Promise.reject(new Error(`KV GET ${key}: 500`)) : kv.get(key, options)),
      }),
    });
    await expectUnavailable(await harness.fetch(path), prefix);
  });

  it("answers 200 or 503, never anything else, when every other read fails", async () => {
    let reads = 0;
    const harness = createWorkerHarness({
      wrapKv: (kv) => ({ get: (key, options) => (++reads % 2 === 0 ? Promise.reject(new Error("flaky")) : kv.get(key, options)) }),
    });
    for (const path of ["/feed.xml", "/atom.xml", "/feed.json", "/", "/articles/a0002", "/tags/%E8%82%A1%E5%B8%82/feed.xml", "/opml.xml"]) {
      harness.coldStart();
      const response = await harness.fetch(path);
      expect([200, 503], path).toContain(response.status);
    }
  });

  it("answers 503 when KV hands back something that is not text", async () => {
    const harness = createWorkerHarness({ wrapKv: (kv) => ({ get: (key, options) => (key === CURRENT_KEY ? kv.get(key, options) : Promise.resolve({} as unknown as string)) }) });
    await expectUnavailable(await harness.fetch("/feed.xml"), "manifest:");
  });
});

describe("values of the wrong shape", () => {
  it.each([
    { name: "a head page whose items are null", value: () => ({ ...headPage(), items: [null] }) },
    { name: "a head page whose items are empty objects", value: () => ({ ...headPage(), items: [{}] }) },
    { name: "a head page whose item lacks its dates and names", value: () => ({ ...headPage(), items: [{ id: "x", title: "t", contentHtml: "<p>x</p>" }] }) },
    { name: "a head page whose item has a numeric title", value: () => ({ ...headPage(), items: [{ ...makeArticle(1), title: 5 }] }) },
    { name: "a head page whose items are text", value: () => ({ ...headPage(), items: "many" }) },
    { name: "a head page that is a list", value: () => [headPage()] },
  ])("answers 503 for $name", async ({ value }) => {
    await env.FEEDS.put(siteHeadKey(), JSON.stringify(value()));
    for (const path of ["/feed.xml", "/atom.xml", "/feed.json", "/"]) {
      consoleError.mockClear();
      await expectUnavailable(await createWorkerHarness().fetch(path), "page:");
    }
  });

  it.each([
    { name: "an article that is null", value: "null" },
    { name: "an article of the wrong shape", value: '{"id":"a0001"}' },
    { name: "an article whose categories are text", value: JSON.stringify({ ...makeArticle(1), categories: "金融" }) },
  ])("answers 503 for $name on its page", async ({ value }) => {
    const page = JSON.parse((await env.FEEDS.get(firstPageKey()))!) as { items: unknown[] };
    // a0001 is the oldest, so the last item of its page (pages hold their items newest first).
    page.items[page.items.length - 1] = JSON.parse(value);
    await env.FEEDS.put(firstPageKey(), JSON.stringify(page));
    await expectUnavailable(await createWorkerHarness().fetch("/articles/a0001"), "page:");
  });
});

/** The live site head page as stored. */
let cachedHead: Record<string, unknown> | undefined;
function headPage(): Record<string, unknown> {
  return cachedHead!;
}
beforeEach(async () => {
  // Read whole (a head keeps its newest items in front of the rest); the cases write it back as one plain JSON value.
  cachedHead = (await decodeStoredPage(new Uint8Array((await env.FEEDS.get(siteHeadKey(), "arrayBuffer"))!))) as Record<string, unknown>;
});

describe("an interrupted publish, seen through the Worker", () => {
  const PATHS = ["/", "/feed.xml", "/atom.xml", "/feed.json", "/feed.xml?page=1", "/categories/%E9%87%91%E8%9E%8D/feed.xml", "/tags/%E8%82%A1%E5%B8%82/atom.xml", "/articles/a0200", "/articles/a0001", "/opml.xml"];

  async function snapshot(): Promise<string[]> {
    const harness = createWorkerHarness();
    return Promise.all(
      PATHS.map(async (path) => {
        const response = await harness.fetch(path);
        return `${response.status} ${response.headers.get("ETag")} ${await response.text()}`;
      }),
    );
  }

  it("serves the old generation whole, byte for byte, while any part of a new one is written but current is not", async () => {
    const before = await snapshot();
    // The next generation: ten new articles and an edited one, all newer than the last archive, so the head
    // (one value: the site, its categories and its one author hold the same articles), two shards and the
    // manifest change.
    const next = planGeneration([...siteArticles(200).map((article) => (article.id === "a0200" ? { ...article, title: "改过的标题" } : article)), ...Array.from({ length: 10 }, (_, index) => makeArticle(201 + index))], testHash);
    const fresh = next.entries.filter((entry) => !plan.entries.some((old) => old.key === entry.key));
    expect(fresh.map((entry) => entry.key.split(":")[0]).sort()).toEqual(["manifest", "page", "shard", "shard"]);
    // The publisher writes content first and `current` last: stop after none, some, and all of the content.
    for (const written of [1, Math.floor(fresh.length / 2), fresh.length]) {
      await Promise.all(fresh.slice(0, written).map(async (entry) => env.FEEDS.put(entry.key, await entry.value())));
      expect(await snapshot(), `after ${written} of ${fresh.length} writes`).toEqual(before);
    }
    // A publish that fails after writing garbage under a new key (a torn write) changes nothing either.
    await env.FEEDS.put("manifest:ffffffffffffffff", "{torn");
    expect(await snapshot()).toEqual(before);
    expect(consoleError).not.toHaveBeenCalled();
  });
});
