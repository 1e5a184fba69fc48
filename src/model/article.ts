/** An image that stands for an article: its absolute URL and, where known, its MIME type. */
export interface ArticleImage {
  url: string;
  /** `image/png`, `image/jpeg`, … from the file extension; absent when it cannot be told. */
  type?: string;
}

/**
 * One published article, as the build writes it to KV and the Worker reads it back.
 * Every string is NFC, free of characters XML 1.0 forbids; every URL in it is absolute.
 */
export interface Article {
  /** Stable id from the file name (`000_8f6629c53df7089d.txt` → `8f6629c53df7089d`); never changes. */
  id: string;
  title: string;
  /** RFC 3339 in UTC, e.g. `2021-06-11T04:19:02Z`. */
  published: string;
  /** RFC 3339 in UTC; equals `published` when the post has no `updated`. */
  updated: string;
  author?: string;
  /** Category hierarchies, each from root to leaf (Hexo: a list is one hierarchy). */
  categories: string[][];
  tags: string[];
  image?: ArticleImage;
  /** Plain text, whitespace collapsed, at most 140 characters. */
  summary: string;
  /** The cleaned and sanitized HTML body. */
  contentHtml: string;
  /** The editor line (责任编辑) kept as metadata rather than body text. */
  editor?: string;
  /** The article's original URL at its source site, when the post names it. */
  sourceUrl?: string;
  /**
   * The URL the post had on the Hexo site it came from (Hexo's `post.permalink`), when the build read a Hexo
   * site: `ID_SCHEME = "hexo-permalink"` makes it the item's id, and the Worker redirects its path here.
   */
  permalink?: string;
  /**
   * Set on the copy of an article that feed pages hold when the whole article is too long for them (see
   * PAGE_ITEM_MAX_BYTES): `contentHtml` is then its first part, cut between blocks, and the whole article
   * is stored alone. Feeds add a link to the article's page after it.
   */
  truncated?: true;
}
