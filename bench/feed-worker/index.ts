// The edgefeed Worker as deployed (src/worker/index.ts), for `npm run bench`'s request rows
// (bench/measure-requests.ts), with one switch for the cold row: a request carrying `X-Edgefeed-Bench: cold`
// is served by a second handler of the same code that keeps no rendered responses and has no response
// cache, so every such request reads its page from KV and renders it, as the first request for a feed does.
//
// Why a switch and not a fresh URL per request: no query parameter gives a new cache key without changing
// the work. `?limit=` has 100 values, which the isolate's memory holds after the first 100 requests, and
// each renders a document of another size; `?filter=` words add matching and drop items; parameters the
// Worker does not know are not in the cache key. Like a real uncached request on a warm isolate, the cold
// handler keeps the parsed manifest and the `current` pointer (5 s) in memory, so it reads one KV value
// per request (the page), as the baseline Worker it is compared with does; what it leaves out is asking
// the isolate's memory and the cache, which would miss, and putting the response into them.
import { createFetchHandler } from "../../src/worker/create-fetch-handler";
import type { Env } from "../../src/worker/env";
import worker from "../../src/worker/index";
import { CURRENT_MEMORY_MILLISECONDS, createCurrentMemory } from "../../src/worker/store/current-memory";
import { createManifestMemory } from "../../src/worker/store/manifest-memory";
import { COLD_HEADER, RENDERS_PATH } from "./cold-header";

// Bodies the cold handler rendered, which bench/measure-requests.ts reads back (RENDERS_PATH) to check that
// every cold request was one.
let coldRenders = 0;
const cold = createFetchHandler({
  manifests: createManifestMemory(),
  current: createCurrentMemory({ ttlMilliseconds: CURRENT_MEMORY_MILLISECONDS, now: () => Date.now() }),
  openCache: () => undefined,
  onRender: () => void coldRenders++,
});

/** The deployed Worker, or its cold twin for a request with `X-Edgefeed-Bench: cold`. */
export default {
  fetch(request, env, context) {
    if (request.headers.get(COLD_HEADER) !== "cold") return worker.fetch(request, env, context);
    if (request.url.endsWith(RENDERS_PATH)) return new Response(String(coldRenders));
    return cold(request, env, context);
  },
} satisfies ExportedHandler<Env>;
