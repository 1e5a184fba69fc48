// The entry point of a build worker thread (see BuildWorkerPool): builds the batches of post files the
// main thread sends, and answers each with one PostFileResult per file, in order.
import { parentPort, workerData } from "node:worker_threads";
import { buildPostFile, type PostFileResult } from "./build-post-file";

/** What the main thread gives a worker when it starts it. */
export interface BuildWorkerData {
  timeZone: string;
  /** Cache keys whose results the main thread already holds: those posts are read and hashed, not built. */
  cachedKeys: string[];
}

/** One batch of post files to build. */
export interface BuildRequest {
  batch: number;
  paths: string[];
}

/** A worker's answer to one batch: the results, or the reason the batch failed as a whole. */
export interface BuildResponse {
  batch: number;
  results?: PostFileResult[];
  failure?: string;
}

if (parentPort) {
  const port = parentPort;
  const { timeZone, cachedKeys } = workerData as BuildWorkerData;
  const cached = new Set(cachedKeys);
  const isCached = (key: string): boolean => cached.has(key);
  port.on("message", (request: BuildRequest) => {
    let response: BuildResponse;
    try {
      response = { batch: request.batch, results: request.paths.map((path) => buildPostFile(path, timeZone, isCached)) };
    } catch (failure) {
      response = { batch: request.batch, failure: failure instanceof Error ? failure.message : String(failure) };
    }
    port.postMessage(response);
  });
}
