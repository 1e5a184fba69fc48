import { createFetchHandler } from "./create-fetch-handler";
import type { Env } from "./env";
import { createManifestMemory } from "./store/manifest-memory";

// Module scope lives as long as the isolate: parsed manifests are kept across requests.
const fetch = createFetchHandler({
  manifests: createManifestMemory(),
  openCache: () => caches.default,
});

/** The edgefeed Worker: feeds, pages and OPML from the generation in the FEEDS KV namespace. */
export default { fetch } satisfies ExportedHandler<Env>;
