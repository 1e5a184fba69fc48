// npm run test:browser [-- --docs]: builds the seed plus generated posts, their pictures on a local stand-in
// for Sina's picture host, into a private local KV store, serves it with `wrangler dev` proxying that host's
// images, and reads the site in Debian's headless Chromium like a person would: home, a category page and its
// second page, an article, an article with a picture of every format, and the RSS, Atom and JSON feeds opened in
// the browser (their HTML views). Fails on any failed check, console error, page error, script dialog or request to another
// origin than ours. Screenshots (desktop and phone) go to .build/screenshots/; --docs also copies the home
// and article ones to docs/.
import { copyFile, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { buildSite } from "./browser/serve-built-site";
import { type ImageHostStandIn, startImageHostStandIn } from "./support/image-host-stand-in";
import { startWranglerDev } from "./support/start-wrangler-dev";
import { IMAGE_FORMAT_PATHS, IMAGE_FORMATS_ARTICLE } from "./support/write-image-test-posts";
import { exitWithUsageIfAsked } from "./support/exit-with-usage-if-asked";

exitWithUsageIfAsked(`usage: npm run test:browser [-- --docs]

Builds seeds/ and generated posts (their pictures on a local stand-in for Sina's picture host) into a private
local KV store, serves it with \`wrangler dev\` and reads the home, a category and its second page, an
article, an article with a picture of every format and the RSS, Atom and JSON feeds in Debian's headless Chromium
(CHROMIUM_PATH, default /usr/bin/chromium). Exits 1 on any failed check, console error, page error, script
dialog, image that did not load or request to another origin. Screenshots go to .build/screenshots/.

  --docs   also copy the home and article screenshots to docs/
  --help   show this text`);

const ROOT = resolve(import.meta.dirname, "..");
const WORK = join(ROOT, ".build", "e2e");
const SCREENSHOTS = join(ROOT, ".build", "screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Enough that the site and its largest category have more articles than one page, and than a feed's head.
const GENERATED_POSTS = 120;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
// Aborted on SIGINT or SIGTERM: stops the build commands and wrangler dev, which run in process groups of their own.
const stopping = new AbortController();

// Code that runs in the page is passed as strings: this project compiles without the DOM library
// (workers-types defines the globals), so DOM names would not type-check here.

/** Collects what must not happen on a page: console errors, uncaught errors, dialogs. */
function watch(page: Page, problems: string[], warnings: string[]): void {
  page.on("console", (message) => {
    const line = `${message.type()}: ${message.text()} (${page.url()})`;
    if (message.type() === "error") problems.push(`console ${line}`);
    else if (message.type() === "warning") warnings.push(line);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message} (${page.url()})`));
  page.on("dialog", (dialog) => {
    problems.push(`script dialog: ${dialog.type()} ${dialog.message()} (${page.url()})`);
    void dialog.dismiss();
  });
}

/** Throws naming the page when a condition fails. */
function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`check failed: ${what}`);
}

/** Saves what a person first sees at desktop and at phone width, plus the whole desktop page, and checks nothing is wider than the phone. */
async function screenshots(page: Page, name: string): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-desktop.png`) });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-desktop-full.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
  check(overflow <= 0, `${name} fits a ${PHONE.width}px phone without scrolling sideways (overflow ${overflow}px)`);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-phone.png`) });
  // The same page as someone with a dark system theme sees it (prefers-color-scheme: dark).
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-phone-dark.png`) });
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize(DESKTOP);
}

/** The page's stylesheet is applied: CJK font stack and line height from /style.css. */
async function checkStyled(page: Page, name: string): Promise<void> {
  const style = await page.evaluate<{ font: string; lineHeight: number; fontSize: number }>(`(() => {
    const computed = getComputedStyle(document.body);
    return { font: computed.fontFamily, lineHeight: parseFloat(computed.lineHeight), fontSize: parseFloat(computed.fontSize) };
  })()`);
  check(style.font.includes("PingFang SC"), `${name} uses the stylesheet's CJK font stack (got ${style.font})`);
  check(Math.abs(style.lineHeight / style.fontSize - 1.8) < 0.01, `${name} has a 1.8 line height (got ${style.lineHeight}px / ${style.fontSize}px)`);
}

async function readHome(page: Page, origin: string): Promise<{ categoryUrl: string; articleUrl: string; articleTitle: string }> {
  const response = await page.goto(`${origin}/`);
  check(response?.status() === 200, "home answers 200");
  check((await page.title()) === "edgefeed", "home is titled with the site's title");
  check((await page.locator("h1").textContent()) === "edgefeed", "home's heading is the site's title");
  const feeds = await page.locator('link[rel="alternate"]').evaluateAll((links) => links.map((link) => `${link.getAttribute("type")} ${link.getAttribute("href")}`));
  check(
    JSON.stringify(feeds) === JSON.stringify([`application/rss+xml ${origin}/feed.xml`, `application/atom+xml ${origin}/atom.xml`, `application/feed+json ${origin}/feed.json`]),
    `home offers the site's RSS, Atom and JSON feeds for autodiscovery (got ${feeds.join(", ")})`,
  );
  const articles = page.locator(".article-list > li");
  check((await articles.count()) === 20, `home lists the newest 20 articles (got ${await articles.count()})`);
  check(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/.test((await articles.first().locator("time").textContent()) ?? ""), "home shows dates as 2021年6月11日 12:19");
  check(((await articles.first().locator(".summary").textContent()) ?? "").length > 10, "home shows each article's summary");
  const categories = page.locator(".category-tree > li");
  check((await categories.count()) > 0, "home shows the category tree");
  check(/\d+ 篇文章/.test((await categories.first().locator(".count").first().textContent()) ?? ""), "the category tree shows article counts");
  check((await categories.first().locator(".feeds a").count()) >= 3, "each category offers its feeds");
  check((await page.locator('.pager a[rel="next"]').getAttribute("href")) === `${origin}/?page=2`, "home links to its older articles");
  await checkStyled(page, "home");
  await screenshots(page, "home");
  // The most populated root category, so its page has more than one page of articles.
  const counts = await categories.evaluateAll((items) =>
    items.map((item) => ({ href: item.querySelector("a")!.getAttribute("href")!, total: parseInt(item.querySelector(".count")!.textContent!, 10) })),
  );
  counts.sort((first, second) => second.total - first.total);
  const articleLink = articles.first().locator("h3 a");
  return { categoryUrl: counts[0]!.href, articleUrl: (await articleLink.getAttribute("href"))!, articleTitle: (await articleLink.textContent())! };
}

async function readCategory(page: Page, origin: string, categoryUrl: string): Promise<void> {
  const response = await page.goto(categoryUrl);
  check(response?.status() === 200, `${categoryUrl} answers 200`);
  const name = decodeURIComponent(new URL(categoryUrl).pathname.split("/").filter(Boolean).pop()!);
  check((await page.locator("h1").textContent()) === name, `the category page is headed ${name}`);
  const feedUrl = `${categoryUrl}feed.xml`;
  check((await page.locator('link[rel="alternate"][type="application/rss+xml"]').getAttribute("href")) === feedUrl, "the category page offers its own RSS feed for autodiscovery");
  const copied = await page.locator(".subscribe code.url").allTextContents();
  check(copied.includes(feedUrl) && copied.length === 3, "the subscribe box shows the three feed URLs to copy");
  check((await page.locator(`.subscribe a[href="${origin}/opml.xml"]`).count()) === 1, "the subscribe box links the OPML");
  const total = parseInt((await page.locator("main > .meta .count").textContent()) ?? "", 10);
  check(total > 20, `the largest category has more than one page of articles (got ${total})`);
  check((await page.locator(".article-list > li").count()) === 20, "the category page lists 20 articles");
  const firstPage = await page.locator(".article-list h3 a").allTextContents();
  await checkStyled(page, "category");
  await screenshots(page, "category");
  await page.locator('.pager a[rel="next"]').click();
  await page.waitForURL(`${categoryUrl}?page=2`);
  const secondPage = await page.locator(".article-list h3 a").allTextContents();
  check(secondPage.length > 0 && secondPage.every((title) => !firstPage.includes(title)), "page 2 lists older articles than page 1, none repeated");
  check((await page.locator('.pager a[rel="prev"]').getAttribute("href")) === categoryUrl, "page 2 links back to the first page");
}

/**
 * Checks that every image of the page's article comes through the image proxy on our own origin and loaded:
 * Chromium decoded it (`naturalWidth` > 0), which also says it got the right bytes with the right type.
 */
async function checkImagesLoaded(page: Page, origin: string, name: string): Promise<void> {
  // Article images load lazily: each is scrolled to, then decode() waits for it (and fails for a broken one).
  const images = await page.evaluate<{ src: string; loaded: boolean }[]>(`(async () => {
    const found = [];
    for (const image of document.querySelectorAll("article img")) {
      image.scrollIntoView();
      await image.decode().catch(() => undefined);
      found.push({ src: image.currentSrc || image.src, loaded: image.complete && image.naturalWidth > 0 });
    }
    window.scrollTo(0, 0);
    return found;
  })()`);
  for (const image of images) {
    check(image.src.startsWith(`${origin}/images/`), `${name}'s image ${image.src} comes from ${origin}/images/`);
    check(image.loaded, `${name}'s image ${image.src} loaded (natural width > 0)`);
  }
}

/** An article showing a picture of every format the stand-in serves (PNG, JPEG, WebP, GIF, SVG): each loads through the proxy. */
async function readImageFormats(page: Page, origin: string, standIn: ImageHostStandIn): Promise<void> {
  const url = `${origin}/articles/${IMAGE_FORMATS_ARTICLE}`;
  const response = await page.goto(url);
  check(response?.status() === 200, `${url} answers 200`);
  await page.waitForLoadState("load");
  // The lead image and one per format.
  const count = await page.locator("article img").count();
  check(count === IMAGE_FORMAT_PATHS.length + 1, `${url} shows ${IMAGE_FORMAT_PATHS.length + 1} images (got ${count})`);
  await checkImagesLoaded(page, origin, url);
  const seen = standIn.requests.filter((request) => request.path.startsWith("/cases/"));
  check(seen.length === count, `the stand-in was asked once for each of the ${count} images (got ${seen.length})`);
  await screenshots(page, "image-formats");
}

async function readArticle(page: Page, origin: string, articleUrl: string, articleTitle: string): Promise<void> {
  const referers: (string | undefined)[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "image" && !request.url().startsWith("data:")) referers.push(request.headers()["referer"]);
  });
  const response = await page.goto(articleUrl);
  check(response?.status() === 200, `${articleUrl} answers 200`);
  check((await page.locator("article h1").textContent()) === articleTitle, "the article page shows the title the home page listed");
  check(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/.test((await page.locator("article header time").first().textContent()) ?? ""), "the article shows its date in the site's time zone");
  check(((await page.locator("article header .author").textContent()) ?? "") !== "", "the article shows its author");
  check((await page.locator(".article-body p").count()) > 1, "the article shows its cleaned body");
  const images = page.locator("article img");
  check((await images.count()) > 0, "the article shows its image");
  await page.waitForLoadState("load");
  for (const image of await images.all()) {
    check((await image.getAttribute("referrerpolicy")) === "no-referrer", "every article image asks for no referrer");
  }
  await checkImagesLoaded(page, origin, "the article");
  check(referers.length > 0 && referers.every((referer) => referer === undefined), "images are requested without a Referer (Sina refuses foreign ones)");
  const categoryLinks = page.locator(".article-footer nav a");
  check((await categoryLinks.count()) > 0, "the article links to its categories");
  await checkStyled(page, "article");
  await screenshots(page, "article");
  const firstCategory = (await categoryLinks.first().getAttribute("href"))!;
  await categoryLinks.first().click();
  await page.waitForURL(firstCategory);
  check((await page.locator(".article-list h3 a", { hasText: articleTitle }).count()) > 0, "the article's category page lists it");
}

async function readFeed(page: Page, origin: string, path: string, name: "RSS" | "Atom" | "JSON Feed"): Promise<void> {
  const response = await page.goto(`${origin}${path}`);
  check(response?.status() === 200, `${path} answers 200`);
  // A navigation sends Sec-Fetch-Dest: document, so the Worker answers with the feed's HTML view, no XSLT.
  check(((await response?.headerValue("content-type")) ?? "").startsWith("text/html"), `${path} is an HTML page for the browser`);
  check((await response?.headerValue("vary")) === "Sec-Fetch-Dest", `${path} varies on Sec-Fetch-Dest for the browser`);
  check((await page.title()) === `edgefeed (${name})`, `${path} in the browser is titled "edgefeed (${name})", got "${await page.title()}"`);
  check(((await page.locator(".feed-notice h2").textContent()) ?? "").includes(`这是一个 ${name} 订阅源`), `${path} says it is a ${name} feed`);
  check((await page.locator(".feed-notice code.url").textContent()) === `${origin}${path}`, `${path} shows its own URL to copy`);
  const readers = await page.locator(".feed-notice .readers a").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  check(readers.length > 0 && readers.every((href) => href.includes(encodeURIComponent(`${origin}${path}`))), `${path} links web readers that subscribe to it`);
  const items = page.locator(".article-list > li");
  check((await items.count()) === 20, `${path} lists its 20 items`);
  const link = (await items.first().locator("h3 a").getAttribute("href")) ?? "";
  check(link.startsWith(`${origin}/articles/`), `${path} items link to article pages (got ${link})`);
  check((await page.locator('.pager a[rel="next"]').count()) === 1, `${path} links its older items`);
  // What a reader fetches at the same URL is still the feed itself.
  const feed = await page.request.get(`${origin}${path}`, { headers: { "Sec-Fetch-Dest": "empty" } });
  check(!(feed.headers()["content-type"] ?? "").startsWith("text/html"), `${path} is still a feed for a reader's fetch`);
  await checkStyled(page, `${name} in the browser`);
  await screenshots(page, name.toLowerCase().replace(" ", "-"));
  await items.first().locator("h3 a").click();
  await page.waitForURL(link);
  check((await page.locator("article h1").count()) === 1, `${path}'s first item opens its article page`);
}

async function main(): Promise<void> {
  const updateDocs = process.argv.includes("--docs");
  await rm(WORK, { recursive: true, force: true });
  await rm(SCREENSHOTS, { recursive: true, force: true });
  await mkdir(SCREENSHOTS, { recursive: true });
  await mkdir(WORK, { recursive: true });
  const state = join(WORK, "state");
  const standIn = await startImageHostStandIn();
  console.log(`building seeds/ and generated posts, their pictures on the stand-in ${standIn.origin}, into a private local KV store…`);
  await buildSite(state, GENERATED_POSTS, standIn.origin, stopping.signal);
  // The stand-in's host goes through the image proxy, as Sina's does in production.
  const worker = await startWranglerDev({ state, timeoutMilliseconds: 60_000, signal: stopping.signal, vars: { IMAGE_PROXY_HOSTS: new URL(standIn.origin).hostname } });
  const { origin } = worker;
  console.log(`wrangler dev answers on ${origin}`);
  const profile = await mkdtemp(join(tmpdir(), "edgefeed-chromium-"));
  let context: BrowserContext | undefined;
  const problems: string[] = [];
  const warnings: string[] = [];
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: DESKTOP,
      locale: "zh-CN",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    // Nothing is stubbed: every image comes from our origin (the proxy), so a request anywhere else is a failure.
    await context.route(
      (url) => url.origin !== origin && url.protocol !== "data:",
      (route) => {
        problems.push(`request to another origin: ${route.request().url()}`);
        return route.abort();
      },
    );
    const page = await context.newPage();
    watch(page, problems, warnings);
    const home = await readHome(page, origin);
    console.log("ok  home");
    await readCategory(page, origin, home.categoryUrl);
    console.log(`ok  category ${decodeURI(home.categoryUrl)} and its page 2`);
    await readArticle(page, origin, home.articleUrl, home.articleTitle);
    console.log(`ok  article ${home.articleUrl}`);
    await readImageFormats(page, origin, standIn);
    console.log(`ok  an article with a picture of every format, each through ${origin}/images/`);
    await readFeed(page, origin, "/feed.xml", "RSS");
    console.log("ok  /feed.xml in the browser");
    await readFeed(page, origin, "/atom.xml", "Atom");
    console.log("ok  /atom.xml in the browser");
    await readFeed(page, origin, "/feed.json", "JSON Feed");
    console.log("ok  /feed.json in the browser");
    const foreign = standIn.requests.filter((request) => request.referer !== undefined || request.cookie !== undefined);
    check(foreign.length === 0, `the image host saw no Referer and no cookie (got ${JSON.stringify(foreign.slice(0, 3))})`);
  } finally {
    await context?.close();
    await worker.stop();
    await standIn.stop();
    await rm(profile, { recursive: true, force: true });
  }
  for (const warning of new Set(warnings)) console.log(`warning (allowed) ${warning}`);
  if (problems.length > 0) throw new Error(`the browser reported:\n${problems.join("\n")}`);
  if (updateDocs) {
    await mkdir(join(ROOT, "docs"), { recursive: true });
    await copyFile(join(SCREENSHOTS, "home-desktop.png"), join(ROOT, "docs", "screenshot-home.png"));
    await copyFile(join(SCREENSHOTS, "article-phone.png"), join(ROOT, "docs", "screenshot-article.png"));
  }
  console.log(`screenshots: ${(await readdir(SCREENSHOTS)).sort().join(" ")} in ${SCREENSHOTS}`);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    stopping.abort();
    process.exit(130);
  });
}

main().then(
  () => console.log("test:browser passed"),
  (error: unknown) => {
    console.error(`test:browser failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
