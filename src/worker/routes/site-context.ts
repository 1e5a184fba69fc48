import { StatusError } from "itty-router";
import type { CurrentPointer, Manifest } from "../../model/manifest";
import type { SiteConfig } from "../../model/site-config";
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
  /** Answers with a representation: cache, conditional request, render. */
  serve(representation: Representation): Promise<Response>;
}

/** The live generation: the pointer and its manifest. */
export interface LiveGeneration {
  current: CurrentPointer;
  manifest: Manifest;
}

/** Reads `current` and its manifest; 503 with instructions when nothing has been published yet. */
export async function loadLiveGeneration(site: SiteContext): Promise<LiveGeneration> {
  const current = await site.store.readCurrent();
  if (current === undefined) {
    throw new StatusError(503, {
      error:
        "Nothing has been published yet: KV has no `current` generation. Build and publish the posts " +
        "(`npm run build` for local KV, `npm run publish` for the deployed namespace), then reload.",
    });
  }
  return { current, manifest: await site.store.readManifest(current.manifest) };
}
