import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearKv, seedKv } from "../support/seed-kv";
import { siteArticles } from "../support/site-articles";
import { createWorkerHarness } from "../support/worker-harness";

const SITE = "https://news.example.com";
const HUB = "https://pubsubhubbub.appspot.com/";
const CATEGORY = "/categories/%E9%87%91%E8%9E%8D/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/";
const TAG = "/tags/%E8%82%A1%E5%B8%82/";

beforeEach(async () => {
  await clearKv(env.FEEDS);
  // 45 articles: more than a subscription document's 20, so ?limit= and pages differ from it.
  await seedKv(env.FEEDS, siteArticles(45));
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** The hub and self links a body names, whatever its format. */
function linksOf(body: string): { hubs: string[]; self: string | undefined } {
  if (body.startsWith("{")) {
    const feed = JSON.parse(body) as { feed_url?: string; hubs?: { type: string; url: string }[] };
    return { hubs: (feed.hubs ?? []).map((hub) => `${hub.type} ${hub.url}`), self: feed.feed_url };
  }
  const hubs = [...body.matchAll(/<(?:atom:)?link (?:href="([^"]+)" rel="hub"|rel="hub" href="([^"]+)")\/>/g)].map((match) => match[1] ?? match[2]!);
  const self = /<(?:atom:)?link (?:href="([^"]+)" rel="self"|rel="self" type="[^"]+" href="([^"]+)")/.exec(body);
  return { hubs, self: self?.[1] ?? self?.[2] };
}

describe("WebSub discovery with WEBSUB_HUB set", () => {
  const harness = () => createWorkerHarness({ env: { SITE_URL: SITE, WEBSUB_HUB: HUB } });

  it.each([
    ["/feed.xml", HUB],
    ["/atom.xml", HUB],
    ["/feed.json", `WebSub ${HUB}`],
    [`${CATEGORY}feed.xml`, HUB],
    ["/categories/%E9%87%91%E8%9E%8D/atom.xml", HUB],
    [`${TAG}feed.json`, `WebSub ${HUB}`],
  ])("names the hub in %s beside a self link that is the URL subscribed to", async (path, hub) => {
    const response = await harness().fetch(path);
    expect(response.status).toBe(200);
    const links = linksOf(await response.text());
    expect(links.hubs).toEqual([hub]);
    expect(links.self).toBe(`${SITE}${path}`);
  });

  it.each(["/feed.xml", "/atom.xml", "/feed.json", `${TAG}atom.xml`])("sends the Link header WebSub §4 lists first on %s: one rel=hub and exactly one rel=self", async (path) => {
    for (const method of ["GET", "HEAD"]) {
      const response = await harness().fetch(path, { method });
      expect(response.headers.get("Link")).toBe(`<${HUB}>; rel="hub", <${SITE}${path}>; rel="self"`);
    }
  });

  it.each(["/feed.xml?limit=5", "/atom.xml?limit=100", `${CATEGORY}feed.json?limit=3`])("names no hub on %s, a topic no publish pings", async (path) => {
    const response = await harness().fetch(path);
    expect(response.status).toBe(200);
    expect(linksOf(await response.text()).hubs).toEqual([]);
    expect(response.headers.get("Link")).toBeNull();
  });

  it("names no hub on the pages of a feed, which RFC 5005 archives never change", async () => {
    const next = /rel="next" type="application\/atom\+xml" href="([^"]+)"/.exec(await (await harness().fetch("/atom.xml")).text())![1]!;
    const page = await harness().fetch(next.replace(SITE, ""));
    expect(page.status).toBe(200);
    expect(linksOf(await page.text()).hubs).toEqual([]);
    expect(page.headers.get("Link")).toBeNull();
  });

  it("sends no Link header with the browser view of a feed, which is a page and not a topic", async () => {
    const response = await harness().fetch("/feed.xml", { headers: { "Sec-Fetch-Dest": "document" } });
    expect(response.headers.get("Content-Type")).toContain("text/html");
    expect(response.headers.get("Link")).toBeNull();
  });

  it("gives the feed another entity tag than without a hub, so no cache serves the bytes without it", async () => {
    const withHub = await harness().fetch("/feed.xml");
    const without = await createWorkerHarness({ env: { SITE_URL: SITE, WEBSUB_HUB: "" } }).fetch("/feed.xml");
    expect(withHub.headers.get("ETag")).not.toBe(without.headers.get("ETag"));
  });
});

describe("WebSub discovery without WEBSUB_HUB", () => {
  it.each(["/feed.xml", "/atom.xml", "/feed.json", `${CATEGORY}feed.xml`])("names no hub in %s and sends no Link header", async (path) => {
    const response = await createWorkerHarness({ env: { SITE_URL: SITE } }).fetch(path);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(linksOf(body).hubs).toEqual([]);
    expect(body).not.toContain("hub");
    expect(response.headers.get("Link")).toBeNull();
  });
});

describe("a bad WEBSUB_HUB", () => {
  it.each([
    [{ SITE_URL: SITE, WEBSUB_HUB: "http://pubsubhubbub.appspot.com/" }, /WEBSUB_HUB must be an https URL/],
    [{ SITE_URL: SITE, WEBSUB_HUB: "hub.example.org" }, /WEBSUB_HUB must be an absolute https URL/],
    [{ SITE_URL: "", WEBSUB_HUB: HUB }, /WEBSUB_HUB needs SITE_URL/],
  ])("answers a logged 500 naming the setting for %j, and never a feed without its hub", async (vars, reason) => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await createWorkerHarness({ env: vars }).fetch("/feed.xml");
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("WEBSUB_HUB");
    expect(logged.mock.calls.map((call) => call.map(String).join(" ")).join("\n")).toMatch(reason);
  });
});
