import type { Article } from "../../model/article";

/**
 * A post after parsing, before its HTML is cleaned: the front matter normalized into the Article fields it
 * gives (dates RFC 3339 UTC, `updated` equal to `published` when absent), the body still raw.
 */
export interface ParsedPost extends Pick<Article, "id" | "title" | "published" | "updated" | "author" | "categories" | "tags" | "image" | "sourceUrl" | "permalink"> {
  /** The file's path as given. */
  file: string;
  /** The body as HTML, not cleaned yet: rendered from Markdown for a Markdown post, as written otherwise. */
  bodyHtml: string;
  /** The part of `bodyHtml` before `<!-- more -->`, when the body has that marker. */
  excerptHtml?: string;
  /** `true` for `published: false` or `draft: true`: the post is reported and kept out. */
  draft: boolean;
}
