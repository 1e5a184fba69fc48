import { type IRequest, Router, StatusError } from "itty-router";
import { FEED_FILE_NAMES, FEED_FORMATS, formatOfFileName } from "../model/feed-format";
import { serveStaticAsset } from "./assets/serve-static-asset";
import { STYLE_SHEET_ASSET } from "./assets/site-assets";
import { ALLOWED_METHODS, CHANGING_CACHE_CONTROL, CORS_HEADERS } from "./http/cache-policy";
import { formatError } from "./http/format-error";
import { addBrowserHeaders } from "./pages/add-browser-headers";
import { decodePathSegments } from "./routes/decode-path-segments";
import { parseScopeRequest } from "./routes/parse-scope-request";
import { redirectHexoScope } from "./routes/redirect-hexo-scope";
import { redirectOldAuthorFeed } from "./routes/redirect-old-author-feed";
import { redirectOldFeedUrl } from "./routes/redirect-old-feed-url";
import { redirectOldPermalink } from "./routes/redirect-old-permalink";
import { serveFeed } from "./routes/serve-feed";
import { serveImage } from "./routes/serve-image";
import { serveOpml } from "./routes/serve-opml";
import { serveRobots } from "./routes/serve-robots";
import { serveSitemap, serveSitemapFile } from "./routes/serve-sitemap";
import { redirectToScopePage, serveArticlePage, serveHomePage, serveScopePage } from "./routes/serve-pages";
import type { SiteContext } from "./routes/site-context";

// A handler answering undefined passes the request on to the next route that matches.
type Handler = (request: IRequest, site: SiteContext) => Promise<Response | undefined> | Response | undefined;

/**
 * The Worker's routes under `basePath` (the path of SITE_URL, usually empty). Only GET and HEAD reach
 * them; every thrown error goes through formatError; every response gets `nosniff`, and a HEAD loses its body.
 *
 * - `/`, `/feed.xml`, `/atom.xml`, `/feed.json`: the home page and the site's feeds
 * - `/categories/<name>/…/`, `/tags/<name>/` and `/authors/<name>/`: a scope's page, with `feed.xml`, `atom.xml`, `feed.json` below it
 * - `/articles/<id>`: an article's page; `/opml.xml`: every RSS feed as OPML
 * - `/sitemap.xml` (and the `/sitemaps/` it lists when split), `/robots.txt` naming it
 * - WordPress's and Hugo's feed URLs (`/feed/`, `/tag/<x>/feed/`, `/author/<x>/feed/`, `/index.xml`…): a redirect to ours
 * - `/images/<token>/<host>/<path>`: an image of a hotlink-protected host (IMAGE_PROXY_HOSTS), which feeds and pages point at
 */
export function createRouter(basePath: string) {
  const router = Router<IRequest, [SiteContext]>({
    base: basePath,
    before: [checkMethod],
    catch: (error, request) => formatError(error, request),
    finally: [finishResponse],
  });
  const scopeRoute =
    (kind: "category" | "tag" | "author"): Handler =>
    async (request, site) => {
      const parsed = parseScopeRequest(kind, request.params.rest ?? "");
      const url = new URL(request.url);
      try {
        if (parsed.target === "feed") return await serveFeed(site, request, parsed.scope, parsed.format);
        if (parsed.target === "page") return await serveScopePage(site, parsed.scope, url);
        return await redirectToScopePage(site, url, parsed.scope);
      } catch (error) {
        // A Hexo site's old category and tag URLs, whose names Hexo slugized: a 301 to ours, else the 404.
        if (!(error instanceof StatusError) || error.status !== 404) throw error;
        return redirectHexoScope(site, url, parsed.scope, parsed.target === "feed" ? parsed.format : undefined, error);
      }
    };
  const handlers: [string, Handler][] = [
    // WordPress's and Hugo's feed URLs, some of them below /categories/ and /tags/: a 301 to ours, or on to the other routes.
    ["*", (request) => redirectOldFeedUrl(new URL(request.url), basePath)],
    // WordPress's author feeds: to the author's feed here, or the site's while they have none.
    ["*", (request, site) => redirectOldAuthorFeed(site, new URL(request.url), basePath)],
    ["/", (request, site) => serveHomePage(site, new URL(request.url))],
    ["/opml.xml", (_request, site) => serveOpml(site)],
    ["/sitemap.xml", (_request, site) => serveSitemap(site)],
    ["/sitemaps/:file", (request, site) => serveSitemapFile(site, request.params.file!)],
    ["/robots.txt", (_request, site) => serveRobots(site)],
    ["/style.css", (request) => serveStaticAsset(request, STYLE_SHEET_ASSET)],
    ["/articles/:id", (request, site) => serveArticlePage(site, decodePathSegments(request.params.id!)[0]!)],
    ["/images/:rest+", (request, site) => serveImage(site, request, request.params.rest!)],
    // hexo-generator-feed's RSS path: a reader subscribed to a Hexo site's RSS lands on ours.
    ["/rss2.xml", (request) => new Response(null, { status: 301, headers: { Location: new URL(`${basePath}/${FEED_FILE_NAMES.rss}`, request.url).href, "Cache-Control": CHANGING_CACHE_CONTROL } })],
    ["/categories/:rest+", scopeRoute("category")],
    ["/tags/:rest+", scopeRoute("tag")],
    ["/authors/:rest+", scopeRoute("author")],
    [
      "/:file",
      (request, site) => {
        const format = formatOfFileName(request.params.file!);
        if (format === undefined) return redirectOrNotFound(request, site);
        return serveFeed(site, request, { kind: "site" }, format);
      },
    ],
    ["*", redirectOrNotFound],
  ];
  for (const [path, handler] of handlers) router.all(path, handler);
  return router;
}

/** `/feed.xml, /atom.xml and /feed.json`: every feed file name, for the 404's text. */
const FEED_FILES_TEXT = ((names) => `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`)(FEED_FORMATS.map((format) => `/${FEED_FILE_NAMES[format]}`));

/** A path no route serves: a 301 when it is an old Hexo URL of a published article (see redirectOldPermalink), a 404 otherwise. */
async function redirectOrNotFound(request: IRequest, site: SiteContext): Promise<Response> {
  const redirect = await redirectOldPermalink(site, new URL(request.url));
  if (redirect === undefined) throw notFound(request);
  return redirect;
}

function notFound(request: Request): StatusError {
  const { pathname } = new URL(request.url);
  return new StatusError(
    404,
    `Nothing lives at ${pathname}. Feeds are ${FEED_FILES_TEXT}, for the site and below ` +
      `/categories/<name>/…, /tags/<name>/ and /authors/<name>/; /opml.xml lists every feed and / shows the categories.`,
  );
}

/** Lets GET and HEAD through, answers OPTIONS (CORS preflight included) and refuses the rest with 405. */
function checkMethod(request: IRequest): Response | undefined {
  if (request.method === "GET" || request.method === "HEAD") return undefined;
  if (request.method === "OPTIONS") {
    return new Response(null, {
      status: 204,
      headers: {
        Allow: ALLOWED_METHODS,
        ...CORS_HEADERS,
        "Access-Control-Allow-Methods": ALLOWED_METHODS,
        // Not CORS-safelisted, so a script making a conditional request needs them allowed.
        "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
        "Access-Control-Max-Age": "86400",
      },
    });
  }
  throw new StatusError(405, `${request.method} is not allowed: this site is read-only. Use GET or HEAD.`);
}

/** Adds what every response carries and drops the body of a HEAD (RFC 9110 §9.3.2: same header fields as GET, no content). */
function finishResponse(response: Response | undefined, request: IRequest, site: SiteContext): Response {
  const finished = response ?? formatError(notFound(request), request);
  // Most responses are the Worker's own, whose headers can take more; one from fetch or the cache has
  // immutable headers (setting one throws) and is copied first.
  let headers = finished.headers;
  try {
    headers.set("X-Content-Type-Options", "nosniff");
  } catch {
    headers = new Headers(finished.headers);
    headers.set("X-Content-Type-Options", "nosniff");
  }
  // Pages' Content-Security-Policy and Referrer-Policy.
  addBrowserHeaders(headers, request, site.base);
  if (headers === finished.headers && request.method !== "HEAD") return finished;
  const body = request.method === "HEAD" ? null : finished.body;
  return new Response(body, { status: finished.status, statusText: finished.statusText, headers });
}
