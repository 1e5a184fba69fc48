import { type BindingsSetup, createBindingsSetups } from "./bindings-setup";
import type { Env } from "./env";
import { formatError } from "./http/format-error";
import type { KeptAnswers } from "./http/kept-answers";
import type { ResponseMemory } from "./http/response-memory";
import { serveRepresentation } from "./http/serve-representation";
import { UPSTREAM_LIMITS, type UpstreamFetch, type UpstreamLimits } from "./images/fetch-upstream-image";
import { proxyArticleImages } from "./images/proxy-article-images";
import type { SiteContext } from "./routes/site-context";
import type { CurrentMemory } from "./store/current-memory";
import { type KeyValueReader, createFeedStore, keyValueReader } from "./store/feed-store";
import type { ManifestMemory } from "./store/manifest-memory";

/** What outlives a request in an isolate, passed in so a test can start cold, use its own cache or count. */
export interface WorkerRuntime {
  /** Parsed manifests kept between requests. */
  manifests: ManifestMemory;
  /** The `current` pointer kept for a few seconds between requests; without it every request reads `current`. */
  current?: CurrentMemory;
  /** Rendered responses kept between requests, asked before the cache; without it every response comes from the cache or a render. */
  responses?: ResponseMemory;
  /**
   * Whole answers kept between requests and served before routing while `current` is kept (needs `current`);
   * without it every request is routed.
   */
  answers?: KeptAnswers;
  /** The response cache (`caches.default` in production), or undefined to render every time. */
  openCache(): Cache | undefined | Promise<Cache | undefined>;
  /** Wraps the KV namespace before the store uses it (tests count reads). */
  wrapKv?(kv: KeyValueReader): KeyValueReader;
  /** Told each time a body is rendered (tests count it). */
  onRender?(cacheUrl: string): void;
  /** Fetches proxied images from their hosts; the global `fetch` unless given (tests hand in a stand-in). */
  fetchUpstream?: UpstreamFetch;
  /** The upstream timeout and size cap; UPSTREAM_LIMITS unless given. */
  upstreamLimits?: UpstreamLimits;
}

/** Builds the Worker's `fetch`: reads the site settings, routes the request, and serves it through the store and cache. */
export function createFetchHandler(runtime: WorkerRuntime) {
  const setupOf = createBindingsSetups();
  return async function fetch(request: Request, env: Env, context: ExecutionContext): Promise<Response> {
    // Read per request, as the other memories are (a test's harness swaps them for a cold start).
    const { answers } = runtime;
    let router: BindingsSetup["router"];
    let site: SiteContext;
    let settingsTag: string;
    // The generation a route said its answer comes from, when only the URL and that generation decide it.
    let answerGeneration: string | undefined;
    try {
      const setup = await setupOf(env);
      settingsTag = setup.tag;
      const pointer = answers === undefined ? undefined : runtime.current?.peek();
      if (answers !== undefined && pointer !== undefined) {
        const kept = answers.answer(request, pointer.manifest, settingsTag);
        if (kept !== undefined) return kept;
      }
      const envConfig = setup.config;
      const origin = new URL(request.url).origin;
      const cache = await runtime.openCache();
      const { images } = setup;
      site = {
        config: envConfig,
        base: envConfig.url || origin,
        cacheBase: `${origin}${setup.basePath}`,
        store: createFeedStore(runtime.wrapKv ? runtime.wrapKv(keyValueReader(env.FEEDS)) : keyValueReader(env.FEEDS), runtime.manifests, runtime.current),
        fingerprint: setup.fingerprint(envConfig, origin),
        applySiteDefaults(defaults) {
          const config = setup.withDefaults(defaults);
          this.config = config;
          this.base = config.url || origin;
          this.fingerprint = setup.fingerprint(config, origin);
        },
        serve: (representation) =>
          serveRepresentation(request, representation, {
            cache,
            ...(runtime.responses ? { memory: runtime.responses } : {}),
            waitUntil: (promise) => context.waitUntil(promise),
            ...(runtime.onRender ? { onRender: runtime.onRender } : {}),
          }),
        images,
        proxyImages(articles) {
          return images === undefined ? Promise.resolve([...articles]) : proxyArticleImages(articles, images, this.base);
        },
        upstream: { fetch: runtime.fetchUpstream ?? ((url, init) => globalThis.fetch(url, init)), limits: runtime.upstreamLimits ?? UPSTREAM_LIMITS },
        imageCache: cache,
        waitUntil: (promise) => context.waitUntil(promise),
        keepAnswer(manifest) {
          answerGeneration = manifest;
        },
      };
      router = setup.router;
    } catch (error) {
      // A bad SITE_* setting is the operator's, not the reader's: a logged 500, before the router's
      // finishing stage could add what every response carries.
      const response = formatError(error, request);
      response.headers.set("X-Content-Type-Options", "nosniff");
      return request.method === "HEAD" ? new Response(null, response) : response;
    }
    const response: Response = await router.fetch(request, site);
    if (answerGeneration !== undefined && answers !== undefined) {
      const kept = answers.keep(request, answerGeneration, settingsTag, response);
      if (kept) context.waitUntil(kept.catch((error: unknown) => console.error(`edgefeed: keeping the answer to ${request.url} failed:`, error)));
    }
    return response;
  };
}
