import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildArticle } from "../../../src/builder/article/build-article";
import { matchJsonGolden } from "../../support/match-golden";

const SEED = "seeds/000_8f6629c53df7089d.txt";
const GOLDEN = fileURLToPath(new URL("../../fixtures/articles/000_8f6629c53df7089d.json", import.meta.url));
/** The seed names no source URL: it is a Sina post, as wrangler.toml's SOURCE_SITE says of seeds/. */
const SEED_SETTINGS = { timeZone: "Asia/Shanghai", sourceSite: "sina" };

function build(text: string, path = "posts/example.md") {
  return buildArticle({ path, bytes: new TextEncoder().encode(text) }, { timeZone: "Asia/Shanghai" });
}

describe("buildArticle", () => {
  it("turns the seed into the golden article", async () => {
    const result = buildArticle({ path: SEED, bytes: readFileSync(SEED) }, SEED_SETTINGS);
    expect(result.problems).toEqual([]);
    await matchJsonGolden(result.article, GOLDEN);
  });

  it("keeps all of the seed's text and its image and none of its junk", () => {
    const { article } = buildArticle({ path: SEED, bytes: readFileSync(SEED) }, SEED_SETTINGS);
    const html = article!.contentHtml;
    const source = readFileSync(SEED, "utf8");
    const paragraphs = [...source.matchAll(/<p cms-style="font-L">　　(.*?)<\/p>/g)].map((match) => match[1]!);
    expect(paragraphs).toHaveLength(13);
    for (const paragraph of paragraphs) expect(html).toContain(paragraph);
    expect(html).toContain('src="https://n.sinaimg.cn/sinakd2021611s/618/w1080h9938/20210611/50fd-krhvrxt7764592.png"');
    expect(html).toContain('referrerpolicy="no-referrer"');
    for (const junk of ["<!--", "<style", "appendQr", "343233024.png", "cms-style", "class=", "style=", "责任编辑", "新浪财经APP", "img_descr"]) {
      expect(html).not.toContain(junk);
    }
    expect(article!.editor).toBe("王珊珊");
    expect(article!.summary.startsWith("原标题")).toBe(false);
    expect([...article!.summary].length).toBeLessThanOrEqual(140);
  });

  it("summarizes the excerpt before <!-- more -->", () => {
    const { article } = build("---\ntitle: T\ndate: 2021-06-11 12:00:00\n---\n<p>开头一段。</p>\n<!-- more -->\n<p>后文。</p>");
    expect(article!.summary).toBe("开头一段。");
    expect(article!.contentHtml).toContain("后文。");
  });

  it("keeps a draft out without calling it an error", () => {
    const result = build("---\ntitle: T\ndate: 2021-06-11\ndraft: true\n---\n<p>x</p>");
    expect(result.draft).toBe(true);
    expect(result.article).toBeUndefined();
    expect(result.problems.filter((problem) => problem.severity === "error")).toEqual([]);
  });

  it("reports a post whose body is empty after cleaning", () => {
    const result = build("---\ntitle: T\ndate: 2021-06-11\n---\n<!-- only junk --><style>p{}</style><script>alert(1)</script>");
    expect(result.article).toBeUndefined();
    expect(result.problems).toEqual([expect.objectContaining({ file: "posts/example.md", severity: "error", message: expect.stringContaining("empty") })]);
  });

  it("reports a post with bad front matter, with its file and line, and publishes nothing of it", () => {
    const result = build("---\ntitle: [unclosed\ndate: 2021-06-11\n---\n<p>x</p>");
    expect(result.article).toBeUndefined();
    expect(result.problems[0]).toMatchObject({ file: "posts/example.md", severity: "error" });
    expect(result.problems[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it("publishes a Markdown post as the HTML Hexo renders, cleaned and sanitized, not as Markdown text", () => {
    const post = [
      "---", "title: Hello World", "date: 2024-05-01 10:00:00", "---",
      "Welcome to **my blog**. <script>alert(1)</script>", "", "## A heading", "", "- one", "- two", "",
      "```js", "const a = 1 < 2;", "```", "", "<!-- more -->", "", "| a | b |", "|---|---|", "| 1 | 2 |", "", "{% mermaid %}", "",
    ].join("\n");
    const result = build(post, "source/_posts/hello-world.md");
    const html = result.article!.contentHtml;
    expect(html).toContain("<p>Welcome to <strong>my blog</strong>.");
    expect(html).toContain("<h2>A heading</h2>");
    expect(html).toContain('<pre><code class="language-js">const a = 1 &lt; 2;');
    expect(html).toContain("<td>1</td>");
    for (const markdown of ["**", "##", "```", "|---", "<script", "{%"]) expect(html).not.toContain(markdown);
    // The excerpt before <!-- more --> is what the summary tells.
    expect(result.article!.summary).toBe("Welcome to my blog. A heading one two const a = 1 < 2;");
    expect(result.problems).toEqual([
      { file: "source/_posts/hello-world.md", line: 22, severity: "warning", message: "{% mermaid %} is a Hexo tag plugin edgefeed does not render; it was left out of the body" },
    ]);
  });

  it("reads a .txt or .html post's body as HTML, never as Markdown", () => {
    const { article } = build("---\ntitle: T\ndate: 2021-06-11\n---\n<p>**not bold** and `not code`</p>", "posts/scraped.txt");
    expect(article!.contentHtml).toBe("<p>**not bold** and `not code`</p>");
  });
});
