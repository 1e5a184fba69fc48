import { relative } from "node:path";
import { cleanXmlText } from "../../model/clean-xml-text";
import { isTimeZone } from "../../model/is-time-zone";
import { AUTHOR_NAME_MAX_LENGTH, authorScopeOf } from "../../model/scope";
import { DEFAULT_SITE_CONFIG } from "../../model/site-config";
import { renderMarkdown } from "../markdown/render-markdown";
import { decodePostText } from "../read/decode-post-text";
import { isMarkdownFile } from "../read/list-post-files";
import type { Problem } from "../report/problem";
import { ProblemList } from "../report/problem-list";
import { articleIdFromPath } from "./article-id-from-path";
import { hexoPermalink, type PermalinkSettings } from "./hexo-permalink";
import { parsePostDate } from "./parse-post-date";
import type { ParsedPost } from "./parsed-post";
import { readFrontMatter } from "./read-front-matter";
import { readHttpUrl } from "./read-http-url";
import { readPostImage } from "./read-post-image";
import { readTaxonomyNames } from "./read-taxonomy-names";
import { splitExcerpt } from "./split-excerpt";

/** Front-matter keys that may name the article's original URL, in order of preference. */
const SOURCE_URL_KEYS = ["link", "source", "source_url", "url"] as const;

const DATE_FORMS = "use RFC 2822, ISO 8601 or YYYY-MM-DD HH:mm:ss";

/** Title text: XML-forbidden characters removed, whitespace collapsed, NFC; undefined when not a scalar. */
function readTitle(value: unknown, problems: ProblemList): string | undefined {
  if (value === undefined || value === null) {
    problems.add("error", "missing title");
    return undefined;
  }
  if (typeof value !== "string" && typeof value !== "number") {
    problems.add("error", `title must be text, got ${JSON.stringify(value)}`, { key: "title" });
    return undefined;
  }
  const cleaned = cleanXmlText(String(value));
  if (cleaned.removed) problems.add("warning", "title had characters XML forbids; they were removed", { key: "title" });
  const title = cleaned.text.replace(/\s+/g, " ").trim();
  // Format characters alone (zero-width space and joiners, word joiner, bidi controls) show as a blank title.
  if (/^[\p{Cf}\p{Z}]*$/u.test(title)) {
    problems.add("error", "title is empty", { key: "title" });
    return undefined;
  }
  return title;
}

/** Author: a name, or an object with `name` (Hexo themes allow both); anything else is a warning. */
function readAuthor(value: unknown, problems: ProblemList): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const name =
    typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>).name : value;
  if (typeof name !== "string" && typeof name !== "number") {
    problems.add("warning", `author ${JSON.stringify(value)} is not a name; it was left out`, { key: "author" });
    return undefined;
  }
  const cleaned = cleanXmlText(String(name));
  if (cleaned.removed) problems.add("warning", "author had characters XML forbids; they were removed", { key: "author" });
  const author = cleaned.text.replace(/\s+/g, " ").trim();
  if (author === "") return undefined;
  // The byline keeps such a name; only the author's feed and page (`/authors/<name>/`) cannot be.
  if (authorScopeOf(author) === undefined) {
    problems.add("warning", `author "${[...author].slice(0, 40).join("")}${[...author].length > 40 ? "…" : ""}" cannot name a page (a URL path segment of at most ${AUTHOR_NAME_MAX_LENGTH} characters, not . or ..); the post has no author feed`, { key: "author" });
  }
  return author;
}

/** A required or optional date as RFC 3339 UTC; an unreadable one is an error naming the value. */
function readDate(data: Record<string, unknown>, key: "date" | "updated", timeZone: string, problems: ProblemList): string | undefined {
  const value = data[key];
  if (value === undefined || value === null || value === "") {
    if (key === "date") problems.add("error", "missing date");
    return undefined;
  }
  const date = parsePostDate(value, timeZone);
  if (date === undefined) {
    // JSON.stringify writes YAML's .nan and 1e400 (Infinity) as "null": name numbers as they are.
    const written = typeof value === "number" ? String(value) : JSON.stringify(value);
    problems.add("error", `${key} ${written} is not a date I can read; ${DATE_FORMS}`, { key });
  }
  return date;
}

/** The original article's URL: the first of `link`, `source`, `source_url`, `url` that is absolute http(s). */
function readSourceUrl(data: Record<string, unknown>, problems: ProblemList): string | undefined {
  for (const key of SOURCE_URL_KEYS) {
    const value = data[key];
    if (value === undefined || value === null || value === "") continue;
    const url = readHttpUrl(value);
    if (url !== undefined) return url;
    problems.add("warning", `${key} ${JSON.stringify(value)} is not an absolute http(s) URL; it was left out`, { key });
  }
  return undefined;
}

/** The post's URL on its Hexo site (see hexoPermalink), from front matter `slug` and `permalink` where given. */
function readPermalink(
  path: string,
  data: Record<string, unknown>,
  post: { title: string; published: string; categories: string[][] },
  settings: PermalinkSettings & { postsFolder: string },
  timeZone: string,
  problems: ProblemList,
): string | undefined {
  const slug = typeof data.slug === "string" || typeof data.slug === "number" ? String(data.slug) : undefined;
  const ownPermalink = typeof data.permalink === "string" && data.permalink.trim() !== "" ? data.permalink.trim() : undefined;
  try {
    return hexoPermalink(
      { relativePath: relative(settings.postsFolder, path), ...(slug ? { slug } : {}), ...(ownPermalink ? { permalink: ownPermalink } : {}), ...post },
      settings,
      timeZone,
    );
  } catch (error) {
    problems.add("warning", `no permalink could be made of it (${(error as Error).message}); the post keeps its edgefeed id only`, { key: "permalink" });
    return undefined;
  }
}

/** Everything but the decoding: the front matter's fields and the body. */
function parseDecodedPost(
  path: string,
  text: string,
  timeZone: string,
  permalinkSettings: (PermalinkSettings & { postsFolder: string }) | undefined,
  problems: ProblemList,
): ParsedPost | undefined {
  const frontMatter = readFrontMatter(text);
  if (!frontMatter.ok) {
    problems.add("error", frontMatter.message, { line: frontMatter.line });
    return undefined;
  }
  const { data } = frontMatter;
  problems.locateKeys(frontMatter.yamlText, frontMatter.yamlFirstLine);

  const title = readTitle(data.title, problems);
  const published = readDate(data, "date", timeZone, problems);
  let updated = readDate(data, "updated", timeZone, problems);
  if (published !== undefined && updated !== undefined && updated < published) {
    // Both are RFC 3339 UTC to the second, so text order is time order.
    problems.add("warning", `updated ${updated} is earlier than date ${published}; using date`, { key: "updated" });
    updated = published;
  }
  const author = readAuthor(data.author, problems);
  const taxonomy = readTaxonomyNames(data);
  for (const warning of taxonomy.warnings) problems.add("warning", warning.message, { key: warning.key });
  const { image, warnings: imageWarnings } = readPostImage(data);
  for (const warning of imageWarnings) problems.add("warning", warning.message, { key: warning.key });
  const sourceUrl = readSourceUrl(data, problems);
  const draft = data.published === false || data.draft === true;
  const permalink =
    permalinkSettings === undefined || title === undefined || published === undefined
      ? undefined
      : readPermalink(path, data, { title, published, categories: taxonomy.categories }, permalinkSettings, timeZone, problems);
  // Hexo renders a Markdown post's body, tag plugins included, and then looks for `<!-- more -->` in the HTML.
  let bodyHtml = frontMatter.body;
  if (isMarkdownFile(path)) {
    const rendered = renderMarkdown(frontMatter.body, { firstLine: frontMatter.bodyFirstLine, ...(permalink === undefined ? {} : { assetBaseUrl: permalink }) });
    for (const warning of rendered.warnings) problems.add("warning", warning.message, warning.line === undefined ? undefined : { line: warning.line });
    bodyHtml = rendered.html;
  }

  if (problems.hasErrors || title === undefined || published === undefined) return undefined;
  const post: ParsedPost = {
    id: articleIdFromPath(path),
    file: path,
    title,
    published,
    updated: updated ?? published,
    categories: taxonomy.categories,
    tags: taxonomy.tags,
    bodyHtml,
    draft,
  };
  if (author !== undefined) post.author = author;
  if (image !== undefined) post.image = image;
  if (sourceUrl !== undefined) post.sourceUrl = sourceUrl;
  if (permalink !== undefined) post.permalink = permalink;
  const excerptHtml = splitExcerpt(bodyHtml);
  if (excerptHtml !== undefined) post.excerptHtml = excerptHtml;
  return post;
}

/**
 * Parses one Hexo-style post file (YAML front matter over a Markdown body for `.md`/`.markdown`, rendered as
 * Hexo renders it, or over raw HTML) into a ParsedPost, collecting every
 * problem of the file; returns no post when any problem is an error. Dates without an offset are read in
 * `options.timeZone` (default Asia/Shanghai). Never throws.
 */
export function parsePost(
  file: { path: string; bytes: Uint8Array },
  options: { timeZone?: string; permalink?: PermalinkSettings & { postsFolder: string } } = {},
): { post?: ParsedPost; problems: Problem[] } {
  const problems = new ProblemList(file.path);
  const timeZone = options.timeZone ?? DEFAULT_SITE_CONFIG.timeZone;
  if (!isTimeZone(timeZone)) {
    problems.add("error", `time zone ${JSON.stringify(timeZone)} is not an IANA time zone`);
    return { problems: problems.problems };
  }
  const decoded = decodePostText(file.bytes);
  if (!decoded.ok) {
    problems.add("error", `the file ${decoded.reason}`, { line: decoded.line });
    return { problems: problems.problems };
  }
  if (decoded.encoding !== "utf-8") {
    problems.add("warning", `the file is ${decoded.encoding.toUpperCase()}, not UTF-8; it was decoded as ${decoded.encoding.toUpperCase()} (save it as UTF-8)`);
  }
  try {
    const post = parseDecodedPost(file.path, decoded.text, timeZone, options.permalink, problems);
    return post === undefined ? { problems: problems.problems } : { post, problems: problems.problems };
  } catch (error) {
    // A bug of ours, not bad input: still report it against the file rather than stop the build.
    problems.add("error", `could not be parsed: ${error instanceof Error ? error.message : String(error)}`);
    return { problems: problems.problems };
  }
}
