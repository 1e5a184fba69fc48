import type { Article } from "../../model/article";
import { type ImageProxy, KEPT_TOKENS, proxiesHost } from "./image-proxy";
import { imageProxyPath, upstreamUrlText } from "./image-proxy-path";
import { imageToken } from "./image-token";
import { imageSourcesOf, rewriteImageSources } from "./rewrite-image-sources";

/**
 * The articles with every image of a proxied host, in the body and as the lead image (`Article.image`, which
 * feeds carry as `media:content`, the Atom enclosure and JSON's `image`), pointing at the proxy under `base`
 * (absolute, like every URL we publish). Articles without such images come back as they are.
 */
export async function proxyArticleImages(articles: readonly Article[], proxy: ImageProxy, base: string): Promise<Article[]> {
  const upstreams = new Map<string, URL>();
  for (const article of articles) {
    const sources = imageSourcesOf(article.contentHtml);
    if (article.image) sources.push(article.image.url);
    for (const source of sources) {
      if (upstreams.has(source)) continue;
      const url = URL.parse(source);
      if (url !== null && (url.protocol === "https:" || url.protocol === "http:") && proxiesHost(proxy, url.hostname)) upstreams.set(source, url);
    }
  }
  if (upstreams.size === 0) return [...articles];
  const proxied = new Map<string, string>();
  await Promise.all(
    [...upstreams].map(async ([source, url]) => {
      const text = upstreamUrlText(url);
      let token = proxy.tokens.get(text);
      if (token === undefined) {
        token = await imageToken(proxy.key, text);
        if (proxy.tokens.size >= KEPT_TOKENS) proxy.tokens.clear();
        proxy.tokens.set(text, token);
      }
      proxied.set(source, `${base}${imageProxyPath(token, url)}`);
    }),
  );
  return articles.map((article) => {
    const image = article.image && proxied.get(article.image.url);
    const contentHtml = rewriteImageSources(article.contentHtml, proxied);
    if (image === undefined && contentHtml === article.contentHtml) return article;
    return { ...article, contentHtml, ...(image === undefined ? {} : { image: { ...article.image!, url: image } }) };
  });
}
