import type { Article } from "../../model/article";
import { articleSizeProblem } from "../../model/kv-limits";
import { cleanAndSanitizeHtml } from "../html/clean-and-sanitize-html";
import type { PermalinkSettings } from "../post/hexo-permalink";
import { parsePost } from "../post/parse-post";
import type { Problem } from "../report/problem";
import { surelyFitsPage } from "./surely-fits-page";

/** What a post's article depends on besides its bytes: the site settings the build reads (wrangler.toml `[vars]`). */
export interface ArticleSettings {
  /** Dates without an offset are read in this IANA zone (`SITE_TIME_ZONE`). */
  timeZone: string;
  /** The site rules for posts that name no source URL, by name (`SOURCE_SITE`; default generic). */
  sourceSite?: string;
  /**
   * A Hexo site's URL settings, when the build knows them (a Hexo site folder's `_config.yml`): each post
   * then gets the permalink Hexo gives it, and its relative URLs resolve against that.
   */
  permalink?: PermalinkSettings & { postsFolder: string };
}

/** Just the ArticleSettings of `options`, in a fixed order: what crosses to a worker thread and keys the build cache. */
export function articleSettingsOf(options: ArticleSettings): ArticleSettings {
  return {
    timeZone: options.timeZone,
    ...(options.sourceSite === undefined ? {} : { sourceSite: options.sourceSite }),
    ...(options.permalink === undefined
      ? {}
      : {
          permalink: {
            url: options.permalink.url,
            pattern: options.permalink.pattern,
            postsFolder: options.permalink.postsFolder,
            ...(options.permalink.newPostName === undefined ? {} : { newPostName: options.permalink.newPostName }),
            ...(options.permalink.defaultCategory === undefined ? {} : { defaultCategory: options.permalink.defaultCategory }),
            ...(options.permalink.timeZone === undefined ? {} : { timeZone: options.permalink.timeZone }),
          },
        }),
  };
}

/** What one post file became: an article to publish, or nothing; every problem found either way. */
export interface BuiltArticle {
  file: string;
  article?: Article;
  /** Set when the post is a draft (`published: false` or `draft: true`): kept out, not an error. */
  draft?: boolean;
  problems: Problem[];
}

/**
 * Turns one post file into a clean, sanitized Article: parse, clean the site's junk, sanitize with the
 * allowlist, summarize. Fails closed: a post whose cleaning throws is reported and never published raw.
 */
export function buildArticle(file: { path: string; bytes: Uint8Array }, settings: ArticleSettings): BuiltArticle {
  const { post, problems } = parsePost(file, settings);
  if (!post || problems.some((problem) => problem.severity === "error")) return { file: file.path, problems };
  if (post.draft) return { file: file.path, draft: true, problems };
  let contentHtml: string;
  let editor: string | undefined;
  let summary: string;
  try {
    const options = {
      ...(post.sourceUrl === undefined ? {} : { sourceUrl: post.sourceUrl }),
      ...(post.permalink === undefined ? {} : { baseUrl: post.permalink }),
      ...(settings.sourceSite === undefined ? {} : { sourceSite: settings.sourceSite }),
    };
    const body = cleanAndSanitizeHtml(post.bodyHtml, options);
    contentHtml = body.html;
    editor = body.editor;
    // Hexo: the part before `<!-- more -->` is the excerpt, so it is what the summary tells.
    summary = post.excerptHtml === undefined ? body.summary : cleanAndSanitizeHtml(post.excerptHtml, options).summary;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    problems.push({ file: file.path, severity: "error", message: `cannot clean the HTML body, so the post is kept out: ${reason}` });
    return { file: file.path, problems };
  }
  if (contentHtml.trim() === "") {
    problems.push({ file: file.path, severity: "error", message: "the body is empty after cleaning; nothing to publish" });
    return { file: file.path, problems };
  }
  const article: Article = {
    id: post.id,
    title: post.title,
    published: post.published,
    updated: post.updated,
    ...(post.author ? { author: post.author } : {}),
    categories: post.categories,
    tags: post.tags,
    ...(post.image ? { image: post.image } : {}),
    summary: summary || post.title,
    contentHtml,
    ...(editor ? { editor } : {}),
    ...(post.sourceUrl ? { sourceUrl: post.sourceUrl } : {}),
    ...(post.permalink ? { permalink: post.permalink } : {}),
  };
  // Checked here, per file, so one oversized post is reported as `path: reason` and kept out instead of
  // making the whole publish refuse a value KV could not store. A long body is no problem: feed pages hold
  // a copy cut to fit (see cutArticleForPage) and the whole article is stored alone.
  const sizeProblem = surelyFitsPage(article) ? undefined : articleSizeProblem(article);
  if (sizeProblem !== undefined) {
    problems.push({ file: file.path, severity: "error", message: `too big to publish, so the post is kept out: ${sizeProblem}` });
    return { file: file.path, problems };
  }
  return { file: file.path, article, problems };
}
