import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTICLE_MAX_BYTES } from "../../../src/model/kv-limits";
import { COMMITTED_POSTS, HOSTILE_FOLDER } from "./hostile-posts";

// `npm run build -- DIR` as a process, over a folder of the seed, the hostile corpus and a post too big for
// KV. It runs in a folder of its own (a copy of wrangler.toml, its own .build/ and --persist-to state), so it
// never touches the repository's local KV or .build/articles.ndjson.
const ROOT = resolve(import.meta.dirname, "../../..");
let work: string;
let run: { status: number | null; stdout: string; stderr: string };

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "edgefeed-hostile-build-"));
  mkdirSync(join(work, "posts"));
  copyFileSync(join(ROOT, "wrangler.toml"), join(work, "wrangler.toml"));
  copyFileSync(join(ROOT, "seeds/000_8f6629c53df7089d.txt"), join(work, "posts/000_8f6629c53df7089d.txt"));
  for (const post of COMMITTED_POSTS) copyFileSync(join(ROOT, HOSTILE_FOLDER, post.file), join(work, "posts", post.file));
  writeFileSync(join(work, "posts/too-big-for-kv.md"), `---\ntitle: too big\ndate: 2021-06-11\n---\n<p>${"大".repeat(ARTICLE_MAX_BYTES / 3 + 10)}</p>\n`);
  // 2.6 MB: more than a feed page's copy may hold, so published whole with a cut copy in the feeds.
  writeFileSync(join(work, "posts/long-article.md"), `---\ntitle: long\ndate: 2021-06-12\n---\n${"<p>长文章的一段。</p>\n".repeat(100_000)}`);
  const result = spawnSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "scripts/build.ts"), "posts", "--persist-to", "state", "--quiet"], {
    cwd: work,
    encoding: "utf8",
    timeout: 120_000,
  });
  run = { status: result.status, stdout: result.stdout, stderr: result.stderr };
}, 150_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("npm run build over a folder of hostile posts", () => {
  it("exits 0: the good posts are published though many others are refused", () => {
    expect(run.status, run.stderr).toBe(0);
  });

  it.each(COMMITTED_POSTS.filter((post) => "error" in post.outcome).map((post) => [post.file, (post.outcome as { error: string }).error] as const))(
    "reports %s as path: reason",
    (file, reason) => {
      const line = run.stderr.split("\n").find((text) => text.startsWith(`posts/${file}:`));
      expect(line, run.stderr).toBeDefined();
      expect(line).toMatch(/^posts\/[^:]+(:\d+)?: /);
      expect(run.stderr.split("\n").filter((text) => text.startsWith(`posts/${file}:`)).join("\n")).toContain(reason);
    },
  );

  it("reports the post too big for KV by name and keeps it out instead of failing the publish", () => {
    expect(run.stderr).toMatch(/^posts\/too-big-for-kv\.md: too big to publish, so the post is kept out: the article is [\d,]+ bytes as stored; at most 26,214,400 fit/m);
    const ids = readFileSync(join(work, ".build/articles.ndjson"), "utf8").trim().split("\n").map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids).not.toContain("too-big-for-kv");
    expect(ids).toContain("8f6629c53df7089d");
    expect(ids).toContain("long-article");
    // Every publishable hostile post but the second of the two sharing an id, plus the seed and the long article.
    const publishable = COMMITTED_POSTS.filter((post) => "published" in post.outcome).length - 1 + 2;
    expect(ids).toHaveLength(publishable);
    expect(run.stdout.trim().split("\n").at(-1)).toMatch(new RegExp(`^${publishable} published, ${COMMITTED_POSTS.length + 3 - publishable} skipped`));
  });

  it("never prints a stack trace", () => {
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
