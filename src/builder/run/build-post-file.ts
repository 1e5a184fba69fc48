import { readFileSync } from "node:fs";
import { buildArticle, type ArticleSettings } from "../article/build-article";
import { BuildCache } from "./build-cache";
import { type BuiltPostResult, postResultOf } from "./post-result";

/** What building one post file gave (a worker packs it to cross to the main thread: see packResults). */
export interface PostFileResult {
  path: string;
  /** The cache key of the bytes read; absent when the file could not be read. */
  key?: string;
  /** The post's result, its article as its JSON line; absent when the cache already holds the result for `key`. */
  result?: BuiltPostResult;
  /** Why the file could not be read. */
  readError?: string;
}

/**
 * Reads one post file and builds it unless `isCached` says the result for its bytes is known already.
 * Synchronous on purpose: it runs on a worker thread with nothing else to do, and one small read costs
 * less than the promise machinery around an asynchronous one. The article's line, metadata and hash are
 * made here, so the thread that saves it neither parses nor stringifies it again.
 */
export function buildPostFile(path: string, settings: ArticleSettings, isCached: (key: string) => boolean): PostFileResult {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (failure) {
    return { path, readError: (failure as Error).message };
  }
  const key = BuildCache.keyOf(path, bytes);
  if (isCached(key)) return { path, key };
  return { path, key, result: postResultOf(buildArticle({ path, bytes }, settings)) };
}
