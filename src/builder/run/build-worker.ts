// The entry point of a build worker thread (see BuildWorkerPool): builds the batches of post files the
// main thread sends, and answers each with one result per file, in order, its articles' lines packed into
// one buffer that is moved to the main thread, not copied.
import { parentPort, workerData } from "node:worker_threads";
import type { ArticleSettings } from "../article/build-article";
import { buildPostFile } from "./build-post-file";
import { type PackedFileResult, packResults } from "./pack-results";

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
  results?: PackedFileResult[];
  /** The articles' lines of `results`, end to end, in their order (see packResults). */
  lines?: ArrayBuffer;
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
      const { results, lines } = packResults(request.paths.map((path) => buildPostFile(path, settings, isCached)));
      response = { batch: request.batch, results, lines };
    } catch (failure) {
      response = { batch: request.batch, failure: failure instanceof Error ? failure.message : String(failure) };
    }
    port.postMessage(response, response.lines ? [response.lines] : []);
  });
}
