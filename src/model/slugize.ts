/**
 * hexo-util's slugize, as Hexo makes permalinks and category and tag URLs of names: control characters
 * removed, runs of whitespace and ASCII punctuation one `-`, none at the ends; `lowercase` as Hexo's `transform: 1`.
 */
export function slugize(text: string, lowercase = false): string {
  const slug = text
    .replace(/[\u0000-\u001F\u007F]/g, "")
    .replace(/[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'<>,.?/]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
  return lowercase ? slug.toLowerCase() : slug;
}
