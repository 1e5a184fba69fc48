import type { SiteDefaults } from "../../model/site-config";
import { rmSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { siteDefaultsPath, type SavedArticle } from "../plan/open-article-sources";
import { formatProblem } from "../report/problem";
import { createProgress } from "../report/progress";
import { ArticleSpool, type SpooledResult } from "./article-spool";
import type { BuildOnlyOptions, BuiltArticles } from "./build-options";
import { buildEachPost, startBuildWorkers } from "./build-posts";
import { bundleBuildWorker } from "./bundle-build-worker";
import { collectResults } from "./collect-articles";
import { prepareBuild, type PreparedBuild } from "./prepare-build";
import { moveIntoPlace, temporaryPathFor } from "./replace-file";

/**
 * Builds, reports the problems and saves the articles to `options.output`, but does not publish (nor print
 * the summary, which comes after the publish); undefined when nothing could be published, or under `strict`
 * when anything went wrong (nothing is saved then). `prepared`: what runBuild already read (prepareBuild).
 */
export async function buildAndSaveArticles(
  options: BuildOnlyOptions,
  log: (line: string) => void,
  error: (line: string) => void,
  prepared?: PreparedBuild,
): Promise<BuiltArticles | undefined> {
  const { output } = options;
  // Asked to (runBuild's child, which it starts only for many posts to read): the workers load while this
  // thread reads the site, lists the posts and opens the cache, which cost a first build 65-80 ms.
  // Workers that fail to start here are started again by buildEachPost, whose failure is reported.
  const pool = options.workersAtOnce ? startBuildWorkers(options.workers, bundleBuildWorker).catch(() => undefined) : undefined;
  let build: PreparedBuild;
  try {
    build = prepared ?? (await prepareBuild(options));
  } catch (failure) {
    await (await pool)?.close();
    error(`build: ${(failure as Error).message}`);
    return undefined;
  }
  for (const line of build.notes) log(line);
  const { files, settings, siteDefaults, cache } = build;
  // Each article goes to a spool file beside the output as it is built; memory keeps only what collecting
  // and planning need of it, so a build's memory does not grow with its articles' text.
  let spool: ArticleSpool;
  try {
    await mkdir(dirname(output), { recursive: true });
    spool = ArticleSpool.create(output);
  } catch (failure) {
    await (await pool)?.close();
    await cache?.abandonWriting();
    error(`build: cannot write beside ${output}: ${(failure as Error).message}`);
    return undefined;
  }
  try {
    const results: SpooledResult[] = [];
    const progress = options.progress ? createProgress({ label: "building", total: files.length, stream: process.stderr }) : undefined;
    try {
      await buildEachPost(
        files,
        {
          ...settings,
          cache,
          workerBundle: bundleBuildWorker,
          ...(options.workers === undefined ? {} : { workers: options.workers }),
          ...(pool === undefined ? {} : { pool: await pool }),
        },
        (result) => {
          results.push(spool.addPost(result));
          progress?.advance();
        },
      );
      progress?.finish();
    } catch (failure) {
      progress?.finish(); // ends a terminal's bar line, so the error starts a line of its own
      await cache?.abandonWriting();
      error(`build: ${(failure as Error).message}`);
      return undefined;
    }
    const outcome = collectResults(results);
    for (const problem of outcome.problems) (problem.severity === "error" ? error : log)(formatProblem(problem));
    const summary = `${outcome.published} published, ${outcome.skipped} skipped, ${outcome.warnings} warnings`;
    if (outcome.published === 0) {
      error(`build: ${summary}. Nothing publishable in ${options.directory}; the previous build stays live.`);
      return undefined;
    }
    // --strict decides here, before anything is written: a build with any problem replaces neither the saved
    // articles (which `npm run publish` would otherwise publish) nor anything in KV.
    if (options.strict && outcome.problems.length > 0) {
      error(`build: ${summary}. --strict: ${outcome.problems.length} problems, so nothing is saved or published; the previous build stays live.`);
      return undefined;
    }
    // Written to a temporary file and renamed, so a crash never leaves half a build for `npm run publish`.
    let saved: SavedArticle[];
    try {
      saveSiteDefaults(output, siteDefaults);
      saved = spool.save(outcome.kept, output);
    } catch (failure) {
      error(`build: cannot save the articles to ${output}: ${(failure as Error).message}; the previous build stays live.`);
      return undefined;
    }
    // The next build cache points into the file just saved (see BuildCache), so it is written only now. The
    // articles are saved: a cache that cannot be written only leaves the old one, which checks each line.
    const offsets = new Map<string, number>();
    outcome.kept.forEach((result, index) => offsets.set(result.file, saved[index]!.offset));
    await cache?.finishWriting(offsets, spool.savedIdentity).catch(() => undefined);
    return { summary, saved };
  } finally {
    spool.close();
    // Whatever was not saved leaves the cache as it was (finishWriting makes this a no-op).
    await cache?.abandonWriting().catch(() => undefined);
  }
}

/** Saves the settings the generation is to carry beside the articles (see siteDefaultsPath), or removes an earlier build's. */
function saveSiteDefaults(output: string, siteDefaults: SiteDefaults | undefined): void {
  const path = siteDefaultsPath(output);
  if (siteDefaults === undefined) {
    rmSync(path, { force: true });
    return;
  }
  const temporary = temporaryPathFor(path);
  writeFileSync(temporary, `${JSON.stringify(siteDefaults)}\n`);
  moveIntoPlace(temporary, path);
}
