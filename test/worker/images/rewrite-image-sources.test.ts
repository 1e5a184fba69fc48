import { describe, expect, it } from "vitest";
import { rewriteImageSources } from "../../../src/worker/images/rewrite-image-sources";

// As the build's sanitizer writes bodies: src first, attribute-escaped.
const BODY =
  '<p>图 &lt;img src="https://n.sinaimg.cn/text.png"&gt; 不是图片</p>' +
  '<figure><img src="https://n.sinaimg.cn/a.png?w=1&amp;h=2" alt="a &quot;b&quot;" loading="lazy" referrerpolicy="no-referrer" /><figcaption>x</figcaption></figure>' +
  '<p><a href="https://n.sinaimg.cn/link.png">link</a><img src="https://example.org/b.png" /></p>';

describe("rewriteImageSources", () => {
  it("asks for every <img> src of a sanitized body, decoded, and for nothing in text or links", () => {
    const asked: string[] = [];
    rewriteImageSources(BODY, { get: (source) => void asked.push(source) });
    expect(asked).toEqual(["https://n.sinaimg.cn/a.png?w=1&h=2", "https://example.org/b.png"]);
  });

  it("replaces the src of the images named, escaped, and leaves every other byte as it was", () => {
    const replaced = rewriteImageSources(BODY, new Map([["https://n.sinaimg.cn/a.png?w=1&h=2", "https://site.example/images/t/n.sinaimg.cn/a.png?w=1&h=2"]]));
    expect(replaced).toBe(BODY.replace('src="https://n.sinaimg.cn/a.png?w=1&amp;h=2"', 'src="https://site.example/images/t/n.sinaimg.cn/a.png?w=1&amp;h=2"'));
  });

  it("returns the body unchanged when nothing is to be replaced", () => {
    expect(rewriteImageSources(BODY, new Map())).toBe(BODY);
  });
});
