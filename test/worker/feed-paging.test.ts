import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { clearKv, seedKv } from "../support/seed-kv";
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
  it("serves full pages from the archives, oldest first, with a long max-age", async () => {
    await seed(45);
    const harness = createWorkerHarness();
    const first = await harness.fetch("/feed.json?page=1");
    expect(first.status).toBe(200);
    expect(first.headers.get("Cache-Control")).toBe(ARCHIVE_CACHE_CONTROL);
    expect(await itemNumbers(first)).toEqual(range(20, 1));
    const second = await harness.fetch("/feed.json?page=2");
    expect(await itemNumbers(second)).toEqual(range(40, 21));
  });

  it("serves the open newest page from the head with the short max-age", async () => {
    await seed(45);
    const response = await createWorkerHarness().fetch("/atom.xml?page=3");
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe(CHANGING_CACHE_CONTROL);
    const entries = [...(await response.text()).matchAll(/<entry>/g)];
    expect(entries).toHaveLength(5);
  });

  it("marks archive pages as archives and links them to the subscription document (RFC 5005)", async () => {
    await seed(45);
    const body = await (await createWorkerHarness().fetch("/atom.xml?page=2")).text();
    expect(body).toContain("<fh:archive/>");
    expect(body).toMatch(/rel="current"[^>]*href="https:\/\/example\.com\/atom\.xml"|href="https:\/\/example\.com\/atom\.xml"[^>]*rel="current"/);
  });

  it.each([
    { total: 45, page: 4 },
    { total: 40, page: 3 },
    { total: 1, page: 2 },
  ])("returns 404 naming the page range for page $page of $total items", async ({ total, page }) => {
    await seed(total);
    const response = await createWorkerHarness().fetch(`/feed.xml?page=${page}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain(`no page ${page}`);
  });

  it("serves the last full page as an archive when the items divide evenly", async () => {
    await seed(40);
    const response = await createWorkerHarness().fetch("/feed.json?page=2");
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe(ARCHIVE_CACHE_CONTROL);
    expect(await itemNumbers(response)).toEqual(range(40, 21));
  });

  it.each(["?page=0", "?page=-1", "?page=x", "?page=", "?page=1&page=2", "?page=1.0"])("refuses %s with 400", async (query) => {
    await seed(45);
    const response = await createWorkerHarness().fetch(`/feed.xml${query}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("page");
  });

  it("pages a tag's feed by the tag's own items", async () => {
    await seed(90); // 30 items tagged 股市: one archive page and an open page of 10
    const harness = createWorkerHarness();
    const archive = await harness.fetch("/tags/%E8%82%A1%E5%B8%82/feed.json?page=1");
    expect(await itemNumbers(archive)).toEqual(range(60, 3).filter((number) => number % 3 === 0));
    const open = await harness.fetch("/tags/%E8%82%A1%E5%B8%82/feed.json?page=2");
    expect(await itemNumbers(open)).toEqual(range(90, 63).filter((number) => number % 3 === 0));
    expect((await harness.fetch("/tags/%E8%82%A1%E5%B8%82/feed.json?page=3")).status).toBe(404);
  });

  it("serves an empty site feed for a generation without articles", async () => {
    await seed(0);
    const response = await createWorkerHarness().fetch("/feed.json");
    expect(response.status).toBe(200);
    expect(await itemNumbers(response)).toEqual([]);
  });
});
