import { mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generatePost } from "../../../scripts/support/generate-post";
import { listPostFiles } from "../../../src/builder/read/list-post-files";
import { BuildCache, type BuildCacheOptions } from "../../../src/builder/run/build-cache";
import type { Article } from "../../../src/model/article";
import { buildAndSaveArticles } from "../../../src/builder/run/build-and-save";
import { prepareBuild } from "../../../src/builder/run/prepare-build";
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

/** What a build saved and printed: its articles as the saved file holds them, its summary and problem lines. */
interface SavedBuild {
  articles: Article[];
  lines: string[];
}

/** Builds and saves the posts as runBuild does (buildAndSaveArticles), with `cache` when given, into `output`. */
async function buildAndSave(posts: string, output: string, timeZone: string, cache: BuildCache | undefined, workers = 1): Promise<SavedBuild> {
  const lines: string[] = [];
  const built = await buildAndSaveArticles(
    // Several workers: started at once, so even these few posts are built on worker threads.
    { directory: posts, output, strict: false, quiet: true, workers, ...(workers > 1 ? { workersAtOnce: true } : {}) },
    (line) => lines.push(line),
    (line) => lines.push(`error ${line}`),
    { files: await listPostFiles(posts), settings: { timeZone }, notes: [], ...(cache === undefined ? {} : { cache }), toRead: 0 },
  );
  if (built !== undefined) lines.push(built.summary);
  const text = readFileSync(output, "utf8");
  return { articles: text.split("\n").filter(Boolean).map((line) => JSON.parse(line) as Article), lines };
}

/** The cache in `cacheFolder` for builds saving to `output`, opened and its next version started, as prepareBuild does. */
async function openForWriting(cacheFolder: string, output: string, builder = "builder-1", timeZone = "Asia/Shanghai", options: BuildCacheOptions = {}): Promise<BuildCache> {
  const cache = await BuildCache.open(cacheFolder, builder, { timeZone }, output, options);
  await cache.startWriting();
  return cache;
}

/** Builds the posts through a cache opened for `builder` and `timeZone`, saving the articles beside it; says what it hit. */
async function buildWithCache(posts: string, cacheFolder: string, builder = "builder-1", timeZone = "Asia/Shanghai", options: BuildCacheOptions = {}, workers = 1) {
  const output = join(cacheFolder, "articles.ndjson");
  const cache = await openForWriting(cacheFolder, output, builder, timeZone, options);
  const outcome = await buildAndSave(posts, output, timeZone, cache, workers);
  return { outcome, hits: cache.hits, misses: cache.misses, unread: cache.unread };
}

/** Waits until the file system's clock has passed every post's ctime, so the next cache's `since` is later than all of them. */
async function waitForFileClock(posts: string): Promise<void> {
  const latest = (await listPostFiles(posts)).reduce((max, path) => (statSync(path, { bigint: true }).ctimeNs > max ? statSync(path, { bigint: true }).ctimeNs : max), 0n);
  const probe = join(makeFolder(), "probe");
  for (;;) {
    writeFileSync(probe, "");
    if (statSync(probe, { bigint: true }).ctimeNs > latest) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * A stat that says every file is as it was, whatever is written to it, changed at `changedNs`: what a file
 * rewritten within one tick of the file system's clock, with its length kept, looks like.
 */
function frozenStat(changedNs: bigint): BuildCacheOptions["statFile"] {
  return () => ({ size: 1, mtimeNs: changedNs, ctimeNs: changedNs, ino: 1 });
}

async function buildFresh(posts: string, timeZone = "Asia/Shanghai"): Promise<SavedBuild> {
  return buildAndSave(posts, join(makeFolder(), "articles.ndjson"), timeZone, undefined);
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

  it("records every post of a first build made on worker threads, which read the posts themselves, so the next build reads none", async () => {
    const { posts, cache } = makeSite(12);
    await waitForFileClock(posts);
    const first = await buildWithCache(posts, cache, undefined, undefined, undefined, 2);
    expect([first.hits, first.misses]).toEqual([0, 13]);
    expect(first.outcome).toEqual(await buildFresh(posts));
    const second = await buildWithCache(posts, cache);
    expect([second.hits, second.unread, second.misses]).toEqual([13, 13, 0]);
  });

  it("reads no post whose stat is as the cache recorded it and older than the cache", async () => {
    const { posts, cache } = makeSite(12);
    await waitForFileClock(posts);
    await buildWithCache(posts, cache);
    const second = await buildWithCache(posts, cache);
    expect([second.hits, second.unread, second.misses]).toEqual([13, 13, 0]);
    expect(second.outcome).toEqual(await buildFresh(posts));
  });

  it("reads a post again whose mtime moved, and keeps its cached result when its bytes are the same", async () => {
    const { posts, cache } = makeSite(4);
    await waitForFileClock(posts);
    await buildWithCache(posts, cache);
    const file = join(posts, generatePost(2, 3).fileName);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const second = await buildWithCache(posts, cache);
    expect([second.hits, second.unread, second.misses]).toEqual([5, 4, 0]);
  });

  it("trusts a stat older than the cache, as git's index does: a change that leaves the stat as it was goes unseen", async () => {
    // Documents what the stat check relies on; the next test is the case where it must not.
    const { posts, cache } = makeSite(4);
    const stat = frozenStat(1n);
    await buildWithCache(posts, cache, "builder-1", "Asia/Shanghai", { statFile: stat });
    editPost(posts, 2, "改过");
    const second = await buildWithCache(posts, cache, "builder-1", "Asia/Shanghai", { statFile: stat });
    expect([second.hits, second.unread, second.misses]).toEqual([5, 5, 0]);
  });

  it("reads and hashes a post changed at or after the cache began to be written (git's racy rule), so a change its stat does not show is built", async () => {
    const { posts, cache } = makeSite(4);
    // Changed "now" as the first cache is written: its stat cannot tell a later rewrite in the same tick.
    const stat = frozenStat(BigInt(Date.now() + 60_000) * 1_000_000n);
    await buildWithCache(posts, cache, "builder-1", "Asia/Shanghai", { statFile: stat });
    editPost(posts, 2, "改过");
    const second = await buildWithCache(posts, cache, "builder-1", "Asia/Shanghai", { statFile: stat });
    expect([second.hits, second.unread, second.misses]).toEqual([4, 0, 1]);
    expect(second.outcome).toEqual(await buildFresh(posts));
    expect(second.outcome.articles.map((article) => article.title)).toContain("改过");
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
    ["has an entry that does not parse", (text: string) => text.replace(/"problems":\[/, '"problems":')],
    ["names another articles file", (text: string) => text.replace(/"path":"/, '"path":"/elsewhere')],
    ["has an offset past the articles file", (text: string) => text.replace(/"offsets":\[0,/, '"offsets":[99999999,')],
    ["has a result moved to another post's key and stat", (text: string) => swapFirstTwoKeys(text)],
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

describe("BuildCache and the articles file its lines are in", () => {
  it.each([
    // Restored from a backup or CI's cache: another inode and times, the same bytes.
    ["was copied back with the same bytes (a restored backup): every line is still vouched for", (file: string) => writeFileSync(file, readFileSync(file)), 7],
    ["had one article's bytes changed in place: that post is built again", (file: string) => writeFileSync(file, readFileSync(file, "utf8").replace(/"id":"(.)/, (_, first: string) => `"id":"${first === "a" ? "b" : "a"}`)), 6],
    ["had its first line made longer: no line after it is where the cache says", (file: string) => writeFileSync(file, readFileSync(file, "utf8").replace(/"summary":"/, '"summary":"longer ')), 1],
    ["was removed: every post is built again", (file: string) => rmSync(file), 0],
  ])("when the articles file %s", async (_, change, hits) => {
    const { posts, cache } = makeSite(6);
    await buildWithCache(posts, cache);
    change(join(cache, "articles.ndjson"));
    const rebuilt = await buildWithCache(posts, cache);
    expect([rebuilt.hits, rebuilt.misses]).toEqual([hits, 7 - hits]);
    expect(rebuilt.outcome).toEqual(await buildFresh(posts));
  });

  it("keeps an unchanged rebuild's articles file as it was, and copies the lines of a changed one's neighbours", async () => {
    const { posts, cache } = makeSite(12);
    await buildWithCache(posts, cache);
    const file = join(cache, "articles.ndjson");
    const before = statSync(file, { bigint: true });
    const unchanged = await buildWithCache(posts, cache);
    expect(unchanged.hits).toBe(13);
    expect(statSync(file, { bigint: true }).ino).toBe(before.ino);
    expect(unchanged.outcome).toEqual(await buildFresh(posts));
    editPost(posts, 6, "改过的标题");
    const changed = await buildWithCache(posts, cache);
    expect([changed.hits, changed.misses]).toEqual([12, 1]);
    expect(statSync(file, { bigint: true }).ino).not.toBe(before.ino);
    expect(changed.outcome).toEqual(await buildFresh(posts));
    // And the cache written with it points into the new file: the next rebuild is all hits, with the same bytes.
    const again = await buildWithCache(posts, cache);
    expect([again.hits, again.misses]).toEqual([13, 0]);
    expect(again.outcome).toEqual(changed.outcome);
  });

  it("keeps the cache as it was when the build saves nothing (--strict with a problem), so the next build still hits", async () => {
    const { posts, cache } = makeSite(4);
    await buildWithCache(posts, cache);
    const output = join(cache, "articles.ndjson");
    const strict = await openForWriting(cache, output);
    const lines: string[] = [];
    editPost(posts, 1, "改过");
    const built = await buildAndSaveArticles(
      { directory: posts, output, strict: true, quiet: true, workers: 1 },
      (line) => lines.push(line),
      (line) => lines.push(line),
      { files: await listPostFiles(posts), settings: { timeZone: "Asia/Shanghai" }, notes: [], cache: strict, toRead: 0 },
    );
    expect(built).toBeUndefined();
    const next = await buildWithCache(posts, cache);
    expect([next.hits, next.misses]).toEqual([4, 1]);
    expect(next.outcome).toEqual(await buildFresh(posts));
  });
});

describe("BuildCache when another build saves the same articles file, or its own cannot be written", () => {
  it("saves its own articles when another build saved over the file after it opened the cache, and the next cache vouches for no other build's bytes", async () => {
    const { posts, cache } = makeSite(6);
    await buildWithCache(posts, cache);
    const output = join(cache, "articles.ndjson");
    // This build opens the cache; then another build, of other posts, saves to the same file before it saves.
    const opened = await openForWriting(cache, output);
    const other = makeSite(3).posts;
    for (let index = 0; index < 3; index++) {
      const post = generatePost(100 + index, 3);
      writeFileSync(join(other, post.fileName), post.text);
    }
    await buildAndSave(other, output, "Asia/Shanghai", undefined);
    const built = await buildAndSave(posts, output, "Asia/Shanghai", opened);
    expect(opened.hits).toBe(7);
    expect(built).toEqual(await buildFresh(posts));
    const next = await buildWithCache(posts, cache);
    expect(next.outcome).toEqual(await buildFresh(posts));
  });

  it("still reports the saved build when its cache cannot be written (the cache folder was removed meanwhile)", async () => {
    const { posts, cache } = makeSite(4);
    const output = join(makeFolder(), "articles.ndjson");
    const opened = await openForWriting(cache, output);
    rmSync(cache, { recursive: true, force: true });
    expect(await buildAndSave(posts, output, "Asia/Shanghai", opened)).toEqual(await buildFresh(posts));
  });

  it("closes the previous articles file when the next cache cannot be started", async () => {
    const { posts, cache } = makeSite(4);
    const output = join(makeFolder(), "articles.ndjson");
    const options = { directory: posts, output, cache, strict: false, quiet: true };
    await buildAndSave(posts, output, "Asia/Shanghai", (await prepareBuild(options)).cache);
    // A folder where the next cache's temporary file goes: opening it for writing fails.
    mkdirSync(join(cache, `build-cache.ndjson.${process.pid}.tmp`));
    const openOnOutput = () => readdirSync("/proc/self/fd").filter((fd) => readlinkOr(`/proc/self/fd/${fd}`) === output).length;
    const before = openOnOutput();
    expect((await prepareBuild(options)).cache).toBeUndefined();
    expect(openOnOutput()).toBe(before);
  });

  it("counts a post whose line is no longer in the articles file among those to read, as the build then builds it", async () => {
    const { posts, cache } = makeSite(4);
    const output = join(makeFolder(), "articles.ndjson");
    const options = { directory: posts, output, cache, strict: false, quiet: true };
    await waitForFileClock(posts);
    await buildAndSave(posts, output, "Asia/Shanghai", (await prepareBuild(options)).cache);
    writeFileSync(output, readFileSync(output, "utf8").replaceAll('"id":"', '"id":"x'));
    const prepared = await prepareBuild(options, true);
    await buildAndSave(posts, output, "Asia/Shanghai", prepared.cache);
    expect(prepared.cache!.misses).toBe(4);
    expect(prepared.toRead).toBe(4);
  });
});

function readlinkOr(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

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

// Each post's index line starts `["<32 hex key>","<stat>",`: give the first two posts each other's key and stat.
function swapFirstTwoKeys(text: string): string {
  const lines = text.split("\n");
  const entries = lines.flatMap((line, index) => (/^\["[0-9a-f]{32}",/.test(line) ? [index] : []));
  const key = (line: string) => /^\["[0-9a-f]{32}","[^"]*"/.exec(line)![0];
  const [first, second] = [entries[0]!, entries[1]!];
  const [firstKey, secondKey] = [key(lines[first]!), key(lines[second]!)];
  lines[first] = lines[first]!.replace(firstKey, secondKey);
  lines[second] = lines[second]!.replace(secondKey, firstKey);
  return lines.join("\n");
}
