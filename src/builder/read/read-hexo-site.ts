import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { parseYaml } from "./parse-yaml";

/** What edgefeed takes from a Hexo site folder: where its published posts are, and its `_config.yml` settings. */
export interface HexoSite {
  /** `_config.yml`'s path, for messages. */
  configPath: string;
  /** `<site>/<source_dir>/_posts`: the published posts. Drafts (`_drafts`) are never read. */
  postsFolder: string;
  title?: string;
  description?: string;
  author?: string;
  /** The first of `language` when it is a list, as Hexo takes it. */
  language?: string;
  timeZone?: string;
  /** `url` without a trailing slash; undefined when unset or not absolute http(s). */
  url?: string;
  /** `permalink`, Hexo's default `:year/:month/:day/:title/` when unset. */
  permalink: string;
  newPostName: string;
  defaultCategory: string;
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);

/**
 * Reads a Hexo site folder (one with `_config.yml` and `<source_dir>/_posts`); undefined when `directory`
 * is a plain folder of posts. Throws naming `_config.yml` when it cannot be read or is not YAML.
 */
export async function readHexoSite(directory: string): Promise<HexoSite | undefined> {
  const configPath = join(directory, "_config.yml");
  let source: string;
  try {
    source = await readFile(configPath, "utf8");
  } catch {
    return undefined;
  }
  let config: Record<string, unknown>;
  try {
    const parsed = parseYaml(source);
    config = parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  } catch (error) {
    throw new Error(`${configPath}: not valid YAML (${(error as Error).message.split("\n")[0]})`);
  }
  const postsFolder = join(directory, text(config.source_dir) ?? "source", "_posts");
  if (!(await stat(postsFolder).catch(() => undefined))?.isDirectory()) return undefined;
  const language = Array.isArray(config.language) ? text(config.language[0]) : text(config.language);
  const url = text(config.url)?.replace(/\/+$/, "");
  return {
    configPath,
    postsFolder,
    ...(text(config.title) ? { title: text(config.title)! } : {}),
    ...(text(config.description) ?? text(config.subtitle) ? { description: (text(config.description) ?? text(config.subtitle))! } : {}),
    ...(text(config.author) ? { author: text(config.author)! } : {}),
    ...(language ? { language } : {}),
    ...(text(config.timezone) ? { timeZone: text(config.timezone)! } : {}),
    ...(url && /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(url) ? { url } : {}),
    permalink: text(config.permalink) ?? ":year/:month/:day/:title/",
    newPostName: text(config.new_post_name) ?? ":title.md",
    defaultCategory: text(config.default_category) ?? "uncategorized",
  };
}
