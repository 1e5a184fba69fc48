import type { ArticleImage } from "../model/article";

/** A post after parsing, before its HTML is cleaned: front matter normalized, body still raw. */
export interface ParsedPost {
  /** The stable article id derived from the file name. */
  id: string;
  /** The file's path as given. */
  file: string;
  title: string;
  /** RFC 3339 UTC. */
  published: string;
  /** RFC 3339 UTC; equals `published` when the front matter has no `updated`. */
  updated: string;
  author?: string;
  categories: string[][];
  tags: string[];
  image?: ArticleImage;
  /** The original article URL when the front matter names one (`link`, `source`, `source_url`, `url`). */
  sourceUrl?: string;
  /** The raw HTML body (everything after the front matter). */
  bodyHtml: string;
  /** The raw HTML before `<!-- more -->`, when the body has that marker. */
  excerptHtml?: string;
  /** `true` for `published: false` or `draft: true`: the post is reported and kept out. */
  draft: boolean;
}
