import { readFileSync } from "node:fs";
import { buildArticle, type ArticleSettings } from "../article/build-article";
import { BuildCache } from "./build-cache";

/** What building one post file gave, in a form that crosses a thread boundary cheaply. */
export interface PostFileResult {
  path: string;
  /** The cache key of the bytes read; absent when the file could not be read. */
  key?: string;
  /** The BuiltArticle as JSON; absent when the cache already holds the result for `key`. */
  json?: string;
  /** Why the file could not be read. */
  readError?: string;
}

/**
 * Reads one post file and builds it unless `isCached` says the result for its bytes is known already.
 * Synchronous on purpose: it runs on a worker thread with nothing else to do, and one small read costs
 * less than the promise machinery around an asynchronous one.
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
  return { path, key, json: JSON.stringify(buildArticle({ path, bytes }, settings)) };
}
