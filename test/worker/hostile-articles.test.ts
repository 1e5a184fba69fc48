import { env } from "cloudflare:workers";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import type { Article } from "../../src/model/article";
import { FEED_FILE_NAMES } from "../../src/model/feed-format";
import { type Scope, scopePath } from "../../src/model/scope";
import { findActiveContent } from "../builder/html/find-active-content";
import articlesJson from "../fixtures/hostile/published-articles.json";
import { clearKv, seedKv } from "../support/seed-kv";
import { createWorkerHarness } from "../support/worker-harness";
import { findAll, parseXmlStrictly, type XmlElement } from "./feeds/parse-xml-strictly";

// The articles the build makes of the hostile corpus (test/fixtures/hostile/published-articles.json, kept
// equal to the build's output by test/builder/hostile/hostile-posts.test.ts), planned and served by the
// Worker: every feed, page and article they appear in must stay well-formed and inert.
const articles = articlesJson as Article[];
let scopes: Scope[] = [];

beforeAll(async () => {
  await clearKv(env.FEEDS);
  const { plan } = await seedKv(env.FEEDS, articles);
  scopes = Object.values(plan.manifest.scopes).map((entry) => entry.scope);
});

/** Text of an element meant as HTML by readers (RSS text, Atom type="html"), described where it is active. */
function activeHtml(where: string, html: string): string[] {
  return findActiveContent(html).map((found) => `${where}: ${found}`);
}

function checkRss(path: string, root: XmlElement): string[] {
  const problems: string[] = [];
  for (const item of findAll(root, "item")) {
    for (const child of item.children) {
      // RSS 2.0 leaves it to readers whether title and description are HTML; many treat them as HTML.
      if (["title", "description", "content:encoded", "category", "author", "dc:creator"].includes(child.name)) problems.push(...activeHtml(`${path} <${child.name}>`, child.text));
      // A guid that is not a permalink is a tag: URI (RFC 4151); links are absolute http(s).
      const urlPattern = child.name === "guid" ? /^(https?:\/\/|tag:)[^\s<>"]+$/ : /^https?:\/\/[^\s<>"]+$/;
      if (["link", "guid", "comments"].includes(child.name) && !urlPattern.test(child.text)) problems.push(`${path} <${child.name}> ${child.text}`);
    }
  }
  return problems;
}

function checkAtom(path: string, root: XmlElement): string[] {
  const problems: string[] = [];
  for (const element of [...findAll(root, "title"), ...findAll(root, "summary"), ...findAll(root, "content"), ...findAll(root, "subtitle")]) {
    if (element.attributes.type === "html") problems.push(...activeHtml(`${path} <${element.name}>`, element.text));
    else if (element.attributes.type !== undefined && element.attributes.type !== "text") problems.push(`${path} <${element.name} type="${element.attributes.type}">`);
  }
  for (const link of findAll(root, "link")) {
    if (!/^https?:\/\/[^\s<>"]+$/.test(link.attributes.href ?? "")) problems.push(`${path} <link href="${link.attributes.href}">`);
  }
  return problems;
}

function checkJson(path: string, body: string): string[] {
  const feed = JSON.parse(body) as { items: { content_html?: string; url?: string; image?: string }[] };
  const problems: string[] = [];
  for (const item of feed.items) {
    if (item.content_html !== undefined) problems.push(...activeHtml(`${path} content_html`, item.content_html));
    for (const url of [item.url, item.image]) if (url !== undefined && !/^https?:\/\//.test(url)) problems.push(`${path} url ${url}`);
  }
  return problems;
}

/** Scripts, handlers, frames and script URLs in a served page (the shell itself has none). */
function checkPage(path: string, html: string): string[] {
  const { document } = parseHTML(html);
  const problems: string[] = [];
  for (const element of Array.from(document.querySelectorAll("*")) as unknown as { localName: string; attributes: ArrayLike<{ name: string; value: string }> }[]) {
    if (["script", "iframe", "object", "embed", "svg", "math", "form", "base", "frame"].includes(element.localName)) problems.push(`${path}: a <${element.localName}>`);
    for (const attribute of Array.from(element.attributes)) {
      if (attribute.name.startsWith("on") || attribute.name === "style" || attribute.name === "srcdoc") problems.push(`${path}: attribute ${attribute.name}`);
      // `data:,` is the shell's empty favicon: nothing to run or show.
      if (/^\s*(javascript|vbscript|data):/i.test(attribute.value) && attribute.value !== "data:," && ["href", "src", "action", "content"].includes(attribute.name)) problems.push(`${path}: ${attribute.name}=${attribute.value}`);
    }
  }
  return problems;
}

describe("the Worker serving the hostile corpus", () => {
  it("serves every feed of every scope well-formed, with no active content in anything readers read as HTML", async () => {
    expect(scopes.length).toBeGreaterThan(100);
    const harness = createWorkerHarness();
    const problems: string[] = [];
    for (const scope of scopes) {
      const base = scopePath(scope);
      for (const file of Object.values(FEED_FILE_NAMES)) {
        const path = `${base}${file}`;
        const response = await harness.fetch(path);
        expect(response.status, path).toBe(200);
        const body = await response.text();
        if (file === "feed.json") {
          problems.push(...checkJson(path, body));
          continue;
        }
        let root: XmlElement;
        try {
          root = parseXmlStrictly(body);
        } catch (error) {
          problems.push(`${path}: not well-formed: ${(error as Error).message}`);
          continue;
        }
        problems.push(...(file === "feed.xml" ? checkRss(path, root) : checkAtom(path, root)));
      }
    }
    expect(problems).toEqual([]);
  });

  it("gives every category, tag and author a page of its own, headed with its name, that no URL normalization sends elsewhere", async () => {
    const harness = createWorkerHarness();
    const problems: string[] = [];
    for (const scope of scopes) {
      if (scope.kind === "site") continue;
      const path = scopePath(scope);
      // What a browser or feed reader does to the URL before asking for it: dot segments resolved.
      const normalized = new URL(path, "https://example.com").pathname;
      if (normalized !== path) problems.push(`${path} normalizes to ${normalized}`);
      const response = await harness.fetch(path);
      if (response.status !== 200) {
        problems.push(`${path}: ${response.status}`);
        continue;
      }
      const html = await response.text();
      problems.push(...checkPage(path, html));
      const heading = parseHTML(html).document.querySelector("h1")?.textContent;
      const name = scope.kind === "category" ? scope.path.at(-1) : scope.kind === "tag" ? `#${scope.name}` : scope.name;
      if (heading !== name) problems.push(`${path} is headed ${JSON.stringify(heading)}, not ${JSON.stringify(name)}`);
    }
    expect(problems).toEqual([]);
  });

  it("serves each article's page and the home page inert, with the hostile titles as text", async () => {
    const harness = createWorkerHarness();
    const problems: string[] = [];
    for (const article of articles) {
      const path = `/articles/${encodeURIComponent(article.id)}`;
      const response = await harness.fetch(path);
      expect(response.status, path).toBe(200);
      const html = await response.text();
      problems.push(...checkPage(path, html));
      const heading = parseHTML(html).document.querySelector("h1")?.textContent;
      if (heading !== article.title) problems.push(`${path} is headed ${JSON.stringify(heading)}, not ${JSON.stringify(article.title)}`);
    }
    const home = await harness.fetch("/");
    expect(home.status).toBe(200);
    problems.push(...checkPage("/", await home.text()));
    expect(problems).toEqual([]);
  });

  it("lists every feed in a well-formed OPML", async () => {
    const response = await createWorkerHarness().fetch("/opml.xml");
    expect(response.status).toBe(200);
    const outlines = findAll(parseXmlStrictly(await response.text()), "outline").filter((outline) => outline.attributes.xmlUrl !== undefined);
    expect(outlines.length).toBeGreaterThanOrEqual(scopes.length);
    for (const outline of outlines) expect(outline.attributes.xmlUrl).toMatch(/^https?:\/\/[^\s<>"]+$/);
  });
});
