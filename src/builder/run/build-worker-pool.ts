import { Worker } from "node:worker_threads";
import type { ArticleSettings } from "../article/build-article";
import { MEMORY_LIMITS } from "../memory-limits";
import type { PostFileResult } from "./build-post-file";
import type { BuildRequest, BuildResponse } from "./build-worker";
import { unpackResults } from "./pack-results";
import { extensionOf, typeScriptExecArgv, withoutTypeScriptLoader } from "./typescript-exec-argv";

/** Each worker's heap bounds (see MEMORY_LIMITS for why). */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: MEMORY_LIMITS.workerYoungGenerationMb };

interface PoolWorker {
  thread: Worker;
  /** Batches sent and not answered yet. */
  waiting: Map<number, { resolve: (results: PostFileResult[]) => void; reject: (error: Error) => void }>;
}

/**
 * Build worker threads (see build-worker.ts) that take batches of post files and give back their
 * results. A batch goes to the worker with the fewest batches waiting, so a slow batch never holds up
 * the others. A worker that dies fails the batches it held.
 */
export class BuildWorkerPool {
  private readonly workers: PoolWorker[] = [];
  private nextBatch = 0;

  /**
   * Starts `count` workers on `bundle` (see bundleBuildWorker), without this process's TypeScript loader, or
   * on build-worker.ts through tsx's loader when there is no bundle.
   */
  constructor(count: number, bundle?: URL) {
    const entry = bundle ?? new URL(`./build-worker${extensionOf(import.meta.url)}`, import.meta.url);
    const execArgv = threadFlags(bundle ? withoutTypeScriptLoader(process.execArgv) : typeScriptExecArgv());
    for (let index = 0; index < count; index++) {
      const worker: PoolWorker = { thread: new Worker(entry, { execArgv, resourceLimits: WORKER_LIMITS }), waiting: new Map() };
      worker.thread.on("message", (response: BuildResponse) => {
        const waiting = worker.waiting.get(response.batch);
        worker.waiting.delete(response.batch);
        if (response.results) waiting?.resolve(unpackResults(response.results, response.lines ?? new ArrayBuffer(0)));
        else waiting?.reject(new Error(`a build worker failed: ${response.failure ?? "no reason given"}`));
      });
      const failAll = (error: Error): void => {
        for (const { reject } of worker.waiting.values()) reject(error);
        worker.waiting.clear();
      };
      worker.thread.on("error", (error) => failAll(new Error(`a build worker failed: ${error.message}`)));
      worker.thread.on("exit", (code) => failAll(new Error(`a build worker stopped (exit code ${code})`)));
      this.workers.push(worker);
    }
  }

  /** Batches sent to all workers and not answered yet. */
  get waiting(): number {
    return this.workers.reduce((sum, worker) => sum + worker.waiting.size, 0);
  }

  /** Builds a batch of post files on the least busy worker. */
  build(paths: string[], settings: ArticleSettings): Promise<PostFileResult[]> {
    const worker = this.workers.reduce((best, candidate) => (candidate.waiting.size < best.waiting.size ? candidate : best));
    const batch = this.nextBatch++;
    return new Promise((resolve, reject) => {
      worker.waiting.set(batch, { resolve, reject });
      const request: BuildRequest = { batch, paths, settings };
      worker.thread.postMessage(request);
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.thread.terminate()));
  }
}

/**
 * V8's heap flags are the process's: Node refuses to start a worker given them ("invalid execArgv flags"),
 * and each worker has its own limits (WORKER_LIMITS) anyway. `node --max-old-space-size=N` applies to the
 * main thread only.
 */
const HEAP_SIZE_FLAG = /^--max[-_](old|semi)[-_]space[-_]size(=|$)/;

/** The flags a worker may be given of `flags`: the process-wide heap flags left out, with the value after a bare size flag. */
export function threadFlags(flags: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < flags.length; index++) {
    const flag = flags[index]!;
    if (!HEAP_SIZE_FLAG.test(flag)) kept.push(flag);
    else if (!flag.includes("=")) index++; // `--max-old-space-size 512`: its value goes too
  }
  return kept;
}
