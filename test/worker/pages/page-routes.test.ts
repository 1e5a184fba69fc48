import { env } from "cloudflare:workers";
import { parseHTML } from "linkedom";
import { beforeEach, describe, expect, it } from "vitest";
import { STYLE_SHEET_VERSION } from "../../../src/worker/assets/style-sheet";
import { makeArticle } from "../../support/make-article";
import { clearKv, seedKv } from "../../support/seed-kv";
import { siteArticles } from "../../support/site-articles";
import { createWorkerHarness } from "../../support/worker-harness";

const ORIGIN = "https://example.com";
const FINANCE = "/categories/%E9%87%91%E8%9E%8D"; // 金融
const FINANCE_SINA = `${FINANCE}/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F`; // 金融/新浪财经
const STOCKS = "/tags/%E8%82%A1%E5%B8%82"; // 股市
const SINA_AUTHOR = "/authors/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F"; // the author 新浪财经
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; img-src https: http: data:; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

beforeEach(async () => {
  await clearKv(env.FEEDS);
  await seedKv(env.FEEDS, siteArticles(45));
});

type HtmlDocument = ReturnType<typeof parseHTML>["document"];
/** Anything that can be searched with a selector: a document or one of its elements. */
type Searchable = Pick<HtmlDocument, "querySelectorAll">;

/** Fetches a page through the Worker and parses it, failing unless it is a 200 HTML page. */
async function fetchPage(path: string): Promise<HtmlDocument> {
  const response = await createWorkerHarness().fetch(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
  return parseHTML(await response.text()).document;
}

/** The `href`s of every element matching `selector`. */
function hrefs(document: Searchable, selector: string): string[] {
  return [...document.querySelectorAll(selector)].map((element) => element.getAttribute("href") ?? "");
}

/** The ids of the articles a listing links to, in order. */
function listedIds(document: Searchable): string[] {
  return hrefs(document, ".article-list h3 a").map((href) => href.split("/").pop()!);
}

/** Ids a0{from} down to a0{to}. */
function idsDown(from: number, to: number): string[] {
  return Array.from({ length: from - to + 1 }, (_, index) => `a${String(from - index).padStart(4, "0")}`);
}

describe("every page", () => {
  const paths = ["/", `${FINANCE}/`, `${FINANCE}/?page=2`, `${STOCKS}/`, "/articles/a0005"];

  it.each(paths)("serves %s with a script-free Content-Security-Policy, no-referrer and nosniff", async (path) => {
    const response = await createWorkerHarness().fetch(path);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Security-Policy")).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });

  it.each(paths)("gives %s the site language, a viewport, the versioned stylesheet and no script", async (path) => {
    const document = await fetchPage(path);
    expect(document.documentElement.getAttribute("lang")).toBe("zh-CN");
    expect(document.querySelector('meta[name="viewport"]')?.getAttribute("content")).toBe("width=device-width, initial-scale=1");
    expect(hrefs(document, 'link[rel="stylesheet"]')).toEqual([`${ORIGIN}/style.css?v=${STYLE_SHEET_VERSION}`]);
    expect(document.querySelectorAll("script, [style], [onclick], [onerror]")).toHaveLength(0);
  });

  it("allows the stylesheet's origin when SITE_URL names another host than the request's", async () => {
    const harness = createWorkerHarness({ env: { SITE_URL: "https://news.example.org" } });
    const response = await harness.fetch("/");
    expect(response.headers.get("Content-Security-Policy")).toContain("style-src 'self' https://news.example.org;");
    expect(await response.text()).toContain(`href="https://news.example.org/style.css?v=${STYLE_SHEET_VERSION}"`);
  });
});

describe("the home page", () => {
  it("shows the site's title and description, and offers the three site feeds for autodiscovery", async () => {
    const document = await fetchPage("/");
    expect(document.querySelector("h1")?.textContent).toBe("edgefeed");
    expect(document.querySelector(".lede")?.textContent).toBe("新浪财经的文章，整理为 RSS、Atom 和 JSON Feed");
    const alternates = [...document.querySelectorAll('link[rel="alternate"]')].map((link) => [link.getAttribute("type"), link.getAttribute("href")]);
    expect(alternates).toEqual([
      ["application/rss+xml", `${ORIGIN}/feed.xml`],
      ["application/atom+xml", `${ORIGIN}/atom.xml`],
      ["application/feed+json", `${ORIGIN}/feed.json`],
    ]);
  });

  it("shows the category tree with article counts and each category's three feeds", async () => {
    const document = await fetchPage("/");
    const tree = document.querySelector(".category-tree")!;
    // Roots are sorted by name: Café, then 金融.
    expect(hrefs(document, ".category-tree > li > a")).toEqual([`${ORIGIN}/categories/Caf%C3%A9/`, `${ORIGIN}${FINANCE}/`]);
    const finance = tree.querySelectorAll(".category-tree > li")[1]!;
    expect(finance.querySelector("a")?.getAttribute("href")).toBe(`${ORIGIN}${FINANCE}/`);
    expect(finance.querySelector(".count")?.textContent).toBe("45 篇文章");
    expect(hrefs(finance, "li > .feeds a").slice(0, 3)).toEqual([
      `${ORIGIN}${FINANCE}/feed.xml`,
      `${ORIGIN}${FINANCE}/atom.xml`,
      `${ORIGIN}${FINANCE}/feed.json`,
    ]);
    const child = finance.querySelector(".category-children > li")!;
    expect(child.querySelector("a")?.getAttribute("href")).toBe(`${ORIGIN}${FINANCE_SINA}/`);
    expect(child.querySelector(".count")?.textContent).toBe("45 篇文章");
  });

  it("lists the newest twenty articles with their summaries and dates in the site's time zone", async () => {
    const document = await fetchPage("/");
    expect(listedIds(document)).toEqual(idsDown(45, 26));
    const first = document.querySelector(".article-list li")!;
    expect(first.querySelector("h3")?.textContent).toBe("文章 45");
    expect(first.querySelector(".summary")?.textContent).toBe("摘要 45");
    // 2021-06-01T00:45Z is 08:45 in Asia/Shanghai.
    expect(first.querySelector("time")?.textContent).toBe("2021年6月1日 08:45");
    expect(first.querySelector("time")?.getAttribute("datetime")).toBe("2021-06-01T00:45:00Z");
  });

  it.each([
    { query: "?page=2", ids: idsDown(25, 6), newer: `${ORIGIN}/`, older: `${ORIGIN}/?page=3` },
    { query: "?page=3", ids: idsDown(5, 1), newer: `${ORIGIN}/?page=2`, older: undefined },
  ])("pages the site's articles newest first: $query", async ({ query, ids, newer, older }) => {
    const document = await fetchPage(`/${query}`);
    expect(listedIds(document)).toEqual(ids);
    expect(document.querySelector('.pager a[rel="prev"]')?.getAttribute("href")).toBe(newer);
    expect(document.querySelector('.pager a[rel="next"]')?.getAttribute("href")).toBe(older);
    expect(document.querySelector(".category-tree")).not.toBeNull();
  });

  it("answers a home page past the last with 404 naming the pages there are", async () => {
    const response = await createWorkerHarness().fetch("/?page=4");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("?page=1 (newest) to ?page=3");
  });

  it("lists the tags with their counts and links to the OPML of every feed", async () => {
    const document = await fetchPage("/");
    const tag = document.querySelector(".tag-list li")!;
    expect(tag.querySelector("a")?.getAttribute("href")).toBe(`${ORIGIN}${STOCKS}/`);
    expect(tag.querySelector(".count")?.textContent).toBe("15");
    expect(hrefs(document, ".subscribe a")).toContain(`${ORIGIN}/opml.xml`);
  });
});

describe("a category page", () => {
  it("shows breadcrumbs, the article count, its feeds, its subcategories and a subscribe box", async () => {
    const document = await fetchPage(`${FINANCE}/`);
    expect(document.querySelector("h1")?.textContent).toBe("金融");
    expect(document.title).toBe("金融 · edgefeed");
    expect(hrefs(document, ".breadcrumbs a")).toEqual([`${ORIGIN}/`]);
    expect(document.querySelector("main > .meta .count")?.textContent).toBe("45 篇文章");
    expect(hrefs(document, 'link[rel="alternate"]')).toEqual([`${ORIGIN}${FINANCE}/feed.xml`, `${ORIGIN}${FINANCE}/atom.xml`, `${ORIGIN}${FINANCE}/feed.json`]);
    expect(hrefs(document, ".category-tree > li > a")).toEqual([`${ORIGIN}${FINANCE_SINA}/`]);
    const urls = [...document.querySelectorAll(".subscribe code.url")].map((code) => code.textContent);
    expect(urls).toEqual([`${ORIGIN}${FINANCE}/feed.xml`, `${ORIGIN}${FINANCE}/atom.xml`, `${ORIGIN}${FINANCE}/feed.json`]);
    expect(hrefs(document, ".subscribe a")).toContain(`${ORIGIN}/opml.xml`);
  });

  it("links a child category's breadcrumbs to each ancestor", async () => {
    const document = await fetchPage(`${FINANCE_SINA}/`);
    expect(document.querySelector("h1")?.textContent).toBe("新浪财经");
    expect(hrefs(document, ".breadcrumbs a")).toEqual([`${ORIGIN}/`, `${ORIGIN}${FINANCE}/`]);
    expect(document.querySelector(".category-tree")).toBeNull();
  });

  const pages = [
    { query: "", ids: idsDown(45, 26), newer: undefined, older: `${ORIGIN}${FINANCE}/?page=2` },
    { query: "?page=1", ids: idsDown(45, 26), newer: undefined, older: `${ORIGIN}${FINANCE}/?page=2` },
    { query: "?page=2", ids: idsDown(25, 6), newer: `${ORIGIN}${FINANCE}/`, older: `${ORIGIN}${FINANCE}/?page=3` },
    { query: "?page=3", ids: idsDown(5, 1), newer: `${ORIGIN}${FINANCE}/?page=2`, older: undefined },
  ];
  it.each(pages)("pages its articles newest first: $query", async ({ query, ids, newer, older }) => {
    const document = await fetchPage(`${FINANCE}/${query}`);
    expect(listedIds(document)).toEqual(ids);
    expect(document.querySelector('.pager a[rel="prev"]')?.getAttribute("href")).toBe(newer);
    expect(document.querySelector('.pager a[rel="next"]')?.getAttribute("href")).toBe(older);
  });

  it("pages through more articles than the head holds, across archive pages", async () => {
    await clearKv(env.FEEDS);
    await seedKv(env.FEEDS, siteArticles(130));
    const seen: string[] = [];
    for (let page = 1; page <= 7; page++) seen.push(...listedIds(await fetchPage(`${FINANCE}/?page=${page}`)));
    expect(seen).toEqual(idsDown(130, 1));
  });

  it.each([
    { query: "?page=4", status: 404, says: "?page=3" },
    { query: "?page=0", status: 400, says: "page" },
    { query: "?page=two", status: 400, says: "page" },
  ])("answers $query with $status and says why", async ({ query, status, says }) => {
    const response = await createWorkerHarness().fetch(`${FINANCE}/${query}`);
    expect(response.status).toBe(status);
    expect(await response.text()).toContain(says);
  });
});

describe("a tag page", () => {
  it("lists only the tag's articles and offers its feeds", async () => {
    const document = await fetchPage(`${STOCKS}/`);
    expect(document.querySelector("h1")?.textContent).toBe("#股市");
    expect(listedIds(document)).toEqual(["a0045", "a0042", "a0039", "a0036", "a0033", "a0030", "a0027", "a0024", "a0021", "a0018", "a0015", "a0012", "a0009", "a0006", "a0003"]);
    expect(hrefs(document, 'link[rel="alternate"]')[0]).toBe(`${ORIGIN}${STOCKS}/feed.xml`);
    expect(document.querySelector(".pager")).toBeNull();
  });
});

describe("an article page", () => {
  it("shows the title, the date in the site's time zone, the author, the image and the body", async () => {
    await clearKv(env.FEEDS);
    const article = makeArticle(1, {
      published: "2021-06-11T04:19:02Z",
      updated: "2021-06-11T04:19:02Z",
      image: { url: "https://n.sinaimg.cn/lead.png?a=1&b=2", type: "image/png" },
      editor: "王珊珊",
      contentHtml: "<p>正文一</p><p>正文二</p>",
    });
    await seedKv(env.FEEDS, [article]);
    const document = await fetchPage("/articles/a0001");
    expect(document.querySelector("article h1")?.textContent).toBe("文章 1");
    expect(document.title).toBe("文章 1 · edgefeed");
    expect(document.querySelector("article header time")?.textContent).toBe("2021年6月11日 12:19");
    expect(document.querySelector("article header .author")?.textContent).toBe("新浪财经");
    const image = document.querySelector(".lead-image img")!;
    // Through the image proxy (on in the tests, as it is with IMAGE_PROXY_SECRET set): Sina's hosts are hotlink-protected.
    expect(image.getAttribute("src")).toMatch(/^https:\/\/example\.com\/images\/[A-Za-z0-9_-]{22}\/n\.sinaimg\.cn\/lead\.png\?a=1&b=2$/);
    expect(image.getAttribute("referrerpolicy")).toBe("no-referrer");
    expect(document.querySelector(".article-body")?.innerHTML.trim()).toBe("<p>正文一</p><p>正文二</p>");
    expect(document.querySelector(".article-footer")?.textContent).toContain("责任编辑：王珊珊");
  });

  it("shows the lead image once when the body already shows it", async () => {
    await clearKv(env.FEEDS);
    const url = "https://n.sinaimg.cn/lead.png";
    await seedKv(env.FEEDS, [makeArticle(1, { image: { url }, contentHtml: `<p><img src="${url}" alt="" referrerpolicy="no-referrer"></p>` })]);
    const document = await fetchPage("/articles/a0001");
    expect(document.querySelectorAll("img")).toHaveLength(1);
    expect(document.querySelector(".article-body img")?.getAttribute("src")).toMatch(/\/images\/[A-Za-z0-9_-]{22}\/n\.sinaimg\.cn\/lead\.png$/);
    expect(document.querySelector(".lead-image")).toBeNull();
  });

  it("links every level of every category hierarchy and every tag to its page", async () => {
    await clearKv(env.FEEDS);
    await seedKv(env.FEEDS, [makeArticle(1, { categories: [["金融", "新浪财经"], ["Café"]], tags: ["股市"] })]);
    const document = await fetchPage("/articles/a0001");
    expect(hrefs(document, ".article-footer nav a")).toEqual([`${ORIGIN}${FINANCE}/`, `${ORIGIN}${FINANCE_SINA}/`, `${ORIGIN}/categories/Caf%C3%A9/`]);
    expect(hrefs(document, ".article-footer .tag-list a")).toEqual([`${ORIGIN}${STOCKS}/`]);
    // Autodiscovery offers the article's first category, its author, then the whole site.
    expect(hrefs(document, 'link[rel="alternate"][type="application/rss+xml"]')).toEqual([`${ORIGIN}${FINANCE_SINA}/feed.xml`, `${ORIGIN}${SINA_AUTHOR}/feed.xml`, `${ORIGIN}/feed.xml`]);
  });

  it("links its author to the author's page, and names no author page for a post that names no author", async () => {
    await clearKv(env.FEEDS);
    await seedKv(env.FEEDS, [makeArticle(1, { author: "Zoë Example" }), makeArticle(2, { author: undefined })]);
    const byline = await fetchPage("/articles/a0001");
    expect(hrefs(byline, ".meta .author a")).toEqual([`${ORIGIN}/authors/Zo%C3%AB%20Example/`]);
    expect(byline.querySelector(".meta .author a")?.getAttribute("rel")).toBe("author");
    const anonymous = await fetchPage("/articles/a0002");
    expect(anonymous.querySelector(".meta .author")).toBeNull();
    expect(hrefs(anonymous, 'link[rel="alternate"]').some((href) => href.includes("/authors/"))).toBe(false);
  });

  it("is where feed items link", async () => {
    const feed = await (await createWorkerHarness().fetch("/feed.xml")).text();
    const link = /<item>[\s\S]*?<link>([^<]+)<\/link>/.exec(feed)![1]!;
    expect(link).toBe(`${ORIGIN}/articles/a0045`);
    const document = await fetchPage(new URL(link).pathname);
    expect(document.querySelector("article h1")?.textContent).toBe("文章 45");
  });
});

describe("escaping", () => {
  const hostile = `<script>alert(1)</script>"'><img src=x onerror=alert(2)>&amp;`;

  it("escapes hostile titles, summaries, authors, editors, categories and tags on every page", async () => {
    await clearKv(env.FEEDS);
    await seedKv(env.FEEDS, [
      makeArticle(1, { title: hostile, summary: hostile, author: hostile, editor: hostile, categories: [[hostile, "子"]], tags: [hostile] }),
    ]);
    const category = `/categories/${encodeURIComponent(hostile)}/`;
    const tag = `/tags/${encodeURIComponent(hostile)}/`;
    const author = `/authors/${encodeURIComponent(hostile)}/`;
    for (const path of ["/", category, `${category}${encodeURIComponent("子")}/`, tag, author, "/articles/a0001"]) {
      const response = await createWorkerHarness().fetch(path);
      expect(response.status, path).toBe(200);
      const html = await response.text();
      expect(html, path).not.toContain("<script");
      expect(html, path).not.toContain("<img src=x");
      expect(html, path).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(2)&gt;&amp;amp;");
      const document = parseHTML(html).document;
      expect(document.querySelectorAll("script, img[onerror]"), path).toHaveLength(0);
    }
  });
});
