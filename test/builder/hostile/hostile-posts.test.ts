import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { generatePost } from "../../../scripts/support/generate-post";
import { buildArticle, type BuiltArticle } from "../../../src/builder/article/build-article";
import { hashParts } from "../../../src/builder/plan/hash-parts";
import { planGeneration } from "../../../src/builder/plan/plan-generation";
import { checkEntrySizes } from "../../../src/builder/publish/check-entry-sizes";
import { collectArticles } from "../../../src/builder/run/collect-articles";
import { matchJsonGolden } from "../../support/match-golden";
import { findUnsafeFields } from "./find-unsafe-fields";
import { COMMITTED_POSTS, GENERATED_POSTS, HOSTILE_FOLDER, type HostilePost } from "./hostile-posts";

// As wrangler.toml builds posts without a source URL: with Sina's rules.
const SETTINGS = { timeZone: "Asia/Shanghai", sourceSite: "sina" };

function build(post: HostilePost): BuiltArticle {
  return buildArticle({ path: post.file, bytes: post.bytes() }, SETTINGS);
}

/** Builds every hostile post plus a few good generated ones, as one folder would be. */
function buildEverything(): { results: BuiltArticle[]; good: string[] } {
  const results = [...COMMITTED_POSTS, ...GENERATED_POSTS].map(build);
  const good = Array.from({ length: 5 }, (_, index) => generatePost(index));
  for (const { fileName, text } of good) results.push(buildArticle({ path: `good/${fileName}`, bytes: new TextEncoder().encode(text) }, SETTINGS));
  return { results, good: good.map(({ fileName }) => `good/${fileName}`) };
}

describe("the hostile corpus", () => {
  it("lists every committed hostile post in the table", () => {
    const files = readdirSync(HOSTILE_FOLDER).filter((file) => file.endsWith(".md"));
    expect(files.sort()).toEqual(COMMITTED_POSTS.map((post) => post.file).sort());
  });

  it.each([...COMMITTED_POSTS, ...GENERATED_POSTS].map((post) => [post.file, post] as const))("%s: becomes what the table says, and nothing unsafe", (_, post) => {
    const result = build(post);
    for (const problem of result.problems) expect(problem.file).toBe(post.file);
    const errors = result.problems.filter((problem) => problem.severity === "error").map((problem) => problem.message);
    const warnings = result.problems.filter((problem) => problem.severity === "warning").map((problem) => problem.message);
    if ("error" in post.outcome) {
      expect(result.article).toBeUndefined();
      expect(errors.join("\n")).toContain(post.outcome.error);
      return;
    }
    expect(errors).toEqual([]);
    expect(result.article).toBeDefined();
    expect(findUnsafeFields(result.article!)).toEqual([]);
    post.outcome.check?.(result.article!, warnings);
  });
});

describe("a folder holding the hostile corpus", () => {
  it("publishes the good posts and the publishable hostile ones, and reports every other file by name", () => {
    const { results, good } = buildEverything();
    const outcome = collectArticles(results);
    const published = new Set(outcome.articles.map((article) => article.id));
    for (const result of results.filter((result) => good.includes(result.file))) expect(published.has(result.article!.id)).toBe(true);
    const kept = [...COMMITTED_POSTS, ...GENERATED_POSTS].filter((post) => "published" in post.outcome).length;
    // One of the two posts sharing an id is refused.
    expect(outcome.published).toBe(good.length + kept - 1);
    const duplicate = outcome.problems.find((problem) => problem.file === "001_d0b1ed0000000001.md" && problem.severity === "error");
    expect(duplicate?.message).toBe('id "d0b1ed0000000001" is already used by 000_d0b1ed0000000001.md; rename one of the files');
    const refused = [...COMMITTED_POSTS, ...GENERATED_POSTS].filter((post) => "error" in post.outcome).map((post) => post.file);
    for (const file of refused) {
      expect(outcome.problems.some((problem) => problem.file === file && problem.severity === "error"), file).toBe(true);
    }
    expect(outcome.skipped).toBe(refused.length + 1);
  });

  it("plans a generation KV accepts whole: no refused post reaches the publish, no kept one makes a page too big", () => {
    const outcome = collectArticles(buildEverything().results);
    const plan = planGeneration(outcome.articles, hashParts);
    expect(() => checkEntrySizes(plan.entries, plan.manifest)).not.toThrow();
    // The bounds on one post's taxonomy bound the manifest: one post cannot make it megabytes.
    expect((plan.entries.find((entry) => entry.key.startsWith("manifest:"))!.value() as string).length).toBeLessThan(200_000);
  });
});

describe("the articles the Worker tests serve", () => {
  it("are what the build makes of the hostile corpus today (golden: test/fixtures/hostile/published-articles.json)", async () => {
    const wanted = new Set(["generated/10000-categories.md", "generated/10000-level-category.md"]);
    const posts = [...COMMITTED_POSTS, ...GENERATED_POSTS.filter((post) => wanted.has(post.file))];
    const outcome = collectArticles(posts.map(build));
    await matchJsonGolden(outcome.articles, resolve(HOSTILE_FOLDER, "published-articles.json"));
  });
});
