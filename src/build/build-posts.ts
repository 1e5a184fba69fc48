import { availableParallelism } from "node:os";
import type { BuiltArticle } from "./build-article";
import { BuildCache } from "./build-cache";
import { buildPostFile, type PostFileResult } from "./build-post-file";
import { BuildWorkerPool } from "./build-worker-pool";

/** Posts per message to a worker: enough to make the message cost nothing, few enough to spread the work. */
const BATCH_SIZE = 48;

/** Batches each worker may hold at once: one to work on, one ready, so no worker waits for the main thread. */
const BATCHES_PER_WORKER = 2;

/** Below this many posts to read, starting worker threads costs more than it saves. */
const PARALLEL_THRESHOLD = 200;

/** Options of buildPosts. */
export interface BuildPostsOptions {
  timeZone: string;
  /** Worker threads; default: one per core. 1 (or a small build) builds on this thread. */
  workers?: number;
  /** Results of earlier builds; each post's result is recorded in it as well. */
  cache?: BuildCache;
  /** Fewest posts worth starting worker threads for (default 200); tests lower it. */
  minimumForWorkers?: number;
  /** Gives the bundled worker entry (see bundleBuildWorker), asked only when workers start; without one, workers compile the TypeScript. */
  workerBundle?: () => Promise<URL | undefined>;
}

/**
 * Builds every post file, on worker threads when there are enough posts, skipping posts whose bytes the
 * cache knows. Files stream through: at most a few batches are read ahead, and results come back as
 * compact JSON. The results are those buildArticle gives one file at a time, in no particular order.
 */
export async function buildPosts(paths: readonly string[], options: BuildPostsOptions): Promise<BuiltArticle[]> {
  const { timeZone, cache } = options;
  const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), Math.ceil(paths.length / BATCH_SIZE)));
  const results: BuiltArticle[] = [];
  const take = (result: PostFileResult): void => {
    results.push(readResult(result, timeZone, cache));
  };
  if (workers === 1 || paths.length < (options.minimumForWorkers ?? PARALLEL_THRESHOLD)) {
    const isCached = (key: string): boolean => cache?.has(key) ?? false;
    for (const path of paths) {
      take(buildPostFile(path, timeZone, isCached));
      if (cache) await cache.drained();
    }
    return results;
  }
  const pool = new BuildWorkerPool(workers, { timeZone, cachedKeys: cache?.keys() ?? [] }, await options.workerBundle?.());
  try {
    const inFlight = new Set<Promise<void>>();
    for (let start = 0; start < paths.length; start += BATCH_SIZE) {
      const batch = pool.build(paths.slice(start, start + BATCH_SIZE)).then((batchResults) => batchResults.forEach(take));
      const tracked: Promise<void> = batch.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      // Back-pressure: read no further ahead than the workers can take, and let the cache file catch up.
      while (inFlight.size >= workers * BATCHES_PER_WORKER) await Promise.race(inFlight);
      if (cache) await cache.drained();
    }
    await Promise.all(inFlight);
  } finally {
    await pool.close();
  }
  return results;
}

/**
 * Turns one file's result into a BuiltArticle and records it in the cache. A cache entry that does not
 * read back whole is built again here, from the file as it is now.
 */
function readResult(result: PostFileResult, timeZone: string, cache: BuildCache | undefined): BuiltArticle {
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
    return readResult(buildPostFile(path, timeZone, () => false), timeZone, cache);
  }
  if (cache) {
    cache.misses++;
    cache.record(key, result.json);
  }
  return JSON.parse(result.json) as BuiltArticle;
}
