import type { Article } from "../../model/article";
import type { BuiltArticle } from "../article/build-article";
import { hashBytes } from "../plan/hash-parts";
import { savedArticleOf } from "../plan/open-article-sources";
import type { PlanArticle } from "../plan/plan-generation";
import type { Problem } from "../report/problem";
import type { PreviousArticles } from "./previous-articles";

/** An article as a build saves it: its line of `.build/articles.ndjson`, and what planning needs of it. */
export interface ArticleLine {
  /** The article's plan metadata, as savedArticleOf gives it. */
  meta: PlanArticle["article"];
  /** `hashParts([line])`. */
  hash: string;
  /** The article's JSON as UTF-8, without a newline. */
  line: Buffer;
}

/**
 * An article the build cache vouches for: its metadata and hash, and where its line is in the articles file
 * the previous build saved (see BuildCache), read only when the build saves its own (see ArticleSpool.save).
 */
export interface CachedArticleLine {
  meta: PlanArticle["article"];
  hash: string;
  cached: CachedLine;
}

/** Where an article's line is in an earlier build's articles file: `length` bytes at `offset`, then a newline. */
export interface CachedLine {
  source: PreviousArticles;
  offset: number;
  length: number;
}

/**
 * What one post file gave, as the build passes it on: its problems, and its article as the line saved for
 * it. A result the build cache gives is never parsed: its line is copied from the previous articles file.
 */
export interface PostResult {
  file: string;
  problems: Problem[];
  /** Set when the post is a draft: kept out, not an error. */
  draft?: boolean;
  article?: ArticleLine | CachedArticleLine;
}

/** A PostResult built now (not given by the build cache): its article's line is in memory. */
export type BuiltPostResult = Omit<PostResult, "article"> & { article?: ArticleLine };

/**
 * The PostResult of a freshly built post: its article's JSON line, encoded to UTF-8 once (the spool, the
 * build cache and a thread boundary all take the bytes), its metadata and hash.
 */
export function postResultOf(built: BuiltArticle): BuiltPostResult {
  const { file, problems, draft, article } = built;
  const result: BuiltPostResult = { file, problems, ...(draft ? { draft } : {}) };
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
    ...(article === undefined ? {} : { article: JSON.parse(lineOf(article).toString()) as Article }),
  };
}

/** The UTF-8 JSON line of an article, read from the previous articles file when the build cache gave it. */
export function lineOf(article: ArticleLine | CachedArticleLine): Buffer {
  if ("line" in article) return article.line;
  const { source, offset, length } = article.cached;
  return source.read(offset, length);
}
