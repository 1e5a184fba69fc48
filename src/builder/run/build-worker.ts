// The entry point of a build worker thread (see BuildWorkerPool): builds the batches of post files the
// main thread sends, and answers each with one PostFileResult per file, in order (its article as a JSON
// line, which crosses as one string).
import { parentPort, workerData } from "node:worker_threads";
import type { ArticleSettings } from "../article/build-article";
import { buildPostFile, type PostFileResult } from "./build-post-file";

/** What the main thread gives a worker when it starts it. */
export type BuildWorkerData = ArticleSettings;

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
  const settings = workerData as BuildWorkerData;
  // The main thread sends only posts the cache does not hold.
  const isCached = (): boolean => false;
  port.on("message", (request: BuildRequest) => {
    let response: BuildResponse;
    try {
      response = { batch: request.batch, results: request.paths.map((path) => buildPostFile(path, settings, isCached)) };
    } catch (failure) {
      response = { batch: request.batch, failure: failure instanceof Error ? failure.message : String(failure) };
    }
    port.postMessage(response);
  });
}
