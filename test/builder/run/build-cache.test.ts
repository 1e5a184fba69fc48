import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generatePost } from "../../../scripts/support/generate-post";
import { listPostFiles } from "../../../src/builder/read/list-post-files";
import { BuildCache } from "../../../src/builder/run/build-cache";
import { buildPosts } from "../../../src/builder/run/build-posts";
import { collectArticles } from "../../../src/builder/run/collect-articles";
import { runBuild } from "../../../src/builder/run/run-build";
import { temporaryFolders } from "../../support/temporary-folders";

const makeFolder = temporaryFolders("edgefeed-build-cache-");

/** A fresh folder of `count` generated posts and an empty cache folder beside it. */
function makeSite(count: number): { posts: string; cache: string } {
  const posts = makeFolder();
  for (let index = 0; index < count; index++) {
    const post = generatePost(index, 3);
    writeFileSync(join(posts, post.fileName), post.text);
  }
  writeFileSync(join(posts, "bad.md"), "---\ntitle: Bad\ndate: yesterday\n---\n<p>text</p>\n");
  return { posts, cache: makeFolder() };
}

/** Builds the posts through a cache opened for `builder` and `timeZone`, and saves it; says what it hit. */
async function buildWithCache(posts: string, cacheFolder: string, builder = "builder-1", timeZone = "Asia/Shanghai") {
  const cache = await BuildCache.open(cacheFolder, builder, { timeZone });
  await cache.startWriting();
  const results = await buildPosts(await listPostFiles(posts), { timeZone, cache, workers: 1 });
  await cache.finishWriting();
  return { outcome: collectArticles(results), hits: cache.hits, misses: cache.misses };
}

async function buildFresh(posts: string, timeZone = "Asia/Shanghai") {
  return collectArticles(await buildPosts(await listPostFiles(posts), { timeZone, workers: 1 }));
}

function editPost(posts: string, index: number, title: string): void {
  const file = join(posts, generatePost(index, 3).fileName);
  writeFileSync(file, readFileSync(file, "utf8").replace(/^title: .*$/m, `title: '${title}'`));
}

describe("BuildCache", () => {
  it("serves unchanged posts from the cache and gives what a fresh build gives", async () => {
    const { posts, cache } = makeSite(12);
    const first = await buildWithCache(posts, cache);
    expect([first.hits, first.misses]).toEqual([0, 13]);
    const second = await buildWithCache(posts, cache);
    expect([second.hits, second.misses]).toEqual([13, 0]);
    expect(second.outcome).toEqual(await buildFresh(posts));
  });

  it("builds a changed post again, and only that one", async () => {
    const { posts, cache } = makeSite(12);
    await buildWithCache(posts, cache);
    editPost(posts, 4, "改过的标题");
    const rebuilt = await buildWithCache(posts, cache);
    expect([rebuilt.hits, rebuilt.misses]).toEqual([12, 1]);
    expect(rebuilt.outcome).toEqual(await buildFresh(posts));
    expect(rebuilt.outcome.articles.map((article) => article.title)).toContain("改过的标题");
  });

  it("builds a post again each time its bytes change", async () => {
    const { posts, cache } = makeSite(3);
    await buildWithCache(posts, cache);
    editPost(posts, 1, "一");
    await buildWithCache(posts, cache);
    editPost(posts, 1, "二");
    const third = await buildWithCache(posts, cache);
    expect(third.misses).toBe(1);
    expect(third.outcome).toEqual(await buildFresh(posts));
  });

  it("ignores the whole cache when the builder version changes", async () => {
    const { posts, cache } = makeSite(5);
    await buildWithCache(posts, cache, "builder-1");
    const other = await buildWithCache(posts, cache, "builder-2");
    expect([other.hits, other.misses]).toEqual([0, 6]);
  });

  it("ignores the whole cache when the site's time zone changes, and dates follow the new zone", async () => {
    const { posts, cache } = makeSite(5);
    await buildWithCache(posts, cache, "builder-1", "Asia/Shanghai");
    const utc = await buildWithCache(posts, cache, "builder-1", "UTC");
    expect([utc.hits, utc.misses]).toEqual([0, 6]);
    expect(utc.outcome).toEqual(await buildFresh(posts, "UTC"));
  });

  it.each([
    ["is not JSON at all", () => "garbage\n"],
    ["has a torn last line", (text: string) => text.slice(0, text.length - 40)],
    ["has a line that does not parse", (text: string) => text.replace(/"summary":"/, '"summary":')],
    ["has a result moved to another post's key", (text: string) => swapFirstTwoKeys(text)],
    ["is empty", () => ""],
  ])("builds afresh what a cache that %s cannot vouch for", async (_, corrupt) => {
    const { posts, cache } = makeSite(6);
    await buildWithCache(posts, cache);
    const file = join(cache, "build-cache.ndjson");
    writeFileSync(file, corrupt(readFileSync(file, "utf8")));
    const rebuilt = await buildWithCache(posts, cache);
    expect(rebuilt.outcome).toEqual(await buildFresh(posts));
    expect(rebuilt.misses).toBeGreaterThan(0);
  });
});

describe("runBuild with a cache", () => {
  it("prints the same lines and saves the same articles on a cached rebuild as without a cache", async () => {
    const { posts, cache } = makeSite(8);
    const output = join(makeFolder(), "articles.ndjson");
    const run = async (cacheFolder: string | false) => {
      const lines: string[] = [];
      const status = await runBuild({
        directory: posts, strict: false, quiet: true, output, cache: cacheFolder,
        log: (line) => lines.push(line), error: (line) => lines.push(`error ${line}`),
      });
      return { status, lines, saved: readFileSync(output, "utf8") };
    };
    const fresh = await run(false);
    expect(fresh.lines).toContain("8 published, 1 skipped, 0 warnings");
    expect(await run(cache)).toEqual(fresh);
    expect(await run(cache)).toEqual(fresh);
  });
});

// Each line is `{"key":"<32 hex>","result":…}`: give the first two entries each other's key.
function swapFirstTwoKeys(text: string): string {
  const lines = text.split("\n");
  const key = (line: string) => line.slice(8, 40);
  const [first, second] = [key(lines[1]!), key(lines[2]!)];
  lines[1] = lines[1]!.replace(first, second);
  lines[2] = lines[2]!.replace(second, first);
  return lines.join("\n");
}
