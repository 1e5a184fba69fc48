import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
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
  });
});
