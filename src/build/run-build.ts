import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { BuiltArticle } from "./build-article";
import { BuildCache } from "./build-cache";
import { buildPosts } from "./build-posts";
import { builderVersion } from "./builder-version";
import { bundleBuildWorker } from "./bundle-build-worker";
import { collectArticles, type BuildOutcome } from "./collect-articles";
import { listPostFiles } from "./list-post-files";
import { hashParts } from "./hash-parts";
import { formatProblem } from "./problem";
import { savedArticleOf, type SavedArticle } from "./publish/open-article-sources";
import { readSiteConfigFile } from "./read-site-config-file";

/** Where the last good build's articles are saved, one Article JSON a line, for `npm run publish`. */
export const BUILD_OUTPUT = join(".build", "articles.ndjson");

/** Where results of earlier builds are kept, keyed by each post's bytes (see BuildCache). */
export const BUILD_CACHE = join(".build", "cache");

/** Options of one build run, as the command line gives them. */
export interface BuildOptions {
  directory: string;
  strict: boolean;
  quiet: boolean;
  /**
   * Publishes the saved articles file (to the local KV store by default); returns a line to print. `saved`
   * says where each article is in the file and its hash, so the file need not be read back to plan.
   */
  publish?: (articlesFile: string, saved: readonly SavedArticle[]) => Promise<string>;
  log?: (line: string) => void;
  error?: (line: string) => void;
  /** Where the articles are saved (default BUILD_OUTPUT). */
  output?: string;
  /** The build cache's folder (default BUILD_CACHE); false builds every post afresh and keeps no cache. */
  cache?: string | false;
  /** Worker threads (default: one per core); 1 builds on the main thread. */
  workers?: number;
  /** Site settings file (default wrangler.toml): its time zone is the one dates are read in. */
  config?: string;
}

/**
 * Builds every post under a folder, reports each problem as `path: reason`, saves the articles and
 * publishes them. Returns the exit status: 0 when anything was published, 1 when nothing could be
 * (the previous build stays in place), and 1 under `strict` on any problem.
 */
export async function runBuild(options: BuildOptions): Promise<number> {
  const log = options.log ?? ((line: string) => console.log(line));
  const error = options.error ?? ((line: string) => console.error(line));
  const output = options.output ?? BUILD_OUTPUT;
  // Built and saved in a function of its own, so that no article is left in memory while publishing:
  // the publish reads them back from the saved file as it needs them.
  const built = await buildAndSave(options, output, log, error);
  if (built === undefined) return 1;
  if (options.publish) {
    // Every article built is garbage now. Collected here, before the publish loads wrangler and starts
    // workerd, it never sits in memory beside them (`npm run build` runs Node with --expose-gc; without
    // it V8 collects when it sees fit).
    (globalThis as { gc?: () => void }).gc?.();
    try {
      const line = await options.publish(output, built.saved);
      if (!options.quiet) log(line);
    } catch (failure) {
      error(`build: publishing failed, the previous generation stays live: ${(failure as Error).message}`);
      log(built.summary);
      return 1;
    }
  }
  log(built.summary);
  return options.strict && built.problemCount > 0 ? 1 : 0;
}

/** Builds, reports the problems and saves the articles; undefined when nothing could be published. */
async function buildAndSave(
  options: BuildOptions,
  output: string,
  log: (line: string) => void,
  error: (line: string) => void,
): Promise<{ summary: string; problemCount: number; saved: SavedArticle[] } | undefined> {
  let files: string[];
  let timeZone: string;
  try {
    files = await listPostFiles(options.directory);
    timeZone = (await readSiteConfigFile(options.config)).timeZone;
  } catch (failure) {
    error(`build: ${(failure as Error).message}`);
    return undefined;
  }
  const version = await builderVersion();
  const cache = await openCache(options.cache ?? BUILD_CACHE, version, timeZone);
  let results: BuiltArticle[];
  try {
    results = await buildPosts(files, {
      timeZone,
      cache,
      workerBundle: () => bundleBuildWorker(version),
      ...(options.workers === undefined ? {} : { workers: options.workers }),
    });
    await cache?.finishWriting();
  } catch (failure) {
    await cache?.abandonWriting();
    error(`build: ${(failure as Error).message}`);
    return undefined;
  }
  const outcome = collectArticles(results);
  for (const problem of outcome.problems) (problem.severity === "error" ? error : log)(formatProblem(problem));
  const summary = `${outcome.published} published, ${outcome.skipped} skipped, ${outcome.warnings} warnings`;
  if (outcome.published === 0) {
    error(`build: ${summary}. Nothing publishable in ${options.directory}; the previous build stays live.`);
    return undefined;
  }
  const saved = await saveArticles(outcome, output);
  return { summary, problemCount: outcome.problems.length, saved };
}

// The cache only ever saves time: one that cannot be read or written means building every post afresh.
async function openCache(folder: string | false, version: string, timeZone: string): Promise<BuildCache | undefined> {
  if (folder === false) return undefined;
  try {
    const cache = await BuildCache.open(folder, version, timeZone);
    await cache.startWriting();
    return cache;
  } catch {
    return undefined;
  }
}

// Written to a temporary file and renamed, so a crash never leaves half a build for `npm run publish`.
// Streamed one article at a time: the whole file as one string would double the build's memory. Returns
// where each line went and its hash, as openArticleSources would find them reading the file.
async function saveArticles(outcome: BuildOutcome, path: string): Promise<SavedArticle[]> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const stream = createWriteStream(temporary);
  const finished = new Promise<void>((resolve, reject) => stream.on("finish", resolve).on("error", reject));
  const saved: SavedArticle[] = [];
  let offset = 0;
  try {
    for (const article of outcome.articles) {
      const line = JSON.stringify(article);
      const length = Buffer.byteLength(line);
      saved.push(savedArticleOf(article, line, offset, length, hashParts));
      offset += length + 1;
      if (!stream.write(`${line}\n`)) await once(stream, "drain");
    }
    stream.end();
    await finished;
  } catch (failure) {
    stream.destroy();
    await rm(temporary, { force: true });
    throw failure;
  }
  await rename(temporary, path);
  return saved;
}
