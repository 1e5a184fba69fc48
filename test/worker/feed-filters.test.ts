import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import type { Article } from "../../src/model/article";
import { FILTER_MAX_WORD_LENGTH, FILTER_MAX_WORDS } from "../../src/worker/routes/parse-filter-words";
import { makeArticle } from "../support/make-article";
import { clearKv, type SeededGeneration, seedKv } from "../support/seed-kv";
import { siteArticles } from "../support/site-articles";
import { createWorkerHarness } from "../support/worker-harness";

const ORIGIN = "https://example.com";
const NAVIGATION = { "Sec-Fetch-Dest": "document", "Sec-Fetch-Mode": "navigate" };

/** Eight articles, a0001 the oldest, each holding what one case below looks for, and where. */
function filterArticles(): Article[] {
  return [
    makeArticle(1, { title: "比亚迪 BYD 发布新车", contentHtml: "<p>正文</p>" }),
    makeArticle(2, { title: "股市收盘", summary: "Ａ股三大指数集体上涨", contentHtml: "<p>正文</p>" }),
    makeArticle(3, { title: "财经要闻", contentHtml: "<p><strong>新浪</strong>财经报道</p><p>下一段</p>" }),
    makeArticle(4, { title: "Grüße aus Zürich", summary: "summary", contentHtml: "<p>Die Straße ist lang.</p>" }),
    makeArticle(5, { title: "Café crème".normalize("NFC"), contentHtml: "<p>x</p>" }),
    makeArticle(6, { title: "图片新闻", contentHtml: '<p><img src="https://example.com/chip.png" alt="芯片" /></p><p>无关</p>' }),
    makeArticle(7, { title: "科技", contentHtml: "<p>国产芯片量产，5G 网络 R&amp;D</p>" }),
    makeArticle(8, { title: "ΟΔΟΣ news", contentHtml: "<p>y</p>" }),
  ];
}

/** Article numbers of a JSON Feed, in document order. */
async function itemNumbers(response: Response): Promise<number[]> {
  expect(response.status).toBe(200);
  const feed = (await response.json()) as { items: { url: string }[] };
  return feed.items.map((item) => Number(item.url.slice(-4)));
}

/** `?name=value&…` with each value percent-encoded as a reader would send it. */
function query(parameters: Record<string, string | undefined>): string {
  return `?${Object.entries(parameters)
    .map(([name, value]) => `${name}=${encodeURIComponent(value!)}`)
    .join("&")}`;
}

describe("?filter and ?filterout", () => {
  beforeEach(async () => {
    await clearKv(env.FEEDS);
    await seedKv(env.FEEDS, filterArticles());
  });

  it.each([
    { why: "a word in the title", parameters: { filter: "BYD" }, numbers: [1] },
    { why: "a word in another case", parameters: { filter: "byd" }, numbers: [1] },
    { why: "a word typed in full-width letters", parameters: { filter: "ｂｙｄ" }, numbers: [1] },
    { why: "a word written in full-width letters in the summary", parameters: { filter: "a股" }, numbers: [2] },
    { why: "a word across an inline element of the text", parameters: { filter: "新浪财经" }, numbers: [3] },
    { why: "ß as ss (full case folding)", parameters: { filter: "STRASSE" }, numbers: [4] },
    { why: "a capitalized word with an umlaut", parameters: { filter: "ZÜRICH" }, numbers: [4] },
    { why: "a word typed in NFD, found in NFC text", parameters: { filter: "cafe\u0301" }, numbers: [5] },
    { why: "final sigma", parameters: { filter: "οδος" }, numbers: [8] },
    { why: "a Chinese word in the text but not in an attribute", parameters: { filter: "芯片" }, numbers: [7] },
    { why: "a Latin word in the text", parameters: { filter: "5g 网络" }, numbers: [7] },
    { why: "a character reference as its character", parameters: { filter: "r&d" }, numbers: [7] },
    { why: "nothing for a word in no item", parameters: { filter: "不存在" }, numbers: [] },
    { why: "nothing for a word only in a URL", parameters: { filter: "chip.png" }, numbers: [] },
    { why: "nothing for a tag name", parameters: { filter: "strong" }, numbers: [] },
    { why: "nothing across two paragraphs", parameters: { filter: "报道下一段" }, numbers: [] },
    { why: "nothing for alt text", parameters: { filter: "芯片无关" }, numbers: [] },
    { why: "any of several words", parameters: { filter: "BYD|芯片|οδος" }, numbers: [8, 7, 1] },
    { why: "all items but those holding a filtered-out word", parameters: { filterout: "芯片" }, numbers: [8, 6, 5, 4, 3, 2, 1] },
    { why: "all items but those holding any of several words", parameters: { filterout: "芯片|byd|ZÜRICH" }, numbers: [8, 6, 5, 3, 2] },
    { why: "filter and filterout together", parameters: { filter: "正文|芯片", filterout: "BYD" }, numbers: [7, 2] },
    { why: "the newest matching items up to the limit", parameters: { filter: "正文|芯片", limit: "2" }, numbers: [7, 2] },
    { why: "a summary feed of the matching items", parameters: { filter: "BYD", mode: "summary" }, numbers: [1] },
  ])("keeps $why: $parameters", async ({ parameters, numbers }) => {
    const harness = createWorkerHarness();
    expect(await itemNumbers(await harness.fetch(`/feed.json${query(parameters)}`))).toEqual(numbers);
  });

  it.each([
    { file: "feed.xml", item: "item" },
    { file: "atom.xml", item: "entry" },
    { file: "feed.json", item: "" },
  ])("filters $file alike in the site's feed and a category's", async ({ file, item }) => {
    const harness = createWorkerHarness();
    for (const scope of ["/", "/categories/%E9%87%91%E8%9E%8D/", "/categories/%E9%87%91%E8%9E%8D/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/"]) {
      const response = await harness.fetch(`${scope}${file}?filter=byd%7C%E8%8A%AF%E7%89%87`);
      if (item === "") {
        expect(await itemNumbers(response)).toEqual([7, 1]);
        continue;
      }
      const body = await response.text();
      const numbers = [...body.matchAll(new RegExp(`<${item}>[\\s\\S]*?/articles/a(\\d{4})`, "g"))].map((match) => Number(match[1]));
      expect(numbers).toEqual([7, 1]);
    }
  });

  it.each([
    { query: "?filter=", says: "filter is empty" },
    { query: "?filterout=", says: "filterout is empty" },
    { query: "?filter=a%7C%7Cb", says: 'word 2 of filter="a||b" is empty' },
    { query: "?filter=%7Ca", says: "word 1 of filter" },
    { query: "?filter=a%7C", says: 'word 2 of filter="a|" is empty' },
    { query: "?filter=%20%20", says: "word 1 of filter" },
    { query: `?filterout=${Array.from({ length: FILTER_MAX_WORDS + 1 }, (_, index) => `w${index}`).join("%7C")}`, says: `filterout has ${FILTER_MAX_WORDS + 1} words; at most ${FILTER_MAX_WORDS}` },
    { query: `?filter=${"x".repeat(FILTER_MAX_WORD_LENGTH + 1)}`, says: `is ${FILTER_MAX_WORD_LENGTH + 1} characters long; at most ${FILTER_MAX_WORD_LENGTH}` },
    { query: "?filter=a%0Ab", says: "control character U+000A" },
    { query: "?filter=a&filter=b", says: "filter is given 2 times; give it once, its words separated by |" },
    { query: "?filterout=a&filterout=b", says: "filterout is given 2 times" },
    { query: "?mode=full", says: 'mode must be summary (items without their full HTML), got "full"' },
    { query: "?mode=", says: 'mode must be summary (items without their full HTML), got ""' },
    { query: "?mode=SUMMARY", says: 'got "SUMMARY"' },
    { query: "?mode=summary&mode=summary", says: "mode is given 2 times" },
  ])("refuses $query with 400 saying $says", async ({ query: search, says }) => {
    const harness = createWorkerHarness();
    for (const path of ["/feed.xml", "/atom.xml", "/tags/%E8%82%A1%E5%B8%82/feed.json"]) {
      const response = await harness.fetch(`${path}${search}`);
      expect(response.status).toBe(400);
      expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
      expect(await response.text()).toContain(says);
    }
    // A browser opening the URL gets the same answer, not a page.
    expect((await harness.fetch(`/feed.xml${search}`, { headers: NAVIGATION })).status).toBe(400);
  });

  it("takes the longest words allowed, counted in characters, astral ones included", async () => {
    const harness = createWorkerHarness();
    const longest = encodeURIComponent("𠀀".repeat(FILTER_MAX_WORD_LENGTH));
    const most = Array.from({ length: FILTER_MAX_WORDS }, (_, index) => `w${index}`).join("%7C");
    expect((await harness.fetch(`/feed.xml?filter=${longest}&filterout=${most}`)).status).toBe(200);
  });
});

describe("?mode=summary", () => {
  beforeEach(async () => {
    await clearKv(env.FEEDS);
    await seedKv(env.FEEDS, filterArticles());
  });

  it("leaves content:encoded out of RSS and keeps each summary as the description", async () => {
    const harness = createWorkerHarness();
    const full = await (await harness.fetch("/feed.xml")).text();
    expect(full).toContain("<content:encoded><![CDATA[<p>正文</p>]]></content:encoded>");
    const summary = await (await harness.fetch("/feed.xml?mode=summary")).text();
    expect(summary).not.toContain("content:encoded");
    expect(summary).not.toContain("xmlns:content");
    expect(summary).toContain("<description>Ａ股三大指数集体上涨</description>");
    expect(summary.match(/<item>/g)).toHaveLength(8);
  });

  it("leaves content out of Atom and keeps each summary", async () => {
    const harness = createWorkerHarness();
    expect(await (await harness.fetch("/atom.xml")).text()).toContain('<content type="html">');
    const summary = await (await harness.fetch("/atom.xml?mode=summary")).text();
    expect(summary).not.toContain("<content");
    expect(summary).toContain('<summary type="html">Ａ股三大指数集体上涨</summary>');
    expect(summary.match(/<entry>/g)).toHaveLength(8);
    expect(summary.match(/<link rel="alternate" type="text\/html" href="https:\/\/example\.com\/articles\//g)).toHaveLength(8);
  });

  it("gives JSON Feed items the summary as content_text and no content_html", async () => {
    const harness = createWorkerHarness();
    const full = (await (await harness.fetch("/feed.json")).json()) as { items: Record<string, unknown>[] };
    expect(full.items[0]).toHaveProperty("content_html");
    const summary = (await (await harness.fetch("/feed.json?mode=summary")).json()) as { items: Record<string, unknown>[] };
    expect(summary.items).toHaveLength(8);
    for (const item of summary.items) {
      expect(item).not.toHaveProperty("content_html");
      expect(item.content_text).toBe(item.summary);
    }
    expect(summary.items.find((item) => item.url === `${ORIGIN}/articles/a0002`)!.content_text).toBe("Ａ股三大指数集体上涨");
  });

  it("leaves out the link to the whole article a cut article's HTML ends with", async () => {
    await clearKv(env.FEEDS);
    const long = makeArticle(1, { contentHtml: Array.from({ length: 3_000 }, (_, index) => `<p>第 ${index} 段：${"很长的文章。".repeat(17)}</p>`).join("\n") });
    await seedKv(env.FEEDS, [long]);
    const harness = createWorkerHarness();
    expect(await (await harness.fetch("/feed.xml")).text()).toContain("阅读全文");
    const summary = await (await harness.fetch("/feed.xml?mode=summary")).text();
    expect(summary).not.toContain("阅读全文");
    expect(summary).not.toContain("很长的文章。很长的文章。");
  });
});

describe("entity tags and the cache", () => {
  beforeEach(async () => {
    await clearKv(env.FEEDS);
    await seedKv(env.FEEDS, filterArticles());
  });

  const variants = [
    "",
    "?filter=BYD",
    "?filter=byd",
    "?filter=BYD%7C%E8%8A%AF%E7%89%87",
    "?filterout=BYD",
    "?filter=BYD&filterout=%E8%8A%AF%E7%89%87",
    "?mode=summary",
    "?filter=BYD&mode=summary",
    "?filter=BYD&limit=5",
  ];

  it("gives each selection of items its own entity tag", async () => {
    const harness = createWorkerHarness();
    const tags = new Set<string>();
    for (const variant of variants) tags.add((await harness.fetch(`/feed.xml${variant}`)).headers.get("ETag")!);
    expect(tags.size).toBe(variants.length);
  });

  it.each(variants.filter((variant) => variant !== ""))("answers 304 to a conditional request with its own tag for %s, and 200 with another's", async (variant) => {
    const harness = createWorkerHarness();
    const first = await harness.fetch(`/atom.xml${variant}`);
    const etag = first.headers.get("ETag")!;
    const again = await harness.fetch(`/atom.xml${variant}`, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("ETag")).toBe(etag);
    const plainTag = (await harness.fetch("/atom.xml")).headers.get("ETag")!;
    expect((await harness.fetch(`/atom.xml${variant}`, { headers: { "If-None-Match": plainTag } })).status).toBe(200);
  });

  it("shares one response between spellings of the same request: parameter order, percent-encoding and NFD", async () => {
    const harness = createWorkerHarness({ cache: true, memory: true });
    const first = await harness.fetch(`/feed.json?filter=${encodeURIComponent("café")}&mode=summary`);
    harness.reset();
    for (const spelling of [
      `/feed.json?mode=summary&filter=${encodeURIComponent("café")}`,
      `/feed.json?mode=summary&filter=${encodeURIComponent("cafe\u0301")}&utm_source=reader`,
    ]) {
      const response = await harness.fetch(spelling);
      expect(response.headers.get("ETag")).toBe(first.headers.get("ETag"));
    }
    expect(harness.renders).toEqual([]);
  });

  it("keeps a filtered feed in the cache apart from the unfiltered one", async () => {
    const harness = createWorkerHarness({ cache: true });
    await harness.fetch("/feed.json");
    expect(await itemNumbers(await harness.fetch("/feed.json?filter=BYD"))).toEqual([1]);
    expect(await itemNumbers(await harness.fetch("/feed.json?filter=BYD&mode=summary"))).toEqual([1]);
    expect(harness.renders).toHaveLength(3);
  });
});

describe("links of filtered feeds", () => {
  // 200 articles: the site's pages hold 61, 91, 13 and 29 (archives) and 6 (the open page), oldest first.
  let seeded: SeededGeneration;
  beforeEach(async () => {
    await clearKv(env.FEEDS);
    seeded = await seedKv(env.FEEDS, siteArticles(200));
  });
  const site = () => seeded.plan.manifest.scopes["/"]!;
  // Titles are "文章 <n>": "文章 19" is in 19 and 190–199.
  const word = encodeURIComponent("文章 19");

  it.each([
    { file: "feed.xml", self: /<atom:link href="([^"]+)" rel="self"/ },
    { file: "atom.xml", self: /<link rel="self" type="application\/atom\+xml" href="([^"]+)"/ },
    { file: "feed.json", self: /"feed_url":"([^"]+)"/ },
  ])("names the request's parameters, in one order, in the $file self link", async ({ file, self }) => {
    const harness = createWorkerHarness();
    const body = await (await harness.fetch(`/${file}?mode=summary&filterout=%E6%91%98%E8%A6%81%201&limit=5&filter=${word}`)).text();
    const expected = `${ORIGIN}/${file}?limit=5&filter=${word}&filterout=%E6%91%98%E8%A6%81%201&mode=summary`;
    expect(self.exec(body)![1]!.replaceAll("&amp;", "&")).toBe(expected);
  });

  it("links the subscription document's next page after the last item it looked at, keeping the filter and mode", async () => {
    const harness = createWorkerHarness();
    // All ten matches among the head's 100 (101–200): the next page holds the 101st newest, article 100.
    const all = (await (await harness.fetch(`/feed.json?filter=${word}&mode=summary`)).json()) as { items: { url: string }[]; next_url: string; feed_url: string };
    expect(all.items.map((item) => Number(item.url.slice(-4)))).toEqual([199, 198, 197, 196, 195, 194, 193, 192, 191, 190]);
    expect(all.next_url).toBe(`${ORIGIN}/feed.json?page=${site().archives[1]![0]}&filter=${word}&mode=summary`);
    // The first five end at 195, the sixth newest: the next page holds the seventh, 194, in the newest archive.
    const five = (await (await harness.fetch(`/feed.json?filter=${word}&limit=5`)).json()) as { items: unknown[]; next_url: string };
    expect(five.items).toHaveLength(5);
    expect(five.next_url).toBe(`${ORIGIN}/feed.json?page=${site().archives[3]![0]}&filter=${word}`);
  });

  it("keeps the parameters in every RFC 5005 link of a page, which shows its own matching items", async () => {
    const harness = createWorkerHarness();
    const [older, page, newer] = [site().archives[0]![0], site().archives[1]![0], site().archives[2]![0]];
    const body = await (await harness.fetch(`/atom.xml?page=${page}&filter=${word}&mode=summary`)).text();
    const keep = `&amp;filter=${word}&amp;mode=summary`;
    expect(body).toContain(`<link rel="self" type="application/atom+xml" href="${ORIGIN}/atom.xml?page=${page}${keep}"/>`);
    expect(body).toContain(`<link rel="current" type="application/atom+xml" href="${ORIGIN}/atom.xml?filter=${word}&amp;mode=summary"/>`);
    expect(body).toContain(`<link rel="next" type="application/atom+xml" href="${ORIGIN}/atom.xml?page=${older}${keep}"/>`);
    expect(body).toContain(`<link rel="prev-archive" type="application/atom+xml" href="${ORIGIN}/atom.xml?page=${older}${keep}"/>`);
    expect(body).toContain(`<link rel="next-archive" type="application/atom+xml" href="${ORIGIN}/atom.xml?page=${newer}${keep}"/>`);
    expect(body).toContain("<fh:archive/>");
    expect(body).not.toContain("<content");
    // Archive 1 holds 62–152: of them only 190–199 and 19 hold the word, so none.
    expect(body.match(/<entry>/g)).toBeNull();
    const rss = await (await harness.fetch(`/feed.xml?page=${older}&filter=${word}`)).text();
    expect([...rss.matchAll(/<guid[^>]*>[^<]*a(\d{4})<\/guid>/g)].map((match) => Number(match[1]))).toEqual([19]);
  });

  it("reaches every matching item once by following next from the filtered subscription document", async () => {
    const harness = createWorkerHarness();
    const seen: number[] = [];
    let url: string | undefined = `${ORIGIN}/feed.json?filter=${word}`;
    for (let step = 0; url !== undefined && step < 20; step++) {
      const feed = (await (await harness.fetch(url.slice(ORIGIN.length))).json()) as { items: { url: string }[]; next_url?: string };
      for (const number of feed.items.map((item) => Number(item.url.slice(-4)))) if (!seen.includes(number)) seen.push(number);
      url = feed.next_url;
    }
    expect(url).toBeUndefined();
    expect(seen).toEqual([199, 198, 197, 196, 195, 194, 193, 192, 191, 190, 19]);
  });

  it("shows only matching items in the browser view, whose URL to copy and older and newer links keep the parameters", async () => {
    const harness = createWorkerHarness();
    const html = await (await harness.fetch(`/feed.json?filter=${word}&limit=5&mode=summary`, { headers: NAVIGATION })).text();
    expect(html.match(/<li><article>/g)).toHaveLength(5);
    expect(html).toContain(`<code class="url">${ORIGIN}/feed.json?limit=5&amp;filter=${word}&amp;mode=summary</code>`);
    expect(html).toContain(`<a rel="next" href="${ORIGIN}/feed.json?page=${site().archives[3]![0]}&amp;filter=${word}&amp;mode=summary">`);
    const page = await (await harness.fetch(`/feed.json?page=${site().archives[2]![0]}&filter=${word}`, { headers: NAVIGATION })).text();
    expect(page).toContain(`<a rel="prev" href="${ORIGIN}/feed.json?page=${site().archives[3]![0]}&amp;filter=${word}">`);
    expect(page).toContain(`<a rel="next" href="${ORIGIN}/feed.json?page=${site().archives[1]![0]}&amp;filter=${word}">`);
    expect(page).toContain(`<code class="url">${ORIGIN}/feed.json?filter=${word}</code>`);
  });

  it("redirects an old page number with the parameters it came with", async () => {
    const response = await createWorkerHarness().fetch(`/feed.xml?page=1&filter=${word}`);
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe(`${ORIGIN}/feed.xml?page=${site().archives[0]![0]}&filter=${word}`);
  });
});
