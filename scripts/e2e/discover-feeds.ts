import { FEED_MEDIA_TYPES, readArticlePageLinks, readAutodiscoveryLinks, readNextLink, readOpmlOutlines, readScopePageLinks } from "./read-site-links";

/** Everything a reader can subscribe to on the site, and what was wrong on the way. */
export interface DiscoveredFeeds {
  /** Feed URLs to check, /opml.xml first, each once. */
  urls: string[];
  /** `URL: reason` for pages that failed or links that are missing. */
  problems: string[];
  /** Category pages (and tag pages) whose autodiscovery links were read. */
  scopePages: string[];
  /** Category paths in the OPML, e.g. `/categories/金融/新浪财经/`, decoded. */
  categories: string[];
  /** Author paths in the OPML, e.g. `/authors/新浪财经/`, decoded. */
  authors: string[];
  /** Subscription documents that link no `next` page (all of them, for a corpus of one article). */
  withoutNext: string[];
  /** The filtered (`?filter=`…) and summary (`?mode=summary`) variants of the site's feeds among `urls`. */
  selections: string[];
}

// Readers that fetch one page of a scope get this too: the largest head. Older pages are named after their
// oldest item, so they are reached the way readers reach them: by following `next` (the open page, then archives).
const PAGED_QUERIES = ["?limit=100"];
const FORMAT_COUNT = 3;
const NEXT_HOPS = 3;
// A word that is in no post, to filter out.
const ABSENT_WORD = "edgefeed-e2e-absent";

/**
 * Crawls a running site the way readers and people subscribe: `/opml.xml`, the autodiscovery links of `/`,
 * of every category, tag and author page (those the home page links and those the OPML lists) and of the newest
 * article's page; then every feed's `next` page, and for the site's feeds and the first category's also
 * `?limit=100` and two more `next` hops (into the archives). The site's feeds in each format are also asked
 * for filtered (a word of the newest title, in capitals, so case folding must find it), as summaries
 * (`?mode=summary`, and its next page, whose links keep the parameter), and with every parameter at once.
 */
export async function discoverFeeds(origin: string): Promise<DiscoveredFeeds> {
  const problems: string[] = [];
  const urls = new Set<string>();
  const opmlUrl = `${origin}/opml.xml`;
  urls.add(opmlUrl);

  const opml = await fetchText(opmlUrl, ["text/x-opml", "application/xml", "text/xml"], problems);
  const outlines = opml === undefined ? [] : readOpmlOutlines(opml);
  if (opml !== undefined && outlines.length === 0) problems.push(`${opmlUrl}: lists no feeds`);
  for (const outline of outlines) {
    if (outline.xmlUrl === "") problems.push(`${opmlUrl}: the outline "${outline.text}" has no xmlUrl`);
    else urls.add(outline.xmlUrl);
  }

  const homeUrl = `${origin}/`;
  const home = await fetchText(homeUrl, ["text/html"], problems);
  const siteFeeds = home === undefined ? [] : readAutodiscoveryLinks(home, homeUrl).map((link) => link.url);
  if (home !== undefined) expectAllFormats(homeUrl, siteFeeds, problems);
  siteFeeds.forEach((url) => urls.add(url));

  // Scope pages: those the home page links (its category tree, tags and authors) and those the OPML lists.
  const scopePages = new Set(home === undefined ? [] : readScopePageLinks(home, homeUrl));
  for (const outline of outlines) if (outline.htmlUrl !== "" && outline.htmlUrl !== homeUrl) scopePages.add(new URL(outline.htmlUrl).href);
  const discoveredOn = new Map<string, string[]>();
  for (const page of scopePages) {
    const html = await fetchText(page, ["text/html"], problems);
    if (html === undefined) continue;
    const feeds = readAutodiscoveryLinks(html, page).map((link) => link.url);
    expectAllFormats(page, feeds, problems);
    discoveredOn.set(page, feeds);
    feeds.forEach((url) => urls.add(url));
  }
  // A reader importing the OPML and one autodiscovering from the page must land on the same feed.
  for (const outline of outlines) {
    const offered = outline.htmlUrl === homeUrl ? siteFeeds : discoveredOn.get(outline.htmlUrl);
    if (offered !== undefined && outline.xmlUrl !== "" && !offered.includes(outline.xmlUrl)) {
      problems.push(`${outline.htmlUrl}: does not autodiscover ${outline.xmlUrl}, which /opml.xml lists for it`);
    }
  }

  const firstCategory = outlines.find((outline) => new URL(outline.htmlUrl || homeUrl).pathname.includes("/categories/"));
  const pagedBases = new Set([...siteFeeds, ...(firstCategory ? (discoveredOn.get(firstCategory.htmlUrl) ?? []) : [])]);
  const withoutNext: string[] = [];
  const subscriptions = [...urls].filter((url) => url !== opmlUrl);
  for (const feed of subscriptions) {
    if (pagedBases.has(feed)) PAGED_QUERIES.forEach((query) => urls.add(`${feed}${query}`));
    // A reader walking back through older items: every feed's next page; for the site's and the first
    // category's feeds, that page's next too.
    let page = feed;
    for (let hop = 0; hop < (pagedBases.has(feed) ? NEXT_HOPS : 1); hop++) {
      const body = await fetchText(page, [...FEED_MEDIA_TYPES], problems);
      const next = body === undefined ? undefined : readNextLink(body, page);
      if (next === undefined) {
        if (hop === 0 && body !== undefined) withoutNext.push(feed);
        break;
      }
      urls.add(next);
      page = next;
    }
  }

  const selections = await selectionUrls(siteFeeds, problems);
  selections.forEach((url) => urls.add(url));

  // An article page offers its category's, its author's and the site's feeds: the newest article's, as a person finds it.
  const article = home === undefined ? undefined : readArticlePageLinks(home, homeUrl)[0];
  if (article !== undefined) {
    const html = await fetchText(article, ["text/html"], problems);
    if (html !== undefined) {
      const feeds = readAutodiscoveryLinks(html, article).map((link) => link.url);
      expectAllFormats(article, feeds, problems);
      feeds.forEach((url) => urls.add(url));
    }
  }

  const paths = outlines.map((outline) => (outline.htmlUrl ? decodeURIComponent(new URL(outline.htmlUrl).pathname) : ""));
  const categories = paths.filter((path) => path.includes("/categories/"));
  const authors = paths.filter((path) => path.includes("/authors/"));
  return { urls: [...urls], problems, scopePages: [...scopePages], categories, authors, withoutNext, selections };
}

/**
 * For each of the site's feeds: `?filter=` a word of the newest item's title (its first two characters,
 * uppercased: case folding must find it, and the feed has that item at least), `?mode=summary` and its next
 * page, and `?limit=5&filter=…&filterout=…&mode=summary`, each spelled as the feed's own self link spells it
 * (the validator fails a self link that differs from the URL).
 */
async function selectionUrls(siteFeeds: readonly string[], problems: string[]): Promise<string[]> {
  const jsonFeed = siteFeeds.find((url) => url.endsWith(".json"));
  const body = jsonFeed === undefined ? undefined : await fetchText(jsonFeed, ["application/feed+json"], problems);
  const title = body === undefined ? undefined : (JSON.parse(body) as { items: { title?: string }[] }).items[0]?.title;
  if (title === undefined || [...title.trim()].length < 2) return [];
  const word = [...title.trim()].slice(0, 2).join("").toUpperCase();
  const filter = encodeURIComponent(`${word}|${ABSENT_WORD}`);
  const urls: string[] = [];
  for (const feed of siteFeeds) {
    urls.push(`${feed}?filter=${encodeURIComponent(word)}`, `${feed}?limit=5&filter=${filter}&filterout=${ABSENT_WORD}&mode=summary`);
    const summary = `${feed}?mode=summary`;
    urls.push(summary);
    const summaryBody = await fetchText(summary, [...FEED_MEDIA_TYPES], problems);
    const next = summaryBody === undefined ? undefined : readNextLink(summaryBody, summary);
    if (next !== undefined) urls.push(next);
  }
  return urls;
}

function expectAllFormats(page: string, feeds: readonly string[], problems: string[]): void {
  if (feeds.length < FORMAT_COUNT) problems.push(`${page}: autodiscovers ${feeds.length} feeds, expected RSS, Atom and JSON Feed`);
}

/** GETs a URL; on a status other than 200 or an unexpected media type, records why and returns undefined. */
async function fetchText(url: string, mediaTypes: readonly string[], problems: string[]): Promise<string | undefined> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(30_000), redirect: "manual" });
  } catch (error) {
    problems.push(`${url}: cannot fetch: ${(error as Error).message}`);
    return undefined;
  }
  const text = await response.text();
  if (response.status !== 200) {
    problems.push(`${url}: answered ${response.status}: ${text.split("\n")[0]!.slice(0, 200)}`);
    return undefined;
  }
  const type = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!mediaTypes.includes(type)) {
    problems.push(`${url}: served as ${type || "no media type"}, expected ${mediaTypes.join(" or ")}`);
    return undefined;
  }
  return text;
}
