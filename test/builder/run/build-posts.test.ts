import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generatePost } from "../../../scripts/support/generate-post";
import { listPostFiles } from "../../../src/builder/read/list-post-files";
import { BuildCache } from "../../../src/builder/run/build-cache";
import { buildEachPost, buildPosts, startBuildWorkers } from "../../../src/builder/run/build-posts";
import { bundleBuildWorker } from "../../../src/builder/run/bundle-build-worker";
import { collectArticles } from "../../../src/builder/run/collect-articles";
import { temporaryFolders } from "../../support/temporary-folders";

const TIME_ZONE = "Asia/Shanghai";
const makeFolder = temporaryFolders("edgefeed-build-posts-");

/** A fresh folder of generated posts plus the cases that go wrong: errors, a draft, a duplicate id, an unreadable entry. */
function makePosts(count: number): string {
  const folder = makeFolder();
  for (let index = 0; index < count; index++) {
    const post = generatePost(index, 7);
    writeFileSync(join(folder, post.fileName), post.text);
  }
  writeFileSync(join(folder, "bad-date.md"), "---\ntitle: Bad\ndate: yesterday\n---\n<p>text</p>\n");
  writeFileSync(join(folder, "draft.md"), "---\ntitle: Draft\ndate: 2021-06-11 12:19:02\npublished: false\n---\n<p>text</p>\n");
  writeFileSync(join(folder, "no-front-matter.md"), "<p>only a body</p>\n");
  const first = generatePost(0, 7);
  mkdirSync(join(folder, "again"));
  writeFileSync(join(folder, "again", first.fileName), first.text);
  // A folder named like a post: listPostFiles skips it, but a path that cannot be read must be reported.
  mkdirSync(join(folder, "unreadable.md"));
  return folder;
}

async function postsOf(folder: string): Promise<string[]> {
  return [...(await listPostFiles(folder)), join(folder, "unreadable.md")];
}

describe("buildPosts", () => {
  it("gives the same outcome on worker threads (bundled entry) as on the main thread", async () => {
    const paths = await postsOf(makePosts(120));
    const serial = collectArticles(await buildPosts(paths, { timeZone: TIME_ZONE, workers: 1 }));
    const parallel = collectArticles(
      await buildPosts(paths, { timeZone: TIME_ZONE, workers: 2, minimumForWorkers: 0, workerBundle: bundleBuildWorker }),
    );
    expect(parallel).toEqual(serial);
    expect(serial.published).toBe(120);
    expect(serial.problems.map((problem) => problem.file)).toEqual(
      expect.arrayContaining([join(paths[0]!, "..", "bad-date.md"), join(paths[0]!, "..", "unreadable.md")]),
    );
    expect(serial.problems.some((problem) => problem.message.startsWith("cannot read the file: EISDIR"))).toBe(true);
  });

  it("hands the results over in the posts' order, however much longer the first worker's batch takes", async () => {
    const folder = makeFolder();
    // The first batch (48 posts) ~100 times the work of the next ones, so the second worker answers first.
    for (let index = 0; index < 200; index++) {
      const post = generatePost(index, 7);
      const text = index < 48 ? `${post.text}\n${"<p>一段很长的正文。</p>".repeat(2_000)}\n` : post.text;
      writeFileSync(join(folder, post.fileName), text);
    }
    const paths = await listPostFiles(folder);
    const handed: string[] = [];
    await buildEachPost(paths, { timeZone: TIME_ZONE, workers: 2, minimumForWorkers: 0, workerBundle: bundleBuildWorker }, (result) => {
      expect(result.problems).toEqual([]);
      handed.push(result.file);
    });
    expect(handed).toEqual(paths);
  });

  it("gives the same outcome on workers that load the TypeScript through tsx when there is no bundle", async () => {
    const paths = await postsOf(makePosts(60));
    const serial = collectArticles(await buildPosts(paths, { timeZone: TIME_ZONE, workers: 1 }));
    const parallel = collectArticles(await buildPosts(paths, { timeZone: TIME_ZONE, workers: 2, minimumForWorkers: 0 }));
    expect(parallel).toEqual(serial);
  });

  it("fails with the worker's reason when a worker cannot start, and leaves no thread running", async () => {
    const paths = await postsOf(makePosts(60));
    const broken = join(makeFolder(), "broken-worker.mjs");
    writeFileSync(broken, 'throw new Error("this worker is broken");\n');
    const build = buildPosts(paths, { timeZone: TIME_ZONE, workers: 2, minimumForWorkers: 0, workerBundle: async () => pathToFileURL(broken) });
    await expect(build).rejects.toThrow(/a build worker (failed: this worker is broken|stopped)/);
  });

  it("builds every post on workers started before the posts were known, however few, and gives the same outcome", async () => {
    const paths = await postsOf(makePosts(20));
    const serial = collectArticles(await buildPosts(paths, { timeZone: TIME_ZONE, workers: 1 }));
    const pool = await startBuildWorkers(2, bundleBuildWorker);
    expect(pool).toBeDefined();
    const parallel = collectArticles(
      await buildPosts(paths, { timeZone: TIME_ZONE, workers: 2, pool: pool!, workerBundle: () => Promise.reject(new Error("no other workers expected")) }),
    );
    expect(parallel).toEqual(serial);
  });

  it("sends a small build's posts to workers it was given, rather than building them on this thread", async () => {
    const paths = await postsOf(makePosts(20));
    const broken = join(makeFolder(), "broken-worker.mjs");
    writeFileSync(broken, 'throw new Error("this worker is broken");\n');
    const pool = await startBuildWorkers(2, async () => pathToFileURL(broken));
    await expect(buildPosts(paths, { timeZone: TIME_ZONE, workers: 2, pool: pool! })).rejects.toThrow(/a build worker (failed: this worker is broken|stopped)/);
  });

  it("starts no workers for a build on one thread", async () => {
    expect(await startBuildWorkers(1, () => Promise.reject(new Error("no workers expected")))).toBeUndefined();
  });

  it("stays on the main thread for a small build, whatever the number of workers", async () => {
    const paths = await postsOf(makePosts(5));
    const outcome = collectArticles(await buildPosts(paths, { timeZone: TIME_ZONE, workers: 8, workerBundle: () => Promise.reject(new Error("no workers expected")) }));
    expect(outcome.published).toBe(5);
  });
});
