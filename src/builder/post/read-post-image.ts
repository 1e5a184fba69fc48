import type { ArticleImage } from "../../model/article";
import { readHttpUrl } from "./read-http-url";

/** Front-matter keys that name the article's image, in order of preference (Hexo themes use all of them). */
export const IMAGE_KEYS = ["headimg", "thumbnail", "cover", "image"] as const;

/** MIME types by file extension; an extension not listed gives no type rather than a guess. */
const IMAGE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  jpe: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  svg: "image/svg+xml",
};

/** The image's MIME type from the extension of its URL's path (query and fragment ignored), if known. */
export function imageTypeOfUrl(url: string): string | undefined {
  const path = new URL(url).pathname;
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : IMAGE_TYPES[extension];
}

/**
 * The article's image from front matter: the first of `headimg`, `thumbnail`, `cover`, `image` that is an
 * absolute http(s) URL, with its type when the extension tells it. Each unusable value met before it is
 * returned as a warning (and skipped).
 */
export function readPostImage(data: Record<string, unknown>): { image?: ArticleImage; warnings: { key: string; message: string }[] } {
  const warnings: { key: string; message: string }[] = [];
  for (const key of IMAGE_KEYS) {
    const value = data[key];
    if (value === undefined || value === null || value === "") continue;
    const url = readHttpUrl(value);
    if (url === undefined) {
      warnings.push({ key, message: `${key} ${JSON.stringify(value)} is not an absolute http(s) URL; the image was left out` });
      continue;
    }
    const type = imageTypeOfUrl(url);
    return { image: type === undefined ? { url } : { url, type }, warnings };
  }
  return { warnings };
}
