import { matchesHost } from "../../model/matches-host";

/** The image proxy as a request sees it: the hosts it serves and the key its tokens are made with. */
export interface ImageProxy {
  /** `SiteConfig.imageProxyHosts`: lowercase host names, subdomains included. */
  hosts: readonly string[];
  /** HMAC-SHA-256 key from `IMAGE_PROXY_SECRET`. */
  key: CryptoKey;
  /** A name of the key that tells keys apart without revealing them, for fingerprints (ETags, cache keys). */
  keyId: string;
  /**
   * Tokens made in this isolate, by upstream URL: a publish re-renders the site's, every category's and every
   * tag's feeds in three formats, which show the same articles, and a token costs an HMAC each time.
   */
  tokens: Map<string, string>;
  /**
   * What proxyArticleImages made of each image source, by the hosts and base it was made for, then the source:
   * its proxied URL, or null for one the proxy does not serve. A feed's images are mostly another feed's too,
   * and each costs a URL parse, a host match and the path's text; so an uncached feed rewrites its bodies in one pass.
   */
  proxied: Map<string, Map<string, string | null>>;
}

/** How many tokens an isolate keeps (about 100 bytes each); past it, it starts again with none. */
export const KEPT_TOKENS = 20_000;

/**
 * The shortest `IMAGE_PROXY_SECRET` taken. Anyone holding one token and its URL can test guesses at the
 * secret offline, so it must be out of reach of guessing: 32 characters of `openssl rand -hex 32` are 128 bits.
 */
export const MINIMUM_SECRET_LENGTH = 32;

const encoder = new TextEncoder();
// Importing a key costs a little every time; an isolate sees one secret (until a deploy replaces it).
let opened: { secret: string; key: Promise<{ key: CryptoKey; keyId: string }>; tokens: Map<string, string>; proxied: Map<string, Map<string, string | null>> } | undefined;
let warnedUnset = false;

/**
 * The proxy for the hosts of IMAGE_PROXY_HOSTS with the key of IMAGE_PROXY_SECRET; undefined, which links
 * every image directly, when no host is set, or when the secret is unset (logged once per isolate: without
 * a secret a token could be forged, so there is no proxy rather than an open one). Throws when the secret
 * is too short to be safe.
 */
export async function openImageProxy(hosts: readonly string[], secret: string | undefined): Promise<ImageProxy | undefined> {
  if (hosts.length === 0) return undefined;
  if (secret === undefined || secret === "") {
    if (!warnedUnset) {
      warnedUnset = true;
      console.warn(
        `edgefeed: IMAGE_PROXY_SECRET is unset, so images of ${hosts.join(", ")} (IMAGE_PROXY_HOSTS) are linked directly and ` +
          "readers that drop referrerpolicy show them broken. Set it with `npx wrangler secret put IMAGE_PROXY_SECRET` (locally: .dev.vars).",
      );
    }
    return undefined;
  }
  if (secret.length < MINIMUM_SECRET_LENGTH) {
    throw new Error(`IMAGE_PROXY_SECRET must be at least ${MINIMUM_SECRET_LENGTH} characters (e.g. \`openssl rand -hex 32\`), got ${secret.length}`);
  }
  if (opened?.secret !== secret) opened = { secret, key: importKey(secret), tokens: new Map(), proxied: new Map() };
  return { hosts, ...(await opened.key), tokens: opened.tokens, proxied: opened.proxied };
}

/** Whether the proxy serves the images of `hostname` (lowercase, without a port). */
export function proxiesHost(proxy: ImageProxy, hostname: string): boolean {
  return proxy.hosts.some((name) => matchesHost(hostname, name));
}

async function importKey(secret: string): Promise<{ key: CryptoKey; keyId: string }> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const id = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode("edgefeed image proxy key id")));
  let keyId = "";
  for (const byte of id.subarray(0, 8)) keyId += byte.toString(16).padStart(2, "0");
  return { key, keyId };
}
