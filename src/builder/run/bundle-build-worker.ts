import { compileEntry } from "./compile-entry";

const WORKER_ENTRY = new URL("./build-worker.ts", import.meta.url);

/**
 * build-worker.ts compiled (see compileEntry), once per version of its code: a worker thread started on it
 * loads much faster than one that compiles each TypeScript file through tsx's loader. Undefined when it
 * cannot compile; callers then start the TypeScript entry.
 */
export function bundleBuildWorker(): Promise<URL | undefined> {
  return compileEntry(WORKER_ENTRY);
}
