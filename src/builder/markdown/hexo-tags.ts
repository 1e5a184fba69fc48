import { escapeHtml } from "../../model/escape-html";
import { lookupTable } from "../../model/lookup-table";
import { splitTagArguments } from "./split-tag-arguments";

/** What a tag plugin is given: its arguments, its body (block tags), a Markdown renderer for bodies, the post's asset URL and a way to report. */
export interface TagCall {
  name: string;
  args: string[];
  /** The text between `{% name %}` and `{% endname %}`, indent stripped and one newline trimmed at each end. */
  body: string;
  renderMarkdown: (markdown: string) => string;
  /** The absolute URL the post's asset folder is published under, when known (see MarkdownOptions). */
  assetBaseUrl?: string;
  /** Reports a problem of this tag, on its line. */
  warn: (message: string) => void;
}

/** One Hexo tag plugin: whether it has a body and an end tag, and the HTML it renders. */
interface HexoTag {
  block: boolean;
  render: (call: TagCall) => string;
}

/** A URL as Hexo's img and link tags recognize one (hexo/lib/plugins/tag/link.ts, `rUrl`). */
const URL_PATTERN = /((([A-Za-z]{3,9}:(?:\/\/)?)(?:[-;:&=+$,\w]+@)?[A-Za-z0-9.-]+|(?:www.|[-;:&=+$,\w]+@)[A-Za-z0-9.-]+)((?:\/[+~%/.\w-_]*)?\??(?:[-+=&;%@.\w_]*)#?(?:[.!/\\w]*))?)/;

/** `{% codeblock [title] [lang:language] [url] [link text] %}`: options are `key:value`, the rest is the caption. */
function codeblock({ args, body }: TagCall): string {
  let language: string | undefined;
  const caption: string[] = [];
  for (const arg of args) {
    const colon = arg.indexOf(":");
    const key = colon < 0 ? "" : arg.slice(0, colon);
    if (key === "lang") language = arg.slice(colon + 1);
    // Hexo's display options (line numbers, marks, wrapping) are the highlighter's business, not a reader's.
    else if (!["line_number", "line_threshold", "first_line", "wrap", "mark", "language_attr", "highlight"].includes(key)) caption.push(arg);
  }
  const code = `<pre><code${language ? ` class="language-${escapeHtml(language)}"` : ""}>${escapeHtml(body)}</code></pre>`;
  const text = caption.join(" ");
  if (text === "") return code;
  // Hexo: "caption url [link text]".
  const withUrl = /^(\S[\s\S]*?)\s+(https?:\/\/\S+)(?:\s+(.+))?$/i.exec(text);
  const figcaption = withUrl
    ? `${escapeHtml(withUrl[1]!)} <a href="${escapeHtml(withUrl[2]!)}">${escapeHtml(withUrl[3] ?? "link")}</a>`
    : escapeHtml(text);
  return `<figure>${code}<figcaption>${figcaption}</figcaption></figure>`;
}

/** `{% blockquote [author[, source]] [link] [source_link_title] %}`, as Octopress and Hexo write its footer. */
function blockquote({ args, body, renderMarkdown }: TagCall): string {
  const text = args.join(" ");
  let author = "";
  let source = "";
  let title = "";
  let match: RegExpExecArray | null;
  if ((match = /(\S.*)\s+(https?:\/\/\S+)\s+(.+)/i.exec(text))) [, author = "", source = "", title = ""] = match;
  else if ((match = /(\S.*)\s+(https?:\/\/\S+)/i.exec(text))) [, author = "", source = ""] = match;
  else if ((match = /([^,]+),\s*([^,]+)/.exec(text))) [, author = "", title = ""] = match;
  else author = text;
  let footer = author ? `<strong>${escapeHtml(author)}</strong>` : "";
  if (source) {
    const shown = title || source.replace(/^https?:\/\/|\/(index.html?)?$/g, "");
    footer += `<cite><a href="${escapeHtml(source)}">${escapeHtml(shown)}</a></cite>`;
  } else if (title) {
    footer += `<cite>${escapeHtml(title)}</cite>`;
  }
  return `<blockquote>${renderMarkdown(body)}${footer ? `<footer>${footer}</footer>` : ""}</blockquote>`;
}

/** `{% img [class names] /path/to/image [width] [height] [title text [alt text]] %}`. */
function image({ args }: TagCall): string {
  const rest = [...args];
  let source: string | undefined;
  while (rest.length > 0) {
    const arg = rest.shift()!;
    if (URL_PATTERN.test(arg) || arg.startsWith("/")) {
      source = arg;
      break;
    }
    // Anything before the URL is a class name, which the cleaner drops anyway.
  }
  if (source === undefined) return "";
  const attributes = [`src="${escapeHtml(source)}"`];
  if (rest.length > 0 && /^\d+$/.test(rest[0]!)) {
    attributes.push(`width="${rest.shift()!}"`);
    if (rest.length > 0 && /^\d+$/.test(rest[0]!)) attributes.push(`height="${rest.shift()!}"`);
  }
  // `"title text" "alt text"`, either quoted or not.
  const meta = /^"?([^"]+)?"?\s*"?([^"]+)?"?$/.exec(rest.join(" ").trim());
  if (meta?.[1]) attributes.push(`title="${escapeHtml(meta[1].trim())}"`);
  if (meta?.[2]) attributes.push(`alt="${escapeHtml(meta[2].trim())}"`);
  return `<img ${attributes.join(" ")}>`;
}

/** `{% link text url [external] [title] %}`: no `target`, since a reader opens links where it opens them. */
function link({ args }: TagCall): string {
  const index = args.findIndex((arg) => URL_PATTERN.test(arg));
  if (index < 0) return escapeHtml(args.join(" "));
  const text = args.slice(0, index).join(" ");
  const after = args.slice(index + 1);
  if (after[0] === "true" || after[0] === "false") after.shift();
  const title = after.join(" ");
  const url = args[index]!;
  return `<a href="${escapeHtml(url)}"${title ? ` title="${escapeHtml(title)}"` : ""}>${escapeHtml(text || url)}</a>`;
}

/**
 * `{% youtube video_id %}`: Hexo embeds a player in an iframe, which no feed reader runs and the sanitizer
 * drops, so the reader gets a link to the video instead.
 */
function youtube({ args }: TagCall): string {
  const id = args[0] ?? "";
  if (!/^[\w-]{1,64}$/.test(id)) return "";
  return `<p><a href="https://www.youtube.com/watch?v=${id}">YouTube: ${id}</a></p>`;
}

/** `{% asset_img slug [title] %}`: the slug names a file of the post's asset folder, which holds the post's own URL. */
function assetImage(call: TagCall): string {
  const slug = call.args[0] ?? "";
  if (call.assetBaseUrl === undefined) {
    call.warn(`{% ${call.name} ${slug} %}: the post's asset folder has no public URL (set url and permalink in _config.yml); the image was left out`);
    return "";
  }
  return image({ ...call, args: [new URL(encodeURI(slug), call.assetBaseUrl).href, ...call.args.slice(1)] });
}

/** `{% raw %}…{% endraw %}`: the body as it stands, never read as Markdown. */
function raw({ body }: TagCall): string {
  return body;
}

/** The Hexo tag plugins the builder renders, by name, with Hexo's own aliases. Any other tag is reported and left out of the body. */
export const HEXO_TAGS: Readonly<Record<string, HexoTag>> = lookupTable({
  codeblock: { block: true, render: codeblock },
  code: { block: true, render: codeblock },
  blockquote: { block: true, render: blockquote },
  quote: { block: true, render: blockquote },
  img: { block: false, render: image },
  image: { block: false, render: image },
  link: { block: false, render: link },
  a: { block: false, render: link },
  anchor: { block: false, render: link },
  youtube: { block: false, render: youtube },
  asset_img: { block: false, render: assetImage },
  asset_image: { block: false, render: assetImage },
  raw: { block: true, render: raw },
});
