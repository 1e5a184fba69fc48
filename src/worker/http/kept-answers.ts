import type { RememberedResponse, ResponseMemory } from "./response-memory";

/**
 * Whole answers an isolate keeps for requests it will see again, and serves before routing: a hot feed then
 * costs a lookup and a Response, not the router, the URL parses, the scope's entity tag and the response
 * memory's key (the hot feed's isolate time, profiled under `wrangler dev`, was mostly those; docs/profiles.md).
 *
 * Only an answer a route marks as depending on nothing but the request's URL, its `Sec-Fetch-Dest` and the
 * live generation is kept (serveFeed's 200s), and it is keyed by exactly those plus the bindings' settings,
 * so it is served only while the isolate's kept `current` pointer still names the generation it was rendered
 * from: a publish is seen exactly when it was before. Conditional requests take the full path, whose 304
 * needs no body.
 */
export interface KeptAnswers {
  /** The kept answer to `request` under the generation `manifest` and the settings `settingsTag`, if any. */
  answer(request: Request, manifest: string, settingsTag: string): Response | undefined;
  /** Keeps `response` (a 200 to a GET, rendered from the generation `manifest`) once its body is read. */
  keep(request: Request, manifest: string, settingsTag: string, response: Response): Promise<void> | undefined;
}

/** KeptAnswers over `memory` (its byte budget and least-recently-used order). */
export function createKeptAnswers(memory: ResponseMemory): KeptAnswers {
  return {
    answer(request, manifest, settingsTag) {
      const key = answerKey(request, manifest, settingsTag);
      const kept = key === undefined ? undefined : memory.get(key);
      if (kept === undefined) return undefined;
      // RFC 9110 §9.3.2: a HEAD gets the GET's header fields and no content.
      return new Response(request.method === "HEAD" ? null : kept.body, { status: 200, headers: kept.headers });
    },
    keep(request, manifest, settingsTag, response) {
      const key = request.method === "GET" && response.status === 200 ? answerKey(request, manifest, settingsTag) : undefined;
      if (key === undefined) return undefined;
      const headers: RememberedResponse["headers"] = [...response.headers];
      return response
        .clone()
        .arrayBuffer()
        .then((bytes) => memory.put(key, { body: new Uint8Array(bytes), headers }));
    },
  };
}

/** The key of a request's answer, or undefined for a request that is not answered from memory. */
function answerKey(request: Request, manifest: string, settingsTag: string): string | undefined {
  if (request.method !== "GET" && request.method !== "HEAD") return undefined;
  const { headers } = request;
  if (headers.has("If-None-Match") || headers.has("If-Modified-Since")) return undefined;
  // serveFeed tells a browser's navigation apart by this header alone (and says so in `Vary`).
  const view = headers.get("Sec-Fetch-Dest") === "document" ? "document" : "";
  return `${settingsTag}\n${manifest}\n${view}\n${request.url}`;
}
