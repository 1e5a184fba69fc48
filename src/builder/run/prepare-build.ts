import type { SiteDefaults } from "../../model/site-config";
import type { ArticleSettings } from "../article/build-article";
import { listPostFiles } from "../read/list-post-files";
import { BuildCache } from "./build-cache";
import { BUILD_CACHE, type BuildOnlyOptions } from "./build-options";
import { builderVersion } from "./builder-version";
import { readBuildSite } from "./read-build-site";

/** What a build knows before its first post is read: the files, their settings, the cache, and how many posts it must read. */
export interface PreparedBuild {
  files: string[];
  settings: ArticleSettings;
  siteDefaults?: SiteDefaults;
  /** Lines for the person running it, printed by the build that goes on from here. */
  notes: string[];
  /** The build cache, its next version being written (undefined: no cache, or one that cannot be used). */
  cache?: BuildCache;
  /**
   * Posts the cache cannot vouch for by their stat (see BuildCache.check): each is read and hashed, and
   * built unless its bytes are cached. Counted only when asked (`countToRead`); else every post.
   */
  toRead: number;
}

/**
 * Reads the build's site settings, lists its posts and opens the build cache, so that runBuild can tell
 * from the posts' stats, before loading any of the builder, whether the build is small enough to run
 * here rather than in a child process. Throws when the folder or settings cannot be read.
 */
export async function prepareBuild(options: BuildOnlyOptions, countToRead = false): Promise<PreparedBuild> {
  const site = await readBuildSite(options.directory, options.config);
  const files = await listPostFiles(site.postsFolder);
  const cache = await openCache(options.cache ?? BUILD_CACHE, await builderVersion(), site.settings, options.output);
  let toRead = files.length;
  if (countToRead && cache !== undefined && !cache.empty) toRead = files.filter((path) => cache.check(path).key === undefined).length;
  return {
    files,
    settings: site.settings,
    ...(site.siteDefaults === undefined ? {} : { siteDefaults: site.siteDefaults }),
    notes: site.notes,
    ...(cache === undefined ? {} : { cache }),
    toRead,
  };
}

// The cache only ever saves time: one that cannot be read or written means building every post afresh.
async function openCache(folder: string | false, version: string, settings: ArticleSettings, articles: string): Promise<BuildCache | undefined> {
  if (folder === false) return undefined;
  let cache: BuildCache | undefined;
  try {
    cache = await BuildCache.open(folder, version, settings, articles);
    // Before any post is stat'ed: the next cache's `since` must come first (see BuildCache.check).
    await cache.startWriting();
    return cache;
  } catch {
    // Also closes the previous articles file the cache opened.
    await cache?.abandonWriting().catch(() => undefined);
    return undefined;
  }
}
