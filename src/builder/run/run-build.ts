import { join } from "node:path";
import { buildInChildProcess } from "./build-in-child-process";
import type { SavedArticle } from "../plan/open-article-sources";

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
  /** Shows the build's progress on stderr (a bar on a terminal, plain lines elsewhere). */
  progress?: boolean;
  /**
   * Builds in a child Node process (see buildInChildProcess) and publishes in this one, so the publish
   * starts with none of the build's memory; `log` and `error` still get every line, in order.
   */
  inChildProcess?: boolean;
}

/** A saved build: its summary line, how many problems it had and where each article is in the file. */
export interface BuiltArticles {
  summary: string;
  problemCount: number;
  saved: SavedArticle[];
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
  // The articles are never all in memory: the build spools them to disk as they come, and the publish
  // reads each back from the saved file when it must be written.
  const built = options.inChildProcess
    ? await buildInChildProcess(buildOnlyOptions(options, output), log, error)
    : // Imported here only: the builder (linkedom and all) takes ~1 s and ~40 MB to load, which a process
      // that leaves the build to a child never needs.
      await (await import("./build-and-save")).buildAndSaveArticles({ ...options, output }, log, error);
  if (built === undefined) return 1;
  if (options.publish) {
    // What the build parsed is garbage now. Collected here, before the publish loads miniflare and starts
    // workerd, it never sits in memory beside them (`npm run build` runs Node with --expose-gc; without
    // it V8 collects when it sees fit). A build in a child process left nothing here to collect.
    if (!options.inChildProcess) (globalThis as { gc?: () => void }).gc?.();
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

/** The options of a build alone, all plain data, as a child process takes them. */
export type BuildOnlyOptions = Omit<BuildOptions, "publish" | "log" | "error" | "inChildProcess"> & { output: string };

function buildOnlyOptions(options: BuildOptions, output: string): BuildOnlyOptions {
  const { publish: _publish, log: _log, error: _error, inChildProcess: _inChildProcess, ...rest } = options;
  return { ...rest, output };
}
