/**
 * How the cleaner treats the scraped HTML of one source site. Everything site-specific is data here, so a new
 * site is a new table entry, never new code in the cleaner.
 */
export interface SiteRules {
  /** A short name for reports and tests. */
  name: string;
  /** Host names (and their subdomains) whose posts use these rules. */
  hosts: string[];
  /** CSS selectors of elements removed with everything inside them (junk, promotions, embeds). */
  removeSelectors: string[];
  /** Attributes dropped from every element (site markup and presentation a reader does not need). */
  dropAttributes: string[];
  /** Attributes dropped from every element except `<img>` (where width and height reserve the layout). */
  dropAttributesExceptOnImages: string[];
  /** Elements renamed: the first matching selector wins, attributes are dropped with the old element. */
  renameElements: { selector: string; to: string }[];
  /** Tags replaced by their children (wrappers with no meaning of their own). */
  unwrapTags: string[];
  /**
   * Image wrappers turned into `<figure><img><figcaption>`: the wrapper's selector and the selector of its
   * caption inside it. An empty caption gives a figure with the image only.
   */
  figures: { wrapperSelector: string; captionSelector: string }[];
  /** Attributes read, in order, when an `<img>` has no `src` (lazy-loading scripts keep the real URL there). */
  imageSourceAttributes: string[];
  /**
   * The editor line: a selector of elements that may hold it and a pattern whose first group is the name.
   * The matching element leaves the body; the name becomes `Article.editor`.
   */
  editor?: { selector: string; pattern: RegExp };
}

/** Attributes no site needs in a reader: styling hooks and presentation (the reader styles the text). */
const PRESENTATION_ATTRIBUTES = [
  "class", "id", "style", "align", "valign", "bgcolor", "color", "face", "size", "border", "hspace", "vspace",
  "cellpadding", "cellspacing", "nowrap", "clear",
];

/** Safe cleaning for any site: embeds and scripts out, presentation gone, `<font>` unwrapped. */
export const GENERIC_RULES: SiteRules = {
  name: "generic",
  hosts: [],
  removeSelectors: ["style", "script", "noscript", "iframe", "frame", "frameset", "object", "embed", "template", "link", "meta"],
  dropAttributes: PRESENTATION_ATTRIBUTES,
  dropAttributesExceptOnImages: ["width", "height"],
  renameElements: [],
  unwrapTags: ["font", "center"],
  figures: [],
  imageSourceAttributes: ["data-src", "data-original"],
};

/** Sina Finance (finance.sina.com.cn and the sina.cn mobile site): the seed's source. */
export const SINA_RULES: SiteRules = {
  name: "sina",
  hosts: ["sina.com.cn", "sina.cn"],
  removeSelectors: [
    ...GENERIC_RULES.removeSelectors,
    // "海量资讯、精准解读，尽在新浪财经APP": the QR-code promotion at the end of every article.
    ".appendQr_wrap",
    // Share bars, stock quote widgets and "related reading" boxes Sina sometimes leaves in the body.
    ".article-notice",
    ".finance_app_zqtg",
    ".hqimg_wrapper",
    "#left_hzh_ad",
  ],
  dropAttributes: [...PRESENTATION_ATTRIBUTES, "cms-style", "data-sudaclick"],
  dropAttributesExceptOnImages: ["width", "height"],
  // Sina's editor marks bold runs as `<font cms-style="strong-Bold">`; the meaning is strong emphasis.
  renameElements: [{ selector: 'font[cms-style="strong-Bold"]', to: "strong" }],
  unwrapTags: GENERIC_RULES.unwrapTags,
  figures: [{ wrapperSelector: ".img_wrapper", captionSelector: ".img_descr" }],
  imageSourceAttributes: GENERIC_RULES.imageSourceAttributes,
  editor: { selector: ".article-editor, p", pattern: /^\s*责任编辑\s*[：:]\s*(\S(?:.*\S)?)\s*$/su },
};

/** Every known site's rules; the first whose host matches is used. */
export const SITE_RULES: SiteRules[] = [SINA_RULES];

/**
 * The rules for a post: the table whose host matches the source URL's host, Sina's when the post names no
 * source (every post scraped so far comes from Sina), the generic rules for any other site.
 */
export function siteRulesFor(sourceUrl: string | undefined): SiteRules {
  if (sourceUrl === undefined) return SINA_RULES;
  let host: string;
  try {
    host = new URL(sourceUrl).hostname.toLowerCase();
  } catch {
    return GENERIC_RULES;
  }
  const matches = (site: string): boolean => host === site || host.endsWith(`.${site}`);
  return SITE_RULES.find((rules) => rules.hosts.some(matches)) ?? GENERIC_RULES;
}
