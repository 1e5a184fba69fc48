import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CURRENT_KEY, manifestKey, pageKey } from "../../src/model/keys";
import type { CurrentPointer } from "../../src/model/manifest";
import { scopeId } from "../../src/model/scope";
import { clearKv, seedKv } from "../support/seed-kv";
import { siteArticles } from "../support/site-articles";
import { createWorkerHarness } from "../support/worker-harness";

let consoleError: ReturnType<typeof vi.spyOn>;

beforeEach(async () => {
  await clearKv(env.FEEDS);
  consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
});

afterEach(() => {
  consoleError.mockRestore();
});

describe("before anything is published", () => {
  it.each(["/feed.xml", "/atom.xml", "/", "/opml.xml", "/articles/a0001", "/tags/x/feed.json"])("answers %s with 503, Retry-After and how to publish", async (path) => {
    const response = await createWorkerHarness().fetch(path);
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("60");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const body = await response.text();
    expect(body).toContain("npm run build");
    expect(body).toContain("npm run publish");
  });

  it("still refuses bad input with 400 rather than 503", async () => {
    expect((await createWorkerHarness().fetch("/feed.xml?limit=0")).status).toBe(400);
  });
});

describe("when KV fails", () => {
  it("answers 503 with Retry-After and logs the cause when KV throws", async () => {
    const harness = createWorkerHarness({
      wrapKv: () => ({
        get: () => Promise.reject(new Error("KV GET failed: 500 Internal Server Error")),
      }),
    });
    const response = await harness.fetch("/feed.xml");
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("60");
    const body = await response.text();
    expect(body).not.toContain("KV GET failed");
    expect(body).not.toMatch(/at .*\.ts/);
    expect(consoleError).toHaveBeenCalledOnce();
    expect(String(consoleError.mock.calls[0]!.join(" "))).toContain("KV GET failed");
  });

  it.each([
    { name: "current that is not JSON", value: "{not json" },
    { name: "current that is JSON of the wrong shape", value: '{"hello":"world"}' },
    { name: "current that is a bare string", value: '"abc"' },
  ])("answers 503 and logs for $name", async ({ value }) => {
    await env.FEEDS.put(CURRENT_KEY, value);
    const response = await createWorkerHarness().fetch("/feed.xml");
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("60");
    expect(consoleError).toHaveBeenCalledOnce();
    expect(String(consoleError.mock.calls[0]!.join(" "))).toContain("current");
  });

  it("answers 503 when current names a manifest that is missing", async () => {
    const pointer: CurrentPointer = { manifest: "0000000000000000", generation: 1, publishedAt: "2021-06-01T00:00:00Z", previous: [] };
    await env.FEEDS.put(CURRENT_KEY, JSON.stringify(pointer));
    const response = await createWorkerHarness().fetch("/");
    expect(response.status).toBe(503);
    expect(String(consoleError.mock.calls[0]!.join(" "))).toContain("manifest:0000000000000000");
  });

  it("answers 503 when a page is corrupt, and serves again once it is repaired", async () => {
    const { plan } = await seedKv(env.FEEDS, siteArticles(3));
    const headKey = pageKey(plan.manifest.scopes[scopeId({ kind: "site" })]!.head);
    const good = (await env.FEEDS.get(headKey))!;
    await env.FEEDS.put(headKey, good.slice(0, 40));
    const harness = createWorkerHarness();
    expect((await harness.fetch("/feed.xml")).status).toBe(503);
    await env.FEEDS.put(headKey, good);
    expect((await harness.fetch("/feed.xml")).status).toBe(200);
  });

  it("does not keep a manifest that failed to load", async () => {
    const { plan } = await seedKv(env.FEEDS, siteArticles(3));
    const key = manifestKey(plan.manifestHash);
    const good = (await env.FEEDS.get(key))!;
    await env.FEEDS.put(key, "[]");
    const harness = createWorkerHarness();
    expect((await harness.fetch("/feed.xml")).status).toBe(503);
    await env.FEEDS.put(key, good);
    expect((await harness.fetch("/feed.xml")).status).toBe(200);
  });
});

describe("bad settings", () => {
  it("answers a generic 500 and logs which setting is wrong", async () => {
    await seedKv(env.FEEDS, siteArticles(3));
    const response = await createWorkerHarness({ env: { SITE_URL: "not a url" } }).fetch("/feed.xml");
    expect(response.status).toBe(500);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(await response.text()).not.toContain("SITE_URL");
    expect(String(consoleError.mock.calls[0]!.join(" "))).toContain("SITE_URL");
  });
});
