import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { hashParts } from "../../src/builder/plan/hash-parts";
import { openArticleSources, siteDefaultsPath } from "../../src/builder/plan/open-article-sources";
import { planArticles } from "../../src/builder/plan/plan-generation";
import { runBuild } from "../../src/builder/run/run-build";
import type { Article } from "../../src/model/article";
import { matchJsonGolden } from "../support/match-golden";
import { temporaryFolders } from "../support/temporary-folders";

const makeFolder = temporaryFolders("edgefeed-hexo-site-");
const GOLDEN = fileURLToPath(new URL("../fixtures/hexo-site.articles.json", import.meta.url));

describe("a Hexo site folder", () => {
  it("builds into the golden articles: Markdown rendered, tag plugins, drafts out, Hexo permalinks", async () => {
    const folder = makeFolder();
    const config = join(folder, "wrangler.toml");
    writeFileSync(config, 'name = "x"\n[vars]\nID_SCHEME = "hexo-permalink"\n');
    const lines: string[] = [];
    const output = join(folder, "articles.ndjson");
    const status = await runBuild({ directory: "test/fixtures/hexo-site", strict: true, quiet: true, output, cache: false, workers: 1, config, log: (line) => lines.push(line), error: (line) => lines.push(line) });
    expect(status).toBe(0);
    expect(lines.at(-1)).toBe("4 published, 0 skipped, 0 warnings");
    const articles = readFileSync(output, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Article);
    expect(articles.map((article) => article.title)).not.toContain("Not ready");
    await matchJsonGolden(articles, GOLDEN);
    // Saved beside the articles for the publish, which puts them in the manifest (Manifest.site).
    expect(JSON.parse(readFileSync(siteDefaultsPath(output), "utf8"))).toEqual({ title: "Ada's Notes", description: "Notes on programming and the web", author: "Ada Example", language: "en", timeZone: "Europe/Berlin" });
    const sources = await openArticleSources(output, hashParts);
    expect(planArticles(sources.articles, hashParts, sources.site).manifest.site).toEqual(sources.site);
    await sources.close();

    // A later build of a plain folder into the same file leaves no Hexo settings behind.
    const plainConfig = join(folder, "plain.toml");
    writeFileSync(plainConfig, 'name = "x"\n[vars]\n');
    const again = await runBuild({ directory: "seeds", strict: false, quiet: true, output, cache: false, workers: 1, config: plainConfig, log: () => undefined, error: () => undefined });
    expect(again).toBe(0);
    expect(existsSync(siteDefaultsPath(output))).toBe(false);
  });
});
