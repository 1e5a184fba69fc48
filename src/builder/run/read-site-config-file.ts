import { readFile } from "node:fs/promises";
import { parse } from "smol-toml";
import { readSiteConfig, type SiteConfig } from "../../model/site-config";

/** Reads the site settings from the `[vars]` of a wrangler.toml, so the build and the Worker agree. */
export async function readSiteConfigFile(path = "wrangler.toml"): Promise<SiteConfig> {
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
  try {
    return readSiteConfig(vars);
  } catch (error) {
    throw new Error(`${path}: [vars] ${(error as Error).message}`);
  }
}
