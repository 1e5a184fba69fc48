import type { Article } from "../../model/article";
import type { BuiltArticle } from "../article/build-article";
import { hashParts } from "../plan/hash-parts";
import { savedArticleOf } from "../plan/open-article-sources";
import type { PlanArticle } from "../plan/plan-generation";
import type { Problem } from "../report/problem";

/** An article as a build saves it: its line of `.build/articles.ndjson`, and what planning needs of it. */
export interface ArticleLine {
  /** The article's plan metadata, as savedArticleOf gives it. */
  meta: PlanArticle["article"];
  /** `hashParts([line])`. */
  hash: string;
  /** The article's JSON, without a newline: text as built, or bytes as the build cache holds them. */
  line: string | Buffer;
}

/**
 * What one post file gave, as the build passes it on: its problems, and its article as the line saved for
 * it. A result the build cache gives is never parsed: its line goes to the saved file as the cache's bytes.
 */
export interface PostResult {
  file: string;
  problems: Problem[];
  /** Set when the post is a draft: kept out, not an error. */
  draft?: boolean;
  article?: ArticleLine;
}

/** The PostResult of a freshly built post: its article's JSON line, metadata and hash, made once. */
export function postResultOf(built: BuiltArticle): PostResult {
  const { file, problems, draft, article } = built;
  const result: PostResult = { file, problems, ...(draft ? { draft } : {}) };
  if (article === undefined) return result;
  const line = JSON.stringify(article);
  const saved = savedArticleOf(article, line, 0, 0, hashParts);
  return { ...result, article: { meta: saved.article, hash: saved.hash, line } };
}

/** The BuiltArticle a PostResult stands for, its article parsed back from its line. */
export function builtArticleOf(result: PostResult): BuiltArticle {
  const { file, problems, draft, article } = result;
  return {
    file,
    problems,
    ...(draft ? { draft } : {}),
    ...(article === undefined ? {} : { article: JSON.parse(article.line.toString()) as Article }),
  };
}
