import { env } from "cloudflare:workers";
import { parseHTML } from "linkedom";
import { beforeEach, describe, expect, it } from "vitest";
import type { Article } from "../../src/model/article";
import { FEED_MEDIA_TYPES } from "../../src/model/feed-format";
import type { Manifest } from "../../src/model/manifest";
import { makeArticle } from "../support/make-article";
import { type SeededGeneration, clearKv, seedKv } from "../support/seed-kv";
import { createWorkerHarness } from "../support/worker-harness";

const ORIGIN = "https://example.com";
const WANG = "/authors/%E7%8E%8B%E5%B0%8F%E6%98%8E"; // 王小明
const ZOE = "/authors/Zo%C3%AB%20Example"; // Zoë Example, NFC

/**
 * 100 articles (a0001 oldest): the odd ones by 王小明 (50), every tenth from a0002 by Zoë Example (10), and
 * the other 40 naming no author, which the feeds credit to SITE_AUTHOR and no author feed holds.
 */
function authorArticles(): Article[] {
  return Array.from({ length: 100 }, (_, index) => {
    const number = index + 1;
    const author = number % 2 === 1 ? "王小明" : number % 10 === 2 ? "Zoë Example" : undefined;
    return makeArticle(number, { author });
  });
}

const byWang = authorArticles().filter((article) => article.author === "王小明");

let seeded: SeededGeneration;
beforeEach(async () => {
  await clearKv(env.FEEDS);
  seeded = await seedKv(env.FEEDS, authorArticles());
});

/** Item ids in a rendered feed, in document order, whatever the format. */
function itemIds(body: string, format: "rss" | "atom" | "json"): string[] {
  if (format === "json") return (JSON.parse(body) as { items: { url: string }[] }).items.map((item) => item.url.split("/").pop()!);
  const element = format === "rss" ? "item" : "entry";
  return [...body.matchAll(new RegExp(`<${element}>[\\s\\S]*?/articles/(a\\d{4})`, "g"))].map((match) => match[1]!);
}

function manifest(): Manifest {
  return seeded.plan.manifest;
}

describe("an author's feeds", () => {
  it.each([
    { file: "feed.xml", format: "rss" },
    { file: "atom.xml", format: "atom" },
    { file: "feed.json", format: "json" },
  ] as const)("serves the author's $format at /authors/<name>/$file with only their posts, newest first", async ({ file, format }) => {
    const response = await createWorkerHarness().fetch(`${WANG}/${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(FEED_MEDIA_TYPES[format]);
    const body = await response.text();
    const newest = byWang.map((article) => article.id).reverse();
    expect(itemIds(body, format)).toEqual(newest.slice(0, 20));
    if (format === "rss") {
      expect(body).toContain(`<atom:link href="${ORIGIN}${WANG}/feed.xml" rel="self" type="application/rss+xml"/>`);
      expect(body).toContain("<title>@王小明 · ");
      expect(body.match(/<dc:creator>王小明<\/dc:creator>/g)).toHaveLength(20);
    } else if (format === "atom") {
      // RFC 4287 §4.2.1: the feed's own author is the author whose feed it is, not SITE_AUTHOR.
      expect(body.split("<entry>")[0]).toContain("<author><name>王小明</name></author>");
      expect(body).toContain(`<link rel="alternate" type="text/html" href="${ORIGIN}${WANG}/"/>`);
    } else {
      const feed = JSON.parse(body) as { authors: { name: string }[]; feed_url: string; home_page_url: string };
      expect(feed.authors).toEqual([{ name: "王小明" }]);
      expect(feed.feed_url).toBe(`${ORIGIN}${WANG}/feed.json`);
      expect(feed.home_page_url).toBe(`${ORIGIN}${WANG}/`);
    }
  });

  it("leaves the posts that name no author out of every author feed; the site's feed has them all", async () => {
    expect(manifest().authors).toEqual([
      { name: "王小明", total: 50 },
      { name: "Zoë Example", total: 10 },
    ]);
    const harness = createWorkerHarness();
    const zoe = await (await harness.fetch(`${ZOE}/feed.json?limit=100`)).text();
    expect(itemIds(zoe, "json")).toEqual(["a0092", "a0082", "a0072", "a0062", "a0052", "a0042", "a0032", "a0022", "a0012", "a0002"]);
    const site = await (await harness.fetch("/feed.json?limit=100")).text();
    expect(itemIds(site, "json")).toHaveLength(100);
  });

  it("walks an author's older posts through RFC 5005 pages under the author's own URL", async () => {
    const entry = manifest().scopes[`${WANG}/`]!;
    expect(entry.archives.length).toBeGreaterThan(0);
    const harness = createWorkerHarness();
    const head = await (await harness.fetch(`${WANG}/atom.xml`)).text();
    const newestArchive = entry.archives.at(-1)![0];
    expect(head).toContain(`<link rel="prev-archive" type="application/atom+xml" href="${ORIGIN}${WANG}/atom.xml?page=${newestArchive}"/>`);
    const seen: string[] = [];
    for (const [name, , count] of entry.archives) {
      const response = await harness.fetch(`${WANG}/atom.xml?page=${name}`);
      expect(response.status).toBe(200);
      const archive = await response.text();
      expect(archive).toContain(`<link rel="self" type="application/atom+xml" href="${ORIGIN}${WANG}/atom.xml?page=${name}"/>`);
      expect(archive).toContain(`<link rel="current" type="application/atom+xml" href="${ORIGIN}${WANG}/atom.xml"/>`);
      expect(archive).toContain("<fh:archive/>");
      const ids = itemIds(archive, "atom");
      expect(ids).toHaveLength(count);
      seen.push(...ids.reverse());
    }
    // The archives hold the author's oldest posts, each once, oldest first; the open page the rest.
    expect(seen).toEqual(byWang.slice(0, seen.length).map((article) => article.id));
    expect(seen.length + entry.open!.count).toBe(50);
  });

  it("answers an old page number past the author's last with a 404 naming the pages there are", async () => {
    // Old numbered pages held 20 items: the author's 50 made three.
    const response = await createWorkerHarness().fetch(`${WANG}/feed.xml?page=4`);
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(text).toContain(`${WANG}/feed.xml: there is no page 4; 50 items`);
    expect(text).toContain(`?page=${manifest().scopes[`${WANG}/`]!.archives[0]![0]} (oldest)`);
  });
});

describe("an author's page", () => {
  it("lists the author's articles, paged, with their feeds, autodiscovery and a subscribe block", async () => {
    const response = await createWorkerHarness().fetch(`${WANG}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const { document } = parseHTML(await response.text());
    expect(document.querySelector("h1")?.textContent).toBe("王小明");
    expect(document.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe(`${ORIGIN}${WANG}/`);
    const alternates = [...document.querySelectorAll('link[rel="alternate"]')].map((link) => [link.getAttribute("type"), link.getAttribute("href")]);
    expect(alternates).toEqual([
      ["application/rss+xml", `${ORIGIN}${WANG}/feed.xml`],
      ["application/atom+xml", `${ORIGIN}${WANG}/atom.xml`],
      ["application/feed+json", `${ORIGIN}${WANG}/feed.json`],
    ]);
    expect(document.querySelector(".subscribe")?.textContent).toContain(`${ORIGIN}${WANG}/feed.xml`);
    const listed = [...document.querySelectorAll(".article-list a[href*='/articles/']")].map((link) => link.getAttribute("href")!.split("/").pop());
    expect(listed).toEqual(byWang.map((article) => article.id).reverse().slice(0, 20));

    const third = await createWorkerHarness().fetch(`${WANG}/?page=3`);
    expect(third.status).toBe(200);
    const thirdListed = [...parseHTML(await third.text()).document.querySelectorAll(".article-list a[href*='/articles/']")].map((link) => link.getAttribute("href")!.split("/").pop());
    expect(thirdListed).toEqual(byWang.map((article) => article.id).reverse().slice(40, 50));
    const past = await createWorkerHarness().fetch(`${WANG}/?page=4`);
    expect(past.status).toBe(404);
    expect(await past.text()).toContain("pages ?page=1 (newest) to ?page=3");
  });

  it("redirects the page's URL without its slash to the one with it", async () => {
    const response = await createWorkerHarness().fetch(WANG, { redirect: "manual" });
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe(`${ORIGIN}${WANG}/`);
  });

  it.each([
    { name: "NFD", path: `/authors/${encodeURIComponent("Zoë Example".normalize("NFD"))}/feed.xml` },
    { name: "lowercase percent-encoding", path: "/authors/Zo%c3%ab%20Example/feed.xml" },
    { name: "outer spaces", path: "/authors/%20Zo%C3%AB%20Example%20/feed.xml" },
  ])("finds the author from a name in $name, and links the NFC URL", async ({ path }) => {
    const response = await createWorkerHarness().fetch(path);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain(`<atom:link href="${ORIGIN}${ZOE}/feed.xml" rel="self" type="application/rss+xml"/>`);
    expect(itemIds(body, "rss")).toHaveLength(10);
  });

  it("is listed, with its count, on the home page, in OPML and in the sitemap", async () => {
    const harness = createWorkerHarness();
    const home = parseHTML(await (await harness.fetch("/")).text()).document;
    const listed = [...home.querySelectorAll(".author-list li")].map((item) => [item.querySelector("a")?.getAttribute("href"), item.querySelector(".count")?.textContent]);
    expect(listed).toEqual([
      [`${ORIGIN}${WANG}/`, "50"],
      [`${ORIGIN}${ZOE}/`, "10"],
    ]);
    const opml = await (await harness.fetch("/opml.xml")).text();
    expect(opml).toContain(`xmlUrl="${ORIGIN}${WANG}/feed.xml" htmlUrl="${ORIGIN}${WANG}/"`);
    expect(opml).toContain(`text="@Zoë Example · `);
    const sitemap = await (await harness.fetch("/sitemap.xml")).text();
    expect(sitemap).toContain(`<url><loc>${ORIGIN}${WANG}/</loc><lastmod>${manifest().scopes[`${WANG}/`]!.updated}</lastmod></url>`);
    expect(sitemap).toContain(`<loc>${ORIGIN}${ZOE}/</loc>`);
  });
});

describe("what is not an author", () => {
  it("answers an unknown author with a 404 that names the authors who have feeds", async () => {
    const response = await createWorkerHarness().fetch("/authors/nobody/feed.xml");
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    const text = await response.text();
    expect(text).toContain('There is no author "nobody".');
    expect(text).toContain("Authors with feeds: 王小明, Zoë Example.");
    expect(text).toContain("/opml.xml");
    const page = await createWorkerHarness().fetch("/authors/nobody/");
    expect(page.status).toBe(404);
  });

  it("says there are no author feeds on a site whose posts name no author", async () => {
    await clearKv(env.FEEDS);
    await seedKv(env.FEEDS, [makeArticle(1, { author: undefined }), makeArticle(2, { author: undefined })]);
    const response = await createWorkerHarness().fetch("/authors/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/atom.xml");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("No article names its author, so there are no author feeds; the site's feed is /feed.xml.");
    const home = parseHTML(await (await createWorkerHarness().fetch("/")).text()).document;
    expect(home.querySelector(".author-list")).toBeNull();
  });

  it.each([
    { name: "two names", path: `${WANG}/x/feed.xml`, status: 404, mention: "an author is a single name" },
    { name: "no name", path: "/authors/feed.xml", status: 404, mention: "use /authors/<name>/" },
    { name: "an empty name", path: "/authors//feed.xml", status: 404, mention: "use /authors/<name>/" },
    { name: "malformed percent-encoding", path: "/authors/%E7%8E/feed.xml", status: 400, mention: "not valid percent-encoded UTF-8" },
    { name: "an unknown file", path: `${WANG}/index.rss`, status: 404, mention: "an author is a single name" },
  ])("answers $name with $status and says why", async ({ path, status, mention }) => {
    const response = await createWorkerHarness().fetch(path);
    expect(response.status).toBe(status);
    expect(await response.text()).toContain(mention);
  });
});
