import type { Scope } from "./scope";
import type { SiteDefaults } from "./site-config";

/**
 * An archive page of a scope as the manifest lists it: its name (its oldest item's time, see
 * pageNameOfTime), the hash of its ArchivePage (`page:<hash>`) and how many items it holds.
 */
export type ArchiveEntry = [name: string, hash: string, count: number];

/** The scope's newest page, which no newer page follows yet: its items are the head's newest `count`. */
export interface OpenPage {
  name: string;
  count: number;
}

/** One feed scope in a generation: its counts and where its pages are. */
export interface ScopeEntry {
  scope: Scope;
  total: number;
  /** RFC 3339: the newest `updated` among the scope's articles. */
  updated: string;
  /** Hash of the scope's HeadPage (`page:<hash>`). */
  head: string;
  /** The pages a newer page follows, oldest first (RFC 5005 archives); their names sort as their times. */
  archives: ArchiveEntry[];
  /** The newest page; absent only for an empty scope. */
  open?: OpenPage;
}

/** A node of the category tree, for home and category pages. */
export interface CategoryNode {
  name: string;
  /** Names from the root to this node. */
  path: string[];
  /** Articles in this node and its descendants. */
  total: number;
  children: CategoryNode[];
}

/** A short entry per article for listings, so pages can list articles without reading them. */
export interface ArticleSummary {
  id: string;
  title: string;
  published: string;
  summary: string;
}

/**
 * One generation of the site: everything the Worker needs to find any page or article.
 * Immutable and stored under the hash of its bytes (`manifest:<hash>`); `current` names the live one.
 */
export interface Manifest {
  /**
   * 2 since pages end where their items say (format 1 chunked by position and stored every article alone);
   * 3 since pages do not name their scope, so scopes with the same items share them; 4 since a head keeps its
   * newest items as plain JSON in front of the compressed rest (HEAD_LEAD_ITEMS), which a Worker of format 3
   * cannot read; 5 since that lead is UTF-16LE unless it is ASCII, which a Worker of format 4 cannot read. This
   * Worker serves all four.
   */
  format: ServedManifestFormat;
  /** RFC 3339: the newest `updated` of any article. */
  updated: string;
  /** Keyed by `scopeId(scope)`. */
  scopes: Record<string, ScopeEntry>;
  /** Roots of the category forest, each sorted by name. */
  categories: CategoryNode[];
  tags: { name: string; total: number }[];
  /**
   * The authors posts name in their front matter, most articles first, each with an author scope
   * (`/authors/<name>/`). Absent when no post names one, and in generations written before author feeds.
   */
  authors?: { name: string; total: number }[];
  /** How many shards ids are spread over (a power of 2 up to 256, see shardCountFor); see shardOfArticle. */
  shardCount: number;
  /** Article index shards: `shardOfArticle(id, shardCount)` → hash of an ArticleShard (`shard:<hash>`), which says where each article is. */
  shards: Record<string, string>;
  /**
   * The paths articles had on the Hexo site the posts came from (`permalinkPath` of each Article.permalink)
   * → article id, so the Worker can answer an old link with a redirect. Only for a site built from a Hexo
   * site folder; it grows the manifest by a path and an id per article.
   */
  permalinks?: Record<string, string>;
  /**
   * Settings the posts' source gave (a Hexo site's `_config.yml`), which the Worker uses wherever its own
   * `[vars]` set none (see withSiteDefaults). Absent for a site built from a plain folder of posts.
   */
  site?: SiteDefaults;
}

/** The manifest format this code writes. */
export const MANIFEST_FORMAT = 5;

/**
 * The manifest formats this code's Worker serves (and so a rollback may go back to): format 2's pages only add
 * their scope, format 2's and 3's heads are compressed whole, and format 4's head leads are always UTF-8.
 */
export const SERVED_MANIFEST_FORMATS = [2, 3, 4, MANIFEST_FORMAT] as const;

/** A manifest format the Worker serves. */
export type ServedManifestFormat = (typeof SERVED_MANIFEST_FORMATS)[number];

/** Whether a stored manifest's `format` is one this code's Worker serves. */
export function isServedManifestFormat(format: unknown): format is ServedManifestFormat {
  return SERVED_MANIFEST_FORMATS.some((served) => served === format);
}

/**
 * Where an article is. Its JSON is in the site's page that its `published` time falls in (the last archive
 * whose name is at most the time's, or the open page), unless `page` names that page because the time alone
 * cannot tell (many articles of one second). An article too long for pages is also stored alone, under
 * `article:<article>`; the pages then hold its first part.
 */
export interface ArticleLocation {
  published: string;
  page?: string;
  article?: string;
}

/** Maps the ids of the articles whose shard this is to where each is. */
export interface ArticleShard {
  articles: Record<string, ArticleLocation>;
}

/** The live generation pointer, stored under `current`: small, read on every request. */
export interface CurrentPointer {
  /** Hash of the live Manifest. */
  manifest: string;
  /** Counts publishes; increases by one with each. */
  generation: number;
  /** RFC 3339: when this generation went live. */
  publishedAt: string;
  /** Hashes of earlier manifests, newest first, for rollback (kept generations less the live one). */
  previous: string[];
}

/**
 * The article index shard an id belongs to among `shardCount` (a power of 2, at most 256; format 1 always had
 * 256): the low bits of FNV-1a as two hex digits.
 */
export function shardOfArticle(id: string, shardCount = 256): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index++) {
    hash ^= id.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return ((hash >>> 0) & (shardCount - 1)).toString(16).padStart(2, "0");
}

// About this many ids to a shard: a shard is a few KB to read for an article page, and every shard is one
// more value a first publish writes (the local store pays ~1 ms for each; a Free account 1 of its 1,000 a day).
const IDS_PER_SHARD = 160;

/**
 * How many shards a generation of `articles` spreads its ids over: the power of 2 nearest above
 * articles / 160, from 1 to 256 (10,000 articles: 64 shards of ~156 ids). It changes only when the site
 * doubles, and then every shard is written once.
 */
export function shardCountFor(articles: number): number {
  let count = 1;
  while (count < 256 && count * IDS_PER_SHARD < articles) count *= 2;
  return count;
}
