import { describe, expect, it } from "vitest";
import { openImageProxy } from "../../../src/worker/images/image-proxy";
import { proxyArticleImages } from "../../../src/worker/images/proxy-article-images";
import { makeArticle } from "../../support/make-article";

const BASE = "https://site.example/news";
const PROXIED = /^https:\/\/site\.example\/news\/images\/[A-Za-z0-9_-]{22}\//;

describe("proxyArticleImages", () => {
  it("points the body's images and the lead image of proxied hosts at the proxy under the base, and no others", async () => {
    const proxy = (await openImageProxy(["sinaimg.cn"], "proxy-article-images test secret, long enough"))!;
    const article = makeArticle(1, {
      image: { url: "https://n.sinaimg.cn/lead.png", type: "image/png" },
      contentHtml: '<p><img src="https://n.sinaimg.cn/a.png" alt="" /><img src="https://example.org/b.png" /><a href="https://n.sinaimg.cn/link.png">x</a></p>',
    });
    const [proxied] = await proxyArticleImages([article], proxy, BASE);
    expect(proxied!.image).toEqual({ url: expect.stringMatching(PROXIED), type: "image/png" });
    expect(proxied!.image!.url.replace(PROXIED, "")).toBe("n.sinaimg.cn/lead.png");
    const sources = [...proxied!.contentHtml.matchAll(/<img src="([^"]*)"/g)].map((match) => match[1]!.replace(PROXIED, "proxied:"));
    expect(sources).toEqual(["proxied:n.sinaimg.cn/a.png", "https://example.org/b.png"]);
    // Links stay as they are: only pictures the page shows go through the proxy.
    expect(proxied!.contentHtml).toContain('<a href="https://n.sinaimg.cn/link.png">');
    expect(article.contentHtml).toContain('src="https://n.sinaimg.cn/a.png"');
  });

  it("gives back an article without such images as it is, and makes each URL's token once per isolate", async () => {
    const proxy = (await openImageProxy(["sinaimg.cn"], "another proxy-article-images test secret"))!;
    const plain = makeArticle(2, { contentHtml: '<p><img src="https://example.org/b.png" /></p>' });
    expect((await proxyArticleImages([plain], proxy, BASE))[0]).toBe(plain);
    const withImage = makeArticle(3, { contentHtml: '<p><img src="https://n.sinaimg.cn/a.png" /><img src="https://n.sinaimg.cn/a.png" /></p>' });
    const first = await proxyArticleImages([withImage], proxy, BASE);
    expect(proxy.tokens.size).toBe(1);
    expect(await proxyArticleImages([withImage], proxy, BASE)).toEqual(first);
    expect(proxy.tokens.size).toBe(1);
  });

  it("rewrites a body with sources seen before and new ones alike, each under the base it is asked for", async () => {
    const proxy = (await openImageProxy(["sinaimg.cn"], "a third proxy-article-images test secret"))!;
    const seen = makeArticle(4, { contentHtml: '<p><img src="https://n.sinaimg.cn/a.png" /></p>' });
    const [first] = await proxyArticleImages([seen], proxy, BASE);
    const mixed = makeArticle(5, { contentHtml: '<p><img src="https://n.sinaimg.cn/a.png" /><img src="https://n.sinaimg.cn/new.png" /><img src="https://example.org/b.png" /></p>' });
    const [proxied] = await proxyArticleImages([mixed], proxy, BASE);
    const sources = [...proxied!.contentHtml.matchAll(/<img src="([^"]*)"/g)].map((match) => match[1]!);
    expect(sources[0]).toBe(first!.contentHtml.match(/<img src="([^"]*)"/)![1]);
    expect(sources.map((source) => source.replace(PROXIED, "proxied:"))).toEqual(["proxied:n.sinaimg.cn/a.png", "proxied:n.sinaimg.cn/new.png", "https://example.org/b.png"]);
    const [elsewhere] = await proxyArticleImages([seen], proxy, "https://other.example");
    expect(elsewhere!.contentHtml).toMatch(/<img src="https:\/\/other\.example\/images\/[A-Za-z0-9_-]{22}\/n\.sinaimg\.cn\/a\.png"/);
  });
});
