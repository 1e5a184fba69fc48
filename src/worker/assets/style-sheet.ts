import { assetFingerprint } from "./asset-fingerprint";

/**
 * The one stylesheet of every HTML page (feeds' browser views included): fluid single column,
 * CJK-first font stacks, light and dark by `prefers-color-scheme`. No framework, no script.
 */
export const STYLE_SHEET = `:root {
  color-scheme: light dark;
  --text: #1f2328;
  --muted: #5f6670;
  --background: #ffffff;
  --surface: #f5f6f8;
  --border: #dde1e6;
  --accent: #b3261e;
  --link: #0b57d0;
  --visited: #6f42c1;
  --sans: -apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC",
    "Source Han Sans SC", "Microsoft YaHei", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK SC", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --text: #e6e8eb;
    --muted: #9aa3ad;
    --background: #15171a;
    --surface: #1e2227;
    --border: #30363d;
    --accent: #ff8a80;
    --link: #8ab4f8;
    --visited: #c5a3ff;
  }
  img { filter: brightness(0.92); }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--background);
  color: var(--text);
  font: 1rem/1.8 var(--sans);
  overflow-wrap: break-word;
  word-break: normal;
  line-break: strict;
}
a { color: var(--link); text-underline-offset: 0.2em; }
a:visited { color: var(--visited); }
a:hover { text-decoration-thickness: 2px; }
h1, h2, h3 { line-height: 1.4; margin: 1.6em 0 0.6em; }
h1 { font-size: 1.6rem; margin-top: 0.8em; }
h2 { font-size: 1.2rem; }
h3 { font-size: 1.05rem; }
img { max-width: 100%; height: auto; }
code, .url { font-family: var(--mono); font-size: 0.9em; }
.wrap { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
.wrap.wide { max-width: 70rem; }
.columns { display: grid; gap: 0 2.5rem; }
@media (min-width: 60rem) {
  .columns { grid-template-columns: minmax(0, 1fr) 22rem; }
  .columns > aside { border-left: 1px solid var(--border); padding-left: 2rem; }
}
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 0.5rem; background: var(--background); padding: 0.25rem 0.5rem; }

.site-header { border-bottom: 1px solid var(--border); background: var(--surface); }
.site-header .wrap { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.25rem 1rem; padding-block: 0.6rem; }
.site-title { font-weight: 700; font-size: 1.1rem; color: var(--text); text-decoration: none; }
.site-title:visited { color: var(--text); }
.site-nav { display: flex; gap: 1rem; font-size: 0.9rem; }
.site-footer { margin-top: 3rem; padding-block: 1.5rem; border-top: 1px solid var(--border); color: var(--muted); font-size: 0.85rem; }

.lede { color: var(--muted); margin-top: -0.2rem; }
.meta { color: var(--muted); font-size: 0.875rem; margin: 0.2rem 0; }
.meta > * + *::before { content: "·"; margin: 0 0.45em; color: var(--border); }
.count { color: var(--muted); font-size: 0.85em; font-variant-numeric: tabular-nums; }
.breadcrumbs { font-size: 0.9rem; color: var(--muted); margin-top: 1rem; }
.breadcrumbs ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; }
.breadcrumbs li + li::before { content: "›"; margin: 0 0.45em; }

.feeds { list-style: none; margin: 0.4rem 0; padding: 0; display: inline-flex; flex-wrap: wrap; gap: 0.4rem; vertical-align: middle; }
.feeds a {
  display: inline-block; padding: 0 0.55em; border: 1px solid var(--border); border-radius: 999px;
  font-size: 0.78rem; line-height: 1.7; text-decoration: none; color: var(--accent); white-space: nowrap;
}
.feeds a:hover { border-color: var(--accent); }
.feeds-small a { font-size: 0.7rem; padding: 0 0.45em; }

.subscribe { margin: 2rem 0; padding: 0.8rem 1rem; background: var(--surface); border: 1px solid var(--border); border-radius: 8px; }
.subscribe h2 { margin-top: 0.2rem; }
.subscribe dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 0.8rem; margin: 0.5rem 0; }
.subscribe dt { font-weight: 600; }
.subscribe dd { margin: 0; min-width: 0; }
.url {
  display: block; padding: 0.1rem 0.4rem; background: var(--background); border: 1px solid var(--border);
  border-radius: 4px; overflow-wrap: anywhere; user-select: all; -webkit-user-select: all;
}
.hint { color: var(--muted); font-size: 0.875rem; }

.category-tree, .category-children { list-style: none; padding: 0; margin: 0; }
.category-children { padding-left: 1.2rem; border-left: 1px solid var(--border); margin-left: 0.3rem; }
.category-tree li { margin: 0.25rem 0; }
.category-tree .feeds { margin: 0 0 0 0.4rem; }
.tag-list, .author-list { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; }

.article-list { list-style: none; padding: 0; margin: 0; }
.article-list > li { padding: 0.9rem 0; border-bottom: 1px solid var(--border); }
.article-list h3 { margin: 0; font-size: 1.05rem; }
.article-list h3 a { color: var(--text); text-decoration: none; }
.article-list h3 a:visited { color: var(--muted); }
.article-list h3 a:hover, .article-list h3 a:focus { color: var(--link); text-decoration: underline; }
.article-list .summary { margin: 0.2rem 0 0; color: var(--text); }
.empty { color: var(--muted); }

.pager { display: flex; justify-content: space-between; align-items: center; gap: 1rem; margin: 1.5rem 0; font-size: 0.95rem; }
.pager .status { color: var(--muted); }

.article-header h1 { font-size: 1.7rem; margin-bottom: 0.3rem; }
.lead-image { margin: 1.2rem 0; }
.lead-image img { display: block; margin: 0 auto; border-radius: 4px; }
.article-body { font-size: 1.0625rem; line-height: 1.9; }
.article-body p { margin: 0 0 1em; text-align: justify; text-justify: inter-character; }
.article-body img { display: block; margin: 1rem auto; }
.article-body figure { margin: 1rem 0; }
.article-body figcaption, .article-body .img_descr { color: var(--muted); font-size: 0.875rem; text-align: center; }
.article-body blockquote { margin: 1rem 0; padding: 0 1rem; border-left: 3px solid var(--border); color: var(--muted); }
.article-body table { border-collapse: collapse; display: block; overflow-x: auto; }
.article-body td, .article-body th { border: 1px solid var(--border); padding: 0.3rem 0.5rem; }
.article-body pre { overflow-x: auto; background: var(--surface); padding: 0.6rem; }
.article-footer { margin-top: 2rem; padding-top: 1rem; border-top: 1px solid var(--border); }
.article-footer ul { padding-left: 1.2rem; }

.feed-notice { margin: 1.2rem 0; padding: 0.8rem 1rem; border-left: 4px solid var(--accent); background: var(--surface); border-radius: 0 8px 8px 0; }
.feed-notice p { margin: 0.3rem 0; }
.feed-notice h2 { margin: 0.2rem 0; font-size: 1.1rem; }
.feed-notice .readers { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; list-style: none; padding: 0; margin: 0.3rem 0; }

@media (max-width: 30rem) {
  body { font-size: 0.97rem; }
  h1, .article-header h1 { font-size: 1.4rem; }
  .subscribe dl { grid-template-columns: 1fr; }
  .article-body p { text-align: left; }
}
@media print {
  .site-header nav, .subscribe, .pager, .feeds { display: none; }
}
`;

/** The stylesheet's content hash: pages ask for `/style.css?v=<this>` so a new stylesheet is a new URL. */
export const STYLE_SHEET_VERSION = assetFingerprint(STYLE_SHEET);

/** Where the stylesheet is served, below the site's base. */
export const STYLE_SHEET_PATH = "/style.css";

/** The stylesheet's versioned URL under a base (`https://…` without a trailing slash, or empty for root-relative). */
export function styleSheetUrl(base: string): string {
  return `${base}${STYLE_SHEET_PATH}?v=${STYLE_SHEET_VERSION}`;
}
