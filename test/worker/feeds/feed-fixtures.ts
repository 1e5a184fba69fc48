import type { Article } from "../../../src/model/article";
import { chunkScope } from "../../../src/builder/plan/chunk-scope";
import { HEAD_SIZE, type ArchivePage, type HeadPage } from "../../../src/model/feed-page";
import type { ArchiveEntry } from "../../../src/model/manifest";
import type { ScopePages } from "../../../src/worker/feeds/build-feed-document";
import type { Scope } from "../../../src/model/scope";
import type { SiteConfig } from "../../../src/model/site-config";

/** A site with a public URL: links and ids come from it. */
export function publicConfig(): SiteConfig {
  return {
    url: "https://news.example.com",
    siteId: "",
    title: "边缘 & 新闻",
    description: "财经新闻 <每日> 更新",
    author: "",
    language: "zh-CN",
    timeZone: "Asia/Shanghai",
    sourceSite: "sina",
    idScheme: "edgefeed",
    permalinkTimeZone: "Asia/Shanghai",
    imageProxyHosts: ["sinaimg.cn"],
    websubHub: "",
  };
}

/** A site without a public URL: links come from the request's origin, ids are tag URIs. */
export function originOnlyConfig(): SiteConfig {
  return { ...publicConfig(), url: "" };
}

/** The scope most golden files use: a category below the root, with CJK names to percent-encode. */
export function categoryScope(): Scope {
  return { kind: "category", path: ["金融", "新浪财经"] };
}

/** Three hostile articles, newest first: CJK, `&`, `<`, `]]>`, emoji, several hierarchies, one without author. */
export function hostileArticles(): Article[] {
  return [
    {
      id: "8f6629c53df7089d",
      title: "技术市场合同成交金额超三千亿 R&D <计划> 目标",
      published: "2021-06-11T04:19:02Z",
      updated: "2021-06-12T08:00:00Z",
      author: "新浪财经 & Co",
      categories: [
        ["金融", "新浪财经", "新浪财经－国內"],
        ["科技", "上海"],
      ],
      tags: ["上海", "R&D", "科技"],
      image: { url: "https://n.sinaimg.cn/sinakd2021611s/618/w1080h9938/20210611/50fd-krhvrxt7764592.png", type: "image/png" },
      summary: "到2023年，上海市技术市场合同成交金额超过3000亿元 ]]> 以及 <b>不是标签</b> & 更多",
      contentHtml:
        '<p>原标题：技术市场合同成交金额超三千亿，上海这份三年行动计划有哪些目标</p>\n<p>R&amp;D 投入 &lt; 3% ]]&gt; 与 ]]> 都要安全 🚀</p>\n<p><img src="https://n.sinaimg.cn/sinakd2021611s/618/w1080h9938/20210611/50fd-krhvrxt7764592.png" alt="图" referrerpolicy="no-referrer"></p>',
      editor: "张三",
      sourceUrl: "https://finance.sina.com.cn/china/dfjj/2021-06-11/doc-ikqcfnca0372718.shtml",
    },
    {
      id: "0a1b2c3d4e5f6071",
      title: "🚀 火箭发射 “成功” 'quoted' <b>not bold</b>",
      published: "2021-06-11T02:00:00Z",
      updated: "2021-06-11T02:00:00Z",
      categories: [["金融", "新浪财经"]],
      tags: [],
      summary: "没有作者的文章。",
      contentHtml: "<p>没有作者 😀 的文章，emoji 也要保留。</p>",
    },
    {
      id: "1c2d3e4f50617283",
      title: "图片没有类型的文章",
      published: "2021-06-11T01:30:00.000Z",
      updated: "2021-06-11T01:30:00.000Z",
      author: "记者",
      categories: [["金融", "新浪财经", "新浪财经－港股"]],
      tags: ["港股"],
      image: { url: "https://n.sinaimg.cn/finance/crawl/116/w550h366/20210611/photo" },
      summary: "图片的网址没有扩展名。",
      contentHtml: "<p>港股 <a href=\"https://finance.sina.com.cn/stock/hkstock/\">行情</a>。</p>",
    },
  ];
}

/** `total` articles of one scope, newest first: the three hostile ones, then plain ones an hour apart. */
export function scopeArticles(total: number): Article[] {
  const articles = hostileArticles().slice(0, total);
  for (let position = articles.length; position < total; position++) {
    const published = new Date(Date.UTC(2021, 5, 11, 0, 0, 0) - position * 3_600_000).toISOString().replace(".000Z", "Z");
    articles.push({
      id: position.toString(16).padStart(16, "0"),
      title: `第 ${position} 条新闻`,
      published,
      updated: published,
      author: "新浪财经",
      categories: [["金融", "新浪财经"]],
      tags: [],
      summary: `第 ${position} 条新闻的摘要。`,
      contentHtml: `<p>第 ${position} 条新闻的正文。</p>`,
    });
  }
  return articles;
}

/** The HeadPage of a scope with `total` articles. */
export function headPage(total: number): HeadPage {
  return { kind: "head", items: scopeArticles(total).slice(0, HEAD_SIZE) };
}

/** The pages of a scope with `total` articles as the manifest lists them, chunked as the planner chunks them. */
export function scopePages(total: number): ScopePages {
  const oldestFirst = scopeArticles(total).reverse();
  const chunks = chunkScope(oldestFirst);
  const newest = chunks.at(-1);
  return {
    total,
    archives: chunks.slice(0, -1).map((chunk): ArchiveEntry => [chunk.name, `hash-of-${chunk.name}`, chunk.end - chunk.start]),
    ...(newest === undefined ? {} : { open: { name: newest.name, count: newest.end - newest.start } }),
  };
}

/** Archive page `index` (1 is the oldest) of a scope with `total` articles, newest first. */
export function archivePage(total: number, index: number): ArchivePage {
  const oldestFirst = scopeArticles(total).reverse();
  const chunk = chunkScope(oldestFirst)[index - 1];
  if (chunk === undefined) throw new Error(`a scope of ${total} has no page ${index}`);
  return { kind: "archive", name: chunk.name, items: oldestFirst.slice(chunk.start, chunk.end).reverse() };
}
