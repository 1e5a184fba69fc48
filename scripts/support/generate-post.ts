/** A generated post: its file name and its bytes as text. */
export interface GeneratedPost {
  fileName: string;
  text: string;
}

// Category hierarchies in the shape Sina posts use (Hexo: a list is one hierarchy). Twelve leaves, 16 nodes.
const HIERARCHIES: string[][] = [
  ["金融", "新浪财经", "新浪财经－国內"],
  ["金融", "新浪财经", "新浪财经－国际"],
  ["金融", "新浪财经", "新浪财经－股市"],
  ["金融", "银行"],
  ["金融", "保险"],
  ["科技", "互联网"],
  ["科技", "人工智能"],
  ["科技", "新能源汽车"],
  ["产经", "制造业"],
  ["产经", "房地产"],
  ["宏观", "政策"],
  ["宏观", "数据"],
];
const TAGS = ["上海", "北京", "深圳", "央行", "A股", "科创板", "新能源", "芯片"];
const WORDS = [
  "技术市场", "合同成交", "行动方案", "科技成果", "转化", "上海市", "创新", "企业", "高校", "科研机构",
  "要素市场", "改革", "试点", "国资委", "投资", "增长", "政策", "发布", "数据显示", "同比", "监管",
  "银行", "利率", "人民币", "汇率", "制造业", "出口", "消费", "基建", "新能源", "芯片", "人工智能",
];
const EDITORS = ["王珊珊", "李桐", "张文", "刘洋", "陈静"];

/** Where Sina's pictures are: the seed's host, and generated posts' unless told otherwise. */
export const SINA_IMAGE_ORIGIN = "https://n.sinaimg.cn";

/**
 * Builds post number `index` of a deterministic corpus: the same index, seed and image origin always give
 * the same bytes. Posts look like the seed (front matter over Sina's HTML with its comments, QR promo and
 * editor line) and vary date forms, categories, tags and length. Their pictures are on `imageOrigin`
 * (a test's stand-in for Sina's host, say).
 */
export function generatePost(index: number, seed = 1, imageOrigin = SINA_IMAGE_ORIGIN): GeneratedPost {
  const random = mulberry32(seed * 1_000_003 + index);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const sentence = (): string => {
    const length = 3 + Math.floor(random() * 6);
    return Array.from({ length }, () => pick(WORDS)).join("") + pick(["。", "，并", "；", "。"]);
  };
  const hash = Array.from({ length: 16 }, () => Math.floor(random() * 16).toString(16)).join("");
  const fileName = `${String(index).padStart(6, "0")}_${hash}.txt`;
  const title = `${pick(WORDS)}${pick(WORDS)}${pick(["超三千亿", "再创新高", "有哪些目标", "释放信号", "稳步推进"])} 第${index + 1}期`;
  const categories = random() < 0.1 ? [pick(HIERARCHIES), pick(HIERARCHIES)] : [pick(HIERARCHIES)];
  const tags = random() < 0.4 ? [pick(TAGS)] : [];
  // Spread over about four years, one post every ~3 hours, in the date forms Hexo users write.
  const time = Date.UTC(2021, 0, 1) + index * 3 * 3600_000 + Math.floor(random() * 3600_000);
  const date = formatDate(new Date(time), index % 3);
  const image = `${imageOrigin}/finance/${hash.slice(0, 8)}/${20210101 + (index % 28)}/${hash}.png`;
  const paragraphs = Array.from({ length: 6 + Math.floor(random() * 8) }, () =>
    Array.from({ length: 2 + Math.floor(random() * 4) }, sentence).join(""),
  );
  const front = [
    "",
    "---",
    `title: '${title}'`,
    "categories: ",
    ...(categories.length === 1
      ? categories[0]!.map((name) => ` - ${name}`)
      : categories.map((hierarchy) => ` - [${hierarchy.join(", ")}]`)),
    ...(tags.length ? ["tags:", ...tags.map((tag) => ` - ${tag}`)] : []),
    `headimg: '${image}'`,
    "author: 新浪财经",
    "comments: false",
    `date: ${date}`,
    `thumbnail: '${image}'`,
    "---",
    "",
  ];
  const body = [
    "<div>   ",
    `<p cms-style="font-L">　　原标题：${title}</p>`,
    ...paragraphs.slice(0, 2).map((text) => `<p cms-style="font-L">　　${text}</p>`),
    `<div class="img_wrapper"><img id="0" style="max-width: 640px;" src="${image}" alt referrerpolicy="no-referrer"><span class="img_descr">${random() < 0.5 ? "" : sentence()}</span></div>`,
    ...paragraphs.slice(2).map((text) => `<p cms-style="font-L">　　${random() < 0.2 ? `<font cms-style="strong-Bold">${pick(WORDS)}</font>` : ""}${text}</p>`),
    "<!-- news_keyword_pub,stock, -->",
    "",
    "<!-- 正文下iframe -->",
    "",
    "<!-- 文末二维码 start -->",
    "            <style>",
    "            .appendQr_wrap&#123;border:1px solid #E6E6E6;padding:8px;&#125;",
    "            </style>",
    '            <div class="clearfix appendQr_wrap">',
    `                <div class="appendQr_normal"><img src="${imageOrigin}/finance/cece9e13/20200514/343233024.png" referrerpolicy="no-referrer"></div>`,
    '                <div class="appendQr_normal_txt">海量资讯、精准解读，尽在新浪财经APP</div>',
    "            </div>",
    "<!-- 编辑姓名及工作代码 -->",
    "",
    `<p class="article-editor">责任编辑：${pick(EDITORS)} </p>`,
    "",
    "</div>",
    "",
  ];
  return { fileName, text: [...front, ...body].join("\n") };
}

// Three forms Hexo users write: RFC 2822 in GMT, ISO 8601 with an offset, and local `YYYY-MM-DD HH:mm:ss`
// in Beijing time (the site's default zone).
function formatDate(date: Date, form: number): string {
  if (form === 0) return date.toUTCString();
  const beijing = new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
  if (form === 1) return `${beijing}+08:00`;
  return beijing.replace("T", " ");
}

// A small, fast, seedable PRNG: the corpus must be identical on every machine and run.
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
