import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CURRENT_KEY } from "../../src/model/keys";
import { clearKv } from "../support/seed-kv";
import { createWorkerHarness } from "../support/worker-harness";

afterEach(() => vi.restoreAllMocks());

describe("a store whose live generation is format 1 (written by an earlier edgefeed)", () => {
  it("answers 503 with Retry-After, and the log says to publish again", async () => {
    await clearKv(env.FEEDS);
    await env.FEEDS.put("manifest:old", JSON.stringify({ format: 1, updated: "2021-06-11T04:19:02Z", scopes: {}, categories: [], tags: [], shards: {} }));
    await env.FEEDS.put(CURRENT_KEY, JSON.stringify({ manifest: "old", generation: 3, publishedAt: "2021-07-01T00:00:00Z", previous: [] }));
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await createWorkerHarness().fetch("/feed.xml");
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("60");
    expect(logged.mock.calls.flat().join(" ")).toMatch(/format 1 Manifest, written by an earlier edgefeed; publish again/);
  });
});

describe("a store whose live generation is of a format newer than this Worker's", () => {
  it("answers 503 with Retry-After, and the log names the formats it serves", async () => {
    await clearKv(env.FEEDS);
    await env.FEEDS.put("manifest:new", JSON.stringify({ format: 99, updated: "2021-06-11T04:19:02Z", scopes: {}, categories: [], tags: [], shards: {}, shardCount: 1 }));
    await env.FEEDS.put(CURRENT_KEY, JSON.stringify({ manifest: "new", generation: 3, publishedAt: "2021-07-01T00:00:00Z", previous: [] }));
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await createWorkerHarness().fetch("/feed.xml");
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("60");
    expect(logged.mock.calls.flat().join(" ")).toContain("not a Manifest of a format this Worker serves (2, 3, 4, 5)");
  });
});
