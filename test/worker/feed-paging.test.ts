import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { clearKv, type SeededGeneration, seedKv } from "../support/seed-kv";
import { siteArticles } from "../support/site-articles";
import { createWorkerHarness } from "../support/worker-harness";

const ARCHIVE_CACHE_CONTROL = "public, max-age=86400, stale-while-revalidate=604800";
const CHANGING_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=3600";

async function seed(count: number): Promise<void> {
  await clearKv(env.FEEDS);
  await seedKv(env.FEEDS, siteArticles(count));
}

/** Article numbers of a JSON Feed response, in document order. */
async function itemNumbers(response: Response): Promise<number[]> {
  const feed = (await response.json()) as { items: { url: string }[] };
  return feed.items.map((item) => Number(item.url.slice(-4)));
}

function range(from: number, to: number): number[] {
  const numbers: number[] = [];
  for (let number = from; number >= to; number--) numbers.push(number);
  return numbers;
}

describe("?limit", () => {
  beforeEach(() => seed(45));

  it.each([
    { query: "", count: 20 },
    { query: "?limit=1", count: 1 },
    { query: "?limit=33", count: 33 },
    { query: "?limit=100", count: 45 },
  ])("shows the newest items up to the limit for '$query'", async ({ query, count }) => {
    const response = await createWorkerHarness().fetch(`/feed.json${query}`);
    expect(response.status).toBe(200);
    expect(await itemNumbers(response)).toEqual(range(45, 46 - count));
  });

  it.each([
    { query: "?limit=0", reason: "from 1 to 100" },
    { query: "?limit=101", reason: "from 1 to 100" },
    { query: "?limit=-1", reason: "from 1 to 100" },
    { query: "?limit=1.5", reason: "from 1 to 100" },
    { query: "?limit=abc", reason: '"abc"' },
    { query: "?limit=", reason: '""' },
    { query: "?limit=%2B5", reason: '"+5"' },
    { query: "?limit=5&limit=6", reason: "2 times" },
    { query: "?limit=99999999999999999999", reason: "from 1 to 100" },
  ])("refuses $query with 400 and a body saying why", async ({ query, reason }) => {
    const response = await createWorkerHarness().fetch(`/feed.xml${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    const body = await response.text();
    expect(body).toContain("limit");
    expect(body).toContain(reason);
  });

  it("ignores query parameters it does not know", async () => {
    const harness = createWorkerHarness();
    const plain = await harness.fetch("/feed.xml");
    const tracked = await harness.fetch("/feed.xml?utm_source=reader");
    expect(tracked.status).toBe(200);
    expect(tracked.headers.get("ETag")).toBe(plain.headers.get("ETag"));
  });

  it("gives each limit its own ETag", async () => {
    const harness = createWorkerHarness();
    const five = await harness.fetch("/feed.xml?limit=5");
    const six = await harness.fetch("/feed.xml?limit=6");
    expect(five.headers.get("ETag")).not.toBe(six.headers.get("ETag"));
  });
});

describe("?page", () => {
  // 200 articles: the site's pages as the planner cuts them hold 61, 91, 13 and 29 (archives) and 6 (the open page).
  let seeded: SeededGeneration;
  beforeEach(async () => {
    await clearKv(env.FEEDS);
    seeded = await seedKv(env.FEEDS, siteArticles(200));
  });
  const site = () => seeded.plan.manifest.scopes["/"]!;

  it("cuts the fixture as the tests below expect", () => {
    expect(site().archives.map((archive) => archive[2])).toEqual([61, 91, 13, 29]);
    expect(site().open!.count).toBe(6);
  });

  it("serves archives by name, newest first within each, with a long max-age", async () => {
    const harness = createWorkerHarness();
    let newest = 0;
    for (const [name, , count] of site().archives) {
      const response = await harness.fetch(`/feed.json?page=${name}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("Cache-Control")).toBe(ARCHIVE_CACHE_CONTROL);
      expect(await itemNumbers(response)).toEqual(range(newest + count, newest + 1));
      newest += count;
    }
  });

  it("serves the open newest page from the head with the short max-age", async () => {
    const response = await createWorkerHarness().fetch(`/atom.xml?page=${site().open!.name}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe(CHANGING_CACHE_CONTROL);
    const body = await response.text();
    expect([...body.matchAll(/<entry>/g)]).toHaveLength(6);
    expect(body).not.toContain("<fh:archive/>");
  });

  it("marks archive pages as archives and links them to the subscription document (RFC 5005)", async () => {
    const body = await (await createWorkerHarness().fetch(`/atom.xml?page=${site().archives[1]![0]}`)).text();
    expect(body).toContain("<fh:archive/>");
    expect(body).toMatch(/rel="current"[^>]*href="https:\/\/example\.com\/atom\.xml"|href="https:\/\/example\.com\/atom\.xml"[^>]*rel="current"/);
  });

  it("reaches every item once, in order, by following next from the subscription document", async () => {
    const harness = createWorkerHarness();
    const seen: number[] = [];
    let url: string | undefined = "https://example.com/feed.json";
    const path = (absolute: string): string => absolute.slice("https://example.com".length);
    for (let step = 0; url !== undefined && step < 20; step++) {
      const feed = (await (await harness.fetch(path(url))).json()) as { items: { url: string }[]; next_url?: string };
      for (const number of feed.items.map((item) => Number(item.url.slice(-4)))) if (!seen.includes(number)) seen.push(number);
      url = feed.next_url;
    }
    expect(url).toBeUndefined();
    expect(seen).toEqual(range(200, 1));
  });

  it.each([
    { page: 1, target: 0 },
    { page: 3, target: 0 },
    { page: 4, target: 0 },
    { page: 8, target: 1 },
    { page: 9, target: 2 },
    { page: 10, target: 3 },
  ])("redirects the old page number $page to the page that holds its oldest item", async ({ page, target }) => {
    const response = await createWorkerHarness().fetch(`/feed.xml?page=${page}&limit=5`);
    expect(response.status).toBe(301);
    const name = site().archives[target]![0];
    expect(response.headers.get("Location")).toBe(`https://example.com/feed.xml?page=${name}&limit=5`);
  });

  it("redirects a page name no page has any more to the page holding its second", async () => {
    const [, second] = site().archives;
    // A second inside the second archive, as if its oldest article had been deleted.
    const inside = second![0].replace(/T(\d{2})(\d{2})/, (_, hour: string, minute: string) => `T${hour}${String(Number(minute) + 1).padStart(2, "0")}`);
    const response = await createWorkerHarness().fetch(`/feed.xml?page=${inside}`);
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe(`https://example.com/feed.xml?page=${second![0]}`);
  });

  it("returns 404 naming the page range for an old page number past the last", async () => {
    const response = await createWorkerHarness().fetch("/feed.xml?page=11");
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).toContain("no page 11");
    expect(body).toContain(`?page=${site().archives[0]![0]} (oldest)`);
  });

  it.each(["?page=0", "?page=-1", "?page=x", "?page=", "?page=1&page=2", "?page=1.0", "?page=20210601T000100"])("refuses %s with 400", async (query) => {
    const response = await createWorkerHarness().fetch(`/feed.xml${query}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("page");
  });

  it("pages a tag's feed by the tag's own items", async () => {
    await clearKv(env.FEEDS);
    seeded = await seedKv(env.FEEDS, siteArticles(600)); // 200 items tagged 股市
    const tag = seeded.plan.manifest.scopes["/tags/%E8%82%A1%E5%B8%82/"]!;
    expect(tag.archives.length).toBeGreaterThan(1);
    const harness = createWorkerHarness();
    const seen: number[] = [];
    for (const name of [...tag.archives.map((archive) => archive[0]), tag.open!.name]) {
      const response = await harness.fetch(`/tags/%E8%82%A1%E5%B8%82/feed.json?page=${name}`);
      seen.push(...(await itemNumbers(response)).reverse());
    }
    expect(seen).toEqual(range(600, 1).filter((number) => number % 3 === 0).reverse());
  });

  it("serves an empty site feed for a generation without articles", async () => {
    await seed(0);
    const response = await createWorkerHarness().fetch("/feed.json");
    expect(response.status).toBe(200);
    expect(await itemNumbers(response)).toEqual([]);
  });
});
