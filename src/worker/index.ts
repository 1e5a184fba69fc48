import { createFetchHandler } from "./create-fetch-handler";
import type { Env } from "./env";
import { createKeptAnswers } from "./http/kept-answers";
import { createResponseMemory } from "./http/response-memory";
import { CURRENT_MEMORY_MILLISECONDS, createCurrentMemory } from "./store/current-memory";
import { createManifestMemory } from "./store/manifest-memory";

// Module scope lives as long as the isolate: parsed manifests and rendered responses are kept across
// requests, and the `current` pointer for a few seconds (a hot request then touches no storage at all).
// Kept answers duplicate bodies the response memory holds too: a smaller budget, for the hottest URLs.
const KEPT_ANSWER_BYTES = 8 * 1024 * 1024;

const fetch = createFetchHandler({
  manifests: createManifestMemory(),
  responses: createResponseMemory(),
  answers: createKeptAnswers(createResponseMemory(KEPT_ANSWER_BYTES)),
  current: createCurrentMemory({ ttlMilliseconds: CURRENT_MEMORY_MILLISECONDS, now: () => Date.now() }),
  openCache: () => caches.default,
});

/** The edgefeed Worker: feeds, pages and OPML from the generation in the FEEDS KV namespace. */
export default { fetch } satisfies ExportedHandler<Env>;
