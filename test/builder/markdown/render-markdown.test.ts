import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../../src/builder/markdown/render-markdown";

const html = (markdown: string): string => renderMarkdown(markdown).html;

describe("renderMarkdown", () => {
  it("renders Hexo's hello-world post as hexo-renderer-marked does", () => {
    const body = "Welcome to **my blog**. Check [Hexo](https://hexo.io/).\n\n## Quick Start\n\n- one\n- two\n\n``` bash\n$ hexo new \"My New Post\"\n```\n";
    expect(html(body)).toBe(
      '<p>Welcome to <strong>my blog</strong>. Check <a href="https://hexo.io/">Hexo</a>.</p>\n<h2>Quick Start</h2>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<pre><code class="language-bash">$ hexo new &quot;My New Post&quot;\n</code></pre>\n',
    );
  });

  it.each([
    { name: "keeps a single line break (breaks: true)", input: "a\nb", expected: "<p>a<br>b</p>\n" },
    { name: "writes curly quotes, dashes and an ellipsis (smartypants)", input: `It's "so" -- ok --- fine...`, expected: "<p>It\u2019s \u201cso\u201d \u2013 ok \u2014 fine\u2026</p>\n" },
    { name: "leaves code alone by smartypants", input: 'Use `"x" -- y`.', expected: "<p>Use <code>&quot;x&quot; -- y</code>.</p>\n" },
    { name: "renders a GFM table", input: "| a | b |\n|---|---|\n| 1 | 2 |", expected: "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody><tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody></table>\n" },
    { name: "renders a block quote", input: "> quoted", expected: "<blockquote>\n<p>quoted</p>\n</blockquote>\n" },
    { name: "resolves a reference-style link", input: "A [link][1].\n\n[1]: https://example.org/", expected: '<p>A <a href="https://example.org/">link</a>.</p>\n' },
    { name: "passes a raw HTML block through", input: '<div class="note">raw</div>', expected: '<div class="note">raw</div>' },
    { name: "keeps the excerpt marker", input: "intro\n\n<!-- more -->\n\nrest", expected: "<p>intro</p>\n<!-- more -->\n\n<p>rest</p>\n" },
  ])("$name", ({ input, expected }) => {
    expect(html(input)).toBe(expected);
  });
});

describe("renderMarkdown's Hexo tag plugins", () => {
  it.each([
    {
      name: "codeblock with a language and a caption linking its source",
      input: "{% codeblock Array.map lang:js https://developer.mozilla.org MDN %}\narray.map(callback)\n{% endcodeblock %}",
      expected: '<figure><pre><code class="language-js">array.map(callback)</code></pre><figcaption>Array.map <a href="https://developer.mozilla.org">MDN</a></figcaption></figure>',
    },
    { name: "code, codeblock's alias, with its body's indent removed", input: "{% code %}\n    a < b\n      c\n{% endcode %}", expected: "<pre><code>a &lt; b\n  c</code></pre>" },
    {
      name: "blockquote with author and source, its body as Markdown",
      input: "{% blockquote David Levithan, Wide Awake %}\nDo not just seek **happiness**.\n{% endblockquote %}",
      expected: "<blockquote><p>Do not just seek <strong>happiness</strong>.</p>\n<footer><strong>David Levithan</strong><cite>Wide Awake</cite></footer></blockquote>",
    },
    {
      name: "blockquote with a link and its title",
      input: "{% blockquote @DevDocs https://twitter.com/devdocs/status/356095192085962752 A tweet %}\nNew.\n{% endblockquote %}",
      expected: '<blockquote><p>New.</p>\n<footer><strong>@DevDocs</strong><cite><a href="https://twitter.com/devdocs/status/356095192085962752">A tweet</a></cite></footer></blockquote>',
    },
    { name: "img with size, title and alt", input: `{% img left /images/a.png 200 100 '"The title" "The alt"' %}`, expected: '<img src="/images/a.png" width="200" height="100" title="The title" alt="The alt">' },
    { name: "link with a title", input: "See {% link Hexo https://hexo.io true Hexo's site %}.", expected: '<p>See <a href="https://hexo.io" title="Hexo&#39;s site">Hexo</a>.</p>\n' },
    { name: "youtube as a link, since readers run no iframe", input: "{% youtube lJIrF4YjHfQ %}", expected: '<p><a href="https://www.youtube.com/watch?v=lJIrF4YjHfQ">YouTube: lJIrF4YjHfQ</a></p>' },
    { name: "raw, never read as Markdown", input: "{% raw %}\n<b>*not* Markdown</b>\n{% endraw %}", expected: "<b>*not* Markdown</b>" },
    { name: "a tag inside fenced code, left as written", input: "```\n{% img /a.png %}\n```", expected: "<pre><code>{% img /a.png %}\n</code></pre>\n" },
    { name: "a tag inside inline code, left as written", input: "Write `{% link a http://b %}`.", expected: "<p>Write <code>{% link a http://b %}</code>.</p>\n" },
  ])("renders $name", ({ input, expected }) => {
    const rendered = renderMarkdown(input);
    expect(rendered.warnings).toEqual([]);
    expect(rendered.html.trim()).toBe(expected.trim());
  });

  it("resolves asset_img against the post's asset folder", () => {
    const rendered = renderMarkdown("{% asset_img pic.jpg A picture %}", { assetBaseUrl: "https://blog.example.org/2024/05/01/hello/" });
    expect(rendered).toEqual({ html: '<img src="https://blog.example.org/2024/05/01/hello/pic.jpg" title="A picture">', warnings: [] });
  });

  it("reports asset_img when the post's asset folder has no public URL, and leaves the image out", () => {
    const rendered = renderMarkdown("text\n\n{% asset_img pic.jpg %}", { firstLine: 10 });
    expect(rendered.html).toBe("<p>text</p>\n");
    expect(rendered.warnings).toEqual([{ line: 12, message: expect.stringContaining("{% asset_img pic.jpg %}: the post's asset folder has no public URL") }]);
  });

  it("reports a tag named like Object.prototype's members as unknown, as any other tag it does not render", () => {
    const rendered = renderMarkdown("a {% constructor %} b\n\n{% toString %}");
    expect(rendered.html).toBe("<p>a  b</p>\n");
    expect(rendered.warnings.map((warning) => warning.message)).toEqual([
      "{% constructor %} is a Hexo tag plugin edgefeed does not render; it was left out of the body",
      "{% toString %} is a Hexo tag plugin edgefeed does not render; it was left out of the body",
    ]);
  });

  it("leaves out an unknown tag, its body too, and names its file line", () => {
    const rendered = renderMarkdown("one\n\n{% pullquote %}\nquoted\n{% endpullquote %}\n\ntwo {% mermaid x %}", { firstLine: 6 });
    expect(rendered.html).not.toContain("quoted");
    expect(rendered.html).not.toContain("{%");
    expect(rendered.html).toContain("<p>one</p>");
    expect(rendered.warnings).toEqual([
      { line: 8, message: "{% pullquote %} is a Hexo tag plugin edgefeed does not render; it was left out of the body" },
      { line: 12, message: "{% mermaid %} is a Hexo tag plugin edgefeed does not render; it was left out of the body" },
    ]);
  });

  it("never throws, whatever the text", () => {
    const pieces = fc.constantFrom("{% ", " %}", "{% raw %}", "{% endraw %}", "{% codeblock %}", "{% endcodeblock %}", "```", "\n", "`", "<!--", "-->", "**", "x", "{%- img /a -%}", "&lt;!--hexo-tag:0--&gt;", "<!--hexo-tag:7-->");
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const rendered = renderMarkdown(parts.join(""));
        expect(typeof rendered.html).toBe("string");
      }),
      { numRuns: 500 },
    );
  });
});

describe("renderMarkdown's code", () => {
  it("leaves a block tag's start inside a code span as text, not swallowing what follows up to a later end tag", () => {
    const rendered = renderMarkdown("Write `{% raw %}` to start.\n\n{% raw %}\n<b>raw</b>\n{% endraw %}");
    expect(rendered.html.replace(/\n+/g, "\n").trim()).toBe("<p>Write <code>{% raw %}</code> to start.</p>\n<b>raw</b>");
    expect(rendered.warnings).toEqual([]);
  });

  it("reports an unknown tag inside a blockquote's body too, on its file line", () => {
    const rendered = renderMarkdown("{% blockquote %}\nquoted {% mermaid %}\n{% endblockquote %}", { firstLine: 20 });
    expect(rendered.html).toContain("<blockquote><p>quoted");
    expect(rendered.warnings).toEqual([{ line: 21, message: "{% mermaid %} is a Hexo tag plugin edgefeed does not render; it was left out of the body" }]);
  });
});
