import type { Article } from "../../model/article";
import { type ImageProxy, KEPT_TOKENS, proxiesHost } from "./image-proxy";
import { imageProxyPath, upstreamUrlText } from "./image-proxy-path";
import { imageToken } from "./image-token";
import { rewriteImageSources } from "./rewrite-image-sources";

/**
 * The articles with every image of a proxied host, in the body and as the lead image (`Article.image`, which
 * feeds carry as `media:content`, the Atom enclosure and JSON's `image`), pointing at the proxy under `base`
 * (absolute, like every URL we publish). Articles without such images come back as they are.
 */
export async function proxyArticleImages(articles: readonly Article[], proxy: ImageProxy, base: string): Promise<Article[]> {
  const known = proxiedSources(proxy, base);
  // One pass over each body with what the isolate already made of its sources; only an article with a source
  // not seen before waits for tokens and is rewritten again.
  const unknown = new Set<string>();
  const rewritten = articles.map((article) => rewriteArticle(article, known, unknown));
  if (unknown.size === 0) return rewritten as Article[];
  await Promise.all([...unknown].map((source) => proxySource(proxy, base, source, known)));
  return rewritten.map((article, index) => article ?? rewriteArticle(articles[index]!, known, unknown)!);
}

/** The article with its images pointing at the proxy; undefined, with the sources added to `unknown`, when `known` lacks any of them. */
function rewriteArticle(article: Article, known: ReadonlyMap<string, string | null>, unknown: Set<string>): Article | undefined {
  let missing = false;
  const image = article.image && lookUp(article.image.url);
  const contentHtml = rewriteImageSources(article.contentHtml, { get: lookUp });
  if (missing) return undefined;
  if (image === undefined && contentHtml === article.contentHtml) return article;
  return { ...article, contentHtml, ...(image === undefined ? {} : { image: { ...article.image!, url: image } }) };

  function lookUp(source: string): string | undefined {
    const proxied = known.get(source);
    if (proxied === undefined) {
      missing = true;
      unknown.add(source);
    }
    return proxied ?? undefined;
  }
}

/** What this isolate made of image sources for `base` under the proxy's hosts (ImageProxy.proxied), started again past KEPT_TOKENS. */
function proxiedSources(proxy: ImageProxy, base: string): Map<string, string | null> {
  const scope = `${proxy.hosts.join(" ")}\n${base}`;
  let known = proxy.proxied.get(scope);
  if (known === undefined || known.size >= KEPT_TOKENS) proxy.proxied.set(scope, (known = new Map()));
  return known;
}

/** Adds to `known` the proxied URL of `source`, or null when the proxy does not serve it. */
async function proxySource(proxy: ImageProxy, base: string, source: string, known: Map<string, string | null>): Promise<void> {
  const url = URL.parse(source);
  if (url === null || (url.protocol !== "https:" && url.protocol !== "http:") || !proxiesHost(proxy, url.hostname)) {
    known.set(source, null);
    return;
  }
  const text = upstreamUrlText(url);
  let token = proxy.tokens.get(text);
  if (token === undefined) {
    token = await imageToken(proxy.key, text);
    if (proxy.tokens.size >= KEPT_TOKENS) proxy.tokens.clear();
    proxy.tokens.set(text, token);
  }
  known.set(source, `${base}${imageProxyPath(token, url)}`);
}
