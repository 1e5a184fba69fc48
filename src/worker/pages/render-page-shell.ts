import { escapeHtml } from "../../model/escape-html";
import { styleSheetUrl } from "../assets/style-sheet";
import type { FeedAlternate } from "./feed-alternates";
import { pageText } from "./page-text";

/** What every HTML page shares: its title, language, feed autodiscovery links and body. */
export interface PageShell {
  /** The document's `<title>`. */
  title: string;
  /** For `<meta name="description">`; left out when empty. */
  description?: string;
  /** BCP 47, for `<html lang>` and the page furniture's words. */
  language: string;
  /** The site's title, for the header. */
  siteTitle: string;
  /** Public base URL without a trailing slash: the home page is `${base}/`, the stylesheet below it. */
  base: string;
  /** The page's own URL without paging noise, for `<link rel="canonical">`. */
  canonicalUrl?: string;
  /** Feeds for `<link rel="alternate">` autodiscovery; each gets a title like `金融 › 新浪财经 · edgefeed (RSS)`. */
  alternates: { feeds: FeedAlternate[]; title: string }[];
  /** A wider page for two columns (the home page); others keep a reading measure. */
  wide?: boolean;
  /** Already-escaped HTML for `<main>`. */
  mainHtml: string;
}

/**
 * Wraps a page's main HTML in a complete HTML5 document: language, viewport, the one stylesheet, feed
 * autodiscovery (RSS Autodiscovery: `<link rel="alternate" type="application/rss+xml">` in the head) and
 * the site header and footer. No script anywhere: the page is read as it comes.
 */
export function renderPageShell(shell: PageShell): string {
  const text = pageText(shell.language);
  const home = `${shell.base}/`;
  const wrap = shell.wide ? "wrap wide" : "wrap";
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Sina's image hosts refuse a foreign Referer; the response's Referrer-Policy says the same.
    '<meta name="referrer" content="no-referrer">',
    '<meta name="color-scheme" content="light dark">',
    // No favicon: an empty one spares every visit a request that would only 404.
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(shell.title)}</title>`,
  ];
  if (shell.description) head.push(`<meta name="description" content="${escapeHtml(shell.description)}">`);
  if (shell.canonicalUrl) head.push(`<link rel="canonical" href="${escapeHtml(shell.canonicalUrl)}">`);
  head.push(`<link rel="stylesheet" href="${escapeHtml(styleSheetUrl(shell.base))}">`);
  for (const { feeds, title } of shell.alternates) {
    for (const feed of feeds) {
      head.push(`<link rel="alternate" type="${feed.type}" title="${escapeHtml(`${title} (${feed.label})`)}" href="${escapeHtml(feed.href)}">`);
    }
  }
  return `<!DOCTYPE html>
<html lang="${escapeHtml(shell.language)}">
<head>
${head.join("\n")}
</head>
<body>
<a class="skip" href="#content">${escapeHtml(text.skipToContent)}</a>
<header class="site-header"><div class="${wrap}">
<a class="site-title" href="${escapeHtml(home)}">${escapeHtml(shell.siteTitle)}</a>
<nav class="site-nav"><a href="${escapeHtml(home)}">${escapeHtml(text.home)}</a><a href="${escapeHtml(`${shell.base}/opml.xml`)}" type="text/x-opml">OPML</a></nav>
</div></header>
<main id="content" class="${wrap}">
${shell.mainHtml}
</main>
<footer class="site-footer ${wrap}">${escapeHtml(text.footer)}</footer>
</body>
</html>
`;
}
