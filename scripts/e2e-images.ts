// npm run test:images: the image proxy end to end. Starts a local stand-in for Sina's picture hosts
// (scripts/support/image-host-stand-in.ts), builds seeds/, generated posts and posts showing every image
// format and every upstream failure, their pictures all on it, into a private local KV store, serves that with `wrangler dev` proxying the
// stand-in's host (IMAGE_PROXY_HOSTS = "127.0.0.1"), and checks what a feed reader sees: every image of
// every feed and page points at our origin, each serves the stand-in's bytes (or the status its failure
// maps to), the stand-in never sees a foreign Referer or a cookie, what no article shows is refused without
// an upstream request, and cache, HEAD and conditional requests behave. Prints one seed image's headers.
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { discoverFeeds } from "./e2e/discover-feeds";
import { type FoundImage, readFeedImageUrls, readPageImageUrls } from "./e2e/read-image-urls";
import { readArticlePageLinks } from "./e2e/read-site-links";
import { type ImageHostStandIn, STAND_IN_ERROR_MARKER, STAND_IN_FAILURES, startImageHostStandIn } from "./support/image-host-stand-in";
import { runCommandOrFail } from "./support/run-command";
import { type WranglerDev, startWranglerDev } from "./support/start-wrangler-dev";
import { IMAGE_FORMAT_LEAD, IMAGE_FORMAT_PATHS, writeImageTestPosts } from "./support/write-image-test-posts";
import { exitWithUsageIfAsked } from "./support/exit-with-usage-if-asked";

const GENERATED_POSTS = 40;
exitWithUsageIfAsked(`usage: npm run test:images

The image proxy end to end: starts a local stand-in for Sina's picture hosts, builds seeds/, generated posts
and posts showing every image format and every upstream failure into a private local KV store, serves it
with \`wrangler dev\` proxying the stand-in, and checks that every image of every feed and page points at our
origin and serves the stand-in's bytes (or the status its failure maps to), that the stand-in never sees a
foreign Referer or a cookie, and that what no article shows is refused. Exits 1 listing each failed check.

  --help   show this text`);

// The seed's lead picture, as the seed names it on n.sinaimg.cn.
const SEED_IMAGE = "/sinakd2021611s/618/w1080h9938/20210611/50fd-krhvrxt7764592.png";
const IMMUTABLE = "public, max-age=31536000, immutable";
const SVG_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'none'; sandbox";
// What each failure of the stand-in must become; every other stand-in path must serve its image.
const EXPECTED_STATUS: Record<string, number> = {
  [STAND_IN_FAILURES.page]: 502,
  [STAND_IN_FAILURES.lyingType]: 502,
  [STAND_IN_FAILURES.oversize]: 502,
  [STAND_IN_FAILURES.oversizeUndeclared]: 502,
  [STAND_IN_FAILURES.neverFinishes]: 504,
  [STAND_IN_FAILURES.neverAnswers]: 504,
  [STAND_IN_FAILURES.missing]: 404,
  [STAND_IN_FAILURES.serverError]: 502,
};
const stopping = new AbortController();

/** What failed, each a line; the run fails when any is recorded. */
const problems: string[] = [];
function check(condition: boolean, what: string): void {
  if (!condition) problems.push(what);
}

/** Every image of every feed and page: the feeds readers find, the home page, and every article's page. */
async function collectImages(origin: string): Promise<{ images: Map<string, string[]>; documents: number }> {
  const images = new Map<string, string[]>();
  const add = (found: FoundImage[], documentUrl: string): void => {
    for (const { where, url } of found) images.set(url, [...(images.get(url) ?? []), `${documentUrl} (${where})`]);
  };
  const discovered = await discoverFeeds(origin);
  problems.push(...discovered.problems);
  const feeds = discovered.urls.filter((url) => !url.endsWith("/opml.xml"));
  const articles = new Set<string>();
  for (const url of feeds) {
    const body = await fetchText(url);
    add(readFeedImageUrls(body, url), url);
    // RSS and Atom items link their article page; JSON items name it as `url`.
    for (const match of body.matchAll(/<link>([^<]+)<\/link>|<link rel="alternate" type="text\/html" href="([^"]+)"\/>|"url":"([^"]+)"/g)) {
      const link = match[1] ?? match[2] ?? match[3]!;
      if (/\/articles\/[^/]+$/.test(link)) articles.add(link.replaceAll("&amp;", "&"));
    }
  }
  const pages = [`${origin}/`, ...discovered.scopePages];
  for (const page of pages) {
    const html = await fetchText(page);
    add(readPageImageUrls(html, page), page);
    readArticlePageLinks(html, page).forEach((article) => articles.add(article));
  }
  for (const article of articles) add(readPageImageUrls(await fetchText(article), article), article);
  return { images, documents: feeds.length + pages.length + articles.size };
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  check(response.status === 200, `${url}: answered ${response.status}`);
  return text;
}

/** The stand-in path (and query) a proxied URL names: `/images/<token>/127.0.0.1:<port><path>` → `<path>`. */
function upstreamPathOf(url: string, standIn: ImageHostStandIn): string | undefined {
  const host = new URL(standIn.origin).host;
  const match = new RegExp(`^/images/[A-Za-z0-9_-]{22}/${host.replace(/[.]/g, "\\.")}(/.*)$`).exec(new URL(url).pathname + new URL(url).search);
  return match?.[1];
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "edgefeed-e2e-images-"));
  const standIn = await startImageHostStandIn();
  let worker: WranglerDev | undefined;
  try {
    console.log(`image host stand-in on ${standIn.origin}`);
    const posts = join(work, "posts");
    await writeImageTestPosts(posts, standIn.origin, { generated: GENERATED_POSTS, formats: true, failures: true });
    const state = join(work, "state");
    console.log(`building seeds/, ${GENERATED_POSTS} generated posts and the image formats and failures posts, their pictures on the stand-in…`);
    await runCommandOrFail("npm", ["run", "--silent", "build", "--", posts, "--quiet", "--persist-to", state], { signal: stopping.signal });
    worker = await startWranglerDev({
      state,
      timeoutMilliseconds: 60_000,
      signal: stopping.signal,
      vars: { IMAGE_PROXY_HOSTS: "127.0.0.1", IMAGE_PROXY_SECRET: randomBytes(32).toString("hex") },
    });
    const { origin } = worker;
    console.log(`wrangler dev answers on ${origin}, proxying the images of 127.0.0.1`);

    // 1. Every image of every feed and page points at our origin, and between them they show every picture.
    const { images, documents } = await collectImages(origin);
    check(standIn.requests.length === 0, `rendering feeds and pages made ${standIn.requests.length} upstream requests; it should make none`);
    const upstreamPaths = new Map<string, string>();
    for (const [url, where] of images) {
      const path = url.startsWith(`${origin}/images/`) ? upstreamPathOf(url, standIn) : undefined;
      if (path === undefined) problems.push(`${url} does not point at ${origin}/images/ (in ${where.slice(0, 3).join(", ")})`);
      else upstreamPaths.set(path, url);
    }
    for (const path of [SEED_IMAGE, IMAGE_FORMAT_LEAD, ...IMAGE_FORMAT_PATHS, ...Object.values(STAND_IN_FAILURES)]) check(upstreamPaths.has(path), `no feed or page shows the stand-in's ${path} through the proxy`);
    console.log(`ok  ${images.size} image URLs in ${documents} feeds and pages, all on ${origin}/images/ (${upstreamPaths.size} pictures)`);

    // 2. Each one serves the stand-in's bytes, or the status its failure maps to; both views of it cost one upstream request.
    const results = await Promise.all(
      [...upstreamPaths].map(async ([path, url]) => {
        const started = Date.now();
        // A reader's cookie and Referer, which must not reach the host; no compression, so Content-Length is the proxy's.
        const headers = { Cookie: "reader=secret", Referer: "https://www.inoreader.com/", "Accept-Encoding": "identity" };
        const response = await fetch(url, { signal: AbortSignal.timeout(60_000), headers });
        return { path, url, response, bytes: Buffer.from(await response.arrayBuffer()), milliseconds: Date.now() - started };
      }),
    );
    for (const { path, url, response, bytes, milliseconds } of results) {
      const expected = EXPECTED_STATUS[path] ?? 200;
      check(response.status === expected, `${path}: answered ${response.status}, expected ${expected} (${url})`);
      if (expected === 200) {
        const image = await standIn.imageAt(path.split("?")[0]!);
        check(image !== undefined && bytes.equals(image.bytes), `${path}: the bytes differ from the stand-in's`);
        check(response.headers.get("content-type") === image?.type, `${path}: Content-Type ${response.headers.get("content-type")}, expected ${image?.type}`);
        check(response.headers.get("content-length") === String(bytes.length), `${path}: Content-Length ${response.headers.get("content-length")} for ${bytes.length} bytes`);
        check(response.headers.get("cache-control") === IMMUTABLE, `${path}: Cache-Control ${response.headers.get("cache-control")}`);
        check(/^"[0-9a-f]{32}"$/.test(response.headers.get("etag") ?? ""), `${path}: no content ETag`);
        check(response.headers.get("set-cookie") === null, `${path}: passes the upstream's Set-Cookie on`);
        if (image?.type === "image/svg+xml") check(response.headers.get("content-security-policy") === SVG_POLICY, `${path}: SVG without the sandbox policy`);
      } else {
        const text = bytes.toString("utf8");
        check(!text.includes(STAND_IN_ERROR_MARKER) && !text.includes("<script"), `${path}: passes the upstream's body on`);
        check(expected === 404 || response.headers.get("retry-after") !== null, `${path}: ${expected} without Retry-After`);
        if (expected === 504) check(milliseconds >= 9_000 && milliseconds < 20_000, `${path}: timed out after ${milliseconds} ms, expected about 10 s`);
      }
      console.log(`ok  ${path} → ${response.status} ${response.headers.get("content-type")} ${bytes.length} bytes`);
    }
    const upstreamBefore = standIn.requests.length;
    for (const { path, url } of results.filter((result) => result.response.status === 200)) {
      const again = await fetch(url);
      await again.arrayBuffer();
      check(again.status === 200, `${path}: a second view answered ${again.status}`);
    }
    check(standIn.requests.length === upstreamBefore, `second views of cached images made ${standIn.requests.length - upstreamBefore} upstream requests`);
    const perPath = new Map<string, number>();
    for (const request of standIn.requests) perPath.set(request.path, (perPath.get(request.path) ?? 0) + 1);
    for (const [path, count] of perPath) check(count === 1 || (EXPECTED_STATUS[path] ?? 200) !== 200, `${path}: fetched upstream ${count} times`);
    console.log(`ok  a second view of each image came from the cache (${standIn.requests.length} upstream requests in all)`);

    // 3. The stand-in never saw a foreign Referer (nor any Referer: 127.0.0.1 has no rule) or a cookie.
    const foreign = standIn.requests.filter((request) => request.referer !== undefined || request.cookie !== undefined);
    check(foreign.length === 0, `the stand-in saw a Referer or a cookie: ${JSON.stringify(foreign.slice(0, 3))}`);
    console.log("ok  the stand-in saw no Referer and no cookie");

    // 4. What no article shows is refused, and costs no upstream request.
    const seedUrl = upstreamPaths.get(SEED_IMAGE)!;
    const token = new URL(seedUrl).pathname.split("/")[2]!;
    const host = new URL(standIn.origin).host;
    const forged = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    const refused = [
      [`${origin}/images/${token}/${host}/cases/not-in-any-article.png`, "a URL no article contains, with another image's token"],
      [seedUrl.replace(token, forged), "a forged token"],
      [seedUrl.replace(token, "A".repeat(22)), "a made-up token"],
      [seedUrl.replace(`/${host}/`, `/localhost:${new URL(standIn.origin).port}/`), "the token of another host (the same stand-in, as localhost)"],
      [`${origin}/images/${token}/localhost:${new URL(origin).port}/feed.xml`, "a host IMAGE_PROXY_HOSTS does not name"],
      [`${seedUrl}?more=1`, "another query"],
    ];
    const before = standIn.requests.length;
    for (const [url, what] of refused) {
      const response = await fetch(url!);
      await response.arrayBuffer();
      check(response.status === 404, `${what}: answered ${response.status}, expected 404 (${url})`);
    }
    check(standIn.requests.length === before, `refused requests reached the stand-in ${standIn.requests.length - before} times`);
    console.log(`ok  ${refused.length} URLs no article shows answered 404 without an upstream request`);

    // 5. HEAD and conditional requests; then the seed image with its headers, for the record.
    const head = await fetch(seedUrl, { method: "HEAD" });
    const seed = await standIn.imageAt(SEED_IMAGE);
    check(head.status === 200 && head.headers.get("content-length") === String(seed!.bytes.length) && (await head.text()) === "", `HEAD ${seedUrl}: ${head.status}, Content-Length ${head.headers.get("content-length")}`);
    const etag = head.headers.get("etag")!;
    const conditions: Record<string, string>[] = [{ "If-None-Match": etag }, { "If-None-Match": `W/${etag}` }, { "If-Modified-Since": head.headers.get("last-modified")! }];
    for (const headers of conditions) {
      const response = await fetch(seedUrl, { headers });
      check(response.status === 304 && (await response.text()) === "", `${JSON.stringify(headers)}: answered ${response.status}, expected 304`);
    }
    const changed = await fetch(seedUrl, { headers: { "If-None-Match": '"something-else"' } });
    check(changed.status === 200 && (await changed.arrayBuffer()).byteLength === seed!.bytes.length, `If-None-Match of another tag: answered ${changed.status}`);
    console.log("ok  HEAD, If-None-Match and If-Modified-Since");
    const shown = await fetch(seedUrl);
    const bytes = Buffer.from(await shown.arrayBuffer());
    console.log(`\nthe seed's image through wrangler dev:\nGET ${seedUrl}\n${shown.status} ${shown.statusText}`);
    for (const [name, value] of shown.headers) console.log(`${name}: ${value}`);
    console.log(`(${bytes.length} bytes, SHA-256 ${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}…, the stand-in's: ${bytes.equals(seed!.bytes)})\n`);
  } finally {
    await worker?.stop();
    await standIn.stop();
    await rm(work, { recursive: true, force: true });
  }
  if (problems.length > 0) throw new Error(`${problems.length} problems:\n${problems.join("\n")}`);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    stopping.abort();
    process.exit(130);
  });
}

main().then(
  () => console.log("test:images passed"),
  (error: unknown) => {
    console.error(`test:images failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
