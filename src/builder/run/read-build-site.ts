import { SITE_DEFAULT_VARS, type SiteDefaults } from "../../model/site-config";
import type { ArticleSettings } from "../article/build-article";
import { readHexoSite, type HexoSite } from "../read/read-hexo-site";
import { readSiteConfigFile } from "./read-site-config-file";

/** What a build reads before its first post: where the posts are, the settings they are built with, and notes for the person running it. */
export interface BuildSite {
  postsFolder: string;
  settings: ArticleSettings;
  /** What a Hexo site's `_config.yml` sets that wrangler.toml leaves unset: the generation carries it for the Worker. */
  siteDefaults?: SiteDefaults;
  notes: string[];
}

/** A Hexo site's `_config.yml` settings under the `[vars]` names they stand in for. */
function hexoVars(site: HexoSite): Record<string, string> {
  const vars: Record<string, string> = site.url === undefined ? {} : { SITE_URL: site.url };
  for (const key of Object.keys(SITE_DEFAULT_VARS) as (keyof SiteDefaults)[]) {
    const value = site[key];
    if (value !== undefined) vars[SITE_DEFAULT_VARS[key]] = value;
  }
  return vars;
}

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
  let siteDefaults: SiteDefaults | undefined;
  if (hexo) {
    notes.push(`build: ${directory} is a Hexo site: building ${hexo.postsFolder} (drafts stay out), with ${hexo.configPath}'s settings where wrangler.toml leaves them unset`);
    // What the Worker would not know from wrangler.toml alone goes into the generation (Manifest.site).
    const served = await readSiteConfigFile(configPath);
    const keys = (Object.keys(SITE_DEFAULT_VARS) as (keyof SiteDefaults)[]).filter((key) => config[key] !== served[key]);
    if (keys.length > 0) {
      siteDefaults = Object.fromEntries(keys.map((key) => [key, config[key]]));
      notes.push(`build: the Worker takes ${keys.map((key) => `${SITE_DEFAULT_VARS[key]} = ${JSON.stringify(config[key])}`).join(", ")} from the published generation, wherever its wrangler.toml [vars] set none`);
    }
    if (hexo.url !== undefined && served.url === "") {
      notes.push(`build: to serve the site where the Hexo site was, set SITE_URL = ${JSON.stringify(hexo.url)} in wrangler.toml [vars]; without it links use the request's origin`);
    }
  }
  return { postsFolder: hexo?.postsFolder ?? directory, settings, ...(siteDefaults === undefined ? {} : { siteDefaults }), notes };
}
