import type { Article } from "./article";
import { HEAD_SIZE } from "./feed-page";
import { utf8ByteLength } from "./utf8-byte-length";

/** Workers KV's largest key: 512 bytes of UTF-8 (developers.cloudflare.com/kv/platform/limits). */
export const KV_KEY_MAX_BYTES = 512;

/** Workers KV's largest value: 25 MiB. */
export const KV_VALUE_MAX_BYTES = 25 * 1024 * 1024;

/**
 * The largest copy of an article (its JSON, in UTF-8 bytes) that feed pages hold. A head holds HEAD_SIZE
 * articles in one value, so this is a hundredth of the value limit, less room for the page's framing. A
 * longer article is stored alone as well, and the pages hold it with its HTML cut to fit.
 */
export const PAGE_ITEM_MAX_BYTES = Math.floor((KV_VALUE_MAX_BYTES - 64 * 1024) / HEAD_SIZE);

/** The largest article (its stored JSON, in UTF-8 bytes) that can be published: one KV value. */
export const ARTICLE_MAX_BYTES = KV_VALUE_MAX_BYTES;

/** Why `key` cannot be a KV key, or undefined when it can. */
export function kvKeyProblem(key: string): string | undefined {
  if (key === "") return "a KV key cannot be empty";
  if (key === "." || key === "..") return `a KV key cannot be "${key}"`;
  const bytes = utf8ByteLength(key);
  if (bytes > KV_KEY_MAX_BYTES) return `the key is ${bytes} bytes; KV keys are at most ${KV_KEY_MAX_BYTES}`;
  return undefined;
}

/** Why a value of `bytes` UTF-8 bytes cannot be stored in KV, or undefined when it can. */
export function kvValueSizeProblem(bytes: number): string | undefined {
  if (bytes > KV_VALUE_MAX_BYTES) {
    return `the value is ${formatBytes(bytes)}; KV values are at most ${formatBytes(KV_VALUE_MAX_BYTES)}`;
  }
  return undefined;
}

/** Bytes a page's copy of an article keeps for its HTML at least, so a cut copy still shows its start. */
const PAGE_COPY_MIN_HTML_BYTES = 4096;

/**
 * Why an article is too big to publish, or undefined when it fits: the check the build calls on each
 * article, so a too-big post is refused with its file name before planning. An article is one KV value at
 * most; feed pages hold a copy cut to PAGE_ITEM_MAX_BYTES, which only its HTML can be cut from.
 */
export function articleSizeProblem(article: Article): string | undefined {
  const bytes = utf8ByteLength(JSON.stringify(article));
  if (bytes > ARTICLE_MAX_BYTES) {
    return `the article is ${bytes.toLocaleString("en-US")} bytes as stored; at most ${ARTICLE_MAX_BYTES.toLocaleString("en-US")} fit, because an article is stored in one KV value of at most ${formatBytes(KV_VALUE_MAX_BYTES)}`;
  }
  if (bytes <= PAGE_ITEM_MAX_BYTES) return undefined;
  const fields = utf8ByteLength(JSON.stringify({ ...article, contentHtml: "", truncated: true }));
  const fieldsMax = PAGE_ITEM_MAX_BYTES - PAGE_COPY_MIN_HTML_BYTES;
  if (fields > fieldsMax) {
    return `its fields besides the body (title, summary, names) take ${fields.toLocaleString("en-US")} bytes as stored; at most ${fieldsMax.toLocaleString("en-US")} fit, because every feed page holds them whole for each of its ${HEAD_SIZE} articles`;
  }
  return undefined;
}

/** Bytes as `1.5 MiB`, `312 KiB` or `80 B`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} B`;
}
