import { join } from "node:path";
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
  /**
   * With `inChildProcess`: the fewest posts to read (those whose stat the build cache cannot vouch for) for
   * which the build goes to a child; fewer build in this process, which then loads only what they need.
   * Default: PARALLEL_THRESHOLD (as many as start worker threads); tests set 0 to always use the child.
   */
  minimumForChildProcess?: number;
}

/** A saved build: its summary line and where each article is in the file. */
export interface BuiltArticles {
  summary: string;
  saved: SavedArticle[];
}

/** The options of a build alone, all plain data, as a child process takes them. */
export type BuildOnlyOptions = Omit<BuildOptions, "publish" | "log" | "error" | "inChildProcess" | "minimumForChildProcess"> & {
  output: string;
  /**
   * Starts the worker threads before the site is read and its posts listed, so they load meanwhile: set by
   * runBuild for its child process, which it starts only when it counted enough posts to read.
   */
  workersAtOnce?: boolean;
};
