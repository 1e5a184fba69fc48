import { availableParallelism } from "node:os";
import { articleSettingsOf, type ArticleSettings, type BuiltArticle } from "../article/build-article";
import { BuildCache } from "./build-cache";
import { buildPostFile, type PostFileResult } from "./build-post-file";
import { BuildWorkerPool } from "./build-worker-pool";

/** Posts per message to a worker: enough to make the message cost nothing, few enough to spread the work. */
const BATCH_SIZE = 48;

/** Batches each worker may hold at once: one to work on, one ready, so no worker waits for the main thread. */
const BATCHES_PER_WORKER = 2;

/** Below this many posts to read, starting worker threads costs more than it saves. */
const PARALLEL_THRESHOLD = 200;

/** Options of buildPosts: the settings every post is built with, and how. */
export interface BuildPostsOptions extends ArticleSettings {
  /** Worker threads; default: one per core. 1 (or a small build) builds on this thread. */
  workers?: number;
  /** Results of earlier builds; each post's result is recorded in it as well. */
  cache?: BuildCache;
  /** Fewest posts worth starting worker threads for (default 200); tests lower it. */
  minimumForWorkers?: number;
  /** Gives the bundled worker entry (see bundleBuildWorker), asked only when workers start; without one, workers compile the TypeScript. */
  workerBundle?: () => Promise<URL | undefined>;
}

/** buildEachPost, gathering the results: those buildArticle gives one file at a time, in no particular order. */
export async function buildPosts(paths: readonly string[], options: BuildPostsOptions): Promise<BuiltArticle[]> {
  const results: BuiltArticle[] = [];
  await buildEachPost(paths, options, (result) => results.push(result));
  return results;
}

/**
 * Builds every post file, skipping posts whose bytes the cache knows. This thread reads and hashes each
 * file (far cheaper than building it), so a rebuild with few changes never pays for starting threads; once enough posts
 * miss the cache, worker threads start and take the misses in batches while reading goes on. At most a
 * few batches are in flight (back-pressure), and results come back as compact JSON. The results are
 * those buildArticle gives one file at a time, handed to `onResult` as each arrives, in no particular
 * order, so the caller decides what to keep of them.
 */
export async function buildEachPost(paths: readonly string[], options: BuildPostsOptions, onResult: (result: BuiltArticle) => void): Promise<void> {
  const { cache } = options;
  const settings = articleSettingsOf(options);
  const workers = Math.max(1, options.workers ?? availableParallelism());
  const minimumForWorkers = options.minimumForWorkers ?? PARALLEL_THRESHOLD;
  const take = (result: PostFileResult): void => {
    onResult(readResult(result, settings, cache));
  };
  const isCached = (key: string): boolean => cache?.has(key) ?? false;
  // Posts to build: read and hashed here, built on a worker (which reads them again) or, at the end, here.
  const misses: string[] = [];
  let pool: BuildWorkerPool | undefined;
  const inFlight = new Set<Promise<void>>();
  const send = (batch: string[]): void => {
    const tracked: Promise<void> = pool!.build(batch).then((batchResults) => batchResults.forEach(take));
    const settled = tracked.finally(() => inFlight.delete(settled));
    // Failures are collected below; a batch still in flight when another failed must not crash the process.
    settled.catch(() => undefined);
    inFlight.add(settled);
  };
  try {
    for (const path of paths) {
      const result = buildPostFile(path, settings, () => true);
      if (result.key === undefined || isCached(result.key)) {
        take(result);
        if (cache) await cache.drained();
        continue;
      }
      misses.push(path);
      if (!pool && workers > 1 && misses.length >= minimumForWorkers) {
        pool = new BuildWorkerPool(workers, settings, await options.workerBundle?.());
      }
      while (pool && misses.length >= BATCH_SIZE) {
        send(misses.splice(0, BATCH_SIZE));
        // Back-pressure: read no further ahead than the workers can take, and let the cache file catch up.
        while (inFlight.size >= workers * BATCHES_PER_WORKER) await Promise.race(inFlight);
        if (cache) await cache.drained();
      }
    }
    if (pool && misses.length > 0) send(misses.splice(0));
    for (const path of misses) {
      take(buildPostFile(path, settings, () => false));
      if (cache) await cache.drained();
    }
    // allSettled first: a failed batch must not leave others still calling `take` after we return.
    const settled = await Promise.allSettled([...inFlight]);
    const failure = settled.find((outcome) => outcome.status === "rejected");
    if (failure) throw (failure as PromiseRejectedResult).reason;
  } finally {
    await pool?.close();
  }
}

/**
 * Turns one file's result into a BuiltArticle and records it in the cache. A cache entry that does not
 * read back whole is built again here, from the file as it is now.
 */
function readResult(result: PostFileResult, settings: ArticleSettings, cache: BuildCache | undefined): BuiltArticle {
  const { path, key } = result;
  if (result.readError !== undefined || key === undefined) {
    return { file: path, problems: [{ file: path, severity: "error", message: `cannot read the file: ${result.readError}` }] };
  }
  if (result.json === undefined) {
    const cached = cache?.get(key, path);
    if (cached) {
      cache!.hits++;
      cache!.keep(key);
      return cached;
    }
    return readResult(buildPostFile(path, settings, () => false), settings, cache);
  }
  if (cache) {
    cache.misses++;
    cache.record(key, result.json);
  }
  return JSON.parse(result.json) as BuiltArticle;
}
