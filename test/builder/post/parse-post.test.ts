import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePost } from "../../../src/builder/post/parse-post";
import type { Problem } from "../../../src/builder/report/problem";

const SHANGHAI = { timeZone: "Asia/Shanghai" };

/** Parses `text` as a fresh UTF-8 file named `posts/hello.md`. */
function parseText(text: string, options = SHANGHAI) {
  return parsePost({ path: "posts/hello.md", bytes: new TextEncoder().encode(text) }, options);
}

/** A minimal valid post with `extra` front-matter lines and `body`. */
function post(extra = "", body = "<p>body</p>\n"): string {
  return `---\ntitle: Hello\ndate: 2021-06-11 12:19:02\n${extra}---\n${body}`;
}

const messages = (problems: Problem[]): string[] => problems.map((problem) => `${problem.severity}: ${problem.message}`);

describe("parsePost on the seed", () => {
  it("reads the real seed file's title, dates, categories, author and image", () => {
    const path = "seeds/000_8f6629c53df7089d.txt";
    const bytes = new Uint8Array(readFileSync(new URL(`../../../${path}`, import.meta.url)));
    const { post: parsed, problems } = parsePost({ path, bytes }, SHANGHAI);
    expect(problems).toEqual([]);
    expect(parsed).toMatchObject({
      id: "8f6629c53df7089d",
      file: path,
      title: "技术市场合同成交金额超三千亿 上海这份三年行动计划有哪些目标",
      published: "2021-06-11T04:19:02Z",
      updated: "2021-06-11T04:19:02Z",
      categories: [["金融", "新浪财经", "新浪财经－国內"]],
      tags: [],
      author: "新浪财经",
      image: { url: "https://n.sinaimg.cn/sinakd2021611s/618/w1080h9938/20210611/50fd-krhvrxt7764592.png", type: "image/png" },
      draft: false,
    });
    expect(parsed?.bodyHtml).toMatch(/^\n<div>/);
    expect(parsed?.bodyHtml).toContain("news_keyword_pub");
    expect(parsed?.excerptHtml).toBeUndefined();
    expect(parsed?.sourceUrl).toBeUndefined();
  });
});

describe("parsePost dates", () => {
  it.each([
    ["date: Fri, 11 Jun 2021 04:19:02 GMT", "2021-06-11T04:19:02Z"],
    ["date: 2021-06-11T12:19:02+08:00", "2021-06-11T04:19:02Z"],
    ["date: 2021-06-11T04:19:02Z", "2021-06-11T04:19:02Z"],
    // unquoted: default js-yaml would make these Dates read as UTC, eight hours late for a Beijing site
    ["date: 2021-06-11 12:19:02", "2021-06-11T04:19:02Z"],
    ["date: 2021-06-11T12:19:02", "2021-06-11T04:19:02Z"],
    ["date: 2021-06-11", "2021-06-10T16:00:00Z"],
    ["date: '2021-06-11 12:19:02'", "2021-06-11T04:19:02Z"],
    ["date: 2021/06/11 12:19", "2021-06-11T04:19:00Z"],
  ])("reads %j as %s", (line, published) => {
    const { post: parsed, problems } = parseText(`---\ntitle: t\n${line}\n---\nbody`);
    expect(problems).toEqual([]);
    expect(parsed?.published).toBe(published);
    expect(parsed?.updated).toBe(published);
  });

  it("reads offset-less dates in the zone it is given", () => {
    const { post: parsed } = parseText(post(), { timeZone: "Europe/Berlin" });
    expect(parsed?.published).toBe("2021-06-11T10:19:02Z");
  });

  it("defaults to Asia/Shanghai when no zone is given", () => {
    const { post: parsed } = parsePost({ path: "a.md", bytes: new TextEncoder().encode(post()) });
    expect(parsed?.published).toBe("2021-06-11T04:19:02Z");
  });

  it("keeps a later updated and falls back to date with a warning when updated is earlier", () => {
    expect(parseText(post("updated: 2021-06-12 08:00:00\n")).post?.updated).toBe("2021-06-12T00:00:00Z");
    const { post: parsed, problems } = parseText(post("updated: 2021-06-10 08:00:00\n"));
    expect(parsed?.updated).toBe("2021-06-11T04:19:02Z");
    expect(problems).toMatchObject([{ severity: "warning", line: 4, message: expect.stringMatching(/earlier than date/) }]);
  });

  it("names an unreadable date, its line and the forms it accepts", () => {
    const { post: parsed, problems } = parseText("---\ntitle: t\ndate: foo\n---\nbody");
    expect(parsed).toBeUndefined();
    expect(problems).toEqual([
      {
        file: "posts/hello.md",
        line: 3,
        severity: "error",
        message: 'date "foo" is not a date I can read; use RFC 2822, ISO 8601 or YYYY-MM-DD HH:mm:ss',
      },
    ]);
  });

  it("reports an unreadable updated as an error", () => {
    expect(messages(parseText(post("updated: 2021-02-30\n")).problems)).toEqual([
      'error: updated "2021-02-30" is not a date I can read; use RFC 2822, ISO 8601 or YYYY-MM-DD HH:mm:ss',
    ]);
  });
});

describe("parsePost categories and tags", () => {
  it.each([
    ["a list is one hierarchy", "categories:\n  - 金融\n  - 新浪财经\n", [["金融", "新浪财经"]]],
    ["a list of lists is several hierarchies", "categories:\n  - [金融, 新浪财经]\n  - [科技]\n", [["金融", "新浪财经"], ["科技"]]],
    ["a plain entry among lists is its own hierarchy", "categories: [[a, b], c]\n", [["a", "b"], ["c"]]],
    ["a string is one category", "categories: 金融\n", [["金融"]]],
    ["Hexo's singular key works too", "category: 金融\n", [["金融"]]],
    ["numbers become names", "categories: [2021, 6]\n", [["2021", "6"]]],
    ["names are trimmed and NFC", "categories: [' cafe\u0301 ', '  ']\n", [["caf\u00e9"]]],
    ["empty names are dropped", "categories: [a, '', ~, b]\n", [["a", "b"]]],
    ["a repeated hierarchy is kept once", "categories: [[a, b], [a, b], [a]]\n", [["a", "b"], ["a"]]],
    ["no categories gives none", "", []],
  ])("%s", (_name, lines, categories) => {
    const { post: parsed, problems } = parseText(post(lines));
    expect(problems).toEqual([]);
    expect(parsed?.categories).toEqual(categories);
  });

  it.each([
    ["a list", "tags: [股票, 科技]\n", ["股票", "科技"]],
    ["a string", "tags: 股票\n", ["股票"]],
    ["Hexo's singular key", "tag: 股票\n", ["股票"]],
    ["numbers and repeats", "tags: [2021, '2021', x, ' x ']\n", ["2021", "x"]],
    ["nothing", "", []],
  ])("reads tags from %s", (_name, lines, tags) => {
    expect(parseText(post(lines)).post?.tags).toEqual(tags);
  });

  it("warns about a tag that is not a name and leaves it out", () => {
    const { post: parsed, problems } = parseText(post("tags: [a, {b: c}]\n"));
    expect(parsed?.tags).toEqual(["a"]);
    expect(problems).toMatchObject([{ severity: "warning", line: 4, message: expect.stringMatching(/^tag entry .* is not a name/) }]);
  });

  it("strips characters XML forbids from names, with a warning", () => {
    const { post: parsed, problems } = parseText(post('categories: "a\\u0001b"\ntags: "x\\uFFFEy"\n'));
    expect(parsed?.categories).toEqual([["ab"]]);
    expect(parsed?.tags).toEqual(["xy"]);
    expect(problems).toMatchObject([
      { severity: "warning", line: 4, message: expect.stringMatching(/^category "ab"/) },
      { severity: "warning", line: 5, message: expect.stringMatching(/^tag "xy"/) },
    ]);
  });
});

describe("parsePost fields", () => {
  it.each([
    ["a number", "title: 2021\n", "2021"],
    ["runs of whitespace", 'title: "  a \\n\\t b  "\n', "a b"],
    ["NFD text", "title: cafe\u0301\n", "caf\u00e9"],
  ])("reads a title given as %s", (_name, line, title) => {
    expect(parseText(`---\n${line}date: 2021-06-11\n---\n`).post?.title).toBe(title);
  });

  it("strips control characters and lone surrogates from the title, with a warning", () => {
    const { post: parsed, problems } = parseText(post().replace("title: Hello", 'title: "He\\u0007ll\\uD800o"'));
    expect(parsed?.title).toBe("Hello");
    expect(problems).toMatchObject([{ severity: "warning", line: 2, message: expect.stringMatching(/title had characters XML forbids/) }]);
  });

  it.each([
    ["a string", "author: 新浪财经\n", "新浪财经"],
    ["an object with a name", "author:\n  name: 新浪财经\n  link: https://finance.sina.com.cn\n", "新浪财经"],
  ])("reads an author given as %s", (_name, lines, author) => {
    expect(parseText(post(lines)).post?.author).toBe(author);
  });

  it.each([
    ["a dot", "author: '.'\n", "."],
    ["two dots", "author: '..'\n", ".."],
    ["a name of 201 characters", `author: ${"名".repeat(201)}\n`, "名".repeat(201)],
  ])("keeps %s as the byline but warns that it can have no author feed", (_name, lines, author) => {
    const { post: parsed, problems } = parseText(post(lines));
    expect(parsed?.author).toBe(author);
    expect(messages(problems)).toHaveLength(1);
    expect(messages(problems)[0]).toMatch(/^warning: author ".*" cannot name a page \(a URL path segment of at most 200 characters, not \. or \.\.\); the post has no author feed$/);
  });

  it("reads an author of 200 characters without a warning", () => {
    const { post: parsed, problems } = parseText(post(`author: ${"名".repeat(200)}\n`));
    expect(parsed?.author).toBe("名".repeat(200));
    expect(messages(problems)).toEqual([]);
  });

  it("warns about an author that is not a name", () => {
    const { post: parsed, problems } = parseText(post("author: [a, b]\n"));
    expect(parsed?.author).toBeUndefined();
    expect(messages(problems)).toEqual(['warning: author ["a","b"] is not a name; it was left out']);
  });

  it.each([
    ["headimg before thumbnail", "headimg: https://x.cn/a.png\nthumbnail: https://x.cn/b.jpg\n", { url: "https://x.cn/a.png", type: "image/png" }, 0],
    ["thumbnail alone, jpg", "thumbnail: https://x.cn/b.JPG?w=10\n", { url: "https://x.cn/b.JPG?w=10", type: "image/jpeg" }, 0],
    ["cover, jpeg", "cover: http://x.cn/c.jpeg\n", { url: "http://x.cn/c.jpeg", type: "image/jpeg" }, 0],
    ["image, svg", "image: https://x.cn/d.svg\n", { url: "https://x.cn/d.svg", type: "image/svg+xml" }, 0],
    ["webp", "headimg: https://x.cn/d.webp\n", { url: "https://x.cn/d.webp", type: "image/webp" }, 0],
    ["avif", "headimg: https://x.cn/d.avif\n", { url: "https://x.cn/d.avif", type: "image/avif" }, 0],
    ["gif", "headimg: https://x.cn/d.gif\n", { url: "https://x.cn/d.gif", type: "image/gif" }, 0],
    ["protocol-relative, read as https", "headimg: //n.sinaimg.cn/e.png\n", { url: "https://n.sinaimg.cn/e.png", type: "image/png" }, 0],
    ["an unknown extension, without a type", "headimg: https://x.cn/image?id=3\n", { url: "https://x.cn/image?id=3" }, 0],
    ["a relative headimg, skipped for the thumbnail", "headimg: /img/a.png\nthumbnail: https://x.cn/b.png\n", { url: "https://x.cn/b.png", type: "image/png" }, 1],
    ["only an unusable one, dropped", "headimg: 'javascript:alert(1)'\n", undefined, 1],
  ])("picks the image from %s", (_name, lines, image, warnings) => {
    const { post: parsed, problems } = parseText(post(lines));
    expect(parsed?.image).toEqual(image);
    expect(problems.filter((problem) => problem.severity === "warning")).toHaveLength(warnings);
  });

  it.each([
    ["link", "link: https://finance.sina.com.cn/a.shtml\n", "https://finance.sina.com.cn/a.shtml"],
    ["source", "source: https://finance.sina.com.cn/b.shtml\n", "https://finance.sina.com.cn/b.shtml"],
    ["source_url", "source_url: http://finance.sina.com.cn/c\n", "http://finance.sina.com.cn/c"],
    ["url", "url: https://finance.sina.com.cn/d\n", "https://finance.sina.com.cn/d"],
    ["nothing", "", undefined],
  ])("reads the source URL from %s", (_name, lines, sourceUrl) => {
    expect(parseText(post(lines)).post?.sourceUrl).toBe(sourceUrl);
  });

  it("warns about a relative link and uses the next key", () => {
    const { post: parsed, problems } = parseText(post("link: /a.html\nurl: https://x.cn/a\n"));
    expect(parsed?.sourceUrl).toBe("https://x.cn/a");
    expect(problems).toMatchObject([{ severity: "warning", line: 4 }]);
  });

  it.each([
    ["published: false", true],
    ["draft: true", true],
    ["published: true", false],
    ["draft: false", false],
  ])("marks %j as draft: %s", (line, draft) => {
    expect(parseText(post(`${line}\n`)).post?.draft).toBe(draft);
  });

  it.each([
    ["<!-- more -->"],
    ["<!--more-->"],
    ["<!-- MORE -->"],
    ["<!--\n  more\t-->"],
  ])("splits the excerpt at %j and keeps the whole body", (marker) => {
    const body = `<p>intro</p>\n${marker}\n<p>rest</p>\n`;
    const { post: parsed } = parseText(post("", body));
    expect(parsed?.excerptHtml).toBe("<p>intro</p>\n");
    expect(parsed?.bodyHtml).toBe(body);
  });

  it("derives the id from the file name", () => {
    const bytes = new TextEncoder().encode(post());
    expect(parsePost({ path: "x/001_ABCDEF0123456789.txt", bytes }, SHANGHAI).post?.id).toBe("abcdef0123456789");
    expect(parsePost({ path: "x/Hello World.md", bytes }, SHANGHAI).post?.id).toBe("hello-world");
  });
});

describe("parsePost file shapes and encodings", () => {
  it("allows blank lines before the front matter", () => {
    const { post: parsed, problems } = parseText(`\n\n  \n${post()}`);
    expect(problems).toEqual([]);
    expect(parsed?.title).toBe("Hello");
  });

  it("reads a UTF-8 BOM and CRLF line endings", () => {
    const text = post("categories: [a]\n", "<p>a</p>\n<p>b</p>\n").replace(/\n/g, "\r\n");
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    const { post: parsed, problems } = parsePost({ path: "a.md", bytes }, SHANGHAI);
    expect(problems).toEqual([]);
    expect(parsed).toMatchObject({ title: "Hello", categories: [["a"]], bodyHtml: "<p>a</p>\n<p>b</p>\n" });
  });

  it.each([
    ["gbk-post.txt", "GB18030", "上海市场发展报告", [["金融", "新浪财经"]]],
    ["big5-post.txt", "BIG5", "臺灣經濟發展報告", [["金融", "財經新聞"]]],
    ["utf16le-bom-post.txt", "UTF-16LE", "上海市场发展报告", [["金融", "新浪财经"]]],
  ])("reads %s without mojibake and warns that it is %s", (name, encoding, title, categories) => {
    const path = `test/fixtures/posts/${name}`;
    const bytes = new Uint8Array(readFileSync(new URL(`../../fixtures/posts/${name}`, import.meta.url)));
    const { post: parsed, problems } = parsePost({ path, bytes }, SHANGHAI);
    expect(parsed).toMatchObject({ title, categories, tags: ["科技"], published: "2021-06-11T04:19:02Z" });
    expect(parsed?.bodyHtml).not.toMatch(/\uFFFD|\r/);
    expect(problems).toEqual([{ file: path, severity: "warning", message: expect.stringContaining(encoding) }]);
  });

  it("reports UTF-8 with a stray byte on the line where it is, and returns no post", () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("---\ntitle: 上海市场发展报告\n标"), 0xff, ...new TextEncoder().encode("\ndate: 2021-06-11\n---\n")]);
    const { post: parsed, problems } = parsePost({ path: "broken.md", bytes }, SHANGHAI);
    expect(parsed).toBeUndefined();
    expect(problems).toMatchObject([{ file: "broken.md", line: 3, severity: "error", message: expect.stringMatching(/invalid byte sequence/) }]);
  });

  it("reports a file in an encoding it cannot tell, and returns no post", () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("---\ntitle: caf"), 0xe9, ...new TextEncoder().encode(" x\n---\n")]);
    const { post: parsed, problems } = parsePost({ path: "latin1.md", bytes }, SHANGHAI);
    expect(parsed).toBeUndefined();
    expect(problems).toMatchObject([{ file: "latin1.md", severity: "error", message: expect.stringMatching(/not valid UTF-8/) }]);
  });
});

describe("parsePost problems", () => {
  it.each([
    ["no front matter", "<p>just html</p>\n", [{ line: 1, message: expect.stringMatching(/^no front matter/) }]],
    ["an unclosed front matter", "\n---\ntitle: a\n", [{ line: 2, message: expect.stringMatching(/not closed/) }]],
    ["a missing title", "---\ndate: 2021-06-11\n---\n", [{ message: "missing title" }]],
    ["a missing date", "---\ntitle: a\n---\n", [{ message: "missing date" }]],
    ["an empty front matter, with every problem listed", "---\n---\nbody", [{ message: "missing title" }, { message: "missing date" }]],
    ["a title that is a list", "---\ntitle: [a]\ndate: 2021-06-11\n---\n", [{ line: 2, message: 'title must be text, got ["a"]' }]],
    ["a front matter that is a list", "---\n- a\n---\n", [{ line: 2, message: expect.stringMatching(/keys and values/) }]],
    ["a missing title and a bad date together", "---\ndate: soon\n---\n", [{ message: "missing title" }, { line: 2, message: expect.stringMatching(/^date "soon"/) }]],
  ])("reports %s as an error and returns no post", (_name, text, expected) => {
    const { post: parsed, problems } = parseText(text);
    expect(parsed).toBeUndefined();
    expect(problems).toMatchObject(expected.map((problem) => ({ file: "posts/hello.md", severity: "error", ...problem })));
  });

  it("reports bad YAML with its line in the file, counting leading blank lines", () => {
    const text = "\n\n---\ntitle: a\ncategories: [x, y\ndate: 2021-06-11\n---\nbody";
    const { post: parsed, problems } = parseText(text);
    expect(parsed).toBeUndefined();
    // js-yaml notices the unclosed flow list on the line after it (file line 6: "date: ...").
    expect(problems).toEqual([
      { file: "posts/hello.md", line: 6, severity: "error", message: "bad YAML front matter: missed comma between flow collection entries" },
    ]);
  });

  it("reports a bad indentation on the line where it is", () => {
    const { problems } = parseText("\n---\ntitle: a\n  date: b\n---\n");
    expect(problems).toMatchObject([{ line: 4, severity: "error", message: expect.stringMatching(/^bad YAML front matter: /) }]);
  });

  it("reports a duplicate key", () => {
    const { problems } = parseText("---\ntitle: a\ntitle: b\ndate: 2021-06-11\n---\n");
    expect(problems).toMatchObject([{ line: 3, severity: "error", message: expect.stringMatching(/duplicated mapping key/) }]);
  });

  it("reports a time zone that is not an IANA zone instead of throwing", () => {
    expect(messages(parseText(post(), { timeZone: "Mars/Olympus" }).problems)).toEqual([
      'error: time zone "Mars/Olympus" is not an IANA time zone',
    ]);
  });
});
