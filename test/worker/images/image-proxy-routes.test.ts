import { env } from "cloudflare:workers";
import { parseHTML } from "linkedom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { makeArticle } from "../../support/make-article";
import { clearKv, seedKv } from "../../support/seed-kv";
import { createFakeImageHost, JPEG_BYTES, PNG_BYTES, SVG_TEXT, WEBP_BYTES } from "../../support/create-fake-image-host";
import { createWorkerHarness, type WorkerHarness } from "../../support/worker-harness";

const ORIGIN = "https://example.com";
const SECRET = "a test secret of more than thirty-two characters";
const LIMITS = { timeoutMilliseconds: 300, maxBytes: 4096 };
const SINA = "https://n.sinaimg.cn/finance/20210611";
const FAILURES = ["missing", "forbidden", "html", "lying", "jpeg-declared-png", "svg-declared-png", "large", "large-declared", "stalls", "hangs", "unreachable", "moved", "moved-to-weibo", "moved-away", "loops"];
const PROXIED = new RegExp(`^${ORIGIN}/images/[A-Za-z0-9_-]{22}/`);

/** The seeded site: one article showing every kind of image and failure, one with a Weibo picture and one from another host. */
function articles() {
  const body = [...["a.png", "b.jpg", "c.webp", "d.svg", "e.png?w=640&h=480"], ...FAILURES.map((name) => `${name}.png`)]
    .map((name) => `<p><img src="${SINA}/${name.replaceAll("&", "&amp;")}" alt="" loading="lazy" referrerpolicy="no-referrer" /></p>`)
    .join("");
  return [
    makeArticle(1, { image: { url: `${SINA}/lead.png`, type: "image/png" }, contentHtml: `<p>正文</p>${body}` }),
    makeArticle(2, { contentHtml: '<p><img src="https://wx1.sinaimg.cn/large/weibo.jpg" alt="" /></p><p><img src="http://n.sinaimg.cn/old/plain-http.png" /></p>' }),
    makeArticle(3, { image: { url: "https://images.example.org/own.png" }, contentHtml: '<p><img src="https://images.example.org/own.png" alt="" /></p>' }),
  ];
}

beforeEach(async () => {
  await clearKv(env.FEEDS);
  await seedKv(env.FEEDS, articles());
});

function harness(options: { env?: Record<string, string>; cache?: boolean } = {}) {
  const host = createFakeImageHost({ maxBytes: LIMITS.maxBytes });
  const worker = createWorkerHarness({
    env: { IMAGE_PROXY_SECRET: SECRET, ...options.env },
    cache: options.cache ?? false,
    fetchUpstream: host.fetch,
    upstreamLimits: LIMITS,
  });
  return { host, worker };
}

/** Every image URL a feed or page shows: `<img src>` of the HTML bodies, `media:content`, Atom enclosures and JSON `image`. */
async function imageUrls(worker: WorkerHarness): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const sources = (html: string): string[] => [...parseHTML(`<div>${html}</div>`).document.querySelectorAll("img")].map((image) => image.getAttribute("src")!);
  const rss = await (await worker.fetch("/feed.xml")).text();
  const cdata = (xml: string, element: string): string[] => [...xml.matchAll(new RegExp(`<${element}[^>]*><!\\[CDATA\\[([\\s\\S]*?)\\]\\]></${element}>`, "g"))].map((match) => match[1]!);
  found.set("rss content:encoded", cdata(rss, "content:encoded").flatMap(sources));
  found.set("rss media:content", [...rss.matchAll(/<media:content url="([^"]*)"/g)].map((match) => match[1]!.replaceAll("&amp;", "&")));
  const atom = await (await worker.fetch("/atom.xml")).text();
  found.set("atom content", cdata(atom, "content").flatMap(sources));
  found.set("atom enclosure", [...atom.matchAll(/<link rel="enclosure"[^>]* href="([^"]*)"/g)].map((match) => match[1]!.replaceAll("&amp;", "&")));
  const json = (await (await worker.fetch("/feed.json")).json()) as { items: { content_html: string; image?: string }[] };
  found.set("json content_html", json.items.flatMap((item) => sources(item.content_html)));
  found.set("json image", json.items.flatMap((item) => (item.image ? [item.image] : [])));
  for (const id of ["a0001", "a0002", "a0003"]) {
    found.set(`/articles/${id}`, sources(await (await worker.fetch(`/articles/${id}`)).text()));
  }
  return found;
}

/** The proxied URL the site's JSON Feed gives for an upstream image URL. */
async function proxiedUrl(worker: WorkerHarness, upstream: string): Promise<string> {
  const all = [...(await imageUrls(worker)).values()].flat();
  const withoutScheme = upstream.replace(/^https?:\/\//, "");
  const url = all.find((candidate) => PROXIED.test(candidate) && candidate.replace(PROXIED, "") === withoutScheme);
  if (url === undefined) throw new Error(`no proxied URL for ${upstream} among ${all.join(" ")}`);
  return url;
}

const path = (url: string): string => url.slice(ORIGIN.length);

describe("feeds and pages", () => {
  it("point every image of a proxied host at the proxy, on the site's origin, in every format and on article pages", async () => {
    const { worker, host } = harness();
    const found = await imageUrls(worker);
    const own = "https://images.example.org/own.png";
    for (const [where, urls] of found) {
      expect(urls.length, where).toBeGreaterThan(0);
      for (const url of urls) if (url !== own) expect(url, where).toMatch(PROXIED);
    }
    const upstreams = (where: string): string[] => found.get(where)!.map((url) => url.replace(PROXIED, ""));
    const body = ["a.png", "b.jpg", "c.webp", "d.svg", "e.png?w=640&h=480", ...FAILURES.map((name) => `${name}.png`)].map((name) => `n.sinaimg.cn/finance/20210611/${name}`);
    const weibo = ["wx1.sinaimg.cn/large/weibo.jpg", "n.sinaimg.cn/old/plain-http.png"];
    // Feeds list the newest article first.
    for (const where of ["rss content:encoded", "atom content", "json content_html"]) expect(upstreams(where), where).toEqual([own, ...weibo, ...body]);
    for (const where of ["rss media:content", "atom enclosure", "json image"]) expect(upstreams(where), where).toEqual([own, "n.sinaimg.cn/finance/20210611/lead.png"]);
    expect(upstreams("/articles/a0001")).toEqual(["n.sinaimg.cn/finance/20210611/lead.png", ...body]);
    expect(body).toHaveLength(20);
    expect(upstreams("/articles/a0002")).toEqual(weibo);
    expect(found.get("/articles/a0003")).toEqual([own]);
    // Rendering made tokens; it fetched nothing.
    expect(host.requests).toEqual([]);
  });

  it("give the same token for an image whatever origin the site is reached on (tokens name the upstream URL only)", async () => {
    const { worker } = harness();
    const other = createWorkerHarness({ env: { IMAGE_PROXY_SECRET: SECRET }, origin: "https://edgefeed.example.workers.dev" });
    const token = (url: string): string => url.split("/")[4]!;
    const here = (await imageUrls(worker)).get("/articles/a0002")!.map(token);
    const there = (await imageUrls(other)).get("/articles/a0002")!.map(token);
    expect(there).toEqual(here);
  });

  it("keep every image's own URL when IMAGE_PROXY_HOSTS is empty, and /images/ answers 404", async () => {
    const { worker, host } = harness({ env: { IMAGE_PROXY_HOSTS: "" } });
    const proxied = await proxiedUrl(harness().worker, `${SINA}/a.png`);
    const found = await imageUrls(worker);
    expect([...found.values()].flat().every((url) => !url.includes("/images/"))).toBe(true);
    expect(found.get("/articles/a0001")).toContain(`${SINA}/a.png`);
    expect((await worker.fetch(path(proxied))).status).toBe(404);
    expect(host.requests).toEqual([]);
  });

  it("keep every image's own URL without IMAGE_PROXY_SECRET, and say so in the log", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const { worker } = harness({ env: { IMAGE_PROXY_SECRET: "" } });
      const found = await imageUrls(worker);
      expect([...found.values()].flat().every((url) => !url.includes("/images/"))).toBe(true);
      // Once per isolate, however many requests follow; this is the file's first request without a secret.
      expect(warn).toHaveBeenCalledOnce();
      expect(String(warn.mock.calls[0]![0])).toContain("npx wrangler secret put IMAGE_PROXY_SECRET");
    } finally {
      warn.mockRestore();
    }
  });

  it("answer a logged 500 when IMAGE_PROXY_SECRET is too short to be safe", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const { worker } = harness({ env: { IMAGE_PROXY_SECRET: "short" } });
      const response = await worker.fetch("/feed.xml");
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain("IMAGE_PROXY_SECRET");
      expect(String(error.mock.calls[0]?.[1])).toContain("IMAGE_PROXY_SECRET must be at least 32 characters");
    } finally {
      error.mockRestore();
    }
  });

  it("proxy the hosts IMAGE_PROXY_HOSTS names, subdomains included, and no others", async () => {
    const { worker } = harness({ env: { IMAGE_PROXY_HOSTS: "wx1.sinaimg.cn, Images.Example.org" } });
    const found = await imageUrls(worker);
    expect(found.get("/articles/a0001")!.every((url) => url.startsWith(SINA))).toBe(true);
    expect(found.get("/articles/a0002")!.map((url) => url.replace(PROXIED, "proxied:"))).toEqual(["proxied:wx1.sinaimg.cn/large/weibo.jpg", "http://n.sinaimg.cn/old/plain-http.png"]);
    expect(found.get("/articles/a0003")!.map((url) => url.replace(PROXIED, "proxied:"))).toEqual(["proxied:images.example.org/own.png"]);
  });
});

describe("/images/", () => {
  it.each([
    ["a.png", "image/png", PNG_BYTES],
    ["b.jpg", "image/jpeg", JPEG_BYTES],
    ["c.webp", "image/webp", WEBP_BYTES],
    ["jpeg-declared-png.png", "image/jpeg", JPEG_BYTES],
  ])("serves %s as %s with the checked bytes, their length and immutable caching", async (name, type, bytes) => {
    const { worker, host } = harness();
    const response = await worker.fetch(path(await proxiedUrl(worker, `${SINA}/${name}`)));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(type);
    expect(response.headers.get("Content-Length")).toBe(String(bytes.byteLength));
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("ETag")).toMatch(/^"[0-9a-f]{32}"$/);
    expect(response.headers.get("Last-Modified")).toBe("Fri, 11 Jun 2021 04:19:02 GMT");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
    expect(host.requests.map((request) => request.url)).toEqual([`${SINA}/${name}`]);
  });

  it("serves SVG sandboxed, so a script in it never runs on the site's origin", async () => {
    const { worker } = harness();
    const response = await worker.fetch(path(await proxiedUrl(worker, `${SINA}/d.svg`)));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/svg+xml");
    expect(response.headers.get("Content-Security-Policy")).toBe("default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'none'; sandbox");
    expect(await response.text()).toBe(SVG_TEXT);
  });

  it("asks upstream with the host's Referer and nothing of the reader's request: no cookie, no reader Referer", async () => {
    const { worker, host } = harness();
    const readerHeaders = { Cookie: "session=reader", Referer: "https://www.inoreader.com/", Authorization: "Bearer reader" };
    for (const upstream of [`${SINA}/a.png`, "https://wx1.sinaimg.cn/large/weibo.jpg"]) {
      expect((await worker.fetch(path(await proxiedUrl(worker, upstream)), { headers: readerHeaders })).status).toBe(200);
    }
    expect(host.requests.map((request) => [request.url, request.headers["referer"]])).toEqual([
      [`${SINA}/a.png`, "https://finance.sina.com.cn/"],
      ["https://wx1.sinaimg.cn/large/weibo.jpg", "https://weibo.com/"],
    ]);
    for (const request of host.requests) {
      expect(Object.keys(request.headers).sort()).toEqual(["accept", "referer", "user-agent"]);
    }
  });

  it("fetches an image whose article gave an http URL over http, and keeps its query", async () => {
    const { worker, host } = harness();
    expect((await worker.fetch(path(await proxiedUrl(worker, "http://n.sinaimg.cn/old/plain-http.png")))).status).toBe(200);
    expect((await worker.fetch(path(await proxiedUrl(worker, `${SINA}/e.png?w=640&h=480`)))).status).toBe(200);
    expect(host.requests.map((request) => request.url)).toEqual(["http://n.sinaimg.cn/old/plain-http.png", `${SINA}/e.png?w=640&h=480`]);
  });

  it("follows redirects to hosts it proxies, each with its own Referer, and no others", async () => {
    const { worker, host } = harness();
    const moved = await worker.fetch(path(await proxiedUrl(worker, `${SINA}/moved.png`)));
    expect(moved.status).toBe(200);
    expect(new Uint8Array(await moved.arrayBuffer())).toEqual(PNG_BYTES);
    const toWeibo = await worker.fetch(path(await proxiedUrl(worker, `${SINA}/moved-to-weibo.png`)));
    expect(toWeibo.status).toBe(200);
    expect(toWeibo.headers.get("Content-Type")).toBe("image/jpeg");
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect((await worker.fetch(path(await proxiedUrl(worker, `${SINA}/moved-away.png`)))).status).toBe(502);
      expect((await worker.fetch(path(await proxiedUrl(worker, `${SINA}/loops.png`)))).status).toBe(502);
    } finally {
      error.mockRestore();
    }
    expect(host.requests.slice(0, 4).map((request) => [request.url, request.headers["referer"]])).toEqual([
      [`${SINA}/moved.png`, "https://finance.sina.com.cn/"],
      [`${SINA}/a.png`, "https://finance.sina.com.cn/"],
      [`${SINA}/moved-to-weibo.png`, "https://finance.sina.com.cn/"],
      ["https://wx2.sinaimg.cn/large/moved.jpg", "https://weibo.com/"],
    ]);
    expect(host.requests.some((request) => request.url.includes("images.example.org"))).toBe(false);
    // The loop: the first request and five redirects followed, then it stops.
    expect(host.requests.filter((request) => request.url.endsWith("/loops.png"))).toHaveLength(6);
  });

  it("keeps an image in the cache: more views cost no more upstream requests", async () => {
    const { worker, host } = harness({ cache: true });
    const url = path(await proxiedUrl(worker, `${SINA}/a.png`));
    const first = await worker.fetch(url);
    const etag = first.headers.get("ETag");
    await first.arrayBuffer();
    for (let view = 0; view < 3; view++) {
      const again = await worker.fetch(url);
      expect(again.status).toBe(200);
      expect(again.headers.get("ETag")).toBe(etag);
      expect(new Uint8Array(await again.arrayBuffer())).toEqual(PNG_BYTES);
    }
    expect(host.requests).toHaveLength(1);
  });

  it("answers HEAD with the headers and no body, and conditional requests with 304", async () => {
    const { worker } = harness({ cache: true });
    const url = path(await proxiedUrl(worker, `${SINA}/a.png`));
    const head = await worker.fetch(url, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("Content-Type")).toBe("image/png");
    expect(head.headers.get("Content-Length")).toBe(String(PNG_BYTES.byteLength));
    expect(await head.text()).toBe("");
    const etag = head.headers.get("ETag")!;
    const conditions: Record<string, string>[] = [{ "If-None-Match": etag }, { "If-None-Match": `W/${etag}` }, { "If-Modified-Since": "Fri, 11 Jun 2021 04:19:02 GMT" }, { "If-Modified-Since": "Sat, 12 Jun 2021 00:00:00 GMT" }];
    for (const headers of conditions) {
      const response = await worker.fetch(url, { headers });
      expect(response.status, JSON.stringify(headers)).toBe(304);
      expect(response.headers.get("ETag")).toBe(etag);
      expect(await response.text()).toBe("");
    }
    expect((await worker.fetch(url, { headers: { "If-None-Match": '"other"' } })).status).toBe(200);
    expect((await worker.fetch(url, { headers: { "If-Modified-Since": "Thu, 10 Jun 2021 00:00:00 GMT" } })).status).toBe(200);
  });

  it("refuses, without any upstream request, what no article shows: unknown URLs, forged tokens, another image's or host's token, hosts not proxied", async () => {
    const { worker, host } = harness();
    const good = path(await proxiedUrl(worker, `${SINA}/a.png`));
    const token = good.split("/")[2]!;
    const forged = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    const refused = [
      `/images/${token}/n.sinaimg.cn/finance/20210611/unknown.png`,
      good.replace(token, forged),
      good.replace(token, "A".repeat(22)),
      good.replace("n.sinaimg.cn", "k.sinaimg.cn"),
      good.replace("n.sinaimg.cn", "images.example.org"),
      good.replace("n.sinaimg.cn", "n.sinaimg.cn.evil.example"),
      `${good}?extra=1`,
      `/images/${token}/images.example.org/own.png`,
      `/images/${token}/user@n.sinaimg.cn/finance/20210611/a.png`,
      `/images/${token}/n.sinaimg.cn:8080/finance/20210611/a.png`,
      `/images/${token}`,
      `/images/${token}/n.sinaimg.cn`,
      "/images/",
      "/images/%zz/%E0%A4%A/x",
    ];
    for (const url of refused) {
      const response = await worker.fetch(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get("Cache-Control"), url).toBe("no-store");
    }
    expect(host.requests).toEqual([]);
  });

  it.each([
    ["missing", 404],
    ["forbidden", 502],
    ["html", 502],
    ["lying", 502],
    ["svg-declared-png", 502],
    ["large", 502],
    ["large-declared", 502],
    ["unreachable", 502],
    ["stalls", 504],
    ["hangs", 504],
  ])("answers an upstream %s image with %i, never passing on the upstream's body", async (name, status) => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const { worker, host } = harness({ cache: true });
      const url = path(await proxiedUrl(worker, `${SINA}/${name}.png`));
      const response = await worker.fetch(url);
      expect(response.status).toBe(status);
      expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
      expect(response.headers.get("Cache-Control")).toBe("no-store");
      expect(response.headers.get("Retry-After")).toBe(status === 404 ? null : "60");
      const text = await response.text();
      expect(text).not.toMatch(/upstream's own|<script|<html/);
      expect(host.requests).toHaveLength(1);
      // A failure is not cached: the next view asks again.
      expect((await worker.fetch(url)).status).toBe(status);
      expect(host.requests).toHaveLength(2);
    } finally {
      error.mockRestore();
    }
  });

  it("answers other methods with 405, like every route", async () => {
    const { worker, host } = harness();
    const url = path(await proxiedUrl(worker, `${SINA}/a.png`));
    expect((await worker.fetch(url, { method: "POST" })).status).toBe(405);
    expect(host.requests).toEqual([]);
  });
});
