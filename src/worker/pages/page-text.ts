/** The words of the page furniture (headings, labels, hints) in one language. */
export interface PageText {
  home: string;
  feeds: string;
  categories: string;
  subcategories: string;
  tags: string;
  authors: string;
  /** Above an author's name on their page: `作者` / `Author`. */
  author: string;
  newestArticles: string;
  articles: string;
  /** `12 篇文章` / `12 articles`. */
  articleCount(count: number): string;
  noArticles: string;
  subscribe: string;
  subscribeHint: string;
  opml: string;
  opmlHint: string;
  newer: string;
  older: string;
  /** `第 2 / 5 页` / `Page 2 of 5`. */
  pageOf(page: number, pages: number): string;
  updated: string;
  /** The editor line's label, separator included (`责任编辑：`). */
  editor: string;
  source: string;
  filedUnder: string;
  breadcrumbs: string;
  skipToContent: string;
  footer: string;
  /** The browser view of a feed: `这是一个 RSS 订阅源` / `This is an RSS feed`. */
  feedViewHeading(format: string): string;
  feedViewExplanation: string;
  feedViewReaders: string;
  /** Before the subscription document's URL on an archive page. */
  feedViewArchive: string;
}

const CHINESE: PageText = {
  home: "首页",
  feeds: "订阅源",
  categories: "分类",
  subcategories: "子分类",
  tags: "标签",
  authors: "作者",
  author: "作者",
  newestArticles: "最新文章",
  articles: "文章",
  articleCount: (count) => `${count} 篇文章`,
  noArticles: "这里还没有文章。",
  subscribe: "订阅",
  subscribeHint: "把下面任一地址复制到 RSS 阅读器（Inoreader、Feedly、NetNewsWire、Reeder、Thunderbird 等）即可订阅；多数阅读器也能直接识别本页地址。",
  opml: "全部订阅源（OPML）",
  opmlHint: "一次导入本站所有分类、标签和作者的订阅源。",
  newer: "← 较新",
  older: "较早 →",
  pageOf: (page, pages) => `第 ${page} / ${pages} 页`,
  updated: "更新于",
  editor: "责任编辑：",
  source: "原文",
  filedUnder: "所属分类",
  breadcrumbs: "位置",
  skipToContent: "跳到正文",
  footer: "由 edgefeed 生成：RSS、Atom 与 JSON Feed 订阅源。",
  feedViewHeading: (format) => `这是一个 ${format} 订阅源（feed）`,
  feedViewExplanation: "它给阅读器程序看，而不是直接在浏览器里读。把下面的地址复制到任意 RSS 阅读器（如 Inoreader、Feedly、NetNewsWire、Reeder 或 Thunderbird）里，就能在有新文章时收到更新。",
  feedViewReaders: "或者在网页阅读器里一键订阅：",
  feedViewArchive: "这是一页较早的文章；订阅请用",
};

const ENGLISH: PageText = {
  home: "Home",
  feeds: "Feeds",
  categories: "Categories",
  subcategories: "Subcategories",
  tags: "Tags",
  authors: "Authors",
  author: "Author",
  newestArticles: "Newest articles",
  articles: "Articles",
  articleCount: (count) => `${count} ${count === 1 ? "article" : "articles"}`,
  noArticles: "No articles here yet.",
  subscribe: "Subscribe",
  subscribeHint: "Copy any of these addresses into a feed reader (Inoreader, Feedly, NetNewsWire, Reeder, Thunderbird…); most readers also find them from this page's address.",
  opml: "Every feed (OPML)",
  opmlHint: "Imports the feeds of every category, tag and author at once.",
  newer: "← Newer",
  older: "Older →",
  pageOf: (page, pages) => `Page ${page} of ${pages}`,
  updated: "Updated",
  editor: "Editor: ",
  source: "Original article",
  filedUnder: "Filed under",
  breadcrumbs: "Breadcrumbs",
  skipToContent: "Skip to content",
  footer: "Made by edgefeed: RSS, Atom and JSON Feed.",
  feedViewHeading: (format) => `This is ${format === "JSON Feed" ? "a" : "an"} ${format} feed`,
  feedViewExplanation: "It is meant for feed readers rather than for reading in a browser. Copy the address below into any feed reader (Inoreader, Feedly, NetNewsWire, Reeder, Thunderbird…) to get new articles as they appear.",
  feedViewReaders: "Or subscribe in a web reader with one click:",
  feedViewArchive: "This is a page of older items; to subscribe, use",
};

/** The page furniture's words for a BCP 47 language: Chinese for `zh` and its subtags, English otherwise. */
export function pageText(language: string): PageText {
  return /^zh(-|$)/i.test(language) ? CHINESE : ENGLISH;
}
