import type { SiteConfig, SiteDefaults } from "../../model/site-config";
import type { Representation } from "../http/serve-representation";
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
}
