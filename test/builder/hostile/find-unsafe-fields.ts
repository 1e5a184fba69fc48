import type { Article } from "../../../src/model/article";
import { parseXmlStrictly } from "../../worker/feeds/parse-xml-strictly";
import { findActiveContent } from "../html/find-active-content";

/** Characters XML 1.0 §2.2 forbids ("Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]"). */
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** A text field as the model promises it: XML-valid and NFC (src/model/article.ts). */
function textProblems(field: string, value: string): string[] {
  const problems: string[] = [];
  if (XML_INVALID.test(value)) problems.push(`${field} holds a character XML 1.0 forbids`);
  if (value !== value.normalize("NFC")) problems.push(`${field} is not NFC`);
  return problems;
}

/** A URL field: absolute http(s), no whitespace, quotes or angle brackets that could end an attribute. */
function urlProblems(field: string, value: string): string[] {
  const problems = textProblems(field, value);
  if (!/^https?:\/\/[^\s"'<>\\]+$/.test(value)) problems.push(`${field} ${JSON.stringify(value)} is not a plain absolute http(s) URL`);
  return problems;
}

/**
 * Everything unsafe in a built article, described in words (empty when it is safe to publish): every text
 * field XML-valid and NFC, every URL plain http(s), names usable as URL path segments, and contentHtml inert
 * (find-active-content) and well-formed XML to a strict parser.
 */
export function findUnsafeFields(article: Article): string[] {
  const problems: string[] = [];
  problems.push(...textProblems("id", article.id));
  if (!/^[\p{L}\p{M}\p{N}-]+$/u.test(article.id)) problems.push(`id ${JSON.stringify(article.id)} has characters beyond letters, digits and -`);
  problems.push(...textProblems("title", article.title));
  if (/^[\s\p{Cf}\p{Z}]*$/u.test(article.title)) problems.push("title shows as blank");
  if (article.author !== undefined) problems.push(...textProblems("author", article.author));
  for (const name of [...article.categories.flat(), ...article.tags]) {
    problems.push(...textProblems(`name ${JSON.stringify(name)}`, name));
    if (name === "" || name === "." || name === "..") problems.push(`name ${JSON.stringify(name)} cannot be a URL path segment`);
  }
  problems.push(...textProblems("summary", article.summary));
  if (article.editor !== undefined) problems.push(...textProblems("editor", article.editor));
  if (article.image !== undefined) problems.push(...urlProblems("image URL", article.image.url));
  if (article.sourceUrl !== undefined) problems.push(...urlProblems("source URL", article.sourceUrl));
  for (const date of [article.published, article.updated]) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(date) || Number.isNaN(Date.parse(date))) problems.push(`date ${date} is not RFC 3339 UTC`);
  }
  problems.push(...textProblems("contentHtml", article.contentHtml));
  problems.push(...findActiveContent(article.contentHtml).map((found) => `contentHtml has ${found}`));
  try {
    parseXmlStrictly(`<div>${article.contentHtml}</div>`);
  } catch (error) {
    problems.push(`contentHtml is not well-formed XML: ${(error as Error).message}`);
  }
  return problems;
}
