// The entry point of a build worker thread (see BuildWorkerPool): builds the batches of post files the
// main thread sends, and answers each with one result per file, in order, its articles' lines packed into
// one buffer that is moved to the main thread, not copied.
import { parentPort } from "node:worker_threads";
import type { ArticleSettings } from "../article/build-article";
import { buildPostFile } from "./build-post-file";
import { type PackedFileResult, packResults } from "./pack-results";

/**
 * One batch of post files to build, with the settings to build them with: sent with each batch (a few
 * bytes), so workers can be started before the site's settings are read.
 */
export interface BuildRequest {
  batch: number;
  paths: string[];
  settings: ArticleSettings;
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
  // The main thread sends only posts the cache does not hold.
  const isCached = (): boolean => false;
  port.on("message", (request: BuildRequest) => {
    let response: BuildResponse;
    try {
      const { results, lines } = packResults(request.paths.map((path) => buildPostFile(path, request.settings, isCached)));
      response = { batch: request.batch, results, lines };
    } catch (failure) {
      response = { batch: request.batch, failure: failure instanceof Error ? failure.message : String(failure) };
    }
    port.postMessage(response, response.lines ? [response.lines] : []);
  });
}
