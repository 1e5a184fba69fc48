import { env } from "cloudflare:workers";
import fc from "fast-check";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { clearKv, seedKv } from "../support/seed-kv";
import { siteArticles } from "../support/site-articles";
import { createWorkerHarness } from "../support/worker-harness";

// Requests an attacker or a broken client sends, against a published site: never a 5xx, never a stack
// trace or an echoed header, always nosniff; the status each gets is pinned so a change is noticed.
// hostile-input.test.ts throws random short paths at the Worker; this is the table of known tricks.

const FINANCE = "%E9%87%91%E8%9E%8D"; // 金融, a category of siteArticles
const LONG = "a".repeat(10_000);

interface HostileRequest {
  name: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  status: number;
}

const CASES: HostileRequest[] = [
  // Paging and limits
  { name: "a negative limit", path: "/feed.xml?limit=-1", status: 400 },
  { name: "a zero limit", path: "/feed.xml?limit=0", status: 400 },
  { name: "a huge limit", path: "/feed.xml?limit=99999999999999999999", status: 400 },
  { name: "a limit past the head", path: "/feed.xml?limit=101", status: 400 },
  { name: "a non-numeric limit", path: "/feed.xml?limit=abc", status: 400 },
  { name: "an exponent limit", path: "/feed.xml?limit=1e2", status: 400 },
  { name: "an empty limit", path: "/feed.xml?limit=", status: 400 },
  { name: "a NUL limit", path: "/feed.xml?limit=%00", status: 400 },
  { name: "a repeated limit", path: "/feed.xml?limit=1&limit=2", status: 400 },
  { name: "a negative page", path: "/atom.xml?page=-1", status: 400 },
  { name: "page zero", path: "/atom.xml?page=0", status: 400 },
  { name: "a fractional page", path: "/atom.xml?page=1.5", status: 400 },
  { name: "a page far past the last", path: "/atom.xml?page=999999999", status: 404 },
  { name: "a huge page", path: "/feed.json?page=99999999999999999999999", status: 400 },
  { name: "a page of NaN", path: "/feed.json?page=NaN", status: 400 },
  { name: "a page on a scope page", path: `/categories/${FINANCE}/?page=-5`, status: 400 },
  { name: "a 10 KB query nobody reads", path: `/feed.xml?x=${LONG}`, status: 200 },
  // Traversal and encodings in names
  { name: "dot segments, resolved by the URL parser to the site feed", path: "/categories/../feed.xml", status: 200 },
  { name: "encoded dot segments, resolved the same way", path: "/categories/%2e%2e/feed.xml", status: 200 },
  { name: "dots and an encoded slash in one segment", path: "/categories/..%2Ffeed.xml/feed.xml", status: 404 },
  { name: "an encoded slash as a name", path: "/categories/%2F/feed.xml", status: 404 },
  { name: "a double-encoded slash", path: "/categories/%252F/feed.xml", status: 404 },
  { name: "a NUL name", path: "/categories/%00/feed.xml", status: 404 },
  { name: "a NUL after a real name", path: `/categories/${FINANCE}%00/feed.xml`, status: 404 },
  { name: "overlong UTF-8 dots", path: "/categories/%C0%AE%C0%AE/feed.xml", status: 400 },
  { name: "an overlong UTF-8 slash", path: "/categories/%C0%AF/feed.xml", status: 400 },
  { name: "a lone surrogate in UTF-8", path: "/tags/%ED%A0%80/feed.xml", status: 400 },
  { name: "a truncated percent-encoding", path: "/tags/%E9%87/feed.xml", status: 400 },
  { name: "a bare percent", path: "/tags/%/feed.xml", status: 400 },
  { name: "a backslash traversal", path: "/categories/..%5C..%5Cfeed.xml/feed.xml", status: 404 },
  { name: "an article id of dots", path: "/articles/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", status: 404 },
  { name: "an article id of invalid UTF-8", path: "/articles/%FF", status: 400 },
  { name: "a path out of the site", path: "/%2e%2e/%2e%2e/etc/passwd", status: 404 },
  { name: "a doubled slash", path: "//feed.xml", status: 404 },
  { name: "a trailing slash on a feed (the router matches it as the feed)", path: "/feed.xml/", status: 200 },
  { name: "a path parameter", path: "/feed.xml;x=1", status: 404 },
  { name: "a category route without a name", path: "/categories/", status: 404 },
  { name: "a blank tag name", path: "/tags/%20/feed.xml", status: 404 },
  { name: "a 10 KB category name", path: `/categories/${LONG}/feed.xml`, status: 404 },
  { name: "a 10 KB percent-encoded category name", path: `/categories/${FINANCE.repeat(1_100)}/atom.xml`, status: 404 },
  { name: "a 10 KB path of segments", path: `/categories/${"a/".repeat(5_000)}feed.xml`, status: 404 },
  // Header injection
  { name: "CRLF and a header in the path", path: "/feed.xml%0D%0ASet-Cookie:%20x=1", status: 404 },
  { name: "CRLF and a header in a category name", path: `/categories/${FINANCE}%0D%0AX-Injected:%20yes/feed.xml`, status: 404 },
  { name: "CRLF in a page to redirect", path: `/categories/${FINANCE}%0D%0ALocation:%20x`, status: 404 },
  { name: "CRLF in the query", path: "/feed.xml?limit=1%0D%0ASet-Cookie:%20x=1", status: 400 },
  // Methods
  { name: "POST", path: "/feed.xml", method: "POST", status: 405 },
  { name: "PUT", path: "/feed.xml", method: "PUT", status: 405 },
  { name: "DELETE", path: "/", method: "DELETE", status: 405 },
  { name: "PATCH", path: "/opml.xml", method: "PATCH", status: 405 },
  // workerd refuses methods it does not know (BREW) before a Worker sees them; these it passes on.
  { name: "PURGE", path: "/feed.xml", method: "PURGE", status: 405 },
  { name: "MKCOL", path: "/categories/", method: "MKCOL", status: 405 },
  { name: "PROPFIND", path: "/", method: "PROPFIND", status: 405 },
  // Validators and other headers
  { name: "junk in If-None-Match", path: "/feed.xml", headers: { "If-None-Match": 'W/W/"x", ,,, "unterminated' }, status: 200 },
  { name: "a 10 KB If-None-Match", path: "/feed.xml", headers: { "If-None-Match": `"${LONG}"` }, status: 200 },
  { name: "a thousand entity tags", path: "/feed.xml", headers: { "If-None-Match": Array.from({ length: 1000 }, (_, index) => `"${index}"`).join(", ") }, status: 200 },
  { name: "Latin-1 bytes in If-None-Match", path: "/feed.xml", headers: { "If-None-Match": '"\u00ff\u00fe"' }, status: 200 },
  { name: "junk in If-Modified-Since", path: "/feed.xml", headers: { "If-Modified-Since": "Sat, 99 Foo 99999 99:99:99 GMT" }, status: 200 },
  { name: "a negative If-Modified-Since", path: "/atom.xml", headers: { "If-Modified-Since": "-1" }, status: 200 },
  { name: "a 10 KB If-Modified-Since", path: "/atom.xml", headers: { "If-Modified-Since": LONG }, status: 200 },
  { name: "an If-Modified-Since in the far future", path: "/feed.json", headers: { "If-Modified-Since": "Fri, 31 Dec 9999 23:59:59 GMT" }, status: 304 },
  { name: "junk Range and Accept", path: "/feed.xml", headers: { Range: "bytes=-1-2,999999999999-", Accept: "*/*;q=nan, text/<script>" }, status: 200 },
  { name: "an 8 KB cookie", path: "/", headers: { Cookie: `a=${"b".repeat(8_000)}` }, status: 200 },
  { name: "a Host header of junk", path: "/feed.xml", headers: { Host: "evil.example" }, status: 200 },
  { name: "a Host header with markup", path: "/", headers: { Host: '"><script>alert(1)</script>' }, status: 200 },
  { name: "X-Forwarded-Host junk", path: "/feed.xml", headers: { "X-Forwarded-Host": "evil.example", Forwarded: "host=evil.example" }, status: 200 },
];

beforeAll(async () => {
  await clearKv(env.FEEDS);
  await seedKv(env.FEEDS, siteArticles(45));
});

let consoleError: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  consoleError = vi.spyOn(console, "error");
});
afterEach(() => consoleError.mockRestore());

/** What no response may do, whatever its status. */
async function expectHarmless(response: Response, label: string): Promise<string> {
  expect(response.status, label).toBeLessThan(500);
  expect(response.headers.get("X-Content-Type-Options"), label).toBe("nosniff");
  expect(response.headers.get("Set-Cookie"), label).toBeNull();
  expect(response.headers.get("X-Injected"), label).toBeNull();
  for (const [name, value] of response.headers) expect(`${name}: ${value}`, label).not.toMatch(/[\r\n]|evil\.example/);
  const body = await response.text();
  expect(body, label).not.toMatch(/\n\s+at \S+ \(|\n\s+at \S+:\d+:\d+|TypeError|RangeError|StatusError/);
  return body;
}

describe("requests an attacker sends", () => {
  it.each(CASES)("answers $name with $status", async ({ path, method, headers, status }) => {
    const response = await createWorkerHarness().fetch(path, { method: method ?? "GET", ...(headers ? { headers } : {}) });
    const body = await expectHarmless(response, path.slice(0, 120));
    expect(response.status).toBe(status);
    if (status === 405) expect(response.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
    // Links come from SITE_URL or the request's own origin, never from a Host-like header.
    expect(body).not.toContain("evil.example");
    expect(body).not.toContain("<script>alert(1)</script>");
    expect(consoleError).not.toHaveBeenCalled();
  });
});

describe("random bytes in paths", () => {
  const segment = fc.oneof(
    fc.uint8Array({ maxLength: 24 }).map((bytes) => [...bytes].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("")),
    fc.constantFrom("categories", "tags", "articles", "feed.xml", "atom.xml", "feed.json", FINANCE, "..", ".", "%2e", "%C0%AE"),
  );
  const path = fc.tuple(fc.constantFrom("/categories/", "/tags/", "/articles/", "/"), fc.array(segment, { maxLength: 6 }), fc.nat({ max: 3000 }))
    .map(([start, segments, padding]) => `${start}${segments.join("/")}${padding > 2900 ? "x".repeat(padding * 3) : ""}`);

  it("never answers 5xx, leaks nothing and logs nothing for percent-encoded random bytes", async () => {
    const harness = createWorkerHarness({ cache: true });
    await fc.assert(
      fc.asyncProperty(path, fc.constantFrom("GET", "HEAD"), async (pathText, method) => {
        await expectHarmless(await harness.fetch(pathText, { method }), pathText.slice(0, 120));
      }),
      { numRuns: 300 },
    );
    expect(consoleError).not.toHaveBeenCalled();
  });
});
