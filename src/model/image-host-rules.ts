import { matchesHost } from "./matches-host";

/**
 * How the image proxy asks one image host for a picture: the hosts a rule covers and the `Referer` their
 * hotlink protection accepts. Data, like the builder's site rules (src/builder/html/sites/); it lives in the
 * model because the Worker makes the request and may not import the builder.
 */
export interface ImageHostRule {
  /** The name of the site rules (`SiteRules.name`) whose articles show these hosts' images. */
  site: string;
  /** Host names, subdomains included. */
  hosts: readonly string[];
  /**
   * The `Referer` sent upstream: a page origin the host serves its own pictures to, or undefined to send
   * none (which most hotlink protection lets through, as `referrerpolicy="no-referrer"` relies on).
   */
  referer?: string;
}

// Weibo's picture hosts (wx1–wx4.sinaimg.cn and their siblings) refuse a request without a Referer since
// 2023 (RSSHub #11716: "现在微博禁止空 refer 访问图片资源") and serve the ones weibo.com's pages make.
const WEIBO_IMAGE_HOSTS = ["wx", "ww", "ws", "tva", "tvax"].flatMap((prefix) => [1, 2, 3, 4].map((number) => `${prefix}${number}.sinaimg.cn`));

/**
 * Every image host with a rule. A host takes the rule naming it most specifically (the longest matching
 * name), so Weibo's hosts take theirs before the rest of sinaimg.cn; a host no rule names gets no Referer.
 */
export const IMAGE_HOST_RULES: readonly ImageHostRule[] = [
  // Sina's picture CDN (n.sinaimg.cn, k.sinaimg.cn, …) refuses a foreign Referer; a page of Sina Finance's
  // own is what its articles' pictures are requested from in a browser.
  { site: "sina", hosts: ["sinaimg.cn"], referer: "https://finance.sina.com.cn/" },
  { site: "sina", hosts: WEIBO_IMAGE_HOSTS, referer: "https://weibo.com/" },
];

/** The hosts `IMAGE_PROXY_HOSTS` names when it is unset: Sina's picture hosts, whose images readers otherwise show broken. */
export const DEFAULT_IMAGE_PROXY_HOSTS: readonly string[] = ["sinaimg.cn"];

/** The Referer to send when fetching an image from `hostname` (lowercase, no port), or undefined for none. */
export function refererForImageHost(hostname: string, rules: readonly ImageHostRule[] = IMAGE_HOST_RULES): string | undefined {
  let best: { length: number; referer: string | undefined } | undefined;
  for (const rule of rules) {
    for (const name of rule.hosts) {
      if (matchesHost(hostname, name) && (best === undefined || name.length > best.length)) best = { length: name.length, referer: rule.referer };
    }
  }
  return best?.referer;
}
