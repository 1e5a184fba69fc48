import { createReadStream } from "node:fs";
import { open, readFile } from "node:fs/promises";
import type { Article } from "../../model/article";
import type { SiteDefaults } from "../../model/site-config";
import { PublishError } from "../report/publish-error";
import type { HashParts, PlanArticle } from "./plan-generation";
import { readBytesAt } from "./read-bytes-at";

/** The articles of a build's file, ready to plan; `close` releases the file once publishing is done. */
export interface ArticleSources {
  articles: PlanArticle[];
  /** The settings the build saved beside the articles (siteDefaultsPath), for the generation to carry. */
  site?: SiteDefaults;
  close(): Promise<void>;
}

/** Where a build saves, beside its articles, the settings a Hexo site gave it (Manifest.site). */
export function siteDefaultsPath(articlesPath: string): string {
  return `${articlesPath}.site.json`;
}

/** The settings saved beside `articlesPath`, or undefined when the build saved none; names the file when it is not JSON. */
async function readSiteDefaults(articlesPath: string): Promise<SiteDefaults | undefined> {
  let text: string;
  try {
    text = await readFile(siteDefaultsPath(articlesPath), "utf8");
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as SiteDefaults;
  } catch {
    throw new PublishError(`${siteDefaultsPath(articlesPath)}: not JSON; run \`npm run build\` again`);
  }
}

const NEWLINE = 0x0a;

/**
 * Where one article sits in a build's file, as the build that saved it knows: its plan metadata, the hash
 * of its line and the line's bytes. With these a publish right after the build plans without reading the
 * file back (no parsing and hashing every line again).
 */
export interface SavedArticle {
  article: PlanArticle["article"];
  hash: string;
  /** Byte offset and length of the article's line (without its newline) in the file. */
  offset: number;
  length: number;
}

/**
 * What the planner keeps of one saved line: the article's plan metadata (with an Article's defaults for a
 * hand-written line that leaves `updated`, `categories` or `tags` out; `author` only when it names one) and the hash of the line's text. The
 * build calls this for each line it writes and openArticleSources for each line it reads, so both agree.
 */
export function savedArticleOf(article: Pick<Article, "id" | "published"> & Partial<Article>, text: string, offset: number, length: number, hash: HashParts): SavedArticle {
  const { id, published, updated = published, categories = [], tags = [], author, permalink } = article;
  return {
    article: { id, published, updated, categories, tags, ...(author === undefined ? {} : { author }), ...(permalink === undefined ? {} : { permalink }) },
    hash: hash([text]),
    offset,
    length,
  };
}

/**
 * Reads the build's `.build/articles.ndjson` (one Article JSON per line) for planning: each article's
 * metadata and hash are kept, its JSON is read back from the file only when a value must be written, so
 * publishing 100,000 articles does not hold all their text. Names the file and line of a bad one.
 * `saved`, from the build that just wrote the file (see runBuild), stands for reading it through.
 */
export async function openArticleSources(path: string, hash: HashParts, saved?: readonly SavedArticle[]): Promise<ArticleSources> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new PublishError(`${path} does not exist: run \`npm run build\` first`);
    throw error;
  }
  const fd = handle.fd;
  let site: SiteDefaults | undefined;
  try {
    site = await readSiteDefaults(path);
  } catch (error) {
    await handle.close();
    throw error;
  }
  const sources = (lines: readonly SavedArticle[]): ArticleSources => ({
    articles: lines.map(({ article, hash, offset, length }) => ({
      article,
      hash,
      json: () => readBytesAt(fd, path, offset, length).toString("utf8"),
      copyJson: (target: Buffer, at: number) => readBytesAt(fd, path, offset, length, target, at),
      bytes: length,
    })),
    ...(site === undefined ? {} : { site }),
    close: () => handle.close(),
  });
  if (saved !== undefined) return sources(saved);
  const read: SavedArticle[] = [];
  try {
    let lineNumber = 0;
    let offset = 0;
    let pending: Buffer[] = [];
    let pendingLength = 0;
    const takeLine = (line: Buffer, start: number): void => {
      lineNumber++;
      const text = line.toString("utf8");
      if (text.trim() === "") return;
      let article: Partial<Article>;
      try {
        article = JSON.parse(text) as Partial<Article>;
      } catch {
        throw new PublishError(`${path}:${lineNumber}: not a JSON line`);
      }
      if (typeof article !== "object" || article === null || typeof article.id !== "string" || typeof article.published !== "string") {
        throw new PublishError(`${path}:${lineNumber}: not an Article (it needs at least an id and a published date)`);
      }
      read.push(savedArticleOf(article as Pick<Article, "id" | "published">, text, start, line.length, hash));
    };
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      let from = 0;
      for (let index = chunk.indexOf(NEWLINE); index !== -1; index = chunk.indexOf(NEWLINE, from)) {
        const piece = chunk.subarray(from, index);
        const line = pendingLength > 0 ? Buffer.concat([...pending, piece]) : piece;
        takeLine(line, offset);
        offset += line.length + 1;
        pending = [];
        pendingLength = 0;
        from = index + 1;
      }
      if (from < chunk.length) {
        pending.push(chunk.subarray(from));
        pendingLength += chunk.length - from;
      }
    }
    if (pendingLength > 0) takeLine(Buffer.concat(pending), offset);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return sources(read);
}
