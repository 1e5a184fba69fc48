import type { Article } from "../../model/article";
import { compareStrings } from "../../model/compare-strings";
import type { BuiltArticle } from "../article/build-article";
import type { Problem } from "../report/problem";

/** What collecting needs of one file's result: its path, problems, and the article's id when it has one. */
export interface CollectableResult {
  file: string;
  article?: { id: string };
  draft?: boolean;
  problems: Problem[];
}

/** The outcome of a whole build: the results to publish and everything to report. */
export interface CollectedResults<R extends CollectableResult> {
  /** The results whose article is published, in path order (the order a build reads and spools them in). */
  kept: (R & { article: NonNullable<R["article"]> })[];
  problems: Problem[];
  published: number;
  /** Files kept out: errors and drafts. */
  skipped: number;
  warnings: number;
}

/** collectArticles' outcome: the articles themselves, in their files' path order. */
export interface BuildOutcome extends Omit<CollectedResults<BuiltArticle>, "kept"> {
  articles: Article[];
}

/**
 * Gathers per-file results into one outcome. Files are taken in path order, so when two posts claim the
 * same id the first path keeps it and the other is reported; the result does not depend on read order.
 * Works on whole BuiltArticles or on what a build keeps of each (see ArticleSpool).
 */
export function collectResults<R extends CollectableResult>(results: readonly R[]): CollectedResults<R> {
  // A build hands them over in path order but for those its worker threads built: sorted only when not so.
  const ordered = isSorted(results, (result) => result.file) ? results : [...results].sort((left, right) => compareStrings(left.file, right.file));
  const owners = new Map<string, string>();
  const kept: (R & { article: NonNullable<R["article"]> })[] = [];
  const problems: Problem[] = [];
  let skipped = 0;
  for (const result of ordered) {
    problems.push(...result.problems);
    if (result.draft) {
      problems.push({ file: result.file, severity: "warning", message: "draft (published: false or draft: true), not published" });
      skipped++;
      continue;
    }
    if (!result.article) {
      skipped++;
      continue;
    }
    const owner = owners.get(result.article.id);
    if (owner !== undefined) {
      problems.push({
        file: result.file,
        severity: "error",
        message: `id "${result.article.id}" is already used by ${owner}; rename one of the files`,
      });
      skipped++;
      continue;
    }
    owners.set(result.article.id, result.file);
    kept.push(result as R & { article: NonNullable<R["article"]> });
  }
  return {
    kept,
    problems,
    published: kept.length,
    skipped,
    warnings: problems.filter((problem) => problem.severity === "warning").length,
  };
}

/** Whether `items` are in strictly increasing order of `key` (so sorting them would change nothing). */
function isSorted<T>(items: readonly T[], key: (item: T) => string): boolean {
  for (let index = 1; index < items.length; index++) if (compareStrings(key(items[index - 1]!), key(items[index]!)) >= 0) return false;
  return true;
}

/** collectResults over whole results, giving their articles. */
export function collectArticles(results: readonly BuiltArticle[]): BuildOutcome {
  const { kept, ...outcome } = collectResults(results);
  return { articles: kept.map((result) => result.article), ...outcome };
}
