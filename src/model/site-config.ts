import { DEFAULT_IMAGE_PROXY_HOSTS } from "./image-host-rules";
import { isTimeZone } from "./is-time-zone";

/** The site-wide settings, from wrangler.toml `[vars]`: the build and the Worker read the same ones. */
export interface SiteConfig {
  /** Public origin and path prefix without a trailing slash, e.g. `https://news.example.com`; empty when unset. */
  url: string;
  /**
   * The id authority (`SITE_ID`): an RFC 4151 tagging entity such as `news.example.com,2026`; empty when
   * unset. When set, every item's and feed's id is a `tag:` URI under it, whatever `SITE_URL` and the host
   * say, so the site can move without its readers seeing every item again as new.
   */
  siteId: string;
  title: string;
  description: string;
  /** The site's author (`SITE_AUTHOR`), whom items without an author of their own are credited to; empty: the site's title. */
  author: string;
  /** BCP 47, e.g. `zh-CN`. */
  language: string;
  /** IANA time zone for dates without an offset and for dates shown on pages. */
  timeZone: string;
  /**
   * The builder's site rules for posts whose front matter names no source URL, by name (`sina`,
   * `generic`): posts a scraper saved all come from one site. The builder checks the name.
   */
  sourceSite: string;
  /**
   * What items' ids are (`ID_SCHEME`): `edgefeed`, our own stable ids (the default), or `hexo-permalink`,
   * the URL Hexo gave the post, as hexo-generator-feed writes it, so readers that had a Hexo site's items
   * do not show them again as new.
   */
  idScheme: IdScheme;
  /**
   * The builder's time zone for the dates in Hexo permalinks (`PERMALINK_TIME_ZONE`): the one the old
   * `hexo generate` ran in (its machine's `TZ`, UTC on most CI); default `timeZone`.
   */
  permalinkTimeZone: string;
  /**
   * Hosts whose images feeds and pages show through the Worker's image proxy, from the site's own origin
   * (`IMAGE_PROXY_HOSTS`, comma-separated, subdomains included): lowercase, sorted, each once. Unset: Sina's
   * picture hosts; empty: none, and every image keeps its own URL.
   */
  imageProxyHosts: string[];
  /**
   * The WebSub hub (`WEBSUB_HUB`): an absolute https URL (http only on a loopback host, for a local hub),
   * empty when unset. When set, every subscription feed names it (W3C WebSub §4) and a publish pings it.
   */
  websubHub: string;
}

/** The values of `ID_SCHEME`. */
export const ID_SCHEMES = ["edgefeed", "hexo-permalink"] as const;

/** One of ID_SCHEMES. */
export type IdScheme = (typeof ID_SCHEMES)[number];

/**
 * The settings a generation may carry for the Worker (Manifest.site): a Hexo site's own, from its
 * `_config.yml`. Not its `url`: where the site is served (`SITE_URL`) is always the operator's to say, so a
 * site tried out on workers.dev or `wrangler dev` links to itself, not to the old host.
 */
export type SiteDefaults = Partial<Pick<SiteConfig, "title" | "description" | "author" | "language" | "timeZone">>;

/** The `[vars]` name of each setting a generation may carry. */
export const SITE_DEFAULT_VARS: Record<keyof SiteDefaults, string> = {
  title: "SITE_TITLE",
  description: "SITE_DESCRIPTION",
  author: "SITE_AUTHOR",
  language: "SITE_LANGUAGE",
  timeZone: "SITE_TIME_ZONE",
};

/**
 * `config` with the settings `defaults` holds wherever `vars` (the `[vars]` `config` was read from) set none:
 * the Worker's own `[vars]` always win.
 */
export function withSiteDefaults(config: SiteConfig, vars: Record<string, unknown>, defaults: SiteDefaults | undefined): SiteConfig {
  if (defaults === undefined) return config;
  const merged = { ...config };
  for (const key of Object.keys(SITE_DEFAULT_VARS) as (keyof SiteDefaults)[]) {
    const value = defaults[key];
    const own = vars[SITE_DEFAULT_VARS[key]];
    if (value === undefined || (typeof own === "string" && own.trim() !== "")) continue;
    if (key === "timeZone" && !isTimeZone(value)) continue;
    merged[key] = value;
  }
  return merged;
}

/** Defaults for settings wrangler.toml leaves out. */
export const DEFAULT_SITE_CONFIG: SiteConfig = {
  url: "",
  siteId: "",
  title: "edgefeed",
  description: "",
  author: "",
  language: "zh-CN",
  timeZone: "Asia/Shanghai",
  sourceSite: "generic",
  idScheme: "edgefeed",
  permalinkTimeZone: "Asia/Shanghai",
  imageProxyHosts: [...DEFAULT_IMAGE_PROXY_HOSTS],
  websubHub: "",
};

/** Reads the site settings from wrangler `[vars]` (`SITE_URL`, `SITE_TITLE`, …); throws naming a bad one. */
export function readSiteConfig(vars: Record<string, unknown>): SiteConfig {
  const text = (name: string, fallback: string): string => {
    const value = vars[name];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== "string") throw new Error(`${name} must be a string`);
    return value.trim() || fallback;
  };
  const url = text("SITE_URL", "").replace(/\/+$/, "");
  if (url !== "" && !/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(url)) {
    throw new Error(`SITE_URL must be an absolute http(s) URL without query or fragment, got ${JSON.stringify(url)}`);
  }
  const siteId = text("SITE_ID", "");
  if (siteId !== "" && !TAGGING_ENTITY.test(siteId)) {
    throw new Error(`SITE_ID must be an RFC 4151 tagging entity, a domain or an e-mail address, a comma and a date (news.example.com,2026 or me@example.com,2026-12-01), got ${JSON.stringify(siteId)}`);
  }
  const timeZone = text("SITE_TIME_ZONE", DEFAULT_SITE_CONFIG.timeZone);
  if (!isTimeZone(timeZone)) throw new Error(`SITE_TIME_ZONE must be an IANA time zone, got ${JSON.stringify(timeZone)}`);
  const permalinkTimeZone = text("PERMALINK_TIME_ZONE", timeZone);
  if (!isTimeZone(permalinkTimeZone)) throw new Error(`PERMALINK_TIME_ZONE must be an IANA time zone, got ${JSON.stringify(permalinkTimeZone)}`);
  const idScheme = text("ID_SCHEME", DEFAULT_SITE_CONFIG.idScheme);
  if (!(ID_SCHEMES as readonly string[]).includes(idScheme)) throw new Error(`ID_SCHEME must be one of ${ID_SCHEMES.join(", ")}, got ${JSON.stringify(idScheme)}`);
  const websubHub = readWebsubHub(text("WEBSUB_HUB", ""), url);
  return {
    url,
    siteId,
    title: text("SITE_TITLE", DEFAULT_SITE_CONFIG.title),
    description: text("SITE_DESCRIPTION", DEFAULT_SITE_CONFIG.description),
    author: text("SITE_AUTHOR", DEFAULT_SITE_CONFIG.author),
    language: text("SITE_LANGUAGE", DEFAULT_SITE_CONFIG.language),
    timeZone,
    sourceSite: text("SOURCE_SITE", DEFAULT_SITE_CONFIG.sourceSite),
    idScheme: idScheme as IdScheme,
    permalinkTimeZone,
    imageProxyHosts: readImageProxyHosts(vars.IMAGE_PROXY_HOSTS),
    websubHub,
  };
}

// Hosts where a hub may be plain http: a hub on this machine, as a test or a private one runs it.
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * `WEBSUB_HUB`, checked: empty, or an absolute https URL without credentials or fragment (http for a loopback
 * host). W3C WebSub §4 has subscribers take "the exact URL of a WebSub hub" from the feed, and §7 the
 * publisher ping that same hub; the subscription and the pushed content then cross it, so a public hub must
 * be https. A hub needs SITE_URL: it is told the feeds' URLs, which only SITE_URL makes the same for every
 * request, and subscribers subscribe to the self link, which without SITE_URL follows the request's host.
 */
function readWebsubHub(value: string, siteUrl: string): string {
  if (value === "") return "";
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(`WEBSUB_HUB must be an absolute https URL (the hub's endpoint, e.g. https://pubsubhubbub.appspot.com/), got ${JSON.stringify(value)}`);
  }
  const loopback = LOOPBACK_HOSTS.has(parsed.hostname);
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && loopback)) {
    throw new Error(`WEBSUB_HUB must be an https URL (http only for localhost), got ${JSON.stringify(value)}`);
  }
  if (parsed.username !== "" || parsed.password !== "" || parsed.hash !== "" || /\s/.test(value)) {
    throw new Error(`WEBSUB_HUB must be a plain URL without credentials, fragment or spaces, got ${JSON.stringify(value)}`);
  }
  if (siteUrl === "") {
    throw new Error("WEBSUB_HUB needs SITE_URL: the hub is told each feed's URL, and subscribers subscribe to the feed's self link, which without SITE_URL follows whatever host a request reached");
  }
  return parsed.href;
}

// RFC 4151 §2.1: taggingEntity = authorityName "," date; authorityName = DNSname / emailAddress;
// date = year ["-" month ["-" day]]. Lowercase only: tags are compared character by character (§2.4).
const DNS_NAME = "[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*";
const TAGGING_ENTITY = new RegExp(`^(?:[a-z0-9._~!$&'()*+;=-]+@)?${DNS_NAME},\\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\\d|3[01]))?)?$`);

// A host name as URL.hostname gives it: dot-separated labels of letters, digits and inner hyphens (an IPv4
// address is one too, which lets a test name a local stand-in such as 127.0.0.1).
const HOST_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * `IMAGE_PROXY_HOSTS`: unset gives the default hosts, an empty (or blank) value none, which turns the
 * proxy off; otherwise comma-separated host names. Throws naming an entry that is not a host name (a URL, a
 * port, a wildcard), since a host that silently never matched would leave its images broken.
 */
function readImageProxyHosts(value: unknown): string[] {
  if (value === undefined || value === null) return [...DEFAULT_IMAGE_PROXY_HOSTS];
  if (typeof value !== "string") throw new Error("IMAGE_PROXY_HOSTS must be a string");
  const hosts = new Set<string>();
  for (const entry of value.split(",")) {
    const host = entry.trim().toLowerCase().replace(/\.$/, "");
    if (host === "") continue;
    if (!HOST_NAME.test(host)) {
      throw new Error(`IMAGE_PROXY_HOSTS must list host names separated by commas (subdomains are included), got ${JSON.stringify(entry.trim())}`);
    }
    hosts.add(host);
  }
  return [...hosts].sort();
}
