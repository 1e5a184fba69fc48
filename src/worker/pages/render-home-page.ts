import { escapeHtml } from "../../model/escape-html";
import type { ArticleSummary, Manifest } from "../../model/manifest";
import { scopePath, scopeTitle } from "../../model/scope";
import type { SiteConfig } from "../../model/site-config";
import { feedAlternates } from "./feed-alternates";
import { pageText } from "./page-text";
import { renderArticleList } from "./render-article-list";
import { renderCategoryTree } from "./render-category-tree";
import { renderFeedLinks } from "./render-feed-links";
import { renderPageShell } from "./render-page-shell";
import { renderPager } from "./render-pager";
import { renderSubscribeBlock } from "./render-subscribe-block";

/** What the home page shows. */
export interface HomePageInput {
  config: SiteConfig;
  /** Public base URL for links, without a trailing slash. */
  base: string;
  manifest: Pick<Manifest, "categories" | "tags" | "authors">;
  /** This listing page's articles, newest first. */
  articles: readonly ArticleSummary[];
  /** Articles on the whole site. */
  total: number;
  /** The listing page shown (1 is the newest) and how many there are. */
  page: number;
  pages: number;
}

/**
 * Renders the home page: the site's title and description, its feeds (with autodiscovery), one page of
 * articles (the newest on page 1) with links to the others, the category tree with counts and feeds, the
 * tags, the authors posts name, and a subscribe box. Pure.
 */
export function renderHomePage({ config, base, manifest, articles, total, page, pages }: HomePageInput): string {
  const text = pageText(config.language);
  const site = { kind: "site" as const };
  const feeds = feedAlternates(base, site);
  const parts = [`<h1>${escapeHtml(config.title)}</h1>`];
  if (config.description) parts.push(`<p class="lede">${escapeHtml(config.description)}</p>`);
  parts.push(`<p class="meta"><span class="count">${escapeHtml(text.articleCount(total))}</span></p>`);
  parts.push(renderFeedLinks(feeds, { label: text.feeds }));
  // Wide screens put the categories beside the newest articles; phones read them after.
  const aside: string[] = [];
  if (manifest.categories.length > 0) {
    aside.push(`<h2>${escapeHtml(text.categories)}</h2>`, renderCategoryTree(manifest.categories, base, config.language));
  }
  if (manifest.tags.length > 0) {
    const tags = manifest.tags.map(
      (tag) =>
        `<li><a href="${escapeHtml(`${base}${scopePath({ kind: "tag", name: tag.name })}`)}">#${escapeHtml(tag.name)}</a> ` +
        `<span class="count">${tag.total}</span></li>`,
    );
    aside.push(`<h2>${escapeHtml(text.tags)}</h2>`, `<ul class="tag-list">\n${tags.join("\n")}\n</ul>`);
  }
  const authors = manifest.authors ?? [];
  if (authors.length > 0) {
    const items = authors.map(
      (author) =>
        `<li><a href="${escapeHtml(`${base}${scopePath({ kind: "author", name: author.name })}`)}">${escapeHtml(author.name)}</a> ` +
        `<span class="count">${author.total}</span></li>`,
    );
    aside.push(`<h2>${escapeHtml(text.authors)}</h2>`, `<ul class="author-list">\n${items.join("\n")}\n</ul>`);
  }
  aside.push(renderSubscribeBlock(feeds, base, config.language));
  parts.push(
    `<div class="columns">\n<section class="primary">`,
    `<h2>${escapeHtml(page === 1 ? text.newestArticles : `${text.articles} · ${text.pageOf(page, pages)}`)}</h2>`,
    renderArticleList(articles, base, config.timeZone, config.language),
    renderPager(`${base}/`, page, pages, config.language),
    `</section>\n<aside>`,
    ...aside,
    `</aside>\n</div>`,
  );
  return renderPageShell({
    title: page === 1 ? config.title : `${config.title} · ${text.pageOf(page, pages)}`,
    description: config.description,
    language: config.language,
    siteTitle: config.title,
    base,
    wide: true,
    canonicalUrl: page === 1 ? `${base}/` : `${base}/?page=${page}`,
    alternates: [{ feeds, title: scopeTitle(site, config.title) }],
    mainHtml: parts.join("\n"),
  });
}
