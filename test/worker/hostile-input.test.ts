import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, expect, it, vi } from "vitest";
import { clearKv, seedKv } from "../support/seed-kv";
import { siteArticles } from "../support/site-articles";
import { createWorkerHarness } from "../support/worker-harness";

// One seed for the whole file: every property run only reads.
beforeAll(async () => {
  await clearKv(env.FEEDS);
  await seedKv(env.FEEDS, siteArticles(45));
});

const printable = fc.string({ unit: fc.constantFrom(..."abc%/.?=&;,*\"W -:+0123456789EFef~_#\\[]'<>"), maxLength: 40 });
const segment = fc.oneof(
  fc.constantFrom("categories", "tags", "articles", "feed.xml", "atom.xml", "feed.json", "opml.xml", "", "..", "%", "%E9%87", "%ED%A0%80", "%C3%A9", "e%CC%81", "%2F", "%00"),
  fc.string({ maxLength: 8 }).map(encodeURIComponent),
  printable,
);
const path = fc.array(segment, { maxLength: 5 }).map((segments) => `/${segments.join("/")}`);
const query = fc.oneof(
  fc.constant(""),
  fc.tuple(fc.constantFrom("limit", "page", "x"), printable).map(([name, value]) => `?${name}=${value}`),
  printable.map((text) => `?${text}`),
);

it("never answers 5xx to any path, query or validator a reader can send", async () => {
  const consoleError = vi.spyOn(console, "error");
  const harness = createWorkerHarness({ cache: true });
  try {
    await fc.assert(
      fc.asyncProperty(path, query, fc.option(printable), fc.option(printable), fc.constantFrom("GET", "HEAD", "POST", "OPTIONS"), async (pathText, queryText, ifNoneMatch, ifModifiedSince, method) => {
        const headers: Record<string, string> = {};
        if (ifNoneMatch !== null) headers["If-None-Match"] = ifNoneMatch;
        if (ifModifiedSince !== null) headers["If-Modified-Since"] = ifModifiedSince;
        let url: URL;
        try {
          url = new URL(`https://example.com${pathText}${queryText}`);
        } catch {
          return; // not a URL a client could send
        }
        const response = await harness.fetch(`${url.pathname}${url.search}`, { method, headers });
        expect(response.status, `${method} ${url.pathname}${url.search}`).toBeLessThan(500);
        expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      }),
      { numRuns: 300 },
    );
    expect(consoleError).not.toHaveBeenCalled();
  } finally {
    consoleError.mockRestore();
  }
});
