import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generatePost } from "../../../scripts/support/generate-post";
import type { BuiltArticle } from "../../../src/builder/article/build-article";
import { hashParts } from "../../../src/builder/plan/hash-parts";
import { openArticleSources } from "../../../src/builder/plan/open-article-sources";
import { ArticleSpool, type SpooledResult } from "../../../src/builder/run/article-spool";
import { runBuild } from "../../../src/builder/run/run-build";
import { makeArticle } from "../../support/make-article";
import { temporaryFolders } from "../../support/temporary-folders";

const makeFolder = temporaryFolders("edgefeed-spool-");

describe("ArticleSpool", () => {
  it("writes the lines in the order asked, and says where each went as reading the file back would", async () => {
    const folder = makeFolder();
    const spool = ArticleSpool.create(join(folder, "spool"));
    // Long multi-byte bodies, so offsets counted in characters instead of bytes, or lines split across the
    // spool's 1 MiB chunks, would show.
    const results: BuiltArticle[] = Array.from({ length: 40 }, (_, index) => ({
      file: `post-${index}.md`,
      problems: [],
      article: makeArticle(index, { contentHtml: `<p>${"正文😀".repeat(20_000 + index * 101)}</p>` }),
    }));
    const spooled = results.map((result) => spool.add(result));
    const draft = spool.add({ file: "draft.md", problems: [], draft: true });
    expect(draft).toEqual({ file: "draft.md", problems: [], draft: true });
    const order = [...spooled].reverse().filter((_, index) => index % 3 !== 0);
    const output = join(folder, "articles.ndjson");
    const saved = spool.save(order.map(({ saved }) => ({ saved: saved! })), output);
    spool.close();

    expect(readdirSync(folder)).toEqual(["articles.ndjson"]);
    const expected = order.map((result) => JSON.stringify(results.find((built) => built.file === result.file)!.article));
    expect(readFileSync(output, "utf8")).toBe(`${expected.join("\n")}\n`);
    const reread = await openArticleSources(output, hashParts);
    try {
      expect(saved).toEqual(reread.articles.map((source, index) => ({ article: source.article, hash: source.hash, offset: saved[index]!.offset, length: source.bytes })));
      expect(saved.map((entry) => entry.hash)).toEqual(expected.map((line) => hashParts([line])));
      const fromSaved = await openArticleSources(output, hashParts, saved);
      expect(fromSaved.articles.map((source) => source.json())).toEqual(expected);
      await fromSaved.close();
    } finally {
      await reread.close();
    }
  });

  it("saves a spool that holds exactly the lines asked, in their order, as the file itself, and copies any other", () => {
    const folder = makeFolder();
    const results: BuiltArticle[] = Array.from({ length: 300 }, (_, index) => ({
      file: `post-${index}.md`,
      problems: [],
      article: makeArticle(index, { contentHtml: `<p>${"段落".repeat(100 + ((index * 37) % 400))}</p>` }),
    }));
    const line = (result: { file: string }): string => JSON.stringify(results[Number(result.file.slice(5, -3))]!.article);
    const orders: Record<string, (spooled: SpooledResult[]) => SpooledResult[]> = {
      "all, in spool order": (spooled) => spooled,
      "one left out": (spooled) => spooled.filter((_, index) => index !== 123),
      "the last left out": (spooled) => spooled.slice(0, -1),
      "two swapped": (spooled) => [spooled[1]!, spooled[0]!, ...spooled.slice(2)],
    };
    for (const [name, order] of Object.entries(orders)) {
      const spool = ArticleSpool.create(join(folder, name));
      const asked = order(results.map((result) => spool.add(result)));
      const output = join(folder, `${name}.ndjson`);
      const saved = spool.save(asked.map(({ saved }) => ({ saved: saved! })), output);
      spool.close();
      const expected = asked.map(line);
      expect(readFileSync(output, "utf8"), name).toBe(`${expected.join("\n")}\n`);
      let offset = 0;
      expect(saved.map((entry) => entry.offset), name).toEqual(expected.map((text) => (offset += Buffer.byteLength(text) + 1) - Buffer.byteLength(text) - 1));
    }
    expect(readdirSync(folder).sort()).toEqual(Object.keys(orders).map((name) => `${name}.ndjson`).sort());
  });

  it("removes the spools and temporary files of killed builds, but not of one still running", () => {
    const folder = makeFolder();
    // Above Linux's largest pid (2^22): no process has it.
    const dead = 4_194_305;
    const names = [`articles.ndjson.${dead}.spool`, `articles.ndjson.${dead}.tmp`, `articles.ndjson.${process.ppid}.spool`, `other.ndjson.${dead}.spool`, "articles.ndjson"];
    for (const name of names) writeFileSync(join(folder, name), "x");
    const spool = ArticleSpool.create(join(folder, "articles.ndjson"));
    expect(readdirSync(folder).sort()).toEqual(["articles.ndjson", `articles.ndjson.${process.pid}.spool`, `articles.ndjson.${process.ppid}.spool`, `other.ndjson.${dead}.spool`].sort());
    spool.close();
  });

  it("leaves no temporary file when the output cannot be written", () => {
    const folder = makeFolder();
    const spool = ArticleSpool.create(join(folder, "spool"));
    const result = spool.add({ file: "a.md", problems: [], article: makeArticle(1) });
    expect(() => spool.save([{ saved: result.saved! }], join(folder, "missing", "articles.ndjson"))).toThrow(/ENOENT/);
    spool.close();
    expect(readdirSync(folder)).toEqual([]);
  });
});

describe("runBuild's saved articles", () => {
  it("holds each id once, in the posts' path order, and leaves no spool or temporary file behind", async () => {
    const posts = makeFolder();
    for (let index = 0; index < 12; index++) {
      const post = generatePost(index, 5);
      writeFileSync(join(posts, post.fileName), post.text);
    }
    // A second file claiming the first post's id: reported, and its article kept out of the file.
    const first = generatePost(0, 5);
    mkdirSync(join(posts, "again"));
    writeFileSync(join(posts, "again", first.fileName), first.text);
    const output = join(makeFolder(), "out", "articles.ndjson");
    const errors: string[] = [];
    const status = await runBuild({ directory: posts, strict: false, quiet: true, output, cache: false, workers: 1, log: () => undefined, error: (line) => errors.push(line) });
    expect(status).toBe(0);
    expect(errors.join("\n")).toContain("is already used by");
    const lines = readFileSync(output, "utf8").trimEnd().split("\n").map((line) => JSON.parse(line) as { id: string });
    // A seed's id is the hash in its file name, so path order is not id order.
    const ids = Array.from({ length: 12 }, (_, index) => /_([0-9a-f]+)\.txt$/.exec(generatePost(index, 5).fileName)![1]);
    expect(ids).not.toEqual([...ids].sort());
    expect(lines.map((article) => article.id)).toEqual(ids);
    expect(readdirSync(join(output, ".."))).toEqual(["articles.ndjson"]);
    expect(existsSync(`${output}.${process.pid}.spool`)).toBe(false);
  });

  it("says it cannot save the articles, and leaves nothing behind, when the output cannot be replaced", async () => {
    const posts = makeFolder();
    const post = generatePost(1, 5);
    writeFileSync(join(posts, post.fileName), post.text);
    // A folder where the file should go: renaming the written file onto it fails.
    const output = join(makeFolder(), "articles.ndjson");
    mkdirSync(output);
    const errors: string[] = [];
    const status = await runBuild({ directory: posts, strict: false, quiet: true, output, cache: false, workers: 1, log: () => undefined, error: (line) => errors.push(line) });
    expect(status).toBe(1);
    expect(errors.join("\n")).toMatch(new RegExp(`^build: cannot save the articles to ${output.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: .*the previous build stays live\.$`, "m"));
    expect(readdirSync(join(output, ".."))).toEqual(["articles.ndjson"]);
  });

  it("removes the spool when nothing is publishable", async () => {
    const posts = makeFolder();
    writeFileSync(join(posts, "broken.md"), "---\ntitle: [unclosed\n---\n<p>x</p>");
    const output = join(makeFolder(), "out", "articles.ndjson");
    const status = await runBuild({ directory: posts, strict: false, quiet: true, output, cache: false, workers: 1, log: () => undefined, error: () => undefined });
    expect(status).toBe(1);
    expect(readdirSync(join(output, ".."))).toEqual([]);
  });
});
