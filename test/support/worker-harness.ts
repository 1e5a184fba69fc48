import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createFetchHandler } from "../../src/worker/create-fetch-handler";
import type { Env } from "../../src/worker/env";
import { type KeptAnswers, createKeptAnswers } from "../../src/worker/http/kept-answers";
import type { UpstreamFetch, UpstreamLimits } from "../../src/worker/images/fetch-upstream-image";
import { type ResponseMemory, createResponseMemory } from "../../src/worker/http/response-memory";
import { CURRENT_MEMORY_MILLISECONDS, type CurrentMemory, createCurrentMemory } from "../../src/worker/store/current-memory";
import type { KeyValueReader } from "../../src/worker/store/feed-store";
import { type ManifestMemory, createManifestMemory } from "../../src/worker/store/manifest-memory";

/** A Worker instance a test owns: its own isolate memory and cache, with every KV read and render recorded. */
export interface WorkerHarness {
  /** Calls the Worker with `<origin><path>` (origin `https://example.com` unless given) and waits for its background work (cache writes). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** KV keys read, in order, since the harness was made or `reset()`. */
  reads: string[];
  /** Cache URLs of the bodies rendered since the harness was made or `reset()`. */
  renders: string[];
  /** URLs answered from the kept answers (`answers: true`) before routing, since the harness was made or `reset()`. */
  keptAnswers: string[];
  /** Forgets the recorded reads and renders. */
  reset(): void;
  /** Drops the isolate's kept manifests and `current` pointer, as a cold start would. */
  coldStart(): void;
  /**
   * Moves the harness's clock on. It starts at 0 and stands still otherwise, so the isolate keeps the `current`
   * pointer it read (for CURRENT_MEMORY_MILLISECONDS, as in production) until a test moves the clock past that.
   */
  advance(milliseconds: number): void;
}

let harnessNumber = 0;

/**
 * Makes a harness over the test file's KV (`env.FEEDS`); `cache: true` gives it a fresh named cache of its
 * own, so no earlier test's responses are in it, `memory: true` the rendered responses an isolate keeps, and
 * `answers: true` the whole answers it serves before routing (as src/worker/index.ts has them). `wrapKv` replaces the KV seen by the store (e.g. one that throws);
 * `fetchUpstream` and `upstreamLimits` stand in for the image proxy's upstream.
 */
export function createWorkerHarness(
  options: {
    cache?: boolean;
    memory?: boolean;
    answers?: boolean;
    env?: Partial<Env>;
    origin?: string;
    wrapKv?: (kv: KeyValueReader) => KeyValueReader;
    fetchUpstream?: UpstreamFetch;
    upstreamLimits?: UpstreamLimits;
  } = {},
): WorkerHarness {
  const reads: string[] = [];
  const renders: string[] = [];
  let manifests: ManifestMemory = createManifestMemory();
  let now = 0;
  const newCurrentMemory = () => createCurrentMemory({ ttlMilliseconds: CURRENT_MEMORY_MILLISECONDS, now: () => now });
  let current: CurrentMemory = newCurrentMemory();
  let responses: ResponseMemory | undefined = options.memory ? createResponseMemory() : undefined;
  const keptAnswers: string[] = [];
  const newKeptAnswers = (): KeptAnswers | undefined => {
    if (!options.answers) return undefined;
    const inner = createKeptAnswers(createResponseMemory());
    return {
      answer(request, manifest, settingsTag) {
        const answer = inner.answer(request, manifest, settingsTag);
        if (answer !== undefined) keptAnswers.push(request.url);
        return answer;
      },
      keep: (...args) => inner.keep(...args),
    };
  };
  let answers: KeptAnswers | undefined = newKeptAnswers();
  // One bindings object for every request, as workerd hands an isolate (the Worker keeps what it derives from it).
  const bindings = { ...env, ...options.env } as Env;
  const cacheName = `harness-${++harnessNumber}-${crypto.randomUUID()}`;
  const handler = createFetchHandler({
    get manifests() {
      return manifests;
    },
    get current() {
      return current;
    },
    get responses() {
      return responses;
    },
    get answers() {
      return answers;
    },
    openCache: () => (options.cache ? caches.open(cacheName) : undefined),
    wrapKv: (kv) => {
      const inner = options.wrapKv ? options.wrapKv(kv) : kv;
      return {
        get(key, getOptions) {
          reads.push(key);
          return inner.get(key, getOptions);
        },
      };
    },
    onRender: (url) => renders.push(url),
    ...(options.fetchUpstream ? { fetchUpstream: options.fetchUpstream } : {}),
    ...(options.upstreamLimits ? { upstreamLimits: options.upstreamLimits } : {}),
  });
  return {
    reads,
    renders,
    keptAnswers,
    async fetch(path, init) {
      const context = createExecutionContext();
      const response = await handler(new Request(`${options.origin ?? "https://example.com"}${path}`, init), bindings, context);
      await waitOnExecutionContext(context);
      return response;
    },
    reset() {
      reads.length = 0;
      renders.length = 0;
      keptAnswers.length = 0;
    },
    coldStart() {
      manifests = createManifestMemory();
      current = newCurrentMemory();
      responses = options.memory ? createResponseMemory() : undefined;
      answers = newKeptAnswers();
    },
    advance(milliseconds) {
      now += milliseconds;
    },
  };
}
