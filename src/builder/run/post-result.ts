import type { Article } from "../../model/article";
import type { BuiltArticle } from "../article/build-article";
import { hashBytes } from "../plan/hash-parts";
import { savedArticleOf } from "../plan/open-article-sources";
import type { PlanArticle } from "../plan/plan-generation";
import type { Problem } from "../report/problem";

/** An article as a build saves it: its line of `.build/articles.ndjson`, and what planning needs of it. */
export interface ArticleLine {
  /** The article's plan metadata, as savedArticleOf gives it. */
  meta: PlanArticle["article"];
  /** `hashParts([line])`. */
  hash: string;
  /** The article's JSON as UTF-8, without a newline. */
  line: Buffer;
  /**
   * Set when `line` is a view of the build cache's bytes, which stay in memory for the whole build: such a
   * line is kept as it is, where a line built now goes to the spool (see ArticleSpool).
   */
  cached?: true;
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

/**
 * The PostResult of a freshly built post: its article's JSON line, encoded to UTF-8 once (the spool, the
 * build cache and a thread boundary all take the bytes), its metadata and hash.
 */
export function postResultOf(built: BuiltArticle): PostResult {
  const { file, problems, draft, article } = built;
  const result: PostResult = { file, problems, ...(draft ? { draft } : {}) };
  if (article === undefined) return result;
  const text = JSON.stringify(article);
  const line = Buffer.from(text);
  // hashParts([text]) from the bytes `line` holds, so the text is not encoded twice.
  const saved = savedArticleOf(article, text, 0, 0, () => hashBytes(line));
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
