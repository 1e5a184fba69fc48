import type { ArticleSettings } from "../article/build-article";
import { readHexoSite, type HexoSite } from "../read/read-hexo-site";
import { readSiteConfigFile } from "./read-site-config-file";

/** What a build reads before its first post: where the posts are, the settings they are built with, and notes for the person running it. */
export interface BuildSite {
  postsFolder: string;
  settings: ArticleSettings;
  notes: string[];
}

/** A Hexo site's `_config.yml` settings under the `[vars]` names they stand in for. */
function hexoVars(site: HexoSite): Record<string, string> {
  const vars: Record<string, string> = {};
  if (site.url) vars.SITE_URL = site.url;
  if (site.title) vars.SITE_TITLE = site.title;
  if (site.description) vars.SITE_DESCRIPTION = site.description;
  if (site.language) vars.SITE_LANGUAGE = site.language;
  if (site.timeZone) vars.SITE_TIME_ZONE = site.timeZone;
  return vars;
}

const SETTING_NAMES = { url: "SITE_URL", title: "SITE_TITLE", description: "SITE_DESCRIPTION", language: "SITE_LANGUAGE", timeZone: "SITE_TIME_ZONE" } as const;

/**
 * Reads the folder a build is given and the settings it builds with. A Hexo site folder (`_config.yml` and
 * `source/_posts`) gives its posts folder (drafts stay out) and its settings where wrangler.toml's `[vars]`
 * leave them unset; its `url` and `permalink` give every post its Hexo permalink. `ID_SCHEME =
 * "hexo-permalink"` needs a site URL to make permalinks of; throws without one.
 */
export async function readBuildSite(directory: string, configPath?: string): Promise<BuildSite> {
  const hexo = await readHexoSite(directory);
  const config = await readSiteConfigFile(configPath, hexo ? hexoVars(hexo) : {});
  const notes: string[] = [];
  const settings: ArticleSettings = { timeZone: config.timeZone, sourceSite: config.sourceSite };
  const permalinkUrl = hexo?.url ?? (config.idScheme === "hexo-permalink" && config.url !== "" ? config.url : undefined);
  if (config.idScheme === "hexo-permalink" && permalinkUrl === undefined) {
    throw new Error(`${configPath ?? "wrangler.toml"}: [vars] ID_SCHEME "hexo-permalink" makes ids of the posts' Hexo URLs, which need the site's URL: set SITE_URL, or build a Hexo site folder whose _config.yml sets url`);
  }
  if (permalinkUrl !== undefined) {
    settings.permalink = {
      url: permalinkUrl,
      pattern: hexo?.permalink ?? ":year/:month/:day/:title/",
      ...(config.permalinkTimeZone === config.timeZone ? {} : { timeZone: config.permalinkTimeZone }),
      postsFolder: hexo?.postsFolder ?? directory,
      ...(hexo ? { newPostName: hexo.newPostName, defaultCategory: hexo.defaultCategory } : {}),
    };
  }
  if (hexo) {
    notes.push(`build: ${directory} is a Hexo site: building ${hexo.postsFolder} (drafts stay out), with ${hexo.configPath}'s settings where wrangler.toml leaves them unset`);
    // The Worker reads wrangler.toml alone: what the Hexo site sets must be copied there to be served.
    const served = await readSiteConfigFile(configPath);
    const missing = (Object.keys(SETTING_NAMES) as (keyof typeof SETTING_NAMES)[])
      .filter((key) => config[key] !== served[key])
      .map((key) => `${SETTING_NAMES[key]} = ${JSON.stringify(config[key])}`);
    if (missing.length > 0) notes.push(`build: the Worker reads wrangler.toml [vars]; to serve the site as its _config.yml describes it, set there: ${missing.join(", ")}`);
  }
  return { postsFolder: hexo?.postsFolder ?? directory, settings, notes };
}
