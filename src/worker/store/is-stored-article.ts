import type { Article } from "../../model/article";

const isText = (value: unknown): value is string => typeof value === "string";
const isOptionalText = (value: unknown): boolean => value === undefined || typeof value === "string";
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isText);

/**
 * Whether a value read from KV has every field of an Article the renderers use, with its type: anything
 * less (a truncated or hand-edited value, another program's key) would make a renderer throw mid-response,
 * a 500, where the store should say the data is bad (a StoreError, so a 503 and a log line).
 */
export function isStoredArticle(value: unknown): value is Article {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const article = value as Record<string, unknown>;
  const image = article.image;
  return (
    isText(article.id) &&
    isText(article.title) &&
    isText(article.published) &&
    isText(article.updated) &&
    isText(article.summary) &&
    isText(article.contentHtml) &&
    isTextList(article.tags) &&
    Array.isArray(article.categories) &&
    article.categories.every(isTextList) &&
    isOptionalText(article.author) &&
    isOptionalText(article.editor) &&
    isOptionalText(article.sourceUrl) &&
    (article.truncated === undefined || article.truncated === true) &&
    (image === undefined || (typeof image === "object" && image !== null && isText((image as Record<string, unknown>).url) && isOptionalText((image as Record<string, unknown>).type)))
  );
}
