import { StatusError } from "itty-router";
import type { CurrentPointer, Manifest } from "../../model/manifest";
import type { SiteContext } from "./site-context";

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
        "Nothing has been published yet: KV has no `current` generation. `npm run build` builds the posts " +
        "and publishes them to the local KV that `wrangler dev` reads; `npm run publish -- --remote` then " +
        "publishes them to the deployed namespace. Reload once that is done.",
    });
  }
  const manifest = await site.store.readManifest(current.manifest);
  site.applySiteDefaults(manifest.site);
  return { current, manifest };
}
