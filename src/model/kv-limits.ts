import { HEAD_SIZE } from "./feed-page";
import { utf8ByteLength } from "./utf8-byte-length";

/** Workers KV's largest key: 512 bytes of UTF-8 (developers.cloudflare.com/kv/platform/limits). */
export const KV_KEY_MAX_BYTES = 512;

/** Workers KV's largest value: 25 MiB. */
export const KV_VALUE_MAX_BYTES = 25 * 1024 * 1024;

/**
 * The largest article (its stored JSON, in UTF-8 bytes) the build should accept. A head page holds up to
 * HEAD_SIZE articles in one value, so an article above a hundredth of the value limit (less room for the
 * page's own framing) could make a page KV refuses, even though the article alone would fit.
 */
export const ARTICLE_MAX_BYTES = Math.floor((KV_VALUE_MAX_BYTES - 64 * 1024) / HEAD_SIZE);

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

/**
 * Why an article is too big to publish, or undefined when it fits: the check the build calls on each
 * article (with `JSON.stringify(article)`), so a too-big post is refused with its file name before planning.
 */
export function articleSizeProblem(articleJson: string): string | undefined {
  const bytes = utf8ByteLength(articleJson);
  if (bytes > ARTICLE_MAX_BYTES) {
    return `the article is ${bytes.toLocaleString("en-US")} bytes as stored; at most ${ARTICLE_MAX_BYTES.toLocaleString("en-US")} fit, because a feed page holds ${HEAD_SIZE} articles in one KV value of at most ${formatBytes(KV_VALUE_MAX_BYTES)}`;
  }
  return undefined;
}

/** Bytes as `1.5 MiB`, `312 KiB` or `80 B`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} B`;
}
