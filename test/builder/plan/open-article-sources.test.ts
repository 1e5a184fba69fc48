import { truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generatePost } from "../../../scripts/support/generate-post";
import { hashParts } from "../../../src/builder/plan/hash-parts";
import { openArticleSources } from "../../../src/builder/plan/open-article-sources";
import { planArticles, planGeneration } from "../../../src/builder/plan/plan-generation";
import { runBuild } from "../../../src/builder/run/run-build";
import { makeArticle } from "../../support/make-article";
import { temporaryFolders } from "../../support/temporary-folders";

const makeFolder = temporaryFolders("edgefeed-sources-");

function writeFile(text: string): string {
  const path = join(makeFolder(), "articles.ndjson");
  writeFileSync(path, text);
  return path;
}

describe("openArticleSources", () => {
  it("gives back each line's JSON exactly, across read-chunk boundaries and multi-byte characters", async () => {
    // Long CJK bodies put line ends and multi-byte characters across the stream's 64 KiB chunks.
    const articles = Array.from({ length: 60 }, (_, index) => makeArticle(index, { contentHtml: `<p>${"正文😀".repeat(1000 + index * 37)}</p>` }));
    const lines = articles.map((article) => JSON.stringify(article));
    const sources = await openArticleSources(writeFile(`${lines.join("\n")}\n`), hashParts);
    try {
      expect(sources.articles.map((source) => source.json())).toEqual(lines);
      expect(sources.articles.map((source) => source.hash)).toEqual(lines.map((line) => hashParts([line])));
      expect(sources.articles[7]!.article).toEqual({
        id: articles[7]!.id,
        published: articles[7]!.published,
        updated: articles[7]!.updated,
        categories: articles[7]!.categories,
        tags: articles[7]!.tags,
        author: articles[7]!.author,
      });
    } finally {
      await sources.close();
    }
  });

  it("plans the same keys and bytes as planning the articles in memory", async () => {
    const articles = Array.from({ length: 45 }, (_, index) => makeArticle(index, { title: `文章 ${index}`, tags: [`t${index % 4}`] }));
    const sources = await openArticleSources(writeFile(articles.map((article) => JSON.stringify(article)).join("\n")), hashParts);
    try {
      const fromFile = planArticles(sources.articles, hashParts);
      const inMemory = planGeneration(articles, hashParts);
      expect(fromFile.manifestHash).toBe(inMemory.manifestHash);
      expect(fromFile.entries.map((entry) => [entry.key, entry.value(), entry.bytes])).toEqual(
        inMemory.entries.map((entry) => [entry.key, entry.value(), entry.bytes]),
      );
    } finally {
      await sources.close();
    }
  });

  it("names the file and line of a line that is not an article", async () => {
    const path = writeFile(`${JSON.stringify(makeArticle(1))}\n\n{"title":"no id"}\n`);
    await expect(openArticleSources(path, hashParts)).rejects.toThrow(`${path}:3: not an Article`);
    const broken = writeFile(`${JSON.stringify(makeArticle(1))}\n{not json\n`);
    await expect(openArticleSources(broken, hashParts)).rejects.toThrow(`${broken}:2: not a JSON line`);
  });

  it("names the file when it was cut short after it was read, instead of giving the line's start and stray bytes", async () => {
    const lines = [makeArticle(1), makeArticle(2)].map((article) => JSON.stringify(article));
    const path = writeFile(`${lines.join("\n")}\n`);
    const sources = await openArticleSources(path, hashParts);
    try {
      const [first, second] = lines.map((line) => Buffer.byteLength(line));
      truncateSync(path, first! + 10);
      expect(sources.articles[0]!.json()).toBe(lines[0]);
      expect(() => sources.articles[1]!.json()).toThrow(`${path} ends before the ${second} bytes at byte ${first! + 1}`);
    } finally {
      await sources.close();
    }
  });

  it("says to build first when the file is missing", async () => {
    await expect(openArticleSources("/nonexistent/articles.ndjson", hashParts)).rejects.toThrow("run `npm run build` first");
  });
});

describe("openArticleSources with what the build saved", () => {
  it("gives what reading the build's file back gives: the same metadata, hashes and lines", async () => {
    const posts = makeFolder();
    for (let index = 0; index < 30; index++) {
      const post = generatePost(index, 3);
      writeFileSync(join(posts, post.fileName), post.text.replace("</p>", "<span>😀 正文 é</span></p>"));
    }
    const output = join(posts, "out", "articles.ndjson");
    let compared = 0;
    const status = await runBuild({
      directory: posts,
      strict: false,
      quiet: true,
      output,
      cache: false,
      workers: 1,
      log: () => undefined,
      error: () => undefined,
      publish: async (articlesFile, saved) => {
        const fromIndex = await openArticleSources(articlesFile, hashParts, saved);
        const fromFile = await openArticleSources(articlesFile, hashParts);
        try {
          const view = (sources: typeof fromFile) => sources.articles.map(({ article, hash, json }) => ({ article, hash, json: json() }));
          expect(view(fromIndex)).toEqual(view(fromFile));
          compared = fromIndex.articles.length;
        } finally {
          await fromIndex.close();
          await fromFile.close();
        }
        return "";
      },
    });
    expect(status).toBe(0);
    expect(compared).toBe(30);
  });
});
