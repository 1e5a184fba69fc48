import type { Article } from "../model/article";
import type { BuiltArticle } from "./build-article";
import type { Problem } from "./problem";

/** The outcome of a whole build: the articles to publish and everything to report. */
export interface BuildOutcome {
  /** Sorted by id. */
  articles: Article[];
  problems: Problem[];
  published: number;
  /** Files kept out: errors and drafts. */
  skipped: number;
  warnings: number;
}

/**
 * Gathers per-file results into one outcome. Files are taken in path order, so when two posts claim the
 * same id the first path keeps it and the other is reported; the result does not depend on read order.
 */
export function collectArticles(results: readonly BuiltArticle[]): BuildOutcome {
  const ordered = [...results].sort((left, right) => (left.file < right.file ? -1 : left.file > right.file ? 1 : 0));
  const owners = new Map<string, string>();
  const articles: Article[] = [];
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
    articles.push(result.article);
  }
  articles.sort((left, right) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0));
  return {
    articles,
    problems,
    published: articles.length,
    skipped,
    warnings: problems.filter((problem) => problem.severity === "warning").length,
  };
}
