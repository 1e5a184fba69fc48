/**
 * How the cleaner and the summary treat the HTML of one source site. Everything site-specific is data here,
 * so a new site is a folder beside sina/ (its rules and its golden pairs) and an entry in SITE_RULES
 * (html/site-rules-for.ts), never new code in the cleaner.
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
  /**
   * Lines the summary never starts with: a paragraph at the very start of the body that matches one is
   * skipped (a site's lead line that repeats the title, say).
   */
  summarySkipLines: RegExp[];
  /**
   * The `referrerpolicy` every `<img>` gets, or undefined for none: what the site's image hosts need to serve
   * a page on another origin (the Referrer Policy spec's `no-referrer` sends no Referer header at all).
   */
  imageReferrerPolicy?: "no-referrer";
}

/** Attributes no site needs in a reader: styling hooks and presentation (the reader styles the text). */
export const PRESENTATION_ATTRIBUTES = [
  "class", "id", "style", "align", "valign", "bgcolor", "color", "face", "size", "border", "hspace", "vspace",
  "cellpadding", "cellspacing", "nowrap", "clear",
];

/**
 * Safe cleaning for any site, and the base every site's rules build on: embeds and scripts out,
 * presentation gone, `<font>` unwrapped. Images send no Referer: a reader's page is no business of the
 * image host's, and most hosts that refuse a foreign Referer (hotlink protection) serve requests with none.
 */
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
  // `原标题：…` (the headline a story first ran under) leads Chinese news that one outlet takes from another,
  // on any site that syndicates it: it repeats the title.
  summarySkipLines: [/^原标题\s*[：:]/],
  imageReferrerPolicy: "no-referrer",
};
