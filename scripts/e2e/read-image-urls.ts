// Every image a reader shows for a feed document or a page: pure, text in, absolute URLs out.
import { parseHTML } from "linkedom";
import sax from "sax";

/** Where in a document an image URL was found, and the URL. */
export interface FoundImage {
  /** `content:encoded`, `media:content`, `content`, `enclosure`, `content_html`, `image` or `img`. */
  where: string;
  url: string;
}

/** The `src` of every `<img>` in some HTML, resolved against `baseUrl`. */
function imageSources(html: string, baseUrl: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return [...document.querySelectorAll("img[src]")].map((image) => new URL(image.getAttribute("src")!, baseUrl).href);
}

/**
 * The images a feed reader shows for a feed document: RSS `content:encoded` bodies and `media:content`, Atom
 * `content` bodies and `link rel="enclosure"`, JSON Feed `content_html` bodies and `image`.
 */
export function readFeedImageUrls(body: string, documentUrl: string): FoundImage[] {
  if (body.trimStart().startsWith("{")) {
    const feed = JSON.parse(body) as { items?: { content_html?: string; image?: string }[] };
    return (feed.items ?? []).flatMap((item) => [
      ...imageSources(item.content_html ?? "", documentUrl).map((url) => ({ where: "content_html", url })),
      ...(item.image === undefined ? [] : [{ where: "image", url: new URL(item.image, documentUrl).href }]),
    ]);
  }
  const found: FoundImage[] = [];
  const parser = sax.parser(true, { trim: false, normalize: false });
  let openBody: { where: string; text: string } | undefined;
  parser.onerror = (error) => {
    throw new Error(`${documentUrl}: not well-formed XML: ${error.message}`);
  };
  parser.onopentag = (tag) => {
    const attributes = tag.attributes as Record<string, string>;
    if (tag.name === "content:encoded" || tag.name === "content") openBody = { where: tag.name, text: "" };
    if (tag.name === "media:content" && attributes.url !== undefined) found.push({ where: "media:content", url: new URL(attributes.url, documentUrl).href });
    if (tag.name === "link" && attributes.rel === "enclosure" && attributes.href !== undefined) found.push({ where: "enclosure", url: new URL(attributes.href, documentUrl).href });
  };
  const collect = (text: string): void => {
    if (openBody) openBody.text += text;
  };
  parser.ontext = collect;
  parser.oncdata = collect;
  parser.onclosetag = (name) => {
    if (openBody && name === openBody.where) {
      found.push(...imageSources(openBody.text, documentUrl).map((url) => ({ where: openBody!.where, url })));
      openBody = undefined;
    }
  };
  parser.write(body).close();
  return found;
}

/** The `src` of every `<img>` of an HTML page, resolved against the page. */
export function readPageImageUrls(html: string, pageUrl: string): FoundImage[] {
  const { document } = parseHTML(html);
  return [...document.querySelectorAll("img[src]")].map((image) => ({ where: "img", url: new URL(image.getAttribute("src")!, pageUrl).href }));
}
