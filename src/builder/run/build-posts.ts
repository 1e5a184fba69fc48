import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { ArticleSettings, BuiltArticle } from "../article/build-article";
import { BuildCache, type FileStat } from "./build-cache";
import type { PostFileResult } from "./build-post-file";
import { BuildWorkerPool } from "./build-worker-pool";
import { builtArticleOf, type PostResult } from "./post-result";

/** Posts per message to a worker: enough to make the message cost nothing, few enough to spread the work. */
const BATCH_SIZE = 48;

/** Batches each worker may hold at once: one to work on, one ready, so no worker waits for the main thread. */
const BATCHES_PER_WORKER = 2;

/** Answered batches kept waiting for an earlier one (taken in order, see buildEachPost) before no more are sent. */
const HELD_BATCHES = 16;

/** Below this many posts to build, starting worker threads (or a child process) costs more than it saves. */
export const PARALLEL_THRESHOLD = 200;

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
  /** Worker threads the caller started already (see startBuildWorkers), used for every post to build; closed at the end. */
  pool?: BuildWorkerPool;
}

/** buildEachPost, gathering the results as BuiltArticles: those buildArticle gives one file at a time, in the order buildEachPost hands them over. */
export async function buildPosts(paths: readonly string[], options: BuildPostsOptions): Promise<BuiltArticle[]> {
  const results: BuiltArticle[] = [];
  await buildEachPost(paths, options, (result) => results.push(builtArticleOf(result)));
  return results;
}

/**
 * Builds every post file, skipping posts the cache knows: by their stat alone when it vouches for them
 * (BuildCache.check), else by their bytes, which this thread reads and hashes (far cheaper than building
 * them). So a rebuild with few changes never pays for starting threads, nor for loading the builder when
 * nothing changed; once enough posts miss the cache, worker threads start and take the misses in batches
 * while reading goes on. A first build (nothing cached) reads nothing here: its workers start at once and
 * read every post themselves. At most a few batches are in flight (back-pressure), and each result comes
 * back with its article as the JSON line to save, in bytes (see packResults). The results are those
 * buildArticle gives one file at a time, handed to `onResult`: those built in `paths`' order, the cache's hits
 * as they are found, so the caller decides what to keep of them.
 */
export async function buildEachPost(paths: readonly string[], options: BuildPostsOptions, onResult: (result: PostResult) => void): Promise<void> {
  const { cache, workers: workerOption, minimumForWorkers: minimumOption, workerBundle, pool: started, ...settings } = options;
  const workers = workerCount(workerOption);
  const minimumForWorkers = minimumOption ?? PARALLEL_THRESHOLD;
  // Each miss's stat, taken before its bytes were read: what its new cache entry keeps.
  const stats = new Map<string, FileStat | undefined>();
  const take = (fileResult: PostFileResult): void => {
    const { path, key, result, readError } = fileResult;
    if (readError !== undefined || key === undefined || result === undefined) {
      onResult(unreadable(path, readError ?? "no result"));
      return;
    }
    if (cache) {
      cache.misses++;
      cache.record(key, stats.get(path), result);
    }
    onResult(result);
  };
  const hit = (cache: BuildCache, key: string, stat: FileStat | undefined, result: PostResult): void => {
    cache.hits++;
    cache.keep(key, stat);
    onResult(result);
  };
  // Posts to build: built on a worker (which reads them, again when this thread looked them up) or, at the end, here.
  const misses: string[] = [];
  let pool: BuildWorkerPool | undefined = started;
  const inFlight = new Set<Promise<void>>();
  // Batches are taken in the order they were sent, whichever worker ends first: the results then come in the
  // posts' path order, as one thread gives them, so a first build's spool is already the file it saves.
  const answered = new Map<number, PostFileResult[]>();
  let sent = 0;
  let taken = 0;
  const send = (batch: string[]): void => {
    const sequence = sent++;
    const tracked: Promise<void> = pool!.build(batch, settings).then((batchResults) => {
      answered.set(sequence, batchResults);
      for (let ready = answered.get(taken); ready !== undefined; ready = answered.get(taken)) {
        answered.delete(taken++);
        ready.forEach(take);
      }
    });
    const settled = tracked.finally(() => inFlight.delete(settled));
    // Failures are collected below; a batch still in flight when another failed must not crash the process.
    settled.catch(() => undefined);
    inFlight.add(settled);
  };
  // A first build (no cache, or an empty one: another builder's or other settings' opens empty) has no bytes
  // to look up, so this thread reads no post at all: each is read once, where it is built.
  const nothingCached = cache === undefined || cache.empty;
  /** Sends each whole batch of misses to the workers, once they are started. */
  const sendFull = async (): Promise<void> => {
    while (pool && misses.length >= BATCH_SIZE) {
      send(misses.splice(0, BATCH_SIZE));
      // Back-pressure: read no further ahead than the workers can take, nor hold more answered batches than
      // HELD_BATCHES behind a slow one.
      while (inFlight.size >= workers * BATCHES_PER_WORKER || (answered.size >= HELD_BATCHES && inFlight.size > 0)) await Promise.race(inFlight);
    }
  };
  try {
    if (!pool && nothingCached && workers > 1 && paths.length >= minimumForWorkers) {
      // Started before the first stat: the threads load while this one goes through the files.
      pool = new BuildWorkerPool(workers, await workerBundle?.());
    }
    for (const path of paths) {
      if (nothingCached) {
        misses.push(path);
        stats.set(path, cache?.check(path).stat);
        if (pool) await sendFull();
        continue;
      }
      const checked = cache?.check(path);
      const known = checked?.key === undefined ? undefined : cache!.get(checked.key, path);
      if (known) {
        cache!.unread++;
        hit(cache!, checked!.key!, checked!.stat, known);
        continue;
      }
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch (failure) {
        onResult(unreadable(path, (failure as Error).message));
        continue;
      }
      const key = BuildCache.keyOf(path, bytes);
      const cached = cache?.has(key) ? cache.get(key, path) : undefined;
      if (cached) {
        hit(cache!, key, checked?.stat, cached);
        continue;
      }
      misses.push(path);
      stats.set(path, checked?.stat);
      if (!pool && workers > 1 && misses.length >= minimumForWorkers) {
        pool = new BuildWorkerPool(workers, await workerBundle?.());
      }
      await sendFull();
    }
    if (pool && misses.length > 0) send(misses.splice(0));
    if (misses.length > 0) {
      // Loaded only now: a rebuild that changed nothing never loads the builder (linkedom and all).
      const { buildPostFile } = await import("./build-post-file");
      for (const path of misses) take(buildPostFile(path, settings, () => false));
    }
    // allSettled first: a failed batch must not leave others still calling `take` after we return.
    const settled = await Promise.allSettled([...inFlight]);
    const failure = settled.find((outcome) => outcome.status === "rejected");
    if (failure) throw (failure as PromiseRejectedResult).reason;
  } finally {
    await pool?.close();
  }
}

/** The worker threads a build starts for `workers` (the option; default: one per core). */
export function workerCount(workers: number | undefined): number {
  return Math.max(1, workers ?? availableParallelism());
}

/**
 * Starts a build's worker threads (on the bundled entry, see bundleBuildWorker) before it knows its posts,
 * for a caller that knows most of them must be built; undefined when the build runs on one thread.
 */
export async function startBuildWorkers(workers: number | undefined, workerBundle: () => Promise<URL | undefined>): Promise<BuildWorkerPool | undefined> {
  const count = workerCount(workers);
  return count > 1 ? new BuildWorkerPool(count, await workerBundle()) : undefined;
}

/** The result of a post file that could not be read. */
function unreadable(path: string, reason: string): PostResult {
  return { file: path, problems: [{ file: path, severity: "error", message: `cannot read the file: ${reason}` }] };
}
