import { Marked, type Tokens } from "marked";
import { escapeHtml } from "../../model/escape-html";
import { HEXO_TAGS, type TagCall } from "./hexo-tags";
import { splitTagArguments } from "./split-tag-arguments";

/** What renderMarkdown needs to know beyond the text. */
export interface MarkdownOptions {
  /** The file line of the body's first line, so a problem names the file's own line. */
  firstLine?: number;
  /**
   * The absolute URL the post's asset folder is published under (Hexo's `post_asset_folder`: the post's
   * permalink), for `{% asset_img %}`; without it such images are reported and left out.
   */
  assetBaseUrl?: string;
}

/** A Markdown body as HTML, and what could not be rendered (tags we do not know), with the file line of each. */
export interface RenderedMarkdown {
  html: string;
  warnings: { line?: number; message: string }[];
}

/**
 * smartypants as hexo-renderer-marked applies it (Hexo's default `smartypants: true`): curly quotes, en and
 * em dashes, an ellipsis; never inside code or raw HTML, which marked hands over as other tokens.
 */
function smartypants(text: string): string {
  return text
    .replace(/---/g, "\u2014")
    .replace(/--/g, "\u2013")
    .replace(/(^|[-\u2014/([{"\s])'/g, "$1\u2018")
    .replace(/'/g, "\u2019")
    .replace(/(^|[-\u2014/([{\u2018\s])"/g, "$1\u201c")
    .replace(/"/g, "\u201d")
    .replace(/\.{3}/g, "\u2026");
}

/**
 * Markdown as Hexo's default renderer (hexo-renderer-marked 7, on marked 15) writes it: GitHub-flavoured,
 * single line breaks kept (`breaks: true`), smartypants, raw HTML passed through (the cleaner and the
 * sanitizer deal with it after), fenced code as `<pre><code class="language-…">`.
 */
const marked = new Marked({ gfm: true, breaks: true, async: false });
marked.use({
  renderer: {
    text(token: Tokens.Text | Tokens.Escape): string | false {
      // Plain text only: escaped and tag-holding text tokens render as marked renders them.
      if (token.type !== "text" || ("tokens" in token && token.tokens)) return false;
      return token.escaped ? false : escapeText(smartypants(token.text));
    },
  },
});

function escapeText(text: string): string {
  return text.replace(/&(?!#?\w+;)/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** `{% name args %}`, Nunjucks' whitespace-trimming `{%-` and `-%}` included. */
const TAG = /\{%-?\s*([A-Za-z_][\w-]*)\b([\s\S]*?)-?%\}/g;

/** A tag found in the text: where it starts, its name, arguments and (block tags) body. */
interface FoundTag {
  name: string;
  argumentText: string;
  body: string;
  /** Line within the text, 0-based. */
  line: number;
  source: string;
}

/** Removes the indent every line of `text` shares, and one newline at each end, as Hexo does to a tag's body. */
function trimBody(text: string): string {
  const lines = text.split("\n");
  const indents = lines.filter((line) => line.trim() !== "").map((line) => /^[ \t]*/.exec(line)![0].length);
  const indent = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(indent)).join("\n").replace(/^\n?|\n?$/g, "");
}

/** The [start, end) offsets of the fenced code blocks (``` or ~~~, CommonMark §4.5) and code spans of `text`, where tags are text. */
function fencedRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const fence = /^ {0,3}(`{3,}|~{3,})[^\n]*$/gm;
  for (let open = fence.exec(text); open !== null; open = fence.exec(text)) {
    const marker = open[1]!;
    const closing = new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}[ \t]*$`, "gm");
    closing.lastIndex = open.index + open[0].length;
    const close = closing.exec(text);
    const end = close === null ? text.length : close.index + close[0].length;
    ranges.push([open.index, end]);
    fence.lastIndex = end;
  }
  // Code spans (CommonMark §6.1): a run of backticks up to the next run of as many, outside the fences.
  const span = /(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g;
  for (let match = span.exec(text); match !== null; match = span.exec(text)) {
    const start = match.index;
    const fenced = ranges.find(([from, to]) => start >= from && start < to);
    if (fenced !== undefined) {
      span.lastIndex = fenced[1];
      continue;
    }
    ranges.push([start, start + match[0].length]);
  }
  return ranges;
}

/**
 * Takes the Hexo tags out of `text`, each replaced by a placeholder comment that Markdown leaves alone (a
 * block tag at the start of a line becomes a block of its own). Hexo does the same: it renders Markdown
 * with tags escaped, then the tags.
 */
function extractTags(text: string, marker: string): { markdown: string; tags: FoundTag[] } {
  const tags: FoundTag[] = [];
  const fences = fencedRanges(text);
  let markdown = "";
  let at = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(text); match !== null; match = TAG.exec(text)) {
    const name = match[1]!;
    if (name.startsWith("end")) continue; // an end tag without its start: left as text
    const index = match.index;
    const fenced = fences.find(([start, end]) => index >= start && index < end);
    if (fenced !== undefined) {
      TAG.lastIndex = fenced[1]; // code: Hexo leaves tags in it as written
      continue;
    }
    let end = match.index + match[0].length;
    let body = "";
    const known = HEXO_TAGS[name];
    // A block: its end tag, `{% endname %}`, closes it; an unknown tag is a block when one follows.
    const closing = new RegExp(`\\{%-?\\s*end${name}\\s*-?%\\}`, "g");
    closing.lastIndex = end;
    const close = known?.block === false ? null : closing.exec(text);
    if (close !== null) {
      body = text.slice(end, close.index);
      end = close.index + close[0].length;
    }
    const line = (text.slice(0, match.index).match(/\n/g) ?? []).length;
    const placeholder = `<!--${marker}:${tags.length}-->`;
    tags.push({ name, argumentText: match[2]!.trim(), body, line, source: text.slice(match.index, end) });
    const startsLine = match.index === 0 || text[match.index - 1] === "\n";
    markdown += text.slice(at, match.index) + (close !== null && startsLine ? `\n\n${placeholder}\n\n` : placeholder);
    at = end;
    TAG.lastIndex = end;
  }
  return { markdown: markdown + text.slice(at), tags };
}

/**
 * Renders a post's Markdown body to HTML as Hexo does, its tag plugins included (codeblock, blockquote,
 * img, link, youtube, asset_img, raw, with their aliases). A tag inside code stays as the text it was. An
 * unknown tag is left out of the body and reported with its line; nothing here throws on the text.
 */
export function renderMarkdown(text: string, options: MarkdownOptions = {}): RenderedMarkdown {
  const warnings: RenderedMarkdown["warnings"] = [];
  // The placeholders' name is one the text does not hold, so no text can pass for a placeholder.
  let marker = "hexo-tag";
  while (text.includes(marker)) marker += "_";
  const { markdown, tags } = extractTags(text, marker);
  const toHtml = (source: string): string => marked.parse(source) as string;
  const renderTag = (tag: FoundTag): string => {
    const line = options.firstLine === undefined ? undefined : options.firstLine + tag.line;
    const call: TagCall = {
      name: tag.name,
      args: splitTagArguments(tag.argumentText),
      body: trimBody(tag.body),
      // A body (a blockquote's) is rendered with the same options, and its problems are the post's: reported
      // from the tag's next line, where the body starts.
      renderMarkdown: (body) => {
        const inner = renderMarkdown(body, { ...options, ...(line === undefined ? {} : { firstLine: line + 1 }) });
        warnings.push(...inner.warnings);
        return inner.html;
      },
      ...(options.assetBaseUrl === undefined ? {} : { assetBaseUrl: options.assetBaseUrl }),
      warn: (message) => warnings.push({ line, message }),
    };
    const known = HEXO_TAGS[tag.name];
    if (known === undefined) {
      warnings.push({ line, message: `{% ${tag.name} %} is a Hexo tag plugin edgefeed does not render; it was left out of the body` });
      return "";
    }
    return known.render(call);
  };
  const placeholders = new RegExp(`<!--${marker}:(\\d+)-->|&lt;!--${marker}:(\\d+)--&gt;`, "g");
  const html = toHtml(markdown).replace(placeholders, (_whole, raw: string | undefined, escaped: string | undefined) => {
    // Escaped: the tag sat in code, where Hexo leaves it as written.
    if (escaped !== undefined) return escapeHtml(tags[Number(escaped)]!.source);
    return renderTag(tags[Number(raw)]!);
  });
  return { html, warnings };
}
