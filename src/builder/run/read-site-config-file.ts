import { readFile } from "node:fs/promises";
import { parse } from "smol-toml";
import { readSiteConfig, type SiteConfig } from "../../model/site-config";
import { SITE_NAMES } from "../html/site-rules-for";

/**
 * Reads the site settings from the `[vars]` of a wrangler.toml, so the build and the Worker agree; throws
 * naming the file and the setting. `fallbacks` (a Hexo site's `_config.yml`, by var name) count where
 * `[vars]` leaves a setting unset or empty.
 */
export async function readSiteConfigFile(path = "wrangler.toml", fallbacks: Record<string, string> = {}): Promise<SiteConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new Error(`${path}: cannot read it (${(error as Error).message})`);
  }
  let vars: Record<string, unknown>;
  try {
    vars = (parse(text).vars ?? {}) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${path}: not valid TOML (${(error as Error).message})`);
  }
  let config: SiteConfig;
  try {
    // An empty setting counts as unset, so a Hexo site's value stands in for it; but an empty IMAGE_PROXY_HOSTS
    // means "proxy no host", as it does for the Worker, which reads the same [vars].
    const set = Object.fromEntries(
      Object.entries(vars).filter(([name, value]) => name === "IMAGE_PROXY_HOSTS" || !(typeof value === "string" && value.trim() === "")),
    );
    config = readSiteConfig({ ...fallbacks, ...set });
  } catch (error) {
    throw new Error(`${path}: [vars] ${(error as Error).message}`);
  }
  if (!SITE_NAMES.includes(config.sourceSite)) {
    throw new Error(`${path}: [vars] SOURCE_SITE must name site rules (${SITE_NAMES.join(", ")}), got ${JSON.stringify(config.sourceSite)}`);
  }
  return config;
}
