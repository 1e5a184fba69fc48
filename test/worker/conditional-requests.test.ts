import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { CURRENT_MEMORY_MILLISECONDS } from "../../src/worker/store/current-memory";
import { clearKv, seedKv } from "../support/seed-kv";
import { siteArticles } from "../support/site-articles";
import { type WorkerHarness, createWorkerHarness } from "../support/worker-harness";

// Article 45, the newest, was updated at 2021-06-01 00:45 UTC.
const LAST_MODIFIED = "Tue, 01 Jun 2021 00:45:00 GMT";

beforeEach(async () => {
  await clearKv(env.FEEDS);
  await seedKv(env.FEEDS, siteArticles(45));
});

async function firstResponse(harness: WorkerHarness, path = "/feed.xml"): Promise<{ etag: string; lastModified: string }> {
  const response = await harness.fetch(path);
  expect(response.status).toBe(200);
  return { etag: response.headers.get("ETag")!, lastModified: response.headers.get("Last-Modified")! };
}

describe("If-None-Match", () => {
  const cases: { name: string; header: (etag: string) => string; status: number }[] = [
    { name: "the exact tag", header: (etag) => etag, status: 304 },
    { name: "the tag made weak by a proxy", header: (etag) => `W/${etag}`, status: 304 },
    { name: "a list holding the tag", header: (etag) => `"other", W/"more", ${etag}`, status: 304 },
    { name: "*", header: () => "*", status: 304 },
    { name: "the tag without quotes", header: (etag) => etag.replaceAll('"', ""), status: 304 },
    { name: "another tag", header: () => '"0123456789abcdef0123456789abcdef"', status: 200 },
    { name: "a list of other tags", header: () => '"a", W/"b"', status: 200 },
    { name: "junk", header: () => '"unterminated, W/, ,,, \\', status: 200 },
    { name: "an empty value", header: () => "", status: 200 },
  ];

  it.each(cases)("answers $status for $name", async ({ header, status }) => {
    const harness = createWorkerHarness();
    const { etag } = await firstResponse(harness);
    const response = await harness.fetch("/feed.xml", { headers: { "If-None-Match": header(etag) } });
    expect(response.status).toBe(status);
    if (status === 304) expect(await response.text()).toBe("");
  });

  it("carries ETag, Last-Modified, Cache-Control, CORS and nosniff on a 304 as on the 200", async () => {
    const harness = createWorkerHarness({ cache: true });
    const first = await harness.fetch("/feed.xml");
    const response = await harness.fetch("/feed.xml", { headers: { "If-None-Match": first.headers.get("ETag")! } });
    expect(response.status).toBe(304);
    for (const name of ["ETag", "Last-Modified", "Cache-Control", "Access-Control-Allow-Origin", "X-Content-Type-Options"]) {
      expect(response.headers.get(name), name).toBe(first.headers.get(name));
    }
    expect(response.headers.get("Content-Type")).toBeNull();
  });

  it("carries ETag and Cache-Control on a 304 answered before anything is read", async () => {
    const harness = createWorkerHarness();
    const { etag } = await firstResponse(harness);
    const response = await harness.fetch("/feed.xml", { headers: { "If-None-Match": etag } });
    expect(response.status).toBe(304);
    expect(response.headers.get("ETag")).toBe(etag);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=300, stale-while-revalidate=3600");
  });

  it("answers 200 with a new ETag once a publish changes the feed", async () => {
    const harness = createWorkerHarness({ cache: true });
    const { etag } = await firstResponse(harness);
    await seedKv(env.FEEDS, siteArticles(46), 2);
    harness.advance(CURRENT_MEMORY_MILLISECONDS); // past the isolate's memory of `current`
    const response = await harness.fetch("/feed.xml", { headers: { "If-None-Match": etag } });
    expect(response.status).toBe(200);
    expect(response.headers.get("ETag")).not.toBe(etag);
    expect(await response.text()).toContain("a0046");
  });

  it("keeps the ETag of a feed a publish did not change", async () => {
    const harness = createWorkerHarness();
    const { etag } = await firstResponse(harness, "/categories/Caf%C3%A9/feed.xml");
    await seedKv(env.FEEDS, siteArticles(46), 2);
    harness.advance(CURRENT_MEMORY_MILLISECONDS); // past the isolate's memory of `current`
    const response = await harness.fetch("/categories/Caf%C3%A9/feed.xml", { headers: { "If-None-Match": etag } });
    expect(response.status).toBe(304);
  });
});

describe("If-Modified-Since", () => {
  it.each([
    { name: "equal to Last-Modified", header: LAST_MODIFIED, status: 304 },
    { name: "newer than Last-Modified", header: "Wed, 02 Jun 2021 00:00:00 GMT", status: 304 },
    { name: "older than Last-Modified", header: "Tue, 01 Jun 2021 00:44:59 GMT", status: 200 },
    { name: "equal, in the obsolete RFC 850 form", header: "Tuesday, 01-Jun-21 00:45:00 GMT", status: 304 },
    { name: "equal, in the obsolete asctime form", header: "Tue Jun  1 00:45:00 2021", status: 304 },
    { name: "junk", header: "yesterday", status: 200 },
    { name: "an ISO date instead of an HTTP-date", header: "2030-01-01T00:00:00Z", status: 200 },
    { name: "two dates", header: `${LAST_MODIFIED}, ${LAST_MODIFIED}`, status: 200 },
  ])("answers $status when it is $name", async ({ header, status }) => {
    const harness = createWorkerHarness();
    const response = await harness.fetch("/feed.xml", { headers: { "If-Modified-Since": header } });
    expect(response.status).toBe(status);
    expect(response.headers.get("Last-Modified")).toBe(LAST_MODIFIED);
  });

  it("is ignored when If-None-Match is present and does not match (RFC 9110 §13.2.2)", async () => {
    const response = await createWorkerHarness().fetch("/feed.xml", {
      headers: { "If-None-Match": '"stale"', "If-Modified-Since": "Wed, 02 Jun 2021 00:00:00 GMT" },
    });
    expect(response.status).toBe(200);
  });

  it("is ignored when If-None-Match is present and matches", async () => {
    const harness = createWorkerHarness();
    const { etag } = await firstResponse(harness);
    const response = await harness.fetch("/feed.xml", { headers: { "If-None-Match": etag, "If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT" } });
    expect(response.status).toBe(304);
  });

  it("answers 304 from the cache, with the cached Last-Modified", async () => {
    const harness = createWorkerHarness({ cache: true });
    await firstResponse(harness);
    harness.reset();
    const response = await harness.fetch("/feed.xml", { headers: { "If-Modified-Since": LAST_MODIFIED } });
    expect(response.status).toBe(304);
    expect(response.headers.get("Last-Modified")).toBe(LAST_MODIFIED);
    expect(harness.renders).toEqual([]);
  });
});

describe("validators on other documents", () => {
  // 45 articles are one page, the open page, named after a0001 (at 00:01).
  it.each(["/", "/articles/a0003", "/categories/%E9%87%91%E8%9E%8D/", "/opml.xml", "/feed.json?page=20210601T000100Z"])("answers 304 to a matching If-None-Match on %s", async (path) => {
    const harness = createWorkerHarness();
    const first = await harness.fetch(path);
    expect(first.status).toBe(200);
    const response = await harness.fetch(path, { headers: { "If-None-Match": first.headers.get("ETag")! } });
    expect(response.status).toBe(304);
  });
});
