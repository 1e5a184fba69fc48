import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readBuildSite } from "../../../src/builder/run/read-build-site";
import { temporaryFolders } from "../../support/temporary-folders";

const makeFolder = temporaryFolders("edgefeed-build-site-");
const HEXO_SITE = "test/fixtures/hexo-site";

/** A wrangler.toml with these [vars] in a fresh folder. */
function wranglerToml(vars: string): string {
  const path = join(makeFolder(), "wrangler.toml");
  writeFileSync(path, `name = "x"\n[vars]\n${vars}\n`);
  return path;
}

describe("readBuildSite", () => {
  it("builds a plain folder of posts with wrangler.toml's settings and no permalinks", async () => {
    const site = await readBuildSite("seeds", wranglerToml('SOURCE_SITE = "sina"'));
    expect(site).toEqual({ postsFolder: "seeds", settings: { timeZone: "Asia/Shanghai", sourceSite: "sina" }, notes: [] });
  });

  it("builds a Hexo site folder's _posts with its _config.yml where wrangler.toml leaves settings unset", async () => {
    const site = await readBuildSite(HEXO_SITE, wranglerToml('SITE_TITLE = ""\nSITE_DESCRIPTION = "Ours"'));
    expect(site.postsFolder).toBe(join(HEXO_SITE, "source", "_posts"));
    expect(site.settings).toEqual({
      timeZone: "Europe/Berlin",
      sourceSite: "generic",
      permalink: { url: "https://blog.example.org", pattern: ":year/:month/:day/:title/", postsFolder: join(HEXO_SITE, "source", "_posts"), newPostName: ":title.md", defaultCategory: "uncategorized" },
    });
    // What the Worker would not know from wrangler.toml, which the generation carries; SITE_DESCRIPTION is set there.
    expect(site.siteDefaults).toEqual({ title: "Ada's Notes", author: "Ada Example", language: "en", timeZone: "Europe/Berlin" });
    expect(site.notes.slice(1)).toEqual([
      'build: the Worker takes SITE_TITLE = "Ada\'s Notes", SITE_AUTHOR = "Ada Example", SITE_LANGUAGE = "en", SITE_TIME_ZONE = "Europe/Berlin" from the published generation, wherever its wrangler.toml [vars] set none',
      'build: to serve the site where the Hexo site was, set SITE_URL = "https://blog.example.org" in wrangler.toml [vars]; without it links use the request\'s origin',
    ]);
  });

  it("keeps wrangler.toml's settings where it sets them", async () => {
    const site = await readBuildSite(HEXO_SITE, wranglerToml('SITE_TIME_ZONE = "Asia/Tokyo"'));
    expect(site.settings.timeZone).toBe("Asia/Tokyo");
  });

  it("treats a folder with _config.yml but no source/_posts as a plain folder of posts", async () => {
    const folder = makeFolder();
    writeFileSync(join(folder, "_config.yml"), "title: x\n");
    expect((await readBuildSite(folder, wranglerToml(""))).postsFolder).toBe(folder);
  });

  it("names _config.yml when it is not YAML", async () => {
    const folder = makeFolder();
    cpSync(HEXO_SITE, folder, { recursive: true });
    writeFileSync(join(folder, "_config.yml"), "title: [unclosed\n");
    await expect(readBuildSite(folder, wranglerToml(""))).rejects.toThrow(`${join(folder, "_config.yml")}: not valid YAML`);
  });

  it("writes permalink dates in PERMALINK_TIME_ZONE when it differs from the site's", async () => {
    const site = await readBuildSite(HEXO_SITE, wranglerToml('PERMALINK_TIME_ZONE = "UTC"'));
    expect(site.settings.permalink?.timeZone).toBe("UTC");
  });

  it("makes permalinks from SITE_URL for a plain folder under ID_SCHEME hexo-permalink, and refuses it without a URL", async () => {
    const site = await readBuildSite("seeds", wranglerToml('ID_SCHEME = "hexo-permalink"\nSITE_URL = "https://news.example.com"'));
    expect(site.settings.permalink).toEqual({ url: "https://news.example.com", pattern: ":year/:month/:day/:title/", postsFolder: "seeds" });
    await expect(readBuildSite("seeds", wranglerToml('ID_SCHEME = "hexo-permalink"'))).rejects.toThrow("ID_SCHEME \"hexo-permalink\" makes ids of the posts' Hexo URLs, which need the site's URL");
  });

  it("refuses an ID_SCHEME it does not know, naming the file", async () => {
    const path = wranglerToml('ID_SCHEME = "guid"');
    await expect(readBuildSite("seeds", path)).rejects.toThrow(`${path}: [vars] ID_SCHEME must be one of edgefeed, hexo-permalink, got "guid"`);
  });
});
