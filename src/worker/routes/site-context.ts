import type { Article } from "../../model/article";
import type { SiteConfig, SiteDefaults } from "../../model/site-config";
import type { Representation } from "../http/serve-representation";
import type { UpstreamFetch, UpstreamLimits } from "../images/fetch-upstream-image";
import type { ImageProxy } from "../images/image-proxy";
import type { FeedStore } from "../store/feed-store";

/** What every route handler gets besides the request: settings, the store and the HTTP layer. */
export interface SiteContext {
  config: SiteConfig;
  /** Public base for links, without a trailing slash: `SITE_URL`, or the request's origin when unset. */
  base: string;
  /** The request's origin plus `SITE_URL`'s path prefix: where cache keys live. */
  cacheBase: string;
  store: FeedStore;
  /** Everything besides stored data that the bytes depend on: settings, origin, deployed version. */
  fingerprint: string;
  /**
   * Takes the live generation's settings (Manifest.site) wherever the Worker's `[vars]` set none, updating
   * `config`, `base` and `fingerprint`; loadLiveGeneration calls it before any route uses them.
   */
  applySiteDefaults(defaults: SiteDefaults | undefined): void;
  /** Answers with a representation: cache, conditional request, render. */
  serve(representation: Representation): Promise<Response>;
  /** The image proxy (IMAGE_PROXY_HOSTS with IMAGE_PROXY_SECRET), or undefined when it is off. */
  images: ImageProxy | undefined;
  /**
   * The articles with their images of proxied hosts pointing at the proxy (proxyArticleImages), for a
   * renderer; the articles as they are when the proxy is off.
   */
  proxyImages(articles: readonly Article[]): Promise<Article[]>;
  /** Where proxied images come from: `fetch` (a test's stand-in in tests) and its limits. */
  upstream: { fetch: UpstreamFetch; limits: UpstreamLimits };
  /** The cache proxied images are kept in (`caches.default`), or undefined to fetch every view upstream. */
  imageCache: Cache | undefined;
  /** Keeps work (a cache write) alive after the response is sent. */
  waitUntil(promise: Promise<unknown>): void;
  /**
   * Says this request's answer depends on nothing but its URL, its `Sec-Fetch-Dest` and the generation whose
   * manifest hash is `manifest`, so the isolate may keep it whole (KeptAnswers) and serve it before routing.
   */
  keepAnswer(manifest: string): void;
}
