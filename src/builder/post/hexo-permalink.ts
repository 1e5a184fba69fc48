import { createHash } from "node:crypto";
import { slugize } from "../../model/slugize";
import { timeZoneOffsetAt } from "./wall-time-to-utc";

/** How a Hexo site names its posts' URLs (`_config.yml`), which permalinks are made of. */
export interface PermalinkSettings {
  /** The site's `url`, absolute, without a trailing slash (a sub-folder included: `https://example.org/blog`). */
  url: string;
  /** `permalink`, Hexo's default `:year/:month/:day/:title/`. */
  pattern: string;
  /** `new_post_name`, Hexo's default `:title.md`: how a post's file name carries its slug. */
  newPostName?: string;
  /** `default_category`, Hexo's default `uncategorized`: `:category` of a post without one. */
  defaultCategory?: string;
  /**
   * The zone the permalink's date is written in. Hexo reads front-matter dates in `_config.yml`'s `timezone`
   * but writes `:year/:month/:day` in the local time of the machine that ran `hexo generate` (its `TZ`):
   * seen here with Hexo 8.1, a post at 00:30 in Berlin got `2025/01/01` under `TZ=Europe/Berlin` and
   * `2024/12/31` under UTC. Default: the site's time zone.
   */
  timeZone?: string;
}

/** What Hexo's permalink is made of, of one post. */
export interface PermalinkPost {
  /** The file's path under `source/_posts`, with its extension. */
  relativePath: string;
  /** Front matter `slug`, which overrides the one the file name gives. */
  slug?: string;
  /** Front matter `permalink`, which overrides the pattern. */
  permalink?: string;
  title: string;
  /** RFC 3339 UTC. */
  published: string;
  categories: string[][];
}

/** The slug Hexo reads from a post's path: `new_post_name`'s `:title` part, or the path without its extension. */
function slugOfPath(relativePath: string, newPostName: string): string {
  const stem = relativePath.replace(/\\/g, "/").replace(/\.[^./]+$/, "");
  const pattern = newPostName.replace(/\.[^./]+$/, "");
  if (!pattern.includes(":title")) return stem;
  const groups: string[] = [];
  const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/:(\w+)/g, (_whole, name: string) => {
    groups.push(name);
    if (name === "year") return "(\\d{4})";
    if (name === "month" || name === "day") return "(\\d{2})";
    if (name === "i_month" || name === "i_day") return "(\\d{1,2})";
    return name === "title" ? "(.+)" : "(.+?)";
  });
  const match = new RegExp(`^${source}$`).exec(stem) ?? new RegExp(`(?:^|/)${source}$`).exec(stem);
  return match?.[groups.indexOf("title") + 1] ?? stem;
}

/**
 * The absolute URL Hexo gives a post (`post.permalink`, which hexo-generator-feed writes as each item's RSS
 * `guid` and Atom `id`): the site's `url` and the `permalink` pattern filled in with the post's date in the
 * zone Hexo ran in and its slug, as Hexo's post_permalink filter does, percent-encoded as hexo-util's
 * encodeURL leaves it. Front matter `permalink` wins over the pattern.
 */
export function hexoPermalink(post: PermalinkPost, settings: PermalinkSettings, timeZone: string): string {
  const slug = post.slug ?? slugOfPath(post.relativePath, settings.newPostName ?? ":title.md");
  const zone = settings.timeZone ?? timeZone;
  let path: string;
  if (post.permalink !== undefined) {
    path = post.permalink;
  } else {
    const instant = Date.parse(post.published);
    const wall = new Date(instant + timeZoneOffsetAt(instant, zone));
    const two = (value: number): string => String(value).padStart(2, "0");
    const lastCategory = post.categories.at(-1)?.at(-1);
    const values: Record<string, string> = {
      title: slug,
      name: slug.split("/").pop() ?? slug,
      post_title: slugize(post.title, true),
      year: String(wall.getUTCFullYear()).padStart(4, "0"),
      month: two(wall.getUTCMonth() + 1),
      day: two(wall.getUTCDate()),
      hour: two(wall.getUTCHours()),
      minute: two(wall.getUTCMinutes()),
      second: two(wall.getUTCSeconds()),
      i_month: String(wall.getUTCMonth() + 1),
      i_day: String(wall.getUTCDate()),
      timestamp: String(Math.floor(instant / 1000)),
      hash: createHash("sha1").update(slug + String(Math.floor(instant / 1000))).digest("hex").slice(0, 12),
      category: lastCategory === undefined ? (settings.defaultCategory ?? "uncategorized") : slugize(lastCategory),
    };
    // hexo-util's Permalink: `:name` tokens of the pattern, longest names first so `:i_month` is not `:i`.
    path = settings.pattern.replace(/:(i_month|i_day|post_title|timestamp|[a-z]+)/g, (whole, name: string) => values[name] ?? whole);
  }
  const joined = `${settings.url}/${path}`.replace(/([^:/])\/{2,}/g, "$1/");
  return new URL(joined).href;
}
