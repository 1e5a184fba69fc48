import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { makeArticle } from "../support/make-article";
import { clearKv, seedKv } from "../support/seed-kv";
import { createWorkerHarness } from "../support/worker-harness";

const HEXO = "https://blog.example.org";

// Two articles built from a Hexo site folder (they carry their Hexo permalinks) and one that never was.
const articles = [
  makeArticle(1, { id: "hello-world", permalink: `${HEXO}/2024/05/01/hello-world/`, categories: [["Programming", "Java Script"]], tags: ["time zones"] }),
  makeArticle(2, { id: "ni-hao", permalink: `${HEXO}/2024/05/02/%E4%BD%A0%E5%A5%BD/` }),
  makeArticle(3),
];

beforeAll(async () => {
  await clearKv(env.FEEDS);
  // The settings the build took from the Hexo site's _config.yml, which the generation carries.
  await seedKv(env.FEEDS, articles, 1, { title: "Ada's Notes", author: "Ada Example", language: "en" });
});

describe("a site moved from Hexo", () => {
  it('gives items the ids hexo-generator-feed gave them under ID_SCHEME = "hexo-permalink", in every format', async () => {
    const harness = createWorkerHarness({ env: { SITE_URL: HEXO, ID_SCHEME: "hexo-permalink" } });
    const rss = await (await harness.fetch("/feed.xml")).text();
    expect(rss).toContain(`<guid isPermaLink="true">${HEXO}/2024/05/01/hello-world/</guid>`);
    expect(rss).toContain(`<guid isPermaLink="true">${HEXO}/2024/05/02/%E4%BD%A0%E5%A5%BD/</guid>`);
    // An article without a Hexo past keeps our own id, and every item still links our page.
    expect(rss).toContain(`<guid isPermaLink="true">${HEXO}/articles/a0003</guid>`);
    expect(rss).toContain(`<link>${HEXO}/articles/hello-world</link>`);
    const atom = await (await harness.fetch("/atom.xml")).text();
    expect(atom).toContain(`<id>${HEXO}/2024/05/01/hello-world/</id>`);
    const json = (await (await harness.fetch("/feed.json")).json()) as { items: { id: string; url: string }[] };
    expect(json.items.map((item) => item.id)).toContain(`${HEXO}/2024/05/01/hello-world/`);
  });

  it("keeps our own ids by default, even for articles that have a Hexo permalink", async () => {
    const rss = await (await createWorkerHarness({ env: { SITE_URL: HEXO } }).fetch("/feed.xml")).text();
    expect(rss).toContain(`<guid isPermaLink="true">${HEXO}/articles/hello-world</guid>`);
    expect(rss).not.toContain("2024/05/01");
  });

  it.each([
    { path: "/2024/05/01/hello-world/", id: "hello-world" },
    { path: "/2024/05/01/hello-world", id: "hello-world" },
    { path: "/2024/05/01/hello-world/index.html", id: "hello-world" },
    { path: "/2024/05/02/%E4%BD%A0%E5%A5%BD/", id: "ni-hao" },
    { path: "/2024/05/02/你好/", id: "ni-hao" },
  ])("answers the old post URL $path with a 301 to the article's page", async ({ path, id }) => {
    const response = await createWorkerHarness({ env: { SITE_URL: HEXO } }).fetch(path, { redirect: "manual" });
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe(`${HEXO}/articles/${id}`);
  });

  it("answers hexo-generator-feed's /rss2.xml with a 301 to our RSS feed", async () => {
    const response = await createWorkerHarness().fetch("/rss2.xml", { redirect: "manual" });
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe("https://example.com/feed.xml");
  });

  it("answers a path that was no post with a 404 that says what exists", async () => {
    for (const path of ["/2024/05/03/nothing/", "/hello-world/", "/%E0%A4%A/"]) {
      const response = await createWorkerHarness().fetch(path, { redirect: "manual" });
      expect(response.status).toBe(404);
      expect(await response.text()).toContain("Feeds are /feed.xml, /atom.xml and /feed.json");
    }
  });

  it.each([
    { path: "/categories/Programming/Java-Script/", location: "/categories/Programming/Java%20Script/" },
    { path: "/categories/Programming/Java-Script/atom.xml?limit=5", location: "/categories/Programming/Java%20Script/atom.xml?limit=5" },
    { path: "/tags/time-zones/", location: "/tags/time%20zones/" },
  ])("answers the category or tag URL Hexo wrote, $path, with a 301 to ours", async ({ path, location }) => {
    const response = await createWorkerHarness({ env: { SITE_URL: HEXO } }).fetch(path, { redirect: "manual" });
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe(`${HEXO}${location}`);
  });

  it("still answers a category that exists under no spelling with a 404", async () => {
    const response = await createWorkerHarness().fetch("/categories/Programming/Rust/", { redirect: "manual" });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('There is no category "Programming › Rust"');
  });

  it("takes the title, author and language the Hexo site's _config.yml gave wherever [vars] set none, never its URL", async () => {
    const rss = await (await createWorkerHarness().fetch("/feed.xml")).text();
    expect(rss).toContain("<title>Ada&#39;s Notes</title>");
    expect(rss).toContain("<language>en</language>");
    // Where the site is served is SITE_URL's to say: unset, links use the request's origin.
    expect(rss).toContain("<link>https://example.com/</link>");
    // The feed's author, whom items without one inherit, is _config.yml's author.
    const atom = await (await createWorkerHarness().fetch("/atom.xml")).text();
    expect(atom).toContain("<author><name>Ada Example</name></author>");
    const page = await (await createWorkerHarness().fetch("/")).text();
    expect(page).toContain('<html lang="en"');
  });

  it("lets the Worker's own [vars] win over the generation's settings", async () => {
    const rss = await (await createWorkerHarness({ env: { SITE_TITLE: "Ours", SITE_LANGUAGE: "de" } }).fetch("/feed.xml")).text();
    expect(rss).toContain("<title>Ours</title>");
    expect(rss).toContain("<language>de</language>");
    expect(rss).not.toContain("Ada");
  });
});
