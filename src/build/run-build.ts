import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildArticle, type BuiltArticle } from "./build-article";
import { collectArticles, type BuildOutcome } from "./collect-articles";
import { listPostFiles } from "./list-post-files";
import { formatProblem } from "./problem";
import { readSiteConfigFile } from "./read-site-config-file";

/** Where the last good build's articles are saved, one Article JSON a line, for `npm run publish`. */
export const BUILD_OUTPUT = join(".build", "articles.ndjson");

/** Options of one build run, as the command line gives them. */
export interface BuildOptions {
  directory: string;
  strict: boolean;
  quiet: boolean;
  /** Publishes the outcome (the local KV store by default); returns a line to print. */
  publish?: (outcome: BuildOutcome) => Promise<string>;
  log?: (line: string) => void;
  error?: (line: string) => void;
}

/**
 * Builds every post under a folder, reports each problem as `path: reason`, saves the articles and
 * publishes them. Returns the exit status: 0 when anything was published, 1 when nothing could be
 * (the previous build stays in place), and 1 under `strict` on any problem.
 */
export async function runBuild(options: BuildOptions): Promise<number> {
  const log = options.log ?? ((line: string) => console.log(line));
  const error = options.error ?? ((line: string) => console.error(line));
  let files: string[];
  let timeZone: string;
  try {
    files = await listPostFiles(options.directory);
    timeZone = (await readSiteConfigFile()).timeZone;
  } catch (failure) {
    error(`build: ${(failure as Error).message}`);
    return 1;
  }
  const results: BuiltArticle[] = [];
  for (const path of files) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (failure) {
      results.push({ file: path, problems: [{ file: path, severity: "error", message: `cannot read the file: ${(failure as Error).message}` }] });
      continue;
    }
    results.push(buildArticle({ path, bytes }, { timeZone }));
  }
  const outcome = collectArticles(results);
  for (const problem of outcome.problems) (problem.severity === "error" ? error : log)(formatProblem(problem));
  const summary = `${outcome.published} published, ${outcome.skipped} skipped, ${outcome.warnings} warnings`;
  if (outcome.published === 0) {
    error(`build: ${summary}. Nothing publishable in ${options.directory}; the previous build stays live.`);
    return 1;
  }
  await saveArticles(outcome);
  if (options.publish) {
    try {
      const line = await options.publish(outcome);
      if (!options.quiet) log(line);
    } catch (failure) {
      error(`build: publishing failed, the previous generation stays live: ${(failure as Error).message}`);
      log(summary);
      return 1;
    }
  }
  log(summary);
  const problemCount = outcome.problems.length;
  return options.strict && problemCount > 0 ? 1 : 0;
}

// Written to a temporary file and renamed, so a crash never leaves half a build for `npm run publish`.
async function saveArticles(outcome: BuildOutcome): Promise<void> {
  await mkdir(".build", { recursive: true });
  const temporary = `${BUILD_OUTPUT}.${process.pid}.tmp`;
  await writeFile(temporary, outcome.articles.map((article) => JSON.stringify(article)).join("\n") + "\n");
  await rename(temporary, BUILD_OUTPUT);
}
