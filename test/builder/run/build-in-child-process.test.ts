import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generatePost } from "../../../scripts/support/generate-post";
import type { SavedArticle } from "../../../src/builder/plan/open-article-sources";
import { buildInChildProcess } from "../../../src/builder/run/build-in-child-process";
import type { BuildOptions } from "../../../src/builder/run/build-options";
import { runBuild } from "../../../src/builder/run/run-build";
import { temporaryFolders } from "../../support/temporary-folders";

const makeFolder = temporaryFolders("edgefeed-child-build-");

/** A folder of posts with a warning, an error and a duplicate id among good posts. */
function postsWithProblems(): string {
  const posts = makeFolder();
  for (let index = 0; index < 6; index++) {
    const post = generatePost(index, 4);
    writeFileSync(join(posts, post.fileName), post.text);
  }
  writeFileSync(join(posts, "no-title.md"), "---\ndate: 2021-06-11 12:19:02\n---\n<p>正文</p>");
  writeFileSync(join(posts, "bad-author.md"), "---\ntitle: T\nauthor: [1, 2]\ndate: 2021-06-11 12:19:02\n---\n<p>正文</p>");
  mkdirSync(join(posts, "again"));
  const first = generatePost(0, 4);
  writeFileSync(join(posts, "again", first.fileName), first.text);
  return posts;
}

/**
 * runBuild with every line and the publish's arguments recorded, in one process or with the build in a child
 * (always: `minimumForChildProcess` 0, unless the test gives another).
 */
async function recordBuild(options: Pick<BuildOptions, "directory" | "strict" | "minimumForChildProcess"> & { inChildProcess: boolean }) {
  const lines: string[] = [];
  const published: { file: string; saved: readonly SavedArticle[] }[] = [];
  const output = join(makeFolder(), "articles.ndjson");
  const status = await runBuild({
    minimumForChildProcess: 0,
    ...options,
    quiet: false,
    output,
    cache: false,
    workers: 1,
    log: (line) => lines.push(`log ${line}`),
    error: (line) => lines.push(`error ${line}`),
    publish: async (file, saved) => {
      published.push({ file, saved });
      return "published";
    },
  });
  return { status, lines, published, output };
}

describe("runBuild with the build in a child process", () => {
  it("reports the same lines in the same order, saves the same file and publishes the same articles as in one process", async () => {
    const posts = postsWithProblems();
    const here = await recordBuild({ directory: posts, strict: false, inChildProcess: false });
    const child = await recordBuild({ directory: posts, strict: false, inChildProcess: true });
    expect(child.status).toBe(0);
    expect(child.lines).toEqual(here.lines);
    // A warning, two errors, the publish's line and the summary, in that order.
    expect(child.lines.filter((line) => line.startsWith("error "))).toHaveLength(2);
    expect(child.lines.slice(-2)).toEqual(["log published", "log 7 published, 2 skipped, 1 warnings"]);
    expect(readFileSync(child.output, "utf8")).toBe(readFileSync(here.output, "utf8"));
    expect(child.published).toHaveLength(1);
    expect(child.published[0]!.file).toBe(child.output);
    expect(child.published[0]!.saved).toEqual(here.published[0]!.saved);
  });

  it("builds in this process when there are fewer posts to read than minimumForChildProcess, with the same lines, file and publish", async () => {
    const posts = postsWithProblems();
    const child = await recordBuild({ directory: posts, strict: false, inChildProcess: true });
    const here = await recordBuild({ directory: posts, strict: false, inChildProcess: true, minimumForChildProcess: 100 });
    expect(here.lines).toEqual(child.lines);
    expect(readFileSync(here.output, "utf8")).toBe(readFileSync(child.output, "utf8"));
    expect(here.published[0]!.saved).toEqual(child.published[0]!.saved);
  });

  it.each([false, true])("under --strict, a build with problems saves and publishes nothing and exits 1 (in a child: %s)", async (inChildProcess) => {
    const child = await recordBuild({ directory: postsWithProblems(), strict: true, inChildProcess });
    expect(child.status).toBe(1);
    expect(child.published).toEqual([]);
    expect(existsSync(child.output)).toBe(false);
    expect(child.lines.at(-1)).toBe("error build: 7 published, 2 skipped, 1 warnings. --strict: 3 problems, so nothing is saved or published; the previous build stays live.");
  });

  it("under --strict, a build without problems saves, publishes and exits 0", async () => {
    const posts = makeFolder();
    for (let index = 0; index < 3; index++) {
      const post = generatePost(index, 4);
      writeFileSync(join(posts, post.fileName), post.text);
    }
    const child = await recordBuild({ directory: posts, strict: true, inChildProcess: true });
    expect(child.status).toBe(0);
    expect(child.published).toHaveLength(1);
  });

  it("publishes nothing and says why when nothing is publishable", async () => {
    const posts = makeFolder();
    writeFileSync(join(posts, "no-title.md"), "---\ndate: 2021-06-11 12:19:02\n---\n<p>正文</p>");
    const child = await recordBuild({ directory: posts, strict: false, inChildProcess: true });
    expect(child.status).toBe(1);
    expect(child.published).toEqual([]);
    expect(child.lines.at(-1)).toMatch(/^error build: 0 published, 1 skipped, 0 warnings\. Nothing publishable in .*; the previous build stays live\.$/);
  });
});

describe("buildInChildProcess", () => {
  it("reports a child that ends without a result, with how it ended", async () => {
    const folder = makeFolder();
    const entry = join(folder, "crash.mjs");
    writeFileSync(entry, 'process.once("message", () => { process.send({ kind: "log", line: "started" }, () => process.exit(3)); });');
    const lines: string[] = [];
    const built = await buildInChildProcess({ directory: folder, strict: false, quiet: false, output: join(folder, "out.ndjson") }, (line) => lines.push(`log ${line}`), (line) => lines.push(`error ${line}`), entry);
    expect(built).toBeUndefined();
    expect(lines).toEqual(["log started", "error build: the build process ended with exit code 3 before it finished; the previous build stays live."]);
  });

  it("reports a child killed by a signal", async () => {
    const folder = makeFolder();
    const entry = join(folder, "killed.mjs");
    writeFileSync(entry, 'process.once("message", () => process.kill(process.pid, "SIGKILL"));');
    const lines: string[] = [];
    const built = await buildInChildProcess({ directory: folder, strict: false, quiet: false, output: join(folder, "out.ndjson") }, (line) => lines.push(line), (line) => lines.push(line), entry);
    expect(built).toBeUndefined();
    expect(lines).toEqual(["build: the build process ended by signal SIGKILL before it finished; the previous build stays live."]);
  });
});
