import { describe, expect, it } from "vitest";
import { builderVersion } from "../../../src/builder/run/builder-version";
import { readSourceClosure } from "../../../src/builder/run/source-closure";

const BUILD_ARTICLE = new URL("../../../src/builder/article/build-article.ts", import.meta.url);

describe("builderVersion", () => {
  it("fingerprints the code buildArticle runs and nothing the article's bytes do not depend on", async () => {
    const paths = (await readSourceClosure(BUILD_ARTICLE)).map((file) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "build-article.ts",
        "../html/sanitize-html.ts",
        "../html/sites/site-rules.ts",
        "../post/parse-post.ts",
        "../read/decode-post-text.ts",
        "../../model/article.ts",
      ]),
    );
    // The run machinery, the progress bar, planning and the publisher never change what a post becomes.
    expect(paths.filter((path) => /^\.\.\/(run|publish|plan)\//.test(path) || path.includes("progress"))).toEqual([]);
  });

  it("lists a file once, in a fixed order, named relative to the entry so any checkout gives the same version", async () => {
    const paths = (await readSourceClosure(BUILD_ARTICLE)).map((file) => file.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect((await readSourceClosure(BUILD_ARTICLE)).map((file) => file.path)).toEqual(paths);
    expect(paths.every((path) => !path.startsWith("/"))).toBe(true);
  });

  it("gives the same version on every call", async () => {
    expect(await builderVersion()).toBe(await builderVersion());
    expect(await builderVersion()).toMatch(/^[0-9a-f]{32}$/);
  });
});
