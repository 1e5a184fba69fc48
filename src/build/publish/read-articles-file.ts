import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Article } from "../../model/article";
import { PublishError } from "./publish-error";

/** Reads the build's `.build/articles.ndjson` (one Article JSON per line); names the file and line of a bad one. */
export async function readArticlesFile(path: string): Promise<Article[]> {
  const articles: Article[] = [];
  const lines = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.trim() === "") continue;
      let article: Partial<Article>;
      try {
        article = JSON.parse(line) as Partial<Article>;
      } catch {
        throw new PublishError(`${path}:${lineNumber}: not a JSON line`);
      }
      if (typeof article !== "object" || article === null || typeof article.id !== "string" || typeof article.published !== "string") {
        throw new PublishError(`${path}:${lineNumber}: not an Article (it needs at least an id and a published date)`);
      }
      articles.push(article as Article);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new PublishError(`${path} does not exist: run \`npm run build\` first`);
    }
    throw error;
  }
  return articles;
}
